using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailGen;

/// <summary>
/// Finds CloudTrail records in a stream of JSON, whatever wraps them, one record at a time: frames
/// the bytes into JSON values and hands each to <see cref="RecordUnwrapper{TRecord}"/>, which
/// reads the records in it.
/// </summary>
/// <remarks>
/// The caller fills the buffer and asks for the next record. Top-level values and the elements of
/// arrays are framed by this class (Utf8JsonReader on .NET 8 reads one top-level value only, and
/// framing by hand lets the reader go on after a malformed line). Each record is tokenized once to
/// find its end, then read by the generated converter from one contiguous span; the buffer only
/// ever holds the largest single record, so memory does not grow with the size of a log file.
/// </remarks>
internal sealed class RecordFramer<TRecord>
    where TRecord : CloudTrailRecordBase
{
    internal enum Step
    {
        Record,
        NeedMore,
        End,
    }

    private enum Mode
    {
        TopLevel,
        LogFileArray,   // inside {"Records":[ ... ]}
        LogFileTail,    // after the Records array: other keys of the wrapper, then '}'
        TopArray,       // inside a top-level [ ... ]
        SkipLine,       // after a malformed top-level value: discard up to the next line that starts a value
    }

    private const int InitialBuffer = 256 * 1024;

    // Room past MaxRecordBytes for what follows a record of exactly that size (',', ']', a newline).
    private const int BufferSlack = 4096;

    // How far past '{' the first key may be for a log file to be read record by record; a wrapper
    // that starts with more whitespace than that is read whole (still within MaxRecordBytes).
    private const int LogFileProbe = 4096;

    private readonly JsonConverter<TRecord> _converter;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly CloudTrailReadOptions _options;
    private readonly JsonReaderOptions _readerOptions;
    private readonly RecordUnwrapper<TRecord> _records;
    private readonly CloudTrailRecordView<TRecord>? _view;

    private byte[] _buffer = new byte[InitialBuffer];
    private int _pos;
    private int _end;
    private long _base;
    private bool _eof;
    private Mode _mode;
    private bool _afterElement;   // in an array: an element was read, so ',' or ']' comes next
    private bool _sawTopValue;    // a top-level value came before (the input may be JSON lines)
    private bool _arrayIsLine;    // in TopArray: the array came after other top-level values
    private bool _newLine;        // a line break was skipped since the last array element
    private TailStep _tail;       // in LogFileTail: which part of a "key": value pair comes next
    private long _skipFrom;       // in SkipLine: where the malformed value started

    // Line numbers, for messages about malformed lines of JSON lines input: the line breaks in the
    // bytes already dropped from the buffer. Not counted once a log file object was entered (one
    // long line, whose errors end the read with a byte offset): counting costs a pass over its bytes.
    private long _linesBefore;
    private bool _countLines = true;

    // Framing of the value at _pos resumes where the last attempt stopped, so that a value that
    // arrives in many small reads is tokenized once, not once per read (which is quadratic: a
    // 64 MiB record read 16 KiB at a time would be scanned 4,096 times). -1: not framing.
    private int _frameConsumed = -1;
    private JsonReaderState _frameState;

    // The reader resumes at token boundaries: a token that is not complete is read again from its
    // start. For one huge string or number (a 60 MiB string read 16 KiB at a time) that would be
    // quadratic again, so the bytes after such a token's start are searched (vectorized) for
    // where it can end, and the reader runs again only once that is in the buffer.
    private PartialToken _partial;
    private int _partialScan;     // relative to _pos: where that search goes on

    private enum PartialToken
    {
        None,
        String,
        Number,
    }

    private static readonly System.Buffers.SearchValues<byte> s_numberBytes = System.Buffers.SearchValues.Create("0123456789+-.eE"u8);

    private enum TailStep
    {
        Separator,
        Key,
        Colon,
        Value,
    }

    /// <param name="typeInfo">The record type's information (its converter is the generated one).</param>
    /// <param name="options">The reader's options.</param>
    /// <param name="filePath">The file read, for deliveries, issues and errors; null for a stream.</param>
    /// <param name="view">When reading views: the view each record is given in (<see cref="NextView"/>); null to read records.</param>
    public RecordFramer(JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions options, string? filePath, CloudTrailRecordView<TRecord>? view = null)
    {
        _view = view;
        _converter = (JsonConverter<TRecord>)typeInfo.Converter;
        _serializerOptions = typeInfo.Options;
        _options = options;
        _readerOptions = new JsonReaderOptions { MaxDepth = options.MaxDepth };
        FilePath = filePath;
        _records = new RecordUnwrapper<TRecord>(typeInfo, options, _readerOptions, () => Position, filePath, views: view is not null);
    }

    /// <summary>The file read; null for a stream.</summary>
    public string? FilePath { get; }

    public long RecordsReturned => _records.RecordsReturned;

    public long Position => _base + _pos;

    /// <summary>The bytes of input read so far (decompressed, for gzip): where more input would start.</summary>
    public long BytesRead => _base + _end;

    /// <summary>Space to read more input into; the caller then calls <see cref="Advance"/>.</summary>
    public Memory<byte> GetFillBuffer()
    {
        if (_pos > 0)
        {
            if (_countLines) _linesBefore += _buffer.AsSpan(0, _pos).Count((byte)'\n');
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
            _base += _pos;
            _end -= _pos;
            _pos = 0;
        }
        if (_buffer.Length - _end < _buffer.Length / 4)
        {
            // What the buffer holds now is one value that is not complete yet.
            if (_end > _options.MaxRecordBytes)
            {
                throw Error($"A record at byte {Position} is larger than MaxRecordBytes ({_options.MaxRecordBytes} bytes), or its JSON never ends.", null);
            }
            long cap = (long)_options.MaxRecordBytes + BufferSlack;
            long size = _buffer.Length * 2L;
            if (size >= _options.MaxRecordBytes) size = cap; // straight to the cap: no second buffer of nearly that size
            if (size > _buffer.Length)
            {
                var larger = new byte[(int)size];
                Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
                _buffer = larger;
            }
        }
        return _buffer.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    public void Complete() => _eof = true;

    /// <summary>Returns the next record, or says that more input is needed, or that the input is done.</summary>
    public Step Next(out TRecord? record)
    {
        var step = NextPending(out var pending);
        record = pending.Record;
        return step;
    }

    /// <summary>
    /// Points the view (given to the constructor) at the next record, or says that more input is
    /// needed, or that the input is done. The view's bytes are valid until the next call.
    /// </summary>
    public Step NextView()
    {
        var view = _view!;
        view.Invalidate();
        var step = NextPending(out var pending);
        if (step != Step.Record) return step;
        if (!pending.Scanned && !view.TryScan(pending.Json.Span, _readerOptions, out _))
        {
            throw Error($"The record at byte {pending.Offset} does not end where it was framed.", null); // framed values are whole objects: not expected
        }
        view.SetScanned(pending.Json, pending.Format, pending.Index, pending.Offset, FilePath);
        view.SetDelivery(pending.Delivery);
        return step;
    }

    private Step NextPending(out RecordUnwrapper<TRecord>.Pending pending)
    {
        while (true)
        {
            if (_records.TryDequeue(out pending)) return Step.Record;
            // Not in SkipLine: there a line break is what is looked for, and skipping it here (when
            // a read ended right after it) made SkipLine discard the good line that followed.
            if (_mode != Mode.SkipLine) SkipWhitespace();
            if (_pos == _end)
            {
                if (!_eof) return Step.NeedMore;
                return _mode switch
                {
                    Mode.TopLevel or Mode.SkipLine => Step.End,
                    Mode.LogFileTail => throw Error("The input ends inside the log file object: it is truncated.", null),
                    _ => throw Error($"The input ends inside {(_mode == Mode.TopArray ? "a JSON array" : "the log file's Records array")}: it is truncated.", null),
                };
            }

            byte next = _buffer[_pos];
            bool progressed = _mode switch
            {
                Mode.TopLevel => TopLevel(next),
                Mode.LogFileArray or Mode.TopArray => InArray(next),
                Mode.LogFileTail => LogFileTail(next),
                _ => SkipLine(),
            };
            if (!progressed) return Step.NeedMore;
        }
    }

    private bool TopLevel(byte next)
    {
        if (_base + _pos == 0 && next == 0xEF)
        {
            if (_end - _pos < 3 && !_eof) return false;
            if (_end - _pos >= 3 && _buffer[_pos + 1] == 0xBB && _buffer[_pos + 2] == 0xBF)
            {
                _pos += 3; // UTF-8 byte order mark
                return true;
            }
        }

        if (next == (byte)'[')
        {
            _pos++;
            _mode = Mode.TopArray;
            _afterElement = false;
            // After other values (JSON lines), a broken array is a broken line: reported, and
            // reading goes on at the next line, as for any other malformed line.
            _arrayIsLine = _sawTopValue;
            _sawTopValue = true;
            return true;
        }
        _sawTopValue = true;

        bool needMore = false;
        if (next == (byte)'{' && _frameConsumed < 0 && TryEnterLogFile(out needMore)) return true;
        if (needMore) return false;
        if (_view is not null && next == (byte)'{' && TryScanInPlace(Position, CloudTrailSourceFormat.Records)) return true;

        long offset = Position;
        int length;
        try
        {
            if (!TryFrameValue(out length)) return false;
        }
        catch (JsonException e)
        {
            // One record per line is the usual framing: report this one and go on at the next line.
            _records.Report(CloudTrailReadIssueKind.Malformed, MalformedJson(offset, e), offset);
            _pos++;
            _skipFrom = offset;
            _mode = Mode.SkipLine;
            return true;
        }
        var value = _buffer.AsMemory(_pos, length);
        _pos += length;
        if (IsUtf8(value, offset)) _records.HandleValue(value, offset, CloudTrailSourceFormat.Records);
        return true;
    }

    private bool TryEnterLogFile(out bool needMore)
    {
        needMore = false;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_pos, _end - _pos), _eof, default);
        try
        {
            if (!reader.Read() || !reader.Read())
            {
                needMore = !_eof && _end - _pos < LogFileProbe;
                return false;
            }
            if (reader.TokenType != JsonTokenType.PropertyName || !JsonScan.NameIs(ref reader, "Records"u8)) return false;
            if (!reader.Read())
            {
                needMore = !_eof && _end - _pos < LogFileProbe;
                return false;
            }
            if (reader.TokenType != JsonTokenType.StartArray) return false;
        }
        catch (JsonException)
        {
            return false; // left to the general path, which reports it
        }
        _pos += (int)reader.BytesConsumed;
        _mode = Mode.LogFileArray;
        _countLines = false;
        _afterElement = false;
        return true;
    }

    private bool InArray(byte next)
    {
        if (next == (byte)']')
        {
            _pos++;
            _mode = _mode == Mode.LogFileArray ? Mode.LogFileTail : Mode.TopLevel;
            _tail = TailStep.Separator;
            return true;
        }
        if (_afterElement)
        {
            if (next != (byte)',')
            {
                string message = $"Expected ',' or ']' between array elements {Where(Position)}, found '{(char)next}'.";
                if (SkipBrokenLine(message, Position, atNewLine: _newLine)) return true;
                throw Error(message, null);
            }
            _pos++;
            _afterElement = false;
            return true;
        }

        long offset = Position;
        if (_mode == Mode.LogFileArray && next == (byte)'{' && TryReadRecordInPlace(offset)) return true;

        int length;
        try
        {
            if (!TryFrameValue(out length)) return false;
        }
        catch (JsonException e)
        {
            // Inside an array there is no way to find where the next element starts (unless
            // the array is one line of JSON lines).
            if (SkipBrokenLine(MalformedJson(offset, e), offset, atNewLine: false)) return true;
            throw Error(MalformedJson(offset, e), e);
        }
        var value = _buffer.AsMemory(_pos, length);
        _pos += length;
        _afterElement = true;
        _newLine = false;
        // The element's end is known, so a record that is not UTF-8 is reported and the next one read.
        if (IsUtf8(value, offset)) _records.HandleValue(value, offset, _mode == Mode.LogFileArray ? CloudTrailSourceFormat.LogFile : CloudTrailSourceFormat.Array);
        return true;
    }

    // Below this much buffered input the record is more likely cut off than not: frame it first.
    // (A record cut off by the end of the buffer is read in place until its end, then framed:
    // wasted work once per buffer, much less than framing every record near the end.)
    private const int InPlaceMinimum = 8 * 1024;

    /// <summary>
    /// The fast path for the records of a log file: read the record straight from the buffer with
    /// the generated converter, without framing and classifying it first (which would tokenize it
    /// three times). When the record is cut off by the end of the buffer, or is not plainly a
    /// record, nothing is kept and the caller frames it as usual.
    /// </summary>
    private bool TryReadRecordInPlace(long offset)
    {
        // Not while a framing of this element is under way (it keeps its own progress), and not
        // when so little is buffered that the record is likely cut off.
        if (_view is not null) return TryScanInPlace(offset, CloudTrailSourceFormat.LogFile);
        if (_frameConsumed >= 0 || (!_eof && _end - _pos < InPlaceMinimum)) return false;
        var memory = _buffer.AsMemory(_pos, _end - _pos);
        var reader = new Utf8JsonReader(memory.Span, isFinalBlock: false, new JsonReaderState(_readerOptions));
        if (!OpensAsRecord(reader)) return false;

        TRecord? record;
        try
        {
            reader.Read();
            using (RawJsonCopier.ReadingFrom(memory))
            {
                record = _converter.Read(ref reader, typeof(TRecord), _serializerOptions);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false; // cut off, or malformed: framing tells which
        }
        if (record is null) return false;
        int length = (int)reader.BytesConsumed;
        _pos += length;
        _afterElement = true;
        _records.Complete(record, memory[..length], offset, CloudTrailSourceFormat.LogFile, null);
        return true;
    }

    /// <summary>
    /// The fast path for views: one pass of the view's scanner over the record in the buffer finds
    /// its end and the view's fields. As <see cref="TryReadRecordInPlace"/>, nothing is kept when
    /// the record is cut off, malformed or not plainly a record: the caller frames it as usual.
    /// </summary>
    private bool TryScanInPlace(long offset, CloudTrailSourceFormat format)
    {
        // Unlike a typed read, a scan that runs into the end of the buffer wastes little (no
        // objects built), so records near the end are scanned in place too.
        if (_frameConsumed >= 0) return false;
        var memory = _buffer.AsMemory(_pos, _end - _pos);
        if (!_view!.TryScanFast(memory.Span, _readerOptions.MaxDepth, out int length, out bool opensAsRecord) || !opensAsRecord) return false;
        // Text that is not UTF-8 is left to framing, which reports it as the typed reader does.
        if (!System.Text.Unicode.Utf8.IsValid(memory.Span[..length])) return false;
        _pos += length;
        if (format == CloudTrailSourceFormat.LogFile) _afterElement = true;
        _records.CompleteView(memory[..length], offset, format, null, scanned: true);
        return true;
    }

    /// <summary>
    /// Whether the object the reader is before has a record key (as spelled by CloudTrail) among
    /// its top-level keys that are buffered, looking at most at the first few: then
    /// <see cref="RecordUnwrapper{TRecord}"/> would classify it as a record, whatever other keys
    /// it has. A record seldom opens with another key (<c>awsRegion</c>, a key added by the tool
    /// that exported it), and then one of the next few is a record key.
    /// </summary>
    private static bool OpensAsRecord(Utf8JsonReader peek)
    {
        try
        {
            if (!peek.Read() || peek.TokenType != JsonTokenType.StartObject) return false;
            for (int i = 0; i < 4; i++)
            {
                if (!peek.Read() || peek.TokenType != JsonTokenType.PropertyName) return false;
                if (RecordKeys.IsRecordKey(ref peek)) return true;
                if (!peek.TrySkip()) return false; // on the name: skips its value
            }
        }
        catch (JsonException)
        {
            // malformed: framing reports it
        }
        return false;
    }

    private bool LogFileTail(byte next)
    {
        // After the Records array: more keys of the wrapper object, skipped, then '}'. Each part
        // is framed like a record (a huge key or value takes MaxRecordBytes at most, read once).
        long offset = Position;
        switch (_tail)
        {
            case TailStep.Separator:
                if (next == (byte)'}')
                {
                    _pos++;
                    _mode = Mode.TopLevel;
                    return true;
                }
                if (next != (byte)',') throw Error($"Expected ',' or '}}' after the Records array at byte {offset}.", null);
                _pos++;
                _tail = TailStep.Key;
                return true;
            case TailStep.Colon:
                if (next != (byte)':') throw Error($"Expected ':' at byte {offset}.", null);
                _pos++;
                _tail = TailStep.Value;
                return true;
            default:
                if (_tail == TailStep.Key && next != (byte)'"') throw Error($"Expected a property name at byte {offset}.", null);
                int length;
                try
                {
                    if (!TryFrameValue(out length)) return false;
                }
                catch (JsonException e)
                {
                    throw Error(MalformedJson(offset, e), e);
                }
                _pos += length;
                _tail = _tail == TailStep.Key ? TailStep.Colon : TailStep.Separator;
                return true;
        }
    }

    /// <summary>In an array that is one of several top-level values: reports it and goes on at the next line.</summary>
    /// <param name="message">What is wrong, for the issue reported.</param>
    /// <param name="offset">Where it is wrong.</param>
    /// <param name="atNewLine">The offending byte starts a line of its own: read that line as usual.</param>
    private bool SkipBrokenLine(string message, long offset, bool atNewLine)
    {
        if (_mode != Mode.TopArray || !_arrayIsLine) return false;
        _records.Report(CloudTrailReadIssueKind.Malformed, message, offset);
        _skipFrom = offset;
        _mode = atNewLine ? Mode.TopLevel : Mode.SkipLine;
        _afterElement = false;
        return true;
    }

    private bool SkipLine()
    {
        // Discard up to a newline that is followed by the start of a value. A "line" longer than
        // any record may be is not a malformed record but input that is not JSON lines (a gzip
        // bomb of zeros, a binary file): stop there instead of reading it all.
        if (Position - _skipFrom > _options.MaxRecordBytes)
        {
            throw Error($"Malformed JSON at byte {_skipFrom}, and no new line starts a value within MaxRecordBytes ({_options.MaxRecordBytes} bytes) after it: the input is not JSON text.", null);
        }
        while (_pos < _end)
        {
            if (_buffer[_pos++] != (byte)'\n') continue;
            int i = _pos;
            while (i < _end && _buffer[i] is (byte)' ' or (byte)'\t' or (byte)'\r') i++;
            if (i == _end && !_eof)
            {
                _pos--; // look at this line again once more input is in
                return false;
            }
            if (i < _end && _buffer[i] is (byte)'{' or (byte)'[')
            {
                _mode = Mode.TopLevel;
                return true;
            }
        }
        return !_eof ? false : true;
    }

    /// <summary>Finds the end of the value at _pos; false when the buffer does not hold all of it yet.</summary>
    private bool TryFrameValue(out int length)
    {
        if (_frameConsumed < 0)
        {
            _frameState = new JsonReaderState(_readerOptions);
            _frameConsumed = 0;
            _partial = PartialToken.None;
        }
        if (!_eof && !PartialTokenMayEnd())
        {
            length = 0;
            return false;
        }
        try
        {
            // Until the end of the input, framed as if more could follow: an object, array or
            // string is complete once its closing token is in, whatever comes after it; at the
            // end, a number or literal ends with the data.
            var reader = new Utf8JsonReader(_buffer.AsSpan(_pos + _frameConsumed, _end - _pos - _frameConsumed), isFinalBlock: false, _frameState);
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    length = _frameConsumed + (int)reader.BytesConsumed;
                    _frameConsumed = -1;
                    return true;
                }
            }
            _frameConsumed += (int)reader.BytesConsumed;
            _frameState = reader.CurrentState;
            length = 0;
            if (!_eof)
            {
                NotePartialToken();
                return false;
            }

            var final = new Utf8JsonReader(_buffer.AsSpan(_pos + _frameConsumed, _end - _pos - _frameConsumed), isFinalBlock: true, _frameState);
            if (_frameConsumed == 0 && final.Read() && final.TokenType is JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
            {
                length = (int)final.BytesConsumed;
                _frameConsumed = -1;
                return true;
            }
            throw new JsonException("the input ends inside this value: it is truncated");
        }
        catch (JsonException)
        {
            _frameConsumed = -1;
            throw;
        }
    }

    /// <summary>After the reader stopped inside a token: remembers a string or number, whose end can be searched for.</summary>
    private void NotePartialToken()
    {
        int i = _pos + _frameConsumed;
        while (i < _end && _buffer[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':') i++;
        _partial = PartialToken.None;
        if (i >= _end) return;
        if (_buffer[i] == (byte)'"')
        {
            _partial = PartialToken.String;
            _partialScan = i + 1 - _pos;
        }
        else if (_buffer[i] == (byte)'-' || (_buffer[i] >= (byte)'0' && _buffer[i] <= (byte)'9'))
        {
            _partial = PartialToken.Number;
            _partialScan = i - _pos;
        }
    }

    /// <summary>Whether the token the reader stopped in may end in what the buffer holds now.</summary>
    private bool PartialTokenMayEnd()
    {
        if (_partial == PartialToken.None) return true;
        var span = _buffer.AsSpan(_pos + _partialScan, _end - _pos - _partialScan);
        if (_partial == PartialToken.Number)
        {
            int end = span.IndexOfAnyExcept(s_numberBytes);
            if (end < 0)
            {
                _partialScan += span.Length;
                return false;
            }
        }
        else
        {
            int at = 0;
            while (true)
            {
                int stop = JsonScan.IndexOfStringStop(span[at..]);
                if (stop < 0)
                {
                    _partialScan += span.Length;
                    return false;
                }
                at += stop;
                if (span[at] != (byte)'\\') break; // the closing quote, or a control character the reader will refuse
                if (at + 1 >= span.Length)
                {
                    _partialScan += at; // look at this escape again with the next byte in
                    return false;
                }
                at += 2;
            }
        }
        _partial = PartialToken.None;
        return true;
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>Where the value at <paramref name="offset"/> (in the buffer) is, for a message: its line and byte, or its byte once lines are not counted.</summary>
    private string Where(long offset)
    {
        if (!_countLines) return $"at byte {offset}";
        int inBuffer = (int)(offset - _base);
        long line = _linesBefore + _buffer.AsSpan(0, inBuffer).Count((byte)'\n') + 1;
        return $"on line {line} (byte {offset})";
    }

    /// <summary>The message about the value at <paramref name="offset"/> (at _pos) that failed to frame, reported or thrown: one wording for both.</summary>
    private string MalformedJson(long offset, JsonException e) => $"Malformed JSON {Where(offset)}: {WhatIsWrong(e)}";

    /// <summary>
    /// What is wrong with the value at _pos that failed to frame. A line of JSON lines that is cut
    /// off (or otherwise broken) runs on into the lines after it, so the JSON reader fails later:
    /// at the next record, or at the end of the input, which would read as "truncated". When the
    /// value's first line does not complete it and the next line starts a new value, that is what
    /// is said instead.
    /// </summary>
    private string WhatIsWrong(JsonException e)
    {
        var rest = _buffer.AsSpan(_pos, _end - _pos);
        int lineEnd = rest.IndexOf((byte)'\n');
        // An error the reader found on the value's first line is about that line: its reason says more.
        if (lineEnd >= 0 && e.LineNumber is not 0)
        {
            var line = rest[..lineEnd].TrimEnd(" \t\r"u8);
            var next = rest[(lineEnd + 1)..].TrimStart(" \t\r\n"u8);
            bool continues = line.Length > 0 && line[^1] is (byte)',' or (byte)'[';
            if (!continues && next.Length > 0 && next[0] == (byte)'{')
            {
                return "the line ends before its JSON value does (it is cut off or broken), so it is skipped";
            }
        }
        // The reader's own position is relative to where framing started, not to the input: drop it.
        string message = e.Message;
        int relative = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return relative > 0 ? message[..relative] : message;
    }

    /// <summary>Whether a framed value is UTF-8, as JSON text must be; if not, reports where it is not.</summary>
    private bool IsUtf8(ReadOnlyMemory<byte> value, long offset)
    {
        var span = value.Span;
        if (System.Text.Unicode.Utf8.IsValid(span)) return true;
        int at = 0;
        while (at < span.Length && System.Text.Rune.DecodeFromUtf8(span[at..], out _, out int consumed) == System.Buffers.OperationStatus.Done) at += consumed;
        _records.Report(CloudTrailReadIssueKind.Malformed, $"Invalid UTF-8 at byte {offset + at} in the value at byte {offset}: JSON text must be UTF-8, so the value is skipped.", offset);
        return false;
    }

    private CloudTrailFormatException Error(string message, Exception? inner) => new(message, Position, _records.RecordsReturned, inner, FilePath);

    private void SkipWhitespace()
    {
        while (_pos < _end && JsonScan.IsWhitespace(_buffer[_pos]))
        {
            if (_buffer[_pos] == (byte)'\n') _newLine = true;
            _pos++;
        }
    }
}
