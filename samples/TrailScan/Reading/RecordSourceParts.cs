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
    /// Whether files can be read at the same time (<c>--parallel</c>): more than one local file,
    /// or an s3:// PATH (one item per object: see <see cref="InputItems"/>), no standard input
    /// (one stream), and no --dedupe (which must see the eventIDs in input order).
    /// </summary>
    internal bool CanReadFilesInParallel
    {
        get
        {
            if (Dedupes) return false;
            foreach (var file in Files)
            {
                if (file.IsStdin) return false;
            }
            return Files.Count >= 2 || HasS3Input;
        }
    }

    /// <summary>
    /// A source over one item of this one's inputs alone (a file, or an S3 object: see
    /// <see cref="OpenItems"/>), read with the same options, reporting to <paramref name="console"/>;
    /// <see cref="Absorb"/> adds what it counted to this one.
    /// </summary>
    internal RecordSource ForItem(InputFile item, AppConsole console) =>
        new(console, [item], _keepOriginalJson, _verbose, dedupe: false, _s3, _views) { CountsDigestFilesOnly = true };

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
        if (part.LastStarted is not null) LastStarted = part.LastStarted;
        Interlocked.Add(ref _s3Objects, part._s3Objects);
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
