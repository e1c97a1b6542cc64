using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using CloudTrailGen;
using Spectre.Console;
using TrailScan.Reading;

namespace TrailScan.Commands;

internal sealed partial class FilteredRecords
{
    // Inputs read within this time show no bar at all (as ProgressReporter).
    private static readonly TimeSpan s_quietTime = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// Whether files are read at the same time: --parallel above 1 and a source that allows it
    /// (see <see cref="RecordSource.CanReadFilesInParallel"/>); else one after another.
    /// </summary>
    public bool ReadsInParallel => parallel > 1 && Source.CanReadFilesInParallel;

    /// <summary>
    /// Reads every record into a report: into <paramref name="whole"/> when files are read one
    /// after another; else into a part per file (<paramref name="newPart"/>), read at the same
    /// time, merged into <paramref name="whole"/> in input order (<paramref name="merge"/>), so
    /// that the report is the same.
    /// </summary>
    /// <param name="whole">The report.</param>
    /// <param name="newPart">A new, empty report for one file.</param>
    /// <param name="add">Adds a record to a report.</param>
    /// <param name="merge">Merges a file's report into the whole (called in input order).</param>
    /// <param name="filtered">Whether only records that pass the filter are added (else all, and <paramref name="add"/> applies the filter itself).</param>
    public void ForEachPart<T>(T whole, Func<T> newPart, Action<T, ScannedRecord> add, Action<T, T> merge, bool filtered = true)
    {
        if (!ReadsInParallel)
        {
            Read(scanned => add(whole, scanned), filtered, stopAfter: null);
            return;
        }
        ReadInParallel<T, object>(_ => newPart(), add, static _ => { }, static _ => { }, part => merge(whole, part), filtered);
    }

    /// <summary>
    /// Reads the files (and the objects of s3:// PATHs, in listing order: see <see cref="InputItems"/>)
    /// at the same time, each into a part of its own (<paramref name="newPart"/>
    /// gets the function that hands a chunk of output on), and hands the parts' chunks and then
    /// the parts on in input order, on this thread. Each file's messages are written when its
    /// turn comes, so they are the same, in the same order, as reading one file after another.
    /// </summary>
    /// <param name="newPart">A new part for one file, given where its chunks of output go.</param>
    /// <param name="add">Adds a record to a part (on the file's thread).</param>
    /// <param name="endPart">Called on the file's thread when its file is read (to hand on what output is left).</param>
    /// <param name="onChunk">Writes a chunk of output (on this thread, in input order).</param>
    /// <param name="onPart">Takes a file's part (on this thread, in input order).</param>
    /// <param name="filtered">Whether only records that pass the filter are added.</param>
    public void ReadInParallel<TPart, TChunk>(Func<Action<TChunk>, TPart> newPart, Action<TPart, ScannedRecord> add, Action<TPart> endPart, Action<TChunk> onChunk, Action<TPart> onPart, bool filtered)
    {
        var reading = new ConcurrentDictionary<int, RecordSource>();
        var unfinished = new ConcurrentDictionary<int, FilePart<TPart>>();
        using var items = Source.OpenItems();
        OrderedParallel<TChunk, FilePart<TPart>>.ReadItem read = (index, emit, stop) =>
        {
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(console.Interrupt, stop);
            var messages = new RecordSource.MessageBuffer();
            var fileConsole = new AppConsole(TextWriter.Null, messages, () => Stream.Null, () => Stream.Null, interrupt: interrupt.Token);
            items.TryGet(index, stop, out var item); // known: the index was given out because it exists
            var source = Source.ForItem(item!, fileConsole);
            reading[index] = source;
            var file = new FilePart<TPart>(source, messages, newPart(emit));
            unfinished[index] = file;
            foreach (var scanned in source.Read())
            {
                try
                {
                    if (filtered && !Filter.Matches(scanned.Fields)) continue;
                    file.Matched++;
                    add(file.Part, scanned);
                }
                catch (CloudTrailFormatException e) when (scanned.Fields.View is not null)
                {
                    // Read as a view, the record's typed record was asked for and cannot be read (as in Read).
                    source.ReportUnreadable(scanned, e);
                }
            }
            endPart(file.Part);
            return file;
        };

        void Run()
        {
            // Local files alone: no more threads than files. S3 objects are downloaded ahead by
            // S3Objects (several at once), so the threads read (decompress, frame) buffered bodies.
            OrderedParallel<TChunk, FilePart<TPart>>.Run(
                (index, stop) => items.TryGet(index, stop, out _),
                Source.HasS3Input ? parallel : Math.Min(parallel, Source.Files.Count),
                read,
                (_, chunk) => onChunk(chunk),
                (index, file) =>
                {
                    reading.TryRemove(index, out _);
                    unfinished.TryRemove(index, out _);
                    HandOn(file);
                    if (!file.Source.Interrupted) onPart(file.Part);
                },
                () => console.Interrupt.IsCancellationRequested);
        }

        void HandOn(FilePart<TPart> file)
        {
            foreach (string line in file.Messages.Lines) console.MessageLine(line);
            Source.Absorb(file.Source);
            Matched += file.Matched;
        }

        long BytesRead()
        {
            long bytes = Source.BytesRead;
            foreach (var (_, source) in reading) bytes += source.BytesRead;
            return bytes;
        }

        WithProgress(Run, BytesRead);
        if (console.Interrupt.IsCancellationRequested)
        {
            // The files begun and not handed on were stopped where they were: count what they read.
            var begun = new List<int>(unfinished.Keys);
            begun.Sort();
            foreach (int index in begun) HandOn(unfinished[index]);
            Source.MarkInterrupted();
        }
        Source.ReportDigestFiles();
        AfterReading();
    }

