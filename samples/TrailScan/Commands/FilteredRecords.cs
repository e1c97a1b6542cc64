using System;
using System.Collections.Generic;
using TrailScan.Reading;

namespace TrailScan.Commands;

/// <summary>
/// What summary, records and coverage read, the same way in each: their PATH arguments expanded
/// (a path that does not exist is reported and the others are read), every record read in order
/// with the progress bar, the records that pass the filters handed on, and the exit code.
/// </summary>
internal sealed class FilteredRecords(AppConsole console, RecordSource source, RecordFilter filter, int pathProblems)
{
    /// <summary>The filters records pass through.</summary>
    public RecordFilter Filter { get; } = filter;

    /// <summary>The inputs, and what reading them passed over.</summary>
    public RecordSource Source { get; } = source;

    /// <summary>
    /// Expands <paramref name="paths"/> and reports those that do not exist. Null when there is
    /// nothing to read at all.
    /// </summary>
    /// <param name="paths">The PATH arguments; empty means the sample logs.</param>
    /// <param name="filter">Which records are handed on.</param>
    /// <param name="console">Where problems are reported.</param>
    /// <param name="keepOriginalJson">Whether each record keeps its JSON as read.</param>
    /// <param name="s3">How s3:// paths are read.</param>
    public static FilteredRecords? Open(string[] paths, RecordFilter filter, AppConsole console, bool keepOriginalJson, S3Input? s3 = null)
    {
        var messages = new List<string>();
        // With no PATH, piped input is what to read (cat log.json | trailscan); else the sample logs.
        if (paths.Length == 0 && console.StdinHasInput) paths = ["-"];
        var files = Inputs.Expand(paths, messages);
        foreach (string message in messages) console.Message(message);
        if (files.Count == 0 && messages.Count > 0) return null;
        return new FilteredRecords(console, new RecordSource(console, files, keepOriginalJson, s3), filter, pathProblems: messages.Count);
    }

    /// <summary>Calls <paramref name="action"/> on every record that passes the filter, in order.</summary>
    public void ForEach(Action<ScannedRecord> action)
    {
        ProgressReporter.ForEach(console, Source, scanned =>
        {
            if (Filter.Matches(scanned.Record)) action(scanned);
        });
        if (Source.Records == 0)
        {
            console.Message(Source.Skipped > 0
                ? $"no CloudTrail records in the input: {Source.Skipped:N0} JSON values read, none of them a CloudTrail record"
                : $"no CloudTrail records in the input ({Source.Files.Count:N0} {(Source.Files.Count == 1 ? "input" : "inputs")} read)");
        }
    }

    /// <summary>
    /// <see cref="ExitCodes.BadInput"/> when a path did not exist, an input was malformed or
    /// not read to its end, or no CloudTrail record was read at all (after <see cref="ForEach"/>),
    /// else <see cref="ExitCodes.Success"/>.
    /// </summary>
    public int ExitCode => pathProblems > 0 || Source.HadInputErrors || Source.Records == 0 ? ExitCodes.BadInput : ExitCodes.Success;
}
