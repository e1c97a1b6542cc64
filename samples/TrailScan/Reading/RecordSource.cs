using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using Amazon.Runtime;
using CloudTrailGen;
using TrailScan.Aws;

namespace TrailScan.Reading;

/// <summary>A record and where it came from; valid until the next record is read.</summary>
/// <param name="Fields">The record: its view's fields (or a typed record's), its bytes, and the typed record on demand.</param>
/// <param name="File">The input it was read from.</param>
/// <param name="Index">Its index among that input's records (0-based).</param>
public readonly record struct ScannedRecord(RecordFields Fields, InputFile File, long Index)
{
    /// <summary>The typed record (the event class when the catalog has one), read on first use.</summary>
    public CloudTrailRecord Record => Fields.Record;
}

/// <summary>
/// Streams the records of every input through <c>CloudTrailLog</c>, one at a time, and counts
/// what it passes over. Local files, standard input and the objects of an s3:// PATH (in listing
/// order, downloaded ahead: see <see cref="S3Objects"/>) are read as record views (nothing is
/// built for a record until a command asks for its typed record), or as typed records when
/// every record is needed typed anyway. A file that cannot be read on stops that file only: its earlier records
/// were returned, the problem is reported on standard error (naming the file and byte), and
/// <see cref="HadInputErrors"/> turns true so the command can exit with 1.
/// </summary>
public sealed partial class RecordSource
{
    // Log files expand 10-20 times under gzip; this bounds what a hostile one can claim.
    private const long MaxDecompressedBytes = 16L << 30;

    private readonly AppConsole _console;
    private readonly bool _keepOriginalJson;
    private readonly bool _views;
    private readonly bool _verbose;
    private IssueLog? _issues; // the current input's
    private EventIdSet? _seenEventIds; // with --dedupe
    private long _bytesDone; // bytes of files finished, for the progress bar
    private CountingStream? _current;
    private readonly S3Input _s3;

    /// <summary>Creates a source over the given inputs.</summary>
    /// <param name="console">Where problems are reported.</param>
    /// <param name="files">The inputs, in order.</param>
    /// <param name="keepOriginalJson">Whether each record keeps its JSON as read (<c>Delivery.OriginalJson</c>).</param>
    /// <param name="verbose">
    /// Whether every value passed over gets its own message; else the first of each kind per input
    /// does, then one line counts the rest, and digest files are counted once for all inputs.
    /// </param>
    /// <param name="dedupe">Whether a record whose eventID was read before is left out (counted in <see cref="Duplicates"/>).</param>
    /// <param name="s3">How s3:// inputs are listed and reached; null for the defaults.</param>
    /// <param name="views">
    /// Whether local inputs are read as record views, the typed record read only when asked for
    /// (<see cref="ScannedRecord.Record"/>); else every record is read typed, as the command
    /// needs every one of them so.
    /// </param>
    public RecordSource(AppConsole console, IReadOnlyList<InputFile> files, bool keepOriginalJson = false, bool verbose = false, bool dedupe = false, S3Input? s3 = null, bool views = false)
    {
        _views = views;
        _console = console;
        _s3 = s3 ?? new S3Input();
        _verbose = verbose;
        _seenEventIds = dedupe ? new EventIdSet() : null;
        Files = files;
        _keepOriginalJson = keepOriginalJson;
        foreach (var file in files) TotalBytes += file.Length;
    }

    /// <summary>The inputs.</summary>
    public IReadOnlyList<InputFile> Files { get; }

    /// <summary>
    /// The files read: each local file and standard input, and for an s3:// PATH each object read
    /// or failed (objects whose names are outside the time range are not read, so not counted).
    /// </summary>
    public int FilesRead => Files.Count(f => f.S3 is null) + _s3Objects;

    private int _s3Objects; // begun

    /// <summary>The size of all input files (standard input counts 0).</summary>
    public long TotalBytes { get; }

    /// <summary>Bytes read from the inputs so far, as stored (compressed for .gz); safe to read from another thread.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesDone) + (Volatile.Read(ref _current)?.Count ?? 0);

