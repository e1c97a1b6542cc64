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
        ReadInParallel<T, object>(_ => newPart(), add, static _ => { }, static _ => { }, part => merge(whole, part), filtered, newPart);
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
    /// <param name="emptyPart">
    /// With --dedupe: a new part that emits nothing (its records are merged, not emitted), for a
    /// file whose records turn out to be duplicates of an earlier file's (see <see cref="Settle"/>). Chunked output cannot leave
    /// duplicates out once emitted: it is read with <see cref="ForEachInOrder"/> instead.
    /// </param>
    public void ReadInParallel<TPart, TChunk>(Func<Action<TChunk>, TPart> newPart, Action<TPart, ScannedRecord> add, Action<TPart> endPart, Action<TChunk> onChunk, Action<TPart> onPart, bool filtered, Func<TPart>? emptyPart = null)
    {
        bool dedupe = Source.Dedupes;
        if (dedupe && emptyPart is null) throw new InvalidOperationException("--dedupe: files read at the same time into chunks of output cannot leave duplicates out");
        var reading = new ConcurrentDictionary<int, RecordSource>();
        var unfinished = new ConcurrentDictionary<int, FilePart<TPart>>();
        using var items = Source.OpenItems();
        OrderedParallel<TChunk, FilePart<TPart>>.ReadItem read = (index, emit, stop) =>
        {
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(console.Interrupt, stop);
            var messages = new RecordSource.MessageBuffer();
            var fileConsole = new AppConsole(TextWriter.Null, messages, () => Stream.Null, () => Stream.Null, interrupt: interrupt.Token);
            // With --dedupe, the item leaves out the duplicates within it; those of earlier items are found in
            // Settle, which may read it again (an S3 object's body is kept until then).
            var source = Source.ForItem(items[index], fileConsole, dedupe, keepBody: dedupe);
            reading[index] = source;
            var file = new FilePart<TPart>(source, messages, newPart(emit));
            unfinished[index] = file;
            AddAll(file, add, filtered);
            endPart(file.Part);
            return file;
        };

        void Run()
        {
            OrderedParallel<TChunk, FilePart<TPart>>.Run(
                (index, stop) => items.TryGet(index, stop, out _),
                Workers,
                read,
                (_, chunk) => onChunk(chunk),
                (index, file) =>
                {
                    reading.TryRemove(index, out _);
                    unfinished.TryRemove(index, out _);
                    if (dedupe) file = Settle(file, add, filtered, emptyPart!);
                    file.Source.ReleaseBodies();
                    HandOn(file);
                    if (!file.Source.Interrupted) onPart(file.Part);
                },
                () => console.Interrupt.IsCancellationRequested);
        }

        RunParallel(Run, reading, unfinished, HandOn);
    }

    /// <summary>
    /// How many threads read items at the same time: --parallel, and no more than the files when
    /// every input is a local file. The objects of an s3:// PATH are not counted until listed (they
    /// are downloaded ahead by <see cref="S3Objects"/>, several at once, so the threads read, that
    /// is decompress and frame, buffered bodies).
    /// </summary>
    private int Workers => Source.HasS3Input ? parallel : Math.Min(parallel, Source.Files.Count);

    /// <summary>
    /// Runs a read of items at the same time (<paramref name="run"/>) with progress over what the
    /// items being read have read, then ends the reading: on an interrupt, the items begun and not
    /// handed on (those left in <paramref name="unfinished"/>) were stopped where they were, so what
    /// they read is counted (<paramref name="handOn"/>, in input order).
    /// </summary>
    private void RunParallel<TFile>(Action run, ConcurrentDictionary<int, RecordSource> reading, ConcurrentDictionary<int, TFile> unfinished, Action<TFile> handOn)
    {
        long BytesRead()
        {
            long bytes = Source.BytesRead;
            foreach (var (_, source) in reading) bytes += source.BytesRead;
            return bytes;
        }

        WithProgress(run, BytesRead);
        if (console.Interrupt.IsCancellationRequested)
        {
            // The items begun and not handed on were stopped where they were: count what they read.
            var begun = new List<int>(unfinished.Keys);
            begun.Sort();
            foreach (int index in begun) handOn(unfinished[index]);
            Source.MarkInterrupted();
        }
        Source.ReportDigestFiles();
        AfterReading();
    }

    /// <summary>Adds the records of <paramref name="file"/>'s source to its part (those that pass the filter, when <paramref name="filtered"/>).</summary>
    private void AddAll<TPart>(FilePart<TPart> file, Action<TPart, ScannedRecord> add, bool filtered)
    {
        foreach (var scanned in file.Source.Read())
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
                file.Source.ReportUnreadable(scanned, e);
            }
        }
    }

    /// <summary>
    /// With --dedupe, a file read on a thread of its own and now handed on in input order (every
    /// file before it handed on, their eventIDs in <see cref="RecordSource.SeenEventIds"/>): when
    /// none of its eventIDs was seen before, its part is kept; when every record it returned was
    /// seen before, none is (an empty part); else it is read again, here, leaving out what was
    /// seen, as reading the inputs one after another does. The part is what serial reading gives.
    /// </summary>
    private FilePart<TPart> Settle<TPart>(FilePart<TPart> file, Action<TPart, ScannedRecord> add, bool filtered, Func<TPart> emptyPart)
    {
        var seen = Source.SeenEventIds!;
        var ids = file.Source.SeenEventIds!;
        long before = ids.CountIn(seen);
        if (before == 0)
        {
            seen.UnionWith(ids);
            return file;
        }
        if (before == ids.Count && ids.Count == file.Source.Records)
        {
            // Delivered before (the same log file twice, or an organization trail's and an account trail's): nothing of it is kept.
            file.Source.CountAsDuplicates(before);
            return new FilePart<TPart>(file.Source, file.Messages, emptyPart());
        }
        var messages = new RecordSource.MessageBuffer();
        var fileConsole = new AppConsole(TextWriter.Null, messages, () => Stream.Null, () => Stream.Null, interrupt: console.Interrupt);
        var again = new FilePart<TPart>(Source.ForItem(file.Source.Files[0], fileConsole, seen: seen), messages, emptyPart());
        AddAll(again, add, filtered);
        return again;
    }

    /// <summary>Writes an item's messages, adds what its source counted and how many of its records matched.</summary>
    private void HandOn<TPart>(FilePart<TPart> file) => HandOn(file.Source, file.Messages, file.Matched);

    /// <summary>Writes a file's messages, adds what its source counted and how many of its records matched.</summary>
    private void HandOn(RecordSource source, RecordSource.MessageBuffer messages, long matched)
    {
        foreach (string line in messages.Lines) console.MessageLine(line);
        Source.Absorb(source);
        Matched += matched;
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
