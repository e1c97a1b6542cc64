using System.Collections.Generic;
using System.Threading;

namespace TrailScan.Reading;

public sealed partial class RecordSource
{
    /// <summary>
    /// Whether this source is one file of a larger one (<see cref="ForFile"/>): the digest files it
    /// passes over are counted, and the larger source says how many once, at its end.
    /// </summary>
    internal bool CountsDigestFilesOnly { get; init; }

    /// <summary>
    /// Whether files can be read at the same time (<c>--parallel</c>): more than one input, all
    /// of them local files (standard input is one stream; s3:// inputs have their own reader,
    /// which reads a few objects at a time already). With --dedupe the files are read without
    /// knowing what the ones before them hold, and the duplicates are left out when the files
    /// are handed on in input order (see <c>FilteredRecords</c>).
    /// </summary>
    internal bool CanReadFilesInParallel
    {
        get
        {
            if (Files.Count < 2) return false;
            foreach (var file in Files)
            {
                if (file.Path is null || file.IsStdin || file.S3 is not null) return false;
            }
            return true;
        }
    }

    /// <summary>
    /// The eventIDs read so far (with --dedupe; null without). A <see cref="ForFile"/> source can
    /// be given one: the larger source's, to read its file as reading every input in turn would.
    /// </summary>
    internal HashSet<string>? SeenEventIds
    {
        get => _seenEventIds;
        init => _seenEventIds = value;
    }

    /// <summary>
    /// A source over one of this one's inputs alone, read with the same options, reporting to
    /// <paramref name="console"/>; <see cref="Absorb"/> adds what it counted to this one. With
    /// <paramref name="dedupe"/> it leaves out the records whose eventID it read before in its
    /// own file (and <see cref="SeenEventIds"/> holds the file's eventIDs); given
    /// <paramref name="seen"/>, those whose eventID is in it (and adds the file's to it).
    /// </summary>
    internal RecordSource ForFile(int index, AppConsole console, bool dedupe = false, HashSet<string>? seen = null) =>
        new(console, [Files[index]], _keepOriginalJson, _verbose, dedupe: false, _s3, _views)
        {
            CountsDigestFilesOnly = true,
            SeenEventIds = seen ?? (dedupe ? new HashSet<string>(System.StringComparer.Ordinal) : null),
        };

    /// <summary>
    /// Counts <paramref name="records"/> of the records returned as duplicates instead (with
    /// --dedupe, files read at the same time: found to be duplicates of an earlier file's once
    /// the files are handed on in order).
    /// </summary>
    internal void CountAsDuplicates(long records)
    {
        Records -= records;
        Duplicates += records;
    }

    /// <summary>Adds what <paramref name="part"/> (a <see cref="ForFile"/> source, read) counted, as if this one had read its file.</summary>
    internal void Absorb(RecordSource part)
    {
        Records += part.Records;
        Malformed += part.Malformed;
        Skipped += part.Skipped;
        FailedFiles += part.FailedFiles;
        Duplicates += part.Duplicates;
        DigestFiles += part.DigestFiles;
        FilesStarted += part.FilesStarted;
        if (part.Interrupted) Interrupted = true;
        Interlocked.Add(ref _bytesDone, part.BytesRead);
    }

    /// <summary>Marks reading as interrupted (the user's Ctrl-C stopped files read at the same time).</summary>
    internal void MarkInterrupted() => Interrupted = true;

    /// <summary>Says how many digest files were passed over (once, after every input; see <see cref="Read"/>).</summary>
    internal void ReportDigestFiles()
    {
        if (DigestFiles > 0 && !_verbose)
        {
            _console.Message($"skipped {DigestFiles:N0} CloudTrail digest {(DigestFiles == 1 ? "file" : "files")} (log file integrity validation: they list log files, they hold no records); --verbose names each");
        }
    }

    /// <summary>Collects the lines a file's console writes, to be written in input order.</summary>
    internal sealed class MessageBuffer : System.IO.StringWriter
    {
        public List<string> Lines { get; } = [];

        public override void WriteLine(string? value) => Lines.Add(value ?? "");
    }
}