    /// <summary>S3 objects begun (for the progress bar); safe to read from another thread.</summary>
    public long ObjectsRead => Volatile.Read(ref _s3Objects);

    /// <summary>The input (file, standard input or S3 object) begun last; null before the first.</summary>
    public InputFile? LastStarted { get; private set; }

    /// <summary>Whether an s3:// PATH is among the inputs (its objects are not known until listed).</summary>
    public bool HasS3Input => Files.Any(f => f.S3 is not null);

    /// <summary>Whether an input of unknown size (standard input, S3) is among the inputs.</summary>
    public bool SizeUnknown => Files is { Count: > 0 } && FilesOfUnknownSize();

    /// <summary>Records returned.</summary>
    public long Records { get; private set; }

    /// <summary>Records that were not valid JSON (the reader went on after each).</summary>
    public long Malformed { get; private set; }

    /// <summary>JSON values that were not CloudTrail records (SNS validation messages, other services' JSON, values without a record's fields).</summary>
    public long Skipped { get; private set; }

    /// <summary>Inputs that could not be read to their end.</summary>
    public int FailedFiles { get; private set; }

    /// <summary>
    /// Whether an input could not be read at all (<see cref="InputFile.Failure"/>: an s3:// PATH
    /// whose client could not be made or whose listing failed): reading stops there, and the
    /// command writes the error alone, no report of what was read before.
    /// </summary>
    public bool HadFatalError { get; private set; }

    /// <summary>Whether reading stopped because the user interrupted (Ctrl-C).</summary>
    public bool Interrupted { get; private set; }

    private bool _stopped;

    /// <summary>Stops reading after the record being handled (--limit): not an interruption.</summary>
    public void Stop() => _stopped = true;

    /// <summary>Inputs begun (all of them, unless interrupted).</summary>
    public int FilesStarted { get; private set; }

    /// <summary>Whether any input was malformed or could not be read to its end: exit code 1.</summary>
    public bool HadInputErrors => Malformed > 0 || FailedFiles > 0;

    /// <summary>Records left out because their eventID was read before (with --dedupe; not in <see cref="Records"/>).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Whether records whose eventID was read before are left out.</summary>
    public bool Dedupes => _seenEventIds is not null;

    /// <summary>CloudTrail digest files passed over (counted in <see cref="Skipped"/> too).</summary>
    public long DigestFiles { get; private set; }

    /// <summary>Every record of every input, in order.</summary>
    public IEnumerable<ScannedRecord> Read()
    {
        foreach (var record in ReadInputs()) yield return record;
        if (DigestFiles > 0 && !_verbose && !CountsDigestFilesOnly)
        {
            _console.Message($"skipped {Words.Count(DigestFiles, "CloudTrail digest file", "CloudTrail digest files")} (log file integrity validation: they list log files, they hold no records); --verbose names each");
        }
    }

    private IEnumerable<ScannedRecord> ReadInputs()
    {
        using var items = OpenItems();
        for (int i = 0; ; i++)
        {
            if (_stopped) yield break;
            if (_console.Interrupt.IsCancellationRequested || !items.TryGet(i, CancellationToken.None, out var file))
            {
                if (_console.Interrupt.IsCancellationRequested) Interrupted = true;
                yield break;
            }
            FilesStarted++;
            LastStarted = file;
            foreach (var scanned in ReadInput(file!)) yield return scanned;
        }
    }

    /// <summary>The items to read: the inputs, each s3:// PATH as its objects (see <see cref="InputItems"/>).</summary>
    internal InputItems OpenItems() => new(Files, _s3, _console.Interrupt, listed => { lock (_listedNothing) _listedNothing.Add(listed); });

    private readonly List<string> _listedNothing = [];

