using System;
using System.Collections.Generic;
using CloudTrailGen;
using TrailScan.Reading;

namespace TrailScan.Commands;

/// <summary>
/// What summary, records and coverage read, the same way in each: their PATH arguments expanded
/// (a path that does not exist is reported and the others are read), every record read in order
/// with the progress bar, the records that pass the filters handed on, and the exit code.
/// </summary>
internal sealed partial class FilteredRecords(AppConsole console, RecordSource source, RecordFilter filter, int pathProblems, int parallel = 1)
{
    /// <summary>The filters records pass through.</summary>
    public RecordFilter Filter { get; } = filter;

    /// <summary>The inputs, and what reading them passed over.</summary>
    public RecordSource Source { get; } = source;

    /// <summary>
    /// Expands <paramref name="paths"/> and reports those that do not exist. Null when there is
    /// nothing to read at all.
    /// </summary>
    /// <param name="paths">The PATH arguments; empty means standard input when it is a pipe or a file (<see cref="AppConsole.StdinHasInput"/>), else the sample logs.</param>
    /// <param name="filter">Which records are handed on.</param>
    /// <param name="console">Where problems are reported.</param>
    /// <param name="keepOriginalJson">Whether each record keeps its JSON as read.</param>
    /// <param name="verbose">Whether every value passed over gets a message (see <see cref="RecordSource"/>).</param>
    /// <param name="dedupe">Whether a record whose eventID was read before is left out.</param>
    /// <param name="s3">How s3:// paths are read.</param>
    /// <param name="views">Whether local inputs are read as record views (see <see cref="RecordSource"/>).</param>
    /// <param name="parallel">How many files may be read at the same time (see <see cref="ReadsInParallel"/>).</param>
    public static FilteredRecords? Open(string[] paths, RecordFilter filter, AppConsole console, bool keepOriginalJson, bool verbose = false, bool dedupe = false, S3Input? s3 = null, bool views = false, int parallel = 1)
    {
        var messages = new List<string>();
        // With no PATH, piped input is what to read (cat log.json | trailscan); else the sample logs.
        if (paths.Length == 0 && console.StdinHasInput) paths = ["-"];
        var notes = new List<string>();
        var files = Inputs.Expand(paths, messages, notes, verbose);
        foreach (string message in messages) console.Message(message);
        foreach (string note in notes) console.Message(note);
        if (files.Count == 0 && messages.Count > 0) return null;
        return new FilteredRecords(console, new RecordSource(console, files, keepOriginalJson, verbose, dedupe, s3, views), filter, pathProblems: messages.Count, parallel);
    }

    /// <summary>Calls <paramref name="action"/> on every record that passes the filter, in order.</summary>
    /// <param name="action">What to do with each.</param>
    /// <param name="stopAfter">Stop reading once this many have passed (null: read everything).</param>
    public void ForEach(Action<ScannedRecord> action, long? stopAfter = null) => Read(action, filtered: true, stopAfter);

    /// <summary>Calls <paramref name="action"/> on every record read, in order, whether it passes the filter or not (the command applies <see cref="Filter"/> itself).</summary>
    public void ForEachRead(Action<ScannedRecord> action) => Read(action, filtered: false, stopAfter: null);

    private void Read(Action<ScannedRecord> action, bool filtered, long? stopAfter)
    {
        ProgressReporter.ForEach(console, Source, scanned =>
        {
            try
            {
                if (!filtered || Filter.Matches(scanned.Fields))
                {
                    Matched++;
                    action(scanned);
                    if (Matched >= stopAfter) Source.Stop();
                }
            }
            catch (CloudTrailFormatException e) when (scanned.Fields.View is not null)
            {
                // Read as a view, the record's typed record was asked for and cannot be read.
                Source.ReportUnreadable(scanned, e);
            }
        });
        AfterReading();
    }

    /// <summary>Says why nothing is reported, when reading was interrupted or found no record.</summary>
    private void AfterReading()
    {
        // The error said why (an s3:// PATH that could not be listed): counts would mislead.
        if (Source.HadFatalError) return;
        if (Source.Interrupted)
        {
            if (console.ErrorIsTerminal) AppConsole.RestoreCursor(console.Error);
            var files = Source.Files;
            string last = Source.LastStarted is { } started ? $", the last {started.Name}" : "";
            // An s3:// PATH's objects are counted as inputs; how many there are is not known until listed.
            string of = Source.HasS3Input ? "" : $" of {files.Count:N0}";
            int count = Source.HasS3Input ? Source.FilesStarted : files.Count;
            console.Message($"interrupted: {Words.Count(Source.Records, "record", "records")} read ({Matched:N0} of them matching) from {Source.FilesStarted:N0}{of} {(count == 1 ? "input" : "inputs")}{last}; not read to the end, so nothing is reported");
            return;
        }
        if (Source.Records == 0 && NothingInRange)
        {
            console.Message($"no log objects under {string.Join(", ", Source.S3ListedNothing)} for the time range, accounts and regions asked for (--since, --until, --account, --region)");
        }
        else if (Source.Records == 0)
        {
            console.Message(Source.Skipped == 1 ? "no CloudTrail records in the input: 1 JSON value read, and it is not a CloudTrail record"
                : Source.Skipped > 0 ? $"no CloudTrail records in the input: {Source.Skipped:N0} JSON values read, none of them a CloudTrail record"
                : Source.Malformed == 0 && Source.FailedFiles == 0 && Source.BytesRead == 0 ? $"no CloudTrail records in the input: {(Source.Files.Count == 1 ? $"{Source.Files[0].Name} is empty" : $"the {Source.Files.Count:N0} inputs are empty")}"
                : $"no CloudTrail records in the input ({Words.Count(Source.Files.Count, "input", "inputs")} read)");
        }
    }

    /// <summary>Records that passed the filter (so far).</summary>
    public long Matched { get; private set; }

    /// <summary>
    /// Whether an input could not be read at all (see <see cref="RecordSource.HadFatalError"/>): the
    /// command writes no report and exits with <see cref="ExitCode"/> (<see cref="ExitCodes.BadInput"/>).
    /// </summary>
    public bool Failed => Source.HadFatalError;

    /// <summary>Whether the user interrupted reading (Ctrl-C): the command writes no report and exits with <see cref="ExitCodes.Interrupted"/>.</summary>
    public bool Interrupted => Source.Interrupted;

    /// <summary>
    /// <see cref="ExitCodes.BadInput"/> when a path did not exist, an input was malformed or
    /// not read to its end, or no CloudTrail record was read at all (after <see cref="ForEach"/>;
    /// not when the only inputs were s3:// trails with no log of the range, accounts and regions
    /// asked for), else <see cref="ExitCodes.Success"/>.
    /// </summary>
    public int ExitCode => pathProblems > 0 || Source.HadInputErrors || (Source.Records == 0 && !NothingInRange) ? ExitCodes.BadInput : ExitCodes.Success;

    // Every input an s3:// trail with nothing of the range, accounts and regions asked for: as
    // with a local copy read with the same filters, no record matched, and that is no error.
    private bool NothingInRange => Source.S3ListedNothing is { Count: > 0 } listed && listed.Count == Source.Files.Count;
}
