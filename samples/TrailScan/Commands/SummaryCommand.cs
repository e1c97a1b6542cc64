using System.CommandLine;
using TrailScan.Reports;

namespace TrailScan.Commands;

/// <summary>
/// <c>trailscan summary</c>, also what trailscan runs with no command: the counts of
/// <see cref="Summary"/>, written by <see cref="SummaryOutput"/>.
/// </summary>
internal static class SummaryCommand
{
    /// <summary>The summary command.</summary>
    public static Command Create(AppConsole console)
    {
        var command = new Command("summary", "Counts by eventCategory, service, eventName, identity type and principal, error codes, Insights, notable changes, the time range, and a chart of records over time.");
        AddTo(command, console, hidePaths: false);
        return command;
    }

    /// <summary>
    /// Gives <paramref name="command"/> summary's arguments, options and handler: the root command
    /// gets them too, so that trailscan with no command runs summary. The root's PATH is hidden
    /// (<paramref name="hidePaths"/>): help on a command lists the arguments of the commands above
    /// it, so every command's help would show it.
    /// </summary>
    public static void AddTo(Command command, AppConsole console, bool hidePaths = true)
    {
        var input = new InputOptions(console, sampleLogs: true, hidePaths);
        var format = SharedOptions.Format();
        var top = SharedOptions.Top(10);
        input.AddTo(command, format, top);
        command.SetAction(result => Run(result, input, format, top, console));
    }

    private static int Run(ParseResult result, InputOptions input, Option<string> format, Option<int> top, AppConsole console)
    {
        var records = input.Open(result, console, keepOriginalJson: false, out int openCode, views: true);
        if (records is null) return openCode;
        var summary = new Summary();
        records.ForEachPart(summary, static () => new Summary(), static (part, scanned) => part.Add(scanned.Fields), static (whole, part) => whole.Merge(part));
        if (records.Interrupted) return ExitCodes.Interrupted;
        if (records.Failed) return records.ExitCode;
        if (SharedOptions.IsJson(result, format)) SummaryOutput.WriteJson(console, summary, records.Source, records.Filter);
        else SummaryOutput.WriteTable(console.CreateOutRenderer(), summary, records.Source, result.GetValue(top), records.Filter);
        return records.ExitCode;
    }
}