    /// <summary>
    /// The s3:// trails (<c>s3://BUCKET/PREFIX/AWSLogs/</c>, or the folder in one a PATH names) whose folders hold no log object of the
    /// range, accounts and regions asked for: nothing was read from them, and that is no error.
    /// </summary>
    public IReadOnlyList<string> S3ListedNothing
    {
        get
        {
            lock (_listedNothing) return [.. _listedNothing];
        }
    }

    /// <summary>Lets the bodies of this source's S3 objects go (kept by <see cref="KeepsBodies"/> until the item is handed on).</summary>
    internal void ReleaseBodies()
    {
        foreach (var file in Files) file.Body?.Release();
    }

    /// <summary>
    /// The records of one local file, of standard input or of one S3 object, in order: read as
    /// views (or typed), checked to be CloudTrail records, left out when --dedupe has seen their
    /// eventID, counted. What it passes over is reported (see <see cref="IssueLog"/>); a failure
    /// to read on ends this input only.
    /// </summary>
    private IEnumerable<ScannedRecord> ReadInput(InputFile file)
    {
        try
        {
            foreach (var scanned in ReadOpened(file)) yield return scanned;
        }
        finally
        {
            // An S3 object's body is let go, for the next objects to download (unless it is to be read again).
            if (!KeepsBodies) file.Body?.Release();
        }
    }

