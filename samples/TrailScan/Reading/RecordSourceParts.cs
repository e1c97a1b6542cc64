using System.Collections.Generic;
using System.Threading;

namespace TrailScan.Reading;

public sealed partial class RecordSource
{
    /// <summary>
    /// Whether this source is one file of a larger one (<see cref="ForItem"/>): the digest files it
    /// passes over are counted, and the larger source says how many once, at its end.
    /// </summary>
    internal bool CountsDigestFilesOnly { get; init; }

    /// <summary>
    /// Whether files can be read at the same time (<c>--parallel</c>): more than one local file,
    /// or an s3:// PATH (one item per object: see <see cref="InputItems"/>), and no standard
    /// input (one stream). With --dedupe the files are read without knowing what the ones before
    /// them hold, and the duplicates are left out when the files are handed on in input order
    /// (see <c>FilteredRecords</c>).
    /// </summary>
    internal bool CanReadFilesInParallel
    {
        get
        {
            foreach (var file in Files)
            {
                if (file.IsStdin) return false;
            }
            return Files.Count >= 2 || HasS3Input;
        }
    }

    /// <summary>
    /// The eventIDs read so far (with --dedupe; null without). A <see cref="ForItem"/> source can
    /// be given one: the larger source's, to read its item as reading every input in turn would.
    /// </summary>
    internal EventIdSet? SeenEventIds
    {
        get => _seenEventIds;
        init => _seenEventIds = value;
    }

    /// <summary>
    /// Whether reading an S3 object's body (<see cref="InputFile.Body"/>) to its end keeps it, for
    /// the item to be read again (with --dedupe or records --limit, on the merging thread): the
    /// one reading items at the same time lets it go once the item is handed on.
    /// </summary>
    internal bool KeepsBodies { get; init; }

    /// <summary>
    /// A source over one item of this one's inputs alone (a file, or an S3 object: see
    /// <see cref="OpenItems"/>), read with the same options, reporting to <paramref name="console"/>;
    /// <see cref="Absorb"/> adds what it counted to this one. With <paramref name="dedupe"/> it
    /// leaves out the records whose eventID it read before in its own item (and
    /// <see cref="SeenEventIds"/> holds the item's eventIDs); given <paramref name="seen"/>, those
    /// whose eventID is in it (and adds the item's to it). With <paramref name="keepBody"/> an S3
    /// object's body stays, to be read again (see <see cref="KeepsBodies"/>).
    /// </summary>
    internal RecordSource ForItem(InputFile item, AppConsole console, bool dedupe = false, EventIdSet? seen = null, bool keepBody = false) =>
        new(console, [item], _keepOriginalJson, _verbose, dedupe: false, _s3, _views)
        {
            CountsDigestFilesOnly = true,
            SeenEventIds = seen ?? (dedupe ? new EventIdSet() : null),
            KeepsBodies = keepBody,
        };

    /// <summary>
    /// Counts <paramref name="records"/> of the records returned as duplicates instead (with
    /// --dedupe, items read at the same time: found to be duplicates of an earlier item's once
    /// the items are handed on in order).
    /// </summary>
    internal void CountAsDuplicates(long records)
    {
        Records -= records;
        Duplicates += records;
    }

    /// <summary>Adds what <paramref name="part"/> (a <see cref="ForItem"/> source, read) counted, as if this one had read its file.</summary>
    internal void Absorb(RecordSource part)
    {
        Records += part.Records;
        Malformed += part.Malformed;
        Skipped += part.Skipped;
        FailedFiles += part.FailedFiles;
        Duplicates += part.Duplicates;
        DigestFiles += part.DigestFiles;
        FilesStarted += part.FilesStarted;
        if (part.LastStarted is not null) LastStarted = part.LastStarted;
        Interlocked.Add(ref _s3Objects, part._s3Objects);
        if (part.Interrupted) Interrupted = true;
        if (part.HadFatalError) HadFatalError = true;
        Interlocked.Add(ref _bytesDone, part.BytesRead);
    }

    /// <summary>Marks reading as interrupted (the user's Ctrl-C stopped files read at the same time).</summary>
    internal void MarkInterrupted() => Interrupted = true;

    /// <summary>Says how many digest files were passed over (once, after every input; see <see cref="Read"/>).</summary>
    internal void ReportDigestFiles()
    {
        if (DigestFiles > 0 && !_verbose)
        {
            _console.Message($"skipped {Words.Count(DigestFiles, "CloudTrail digest file", "CloudTrail digest files")} (log file integrity validation: they list log files, they hold no records); --verbose names each");
        }
    }

    /// <summary>Collects the lines a file's console writes, to be written in input order.</summary>
    internal sealed class MessageBuffer : System.IO.StringWriter
    {
        public List<string> Lines { get; } = [];

        public override void WriteLine(string? value) => Lines.Add(value ?? "");
    }
}
