using System.CommandLine;
using TrailScan.Reports;

namespace TrailScan.Commands;

/// <summary>
/// <c>trailscan coverage</c>: how much of the input the generated types cover, measured by
/// <see cref="Coverage"/> and written by <see cref="CoverageOutput"/>.
/// </summary>
internal static class CoverageCommand
{
    /// <summary>The coverage command.</summary>
    public static Command Create(AppConsole console)
    {
        var command = new Command("coverage", "How much of the input the generated types cover: records read, round-trip equality, typed events, typed and untyped keys of requestParameters/responseElements, and where typing stops.");
        var input = new InputOptions(console, sampleLogs: false);
        // --format json is the spelling every command shares; --json stays for scripts that use it.
        var json = new Option<bool>("--json") { Description = "Same as --format json.", Hidden = true };
        var format = SharedOptions.Format();
        var top = SharedOptions.Top(20);
        input.AddTo(command, json, format, top);
        command.SetAction(result => Run(result, input, json, format, top, console));
        return command;
    }

    private static int Run(ParseResult result, InputOptions input, Option<bool> json, Option<string> format, Option<int> top, AppConsole console)
    {
        // Round-trip equality compares each record's re-serialization with its JSON as read.
        var records = input.Open(result, console, keepOriginalJson: true, out int openCode);
        if (records is null) return openCode;
        var coverage = new Coverage();
        records.ForEachPart(coverage, static () => new Coverage(), static (part, scanned) => part.Add(scanned), static (whole, part) => whole.Merge(part));
        if (records.Interrupted) return ExitCodes.Interrupted;
        if (records.Failed) return records.ExitCode;
        if (result.GetValue(json) || SharedOptions.IsJson(result, format)) CoverageOutput.WriteJson(console, coverage, records.Source, result.GetValue(top));
        else CoverageOutput.WriteTable(console.CreateOutRenderer(), coverage, records.Source, result.GetValue(top));
        return records.ExitCode;
    }
}