    private IEnumerable<ScannedRecord> ReadOpened(InputFile file)
    {
        if (file.Body is not null) Interlocked.Increment(ref _s3Objects);
        if (file.Failure is { } failure)
        {
            _console.Message($"{file.Name}: {failure}");
            FailedFiles++;
            HadFatalError = true;
            _stopped = true;
            yield break;
        }
        Stream stream;
        try
        {
            stream = file.Body is { } body ? body.Open()
                : file.IsStdin ? _console.OpenStdin()
                : new FileStream(file.Path!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (OperationCanceledException) when (_console.Interrupt.IsCancellationRequested)
        {
            Interrupted = true;
            yield break;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (file.Body is not null && e is AmazonServiceException or AmazonClientException or HttpRequestException or OperationCanceledException or TimeoutException))
        {
            // An S3 object that could not be downloaded (after the SDK's retries) is named by its
            // address, once (a body that stopped arriving names it already).
            _console.Message(e.Message.StartsWith(file.Name + ": ", StringComparison.Ordinal) ? e.Message : $"{file.Name}: {e.Message}");
            FailedFiles++;
            yield break;
        }

        var counting = new CountingStream(stream);
        Volatile.Write(ref _current, counting);
        var options = new CloudTrailReadOptions
        {
            KeepOriginalJson = _keepOriginalJson,
            MaxDecompressedBytes = MaxDecompressedBytes,
            OnIssue = issue => Report(file, issue),
        };
        var issues = new IssueLog(this, file);
        _issues = issues;
        var fields = new RecordFields();
        using (counting)
        using (issues)
        {
            using var views = _views ? CloudTrailLog.ReadViews(counting, options).GetEnumerator() : null;
            using var records = _views ? null : CloudTrailLog.Read(counting, options).GetEnumerator();
            long index = 0, valueIndex = 0, read = 0; // read: records, duplicates among them (as --dedupe leaves them out later when files are read at the same time)
            while (!_stopped)
            {
                if (_console.Interrupt.IsCancellationRequested)
                {
                    Interrupted = true;
                    break;
                }
                try
                {
                    if (views is not null)
                    {
                        if (!views.MoveNext()) break;
                        fields.Set(views.Current);
                    }
                    else
                    {
                        if (!records!.MoveNext()) break;
                        fields.Set(records.Current);
                    }
                }
                catch (Exception e) when (e is CloudTrailFormatException or JsonException or IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    if (e is CloudTrailFormatException { InnerException: InvalidDataException })
                    {
                        // Gzip data that stops (or turns to noise): the message says the byte of the
                        // decompressed data; a line means nothing there (a log file is one line).
                        _console.Message($"{file.Name}: {IssueLog.Clean(e.Message).TrimEnd('.')} ({Words.Count(read, "record", "records")} before it {(read == 1 ? "was" : "were")} read)");
                        FailedFiles++;
                        break;
                    }
                    // CloudTrailFormatException says the byte where reading stopped.
                    long at = e is CloudTrailFormatException format ? format.ByteOffset : -1;
                    _console.Message($"{file.Name}: {issues.Located(at, IssueLog.Clean(e.Message))}");
                    FailedFiles++;
                    break;
                }
                if (!RecordFacts.IsCloudTrail(fields))
                {
                    // Not counted: JSON that is not a CloudTrail record (another service's
                    // log, a Config snapshot, a finding) must not pass for one.
                    Skipped++;
                    long at = fields.View?.ByteOffset ?? fields.Record.Delivery?.ByteOffset ?? -1;
                    issues.Add(IssueLog.NotCloudTrail, at, $"skipped: value {valueIndex} is not a CloudTrail record (it has no eventName/eventSource with eventVersion/eventTime)");
                    valueIndex++;
                    continue;
                }
                valueIndex++;
                read++;
                if (_seenEventIds is not null && fields.GetString(CloudTrailRecordField.EventId) is { Length: > 0 } eventId && !_seenEventIds.Add(eventId))
                {
                    // Delivered twice, or logged by an organization trail and an account trail.
                    Duplicates++;
                    continue;
                }
                Records++;
                yield return new ScannedRecord(fields, file, index++);
            }
            issues.WriteCounts();
        }
        _issues = null;
        Interlocked.Add(ref _bytesDone, counting.Count);
        Volatile.Write(ref _current, null);
    }

    private bool FilesOfUnknownSize()
    {
        foreach (var file in Files)
        {
            if (file.SizeUnknown) return true;
        }
        return false;
    }

    /// <summary>
    /// Reports a record whose view was read but whose typed record could not be (valid JSON the
    /// typed reader refuses, which <c>CloudTrailLog.Read</c> reports and passes over): counted
    /// as malformed, so the command exits with 1. Call it while the record is the current one.
    /// </summary>
    public void ReportUnreadable(ScannedRecord scanned, CloudTrailFormatException error) =>
        Report(scanned.File, CloudTrailReadIssueKind.Malformed, error.Message, error.ByteOffset);

    private void Report(InputFile file, CloudTrailReadIssue issue) => Report(file, issue.Kind, issue.Message, issue.ByteOffset);

    private void Report(InputFile file, CloudTrailReadIssueKind kind, string message, long byteOffset)
    {
        if (kind == CloudTrailReadIssueKind.Malformed) Malformed++;
        else Skipped++;
        if (kind == CloudTrailReadIssueKind.Skipped && message.Contains("digest file", StringComparison.Ordinal))
        {
            // A folder of logs as CloudTrail delivers it holds a digest file per hour: counted, not listed.
            DigestFiles++;
            if (!_verbose) return;
        }
        string note = kind == CloudTrailReadIssueKind.Skipped ? "skipped: " : "";
        int counted = kind == CloudTrailReadIssueKind.Malformed ? IssueLog.Malformed : IssueLog.SkippedValue;
        if (_issues is { } issues) issues.Add(counted, byteOffset, note + IssueLog.Clean(message));
        else _console.Message($"{file.Name}: {note}{IssueLog.Clean(message)}");
    }

    /// <summary>
    /// The messages about one input's values passed over: the first of each kind with its line
    /// (counted in the decompressed file; none for standard input) and byte, then one line that
    /// counts the rest; every one with --verbose.
    /// </summary>
    private sealed class IssueLog(RecordSource source, InputFile file) : IDisposable
    {
        public const int Malformed = 0;
        public const int SkippedValue = 1;
        public const int NotCloudTrail = 2;

        private static readonly string[] s_counted = ["malformed records passed over", "values skipped", "values that are not CloudTrail records skipped"];
        private readonly long[] _counts = new long[3];
        private LineCounter? _lines;

        public void Add(int kind, long byteOffset, string message)
        {
            if (++_counts[kind] > 1 && !source._verbose) return;
            source._console.Message($"{file.Name}: {Located(byteOffset, message)}");
        }

        /// <summary>
        /// The message with the line of <paramref name="byteOffset"/> before it (see <see cref="Where"/>),
        /// unless the reader said the line itself, as it does where it counts lines ("on line 12 (byte 3456)").
        /// </summary>
        public string Located(long byteOffset, string message) =>
            message.Contains(" on line ", StringComparison.Ordinal) ? message : Where(byteOffset) + message;

        /// <summary>"line 12: " for a file or an S3 object (its body is in memory), when the byte is in it; "" otherwise (standard input is not read twice).</summary>
        private string Where(long byteOffset)
        {
            if (byteOffset < 0 || (file.Path is null && file.Body is null)) return "";
            _lines ??= new LineCounter(file.Path is { } path ? () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16) : file.Body!.Open);
            long line = _lines.LineAt(byteOffset);
            return line > 0 ? $"line {line:N0}: " : "";
        }

        public void WriteCounts()
        {
            if (source._verbose) return;
            for (int kind = 0; kind < _counts.Length; kind++)
            {
                if (_counts[kind] > 1)
                {
                    source._console.Message($"{file.Name}: {_counts[kind]:N0} {s_counted[kind]} in all (the first is above; --verbose lists every one)");
                }
            }
        }

        /// <summary>
        /// A reader's message without System.Text.Json's position ("LineNumber: 0 |
        /// BytePositionInLine: 876."), which counts from where the value starts, not in the file.
        /// </summary>
        public static string Clean(string message)
        {
            int at = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
            if (at < 0) at = message.IndexOf(" Path: ", StringComparison.Ordinal);
            if (at < 0) return message;
            return message[..at].TrimEnd();
        }

        public void Dispose() => _lines?.Dispose();
    }

    /// <summary>
    /// Counts lines of an input (decompressed when gzipped) up to a byte, for messages: offsets only
    /// grow within an input, so it reads on from where it stopped and reads each byte once at most.
    /// </summary>
    /// <param name="open">Opens the input again from its start, as stored (a file, an S3 object's downloaded body).</param>
    private sealed class LineCounter(Func<Stream> open) : IDisposable
    {
        private Stream? _stream;
        private bool _failed;
        private long _position;
        private long _line = 1;
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _bufferStart; // the index in _buffer of the byte at _position
        private int _bufferEnd;

        /// <summary>The line (1-based) the byte at <paramref name="offset"/> is on; 0 when it cannot be told.</summary>
        public long LineAt(long offset)
        {
            if (_failed || offset < _position) return _failed ? 0 : _line;
            try
            {
                _stream ??= Decompressed(open());
                while (_position < offset)
                {
                    if (_bufferStart == _bufferEnd)
                    {
                        _bufferEnd = _stream.Read(_buffer, 0, _buffer.Length);
                        _bufferStart = 0;
                        if (_bufferEnd == 0) return 0; // past the end: not a byte of this file
                    }
                    int take = (int)Math.Min(_bufferEnd - _bufferStart, offset - _position);
                    _line += _buffer.AsSpan(_bufferStart, take).Count((byte)'\n');
                    _bufferStart += take;
                    _position += take;
                }
                return _line;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                _failed = true;
                return 0;
            }
        }

        private static Stream Decompressed(Stream stored)
        {
            Span<byte> magic = stackalloc byte[2];
            int read = stored.Read(magic);
            stored.Position = 0;
            return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new System.IO.Compression.GZipStream(stored, System.IO.Compression.CompressionMode.Decompress) : stored;
        }

        public void Dispose() => _stream?.Dispose();
    }

    /// <summary>Counts the bytes read through it, for the progress bar.</summary>
    private sealed class CountingStream(Stream inner) : CloudTrailGen.ReadOnlyStream
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(Span<byte> buffer) => Add(inner.Read(buffer));

        public override async System.Threading.Tasks.ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Add(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private int Add(int read)
        {
            Interlocked.Add(ref _count, read);
            return read;
        }
    }
}