    /// <summary>
    /// Runs <paramref name="run"/>, with a progress bar on standard error when it is a terminal
    /// and reading takes more than a moment (as <see cref="ProgressReporter"/>): then
    /// <paramref name="run"/> runs on a thread of its own while this one draws the bar.
    /// </summary>
    private void WithProgress(Action run, Func<long> bytesRead)
    {
        if (!console.ErrorIsTerminal || Environment.GetEnvironmentVariable("TRAILSCAN_NO_PROGRESS") is { Length: > 0 })
        {
            run();
            return;
        }
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                run();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        })
        { Name = "trailscan merge" };
        var clock = Stopwatch.StartNew();
        thread.Start();
        if (!thread.Join(s_quietTime))
        {
            var renderer = console.CreateProgressRenderer();
            // S3 objects have no known size until listed: a spinner and the bytes read instead of a bar (as ProgressReporter).
            bool sizeUnknown = Source.SizeUnknown;
            ProgressColumn[] columns = sizeUnknown
                ? [new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn()]
                : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn()];
            renderer.Progress()
                .AutoClear(true)
                .Columns(columns)
                .Start(context =>
                {
                    var task = context.AddTask("reading", maxValue: Math.Max(1, Source.TotalBytes));
                    task.IsIndeterminate = sizeUnknown;
                    console.MessageSink = line => renderer.WriteLine(line);
                    try
                    {
                        while (!thread.Join(TimeSpan.FromMilliseconds(100)))
                        {
                            task.Description = sizeUnknown
                                ? $"{parallel} at a time, {Source.ObjectsRead:N0} objects, {bytesRead() / 1048576.0:N1} MiB read"
                                : $"{parallel} files at a time";
                            task.Value = Math.Min(task.MaxValue, bytesRead());
                        }
                        task.Value = task.MaxValue;
                    }
                    finally
                    {
                        console.MessageSink = null;
                    }
                });
        }
        thread.Join();
        error?.Throw();
    }

    /// <summary>A file read on a thread of its own: its source (counts), messages, the part read and how many records matched.</summary>
    private sealed class FilePart<TPart>(RecordSource source, RecordSource.MessageBuffer messages, TPart part)
    {
        public RecordSource Source { get; } = source;

        public RecordSource.MessageBuffer Messages { get; } = messages;

        public TPart Part { get; } = part;

        public long Matched { get; set; }
    }
}
