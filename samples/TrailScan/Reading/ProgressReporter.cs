using System;
using System.Diagnostics;
using Spectre.Console;

namespace TrailScan.Reading;

/// <summary>
/// Runs an action on every record of a source, with a progress bar on standard error when it is a
/// terminal and the input takes more than a moment. Output on standard output is never touched.
/// </summary>
public static class ProgressReporter
{
    // Inputs read within this time show no bar at all.
    private static readonly TimeSpan s_quietTime = TimeSpan.FromMilliseconds(400);

    /// <summary>Calls <paramref name="action"/> on every record of <paramref name="source"/>, in order.</summary>
    public static void ForEach(AppConsole console, RecordSource source, Action<ScannedRecord> action)
    {
        using var records = source.Read().GetEnumerator();
        if (!console.ErrorIsTerminal || Environment.GetEnvironmentVariable("TRAILSCAN_NO_PROGRESS") is { Length: > 0 })
        {
            while (records.MoveNext()) action(records.Current);
            return;
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_quietTime)
        {
            if (!records.MoveNext()) return;
            action(records.Current);
        }

        var renderer = console.CreateProgressRenderer();
        // Standard input and S3 have no known size: a spinner and the bytes read instead of a bar.
        ProgressColumn[] columns = source.SizeUnknown
            ? [new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn()]
            : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn()];
        renderer.Progress()
            .AutoClear(true)
            .Columns(columns)
            .Start(context =>
            {
                var task = context.AddTask("reading", maxValue: Math.Max(1, source.TotalBytes));
                task.IsIndeterminate = source.SizeUnknown;
                // Messages (malformed lines, ...) are written above the bar instead of through it.
                console.MessageSink = line => renderer.WriteLine(line);
                try
                {
                    long count = 0;
                    while (records.MoveNext())
                    {
                        action(records.Current);
                        if ((++count & 1023) == 0)
                        {
                            task.Description = source.SizeUnknown
                                ? $"{count:N0} records, {(source.ObjectsRead > 0 ? $"{source.ObjectsRead:N0} objects, " : "")}{source.BytesRead / 1048576.0:N1} MiB read"
                                : $"{count:N0} records";
                            task.Value = Math.Min(task.MaxValue, source.BytesRead);
                        }
                    }
                    task.Value = task.MaxValue;
                }
                finally
                {
                    console.MessageSink = null;
                }
            });
    }
}
