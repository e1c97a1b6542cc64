using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CloudTrailGen;
using TrailScan.Reading;

namespace TrailScan.Commands;

internal sealed partial class FilteredRecords
{
    // A file's thread hands its records on in batches of this many (at most OrderedParallel's
    // few batches per file wait to be taken).
    private const int BatchSize = 128;

    /// <summary>
    /// Calls <paramref name="take"/> on every record that passes the filter, in input order, on
    /// this thread, with what <paramref name="prepare"/> made of it, the input it is in and its
    /// index there: the calls, messages, counts and exit code of <see cref="ForEach"/>. When files
    /// are read at the same time (<see cref="ReadsInParallel"/>), <paramref name="prepare"/> runs
    /// on the file's thread (it must make something that outlives the record, and touch nothing
    /// shared), and the records are handed on here in input order: with --dedupe the duplicates
    /// are left out here, the first in input order kept; with <paramref name="stopAfter"/> the
    /// threads are stopped once that many have passed, and the file where reading stopped is read
    /// again here up to that record, for its messages and counts to be those of reading it alone.
    /// </summary>
    /// <param name="prepare">What to make of a record that passes the filter (on the file's thread).</param>
    /// <param name="take">What to do with it (on this thread, in input order): given the input and the record's index in it.</param>
    /// <param name="stopAfter">Stop reading once this many have passed (null: read everything).</param>
    public void ForEachInOrder<T>(Func<ScannedRecord, T> prepare, Action<T, InputFile, long> take, long? stopAfter = null)
    {
        if (!ReadsInParallel)
        {
            Read(scanned => take(prepare(scanned), scanned.File, scanned.Index), filtered: true, stopAfter);
            return;
        }

        var seen = Source.SeenEventIds; // with --dedupe: every record's eventID comes here, matching or not
        var reading = new ConcurrentDictionary<int, RecordSource>();
        var unfinished = new ConcurrentDictionary<int, (RecordSource Source, RecordSource.MessageBuffer Messages)>();
        using var items = Source.OpenItems();

        OrderedParallel<List<Entry<T>>, (RecordSource Source, RecordSource.MessageBuffer Messages)>.ReadItem read = (index, emit, stop) =>
        {
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(console.Interrupt, stop);
            var messages = new RecordSource.MessageBuffer();
            var fileConsole = new AppConsole(TextWriter.Null, messages, () => Stream.Null, () => Stream.Null, interrupt: interrupt.Token);
            // With stopAfter, the item where reading stops is read again (an S3 object's body is kept until then).
            var source = Source.ForItem(items[index], fileConsole, keepBody: stopAfter is not null);
            reading[index] = source;
            unfinished[index] = (source, messages);
            var batch = new List<Entry<T>>(BatchSize);
            foreach (var scanned in source.Read())
            {
                string? eventId = seen is null ? null : scanned.Fields.GetString(CloudTrailRecordField.EventId);
                Entry<T> entry;
                try
                {
                    if (!Filter.Matches(scanned.Fields))
                    {
                        if (seen is null) continue;
                        entry = new Entry<T>(eventId, scanned.Index, EntryKind.Unmatched, default!);
                    }
                    else
                    {
                        entry = new Entry<T>(eventId, scanned.Index, EntryKind.Matched, prepare(scanned));
                    }
                }
                catch (CloudTrailFormatException e) when (scanned.Fields.View is not null)
                {
                    // Read as a view, the record's typed record was asked for and cannot be read (as in Read).
                    source.ReportUnreadable(scanned, e);
                    entry = new Entry<T>(eventId, scanned.Index, EntryKind.Unreadable, default!);
                }
                batch.Add(entry);
                if (batch.Count == BatchSize)
                {
                    emit(batch);
                    batch = new List<Entry<T>>(BatchSize);
                }
            }
            if (batch.Count > 0) emit(batch);
            return (source, messages);
        };

        // The file being handed on: its records kept (with --dedupe: their eventIDs, to be read
        // again after a stop), duplicates left out, and records that passed the filter.
        var fileIds = stopAfter is not null && seen is not null ? new List<string>() : null;
        long fileIndex = 0, fileDuplicates = 0, fileMatched = 0;
        int stoppedIn = -1;

        void OnBatch(int index, List<Entry<T>> batch)
        {
            foreach (var entry in batch)
            {
                if (stoppedIn >= 0) return;
                long at = entry.Index;
                if (seen is not null)
                {
                    if (entry.EventId is { Length: > 0 } id)
                    {
                        if (!seen.Add(id))
                        {
                            fileDuplicates++;
                            continue;
                        }
                        fileIds?.Add(id);
                    }
                    // Its index among the file's records kept, as the serial reader counts it.
                    at = fileIndex++;
                }
                if (entry.Kind == EntryKind.Unmatched) continue;
                Matched++;
                fileMatched++;
                if (entry.Kind == EntryKind.Unreadable) continue;
                take(entry.Item, items[index], at);
                if (Matched >= stopAfter) stoppedIn = index;
            }
        }

        void Run()
        {
            OrderedParallel<List<Entry<T>>, (RecordSource Source, RecordSource.MessageBuffer Messages)>.Run(
                (index, stop) => items.TryGet(index, stop, out _),
                Workers,
                read,
                OnBatch,
                (index, file) =>
                {
                    reading.TryRemove(index, out _);
                    unfinished.TryRemove(index, out _);
                    file.Source.CountAsDuplicates(fileDuplicates);
                    file.Source.ReleaseBodies();
                    HandOn(file.Source, file.Messages, matched: 0);
                    fileIds?.Clear();
                    fileIndex = fileDuplicates = fileMatched = 0;
                },
                () => stoppedIn >= 0 || console.Interrupt.IsCancellationRequested,
                chunkCapacity: 4);
            if (stoppedIn >= 0) ReadUpToStop();
        }

        // The file where enough records passed, read again on this thread up to the record where
        // they did (with --dedupe, leaving out what the files before it hold): its messages and
        // counts, then, are those of reading it alone, up to there. prepare runs again, for a
        // record whose typed record cannot be read to be reported.
        void ReadUpToStop()
        {
            unfinished.TryRemove(stoppedIn, out _);
            if (fileIds is not null)
            {
                foreach (string id in fileIds) seen!.Remove(id);
            }
            var messages = new RecordSource.MessageBuffer();
            var fileConsole = new AppConsole(TextWriter.Null, messages, () => Stream.Null, () => Stream.Null, interrupt: console.Interrupt);
            var source = Source.ForItem(items[stoppedIn], fileConsole, seen: seen);
            long matched = 0;
            foreach (var scanned in source.Read())
            {
                try
                {
                    if (!Filter.Matches(scanned.Fields)) continue;
                    matched++;
                    _ = prepare(scanned);
                    if (matched >= fileMatched) source.Stop();
                }
                catch (CloudTrailFormatException e) when (scanned.Fields.View is not null)
                {
                    source.ReportUnreadable(scanned, e);
                }
            }
            HandOn(source, messages, matched: 0);
        }

        RunParallel(Run, reading, unfinished, file => HandOn(file.Source, file.Messages, matched: 0));
    }

    private enum EntryKind : byte
    {
        /// <summary>Passed the filter: the item is what prepare made of it.</summary>
        Matched,

        /// <summary>Passed the filter, but its typed record could not be read (reported by the file's reader).</summary>
        Unreadable,

        /// <summary>Did not pass the filter: handed on for its eventID only (--dedupe).</summary>
        Unmatched,
    }

    /// <summary>A record read on a file's thread, handed on in order: its eventID (with --dedupe), its index in the file, and what was made of it.</summary>
    private readonly record struct Entry<T>(string? EventId, long Index, EntryKind Kind, T Item);
}
