using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailGen;

/// <summary>
/// Turns the JSON values that <see cref="RecordFramer{TRecord}"/> frames into records: a record is
/// read with the generated converter; a wrapper (a log file object, an EventBridge event, a
/// CloudWatch Logs payload, plain or as Lambda receives it, a <c>LookupEvents</c> response) is
/// unwrapped, and a record given as a JSON string is read from the string. Records wait in a
/// queue until the caller takes them; whatever is not a record is reported as an issue.
/// </summary>
internal sealed class RecordUnwrapper<TRecord>
    where TRecord : CloudTrailRecordBase
{
    private readonly JsonConverter<TRecord> _converter;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly CloudTrailReadOptions _options;
    private readonly JsonReaderOptions _readerOptions;
    private readonly Func<long> _position;
    private readonly Queue<Pending> _pending = new();
    private readonly string? _filePath;
    private readonly bool _views;
    private long _recordIndex;

    /// <summary>
    /// A record waiting for the caller: read (<see cref="Record"/>), or, when reading views, its
    /// JSON and where it came from (<see cref="Scanned"/>: the view's fields were found already).
    /// </summary>
    internal readonly record struct Pending(TRecord? Record, ReadOnlyMemory<byte> Json, long Offset, CloudTrailSourceFormat Format, CloudTrailDelivery? Delivery, long Index, bool Scanned);

    /// <param name="typeInfo">The record type's information (its converter is the generated one).</param>
    /// <param name="options">The reader's options.</param>
    /// <param name="readerOptions">The options of every Utf8JsonReader made here.</param>
    /// <param name="position">Where the framer is in the input: a format exception says that reading stopped there.</param>
    /// <param name="filePath">The file read, for each record's delivery and each issue; null for a stream.</param>
    /// <param name="views">Whether records are queued as JSON for views, not read.</param>
    public RecordUnwrapper(JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions options, JsonReaderOptions readerOptions, Func<long> position, string? filePath, bool views)
    {
        _filePath = filePath;
        _views = views;
        _converter = (JsonConverter<TRecord>)typeInfo.Converter;
        _serializerOptions = typeInfo.Options;
        _options = options;
        _readerOptions = readerOptions;
        _position = position;
    }

    /// <summary>How many records were queued so far (each record's index is the count before it).</summary>
    public long RecordsReturned => _recordIndex;

    /// <summary>Takes the next record read, if any.</summary>
    public bool TryDequeue([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TRecord record)
    {
        if (_pending.TryDequeue(out var pending))
        {
            record = pending.Record!;
            return true;
        }
        record = null;
        return false;
    }

    /// <summary>Takes the next record queued for a view, if any.</summary>
    public bool TryDequeue(out Pending pending) => _pending.TryDequeue(out pending);

    /// <summary>
    /// Reads the records in one framed JSON value: a record, a wrapper of records, or a record in a
    /// JSON string. Records go to the queue; what is not a record is reported.
    /// </summary>
    public void HandleValue(ReadOnlyMemory<byte> json, long offset, CloudTrailSourceFormat format)
    {
        switch (json.Span[0])
        {
            case (byte)'{':
                HandleObject(json, offset, format);
                break;
            case (byte)'"':
                HandleString(json, offset);
                break;
            case (byte)'[' when format == CloudTrailSourceFormat.Records:
                // A top-level array after other values (concatenated arrays): its elements are records.
                var reader = new Utf8JsonReader(json.Span, _readerOptions);
                reader.Read();
                int depth = reader.CurrentDepth;
                while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
                {
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    HandleValue(json.Slice(start, (int)reader.BytesConsumed - start), offset + start, CloudTrailSourceFormat.Array);
                }
                break;
            default:
                Report(CloudTrailReadIssueKind.Skipped, $"A JSON {Describe(json.Span[0])} at byte {offset} is not a CloudTrail record.", offset);
                break;
        }
    }

    private void HandleString(ReadOnlyMemory<byte> json, long offset)
    {
        var reader = new Utf8JsonReader(json.Span, _readerOptions);
        reader.Read();
        string? text = JsonScan.TextOf(ref reader);
        if (text is null)
        {
            Report(CloudTrailReadIssueKind.Malformed, $"A JSON string at byte {offset} holds a lone surrogate escape, which UTF-8 record JSON cannot carry.", offset);
            return;
        }
        byte[] inner = System.Text.Encoding.UTF8.GetBytes(text);
        int i = 0;
        while (i < inner.Length && JsonScan.IsWhitespace(inner[i])) i++;
        if (i == inner.Length || inner[i] != (byte)'{')
        {
            Report(CloudTrailReadIssueKind.Skipped, $"A JSON string at byte {offset} does not hold a record.", offset);
            return;
        }
        ReadEmbedded(inner, offset, CloudTrailSourceFormat.JsonString, null);
    }

    /// <summary>Reads a record that came as JSON text inside a string (CloudWatch Logs, LookupEvents, exports).</summary>
    private void ReadEmbedded(byte[] json, long offset, CloudTrailSourceFormat format, CloudTrailDelivery? delivery)
    {
        try
        {
            var reader = new Utf8JsonReader(json, _readerOptions);
            if (!reader.Read() || !reader.TrySkip() || reader.TokenType != JsonTokenType.EndObject)
            {
                throw new JsonException("the value is not one JSON object");
            }
        }
        catch (JsonException e)
        {
            Report(CloudTrailReadIssueKind.Malformed, $"Malformed record JSON in a string at byte {offset}: {e.Message}", offset);
            return;
        }
        var kind = Classify(json);
        if (kind != ObjectKind.Record)
        {
            HandleObject(json, offset, format);
            return;
        }
        AddRecord(json, offset, format, delivery);
    }

    private enum ObjectKind
    {
        Record,
        LogFile,
        EventBridge,
        CloudWatchLogs,
        LambdaCloudWatchLogs,
        LookupEvents,
        Digest,
        Other,
    }

    /// <summary>
    /// What an object is, from its top-level keys (compared ignoring ASCII case, since some tools
    /// lower-case every key). Anything that is not a known wrapper or a known non-record (an SNS
    /// notification such as the "CloudTrail validation message", or a digest file, which CloudTrail
    /// writes into the same bucket as its logs) is read as a record: a valid record is never
    /// rejected for having odd keys.
    /// </summary>
    private ObjectKind Classify(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, _readerOptions);
        reader.Read();
        bool first = true, recordKey = false;
        bool detail = false, detailType = false, messageType = false, logEvents = false, events = false, records = false, awslogs = false;
        bool type = false, message = false, topicArn = false, digestTime = false, logFiles = false;
        Span<byte> name = stackalloc byte[32];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int length = reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > name.Length
                ? 0
                : System.Text.Ascii.ToLower(reader.ValueSpan, name, out int written) == System.Buffers.OperationStatus.Done ? written : 0;
            var key = name[..length];
            if (RecordKeys.IsRecordKeyIgnoringCase(key))
            {
                if (first) return ObjectKind.Record;
                recordKey = true;
            }
            else if (key.SequenceEqual("detail"u8)) detail = true;
            else if (key.SequenceEqual("detail-type"u8)) detailType = true;
            else if (key.SequenceEqual("messagetype"u8)) messageType = true;
            else if (key.SequenceEqual("logevents"u8)) logEvents = true;
            else if (key.SequenceEqual("events"u8)) events = true;
            else if (key.SequenceEqual("records"u8)) records = true;
            else if (key.SequenceEqual("awslogs"u8)) awslogs = true;
            else if (key.SequenceEqual("type"u8)) type = true;
            else if (key.SequenceEqual("message"u8)) message = true;
            else if (key.SequenceEqual("topicarn"u8)) topicArn = true;
            else if (key.SequenceEqual("digeststarttime"u8) || key.SequenceEqual("digestendtime"u8)) digestTime = true;
            else if (key.SequenceEqual("logfiles"u8)) logFiles = true;
            first = false;
            reader.Read();
            reader.TrySkip();
        }
        if (recordKey) return ObjectKind.Record;
        if (records) return ObjectKind.LogFile;
        if (detail && detailType) return ObjectKind.EventBridge;
        if (messageType || logEvents) return ObjectKind.CloudWatchLogs;
        if (awslogs) return ObjectKind.LambdaCloudWatchLogs;
        if (events) return ObjectKind.LookupEvents;
        if (type && message && topicArn) return ObjectKind.Other;
        if (digestTime && logFiles) return ObjectKind.Digest;
        return ObjectKind.Record;
    }

    private void HandleObject(ReadOnlyMemory<byte> json, long offset, CloudTrailSourceFormat format)
    {
        switch (Classify(json.Span))
        {
            case ObjectKind.Record:
                AddRecord(json, offset, format, null);
                break;
            case ObjectKind.LogFile:
                ForEachInArray(json, "Records"u8, offset, (element, at) => HandleValue(element, at, CloudTrailSourceFormat.LogFile), required: true);
                break;
            case ObjectKind.EventBridge:
                HandleEventBridge(json, offset);
                break;
            case ObjectKind.CloudWatchLogs:
                HandleCloudWatchLogs(json, offset);
                break;
            case ObjectKind.LambdaCloudWatchLogs:
                HandleLambdaCloudWatchLogs(json, offset);
                break;
            case ObjectKind.LookupEvents:
                HandleLookupEvents(json, offset);
                break;
            case ObjectKind.Digest:
                Report(CloudTrailReadIssueKind.Skipped, $"The JSON object at byte {offset} is a CloudTrail digest file (log file integrity validation), not a record.", offset);
                break;
            default:
                Report(CloudTrailReadIssueKind.Skipped, $"The JSON object at byte {offset} is an SNS notification, not a CloudTrail record.", offset);
                break;
        }
    }

    private delegate void ElementHandler(ReadOnlyMemory<byte> element, long offset);

    /// <summary>Calls <paramref name="handler"/> for each element of the array under a top-level key.</summary>
    private void ForEachInArray(ReadOnlyMemory<byte> json, ReadOnlySpan<byte> key, long offset, ElementHandler handler, bool required)
    {
        var reader = new Utf8JsonReader(json.Span, _readerOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool match = JsonScan.NameIs(ref reader, key);
            reader.Read();
            if (!match)
            {
                reader.Skip();
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                if (!required) return;
                throw Error($"'{System.Text.Encoding.UTF8.GetString(key)}' at byte {offset + reader.TokenStartIndex} must be an array, not {reader.TokenType}.", null);
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                handler(json.Slice(start, (int)reader.BytesConsumed - start), offset + start);
            }
            return;
        }
    }

    private void HandleEventBridge(ReadOnlyMemory<byte> json, long offset)
    {
        string? id = null, region = null, account = null, detailType = null, time = null;
        int detailStart = -1, detailLength = 0;
        var reader = new Utf8JsonReader(json.Span, _readerOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? name = JsonScan.TextOf(ref reader);
            reader.Read();
            if (name == "detail" && reader.TokenType == JsonTokenType.StartObject)
            {
                detailStart = (int)reader.TokenStartIndex;
                reader.Skip();
                detailLength = (int)reader.BytesConsumed - detailStart;
                continue;
            }
            string? text = reader.TokenType == JsonTokenType.String ? JsonScan.TextOf(ref reader) : null;
            switch (name)
            {
                case "id": id = text; break;
                case "region": region = text; break;
                case "account": account = text; break;
                case "detail-type": detailType = text; break;
                case "time": time = text; break;
            }
            reader.Skip();
        }
        if (detailStart < 0 || Classify(json.Slice(detailStart, detailLength).Span) != ObjectKind.Record)
        {
            Report(CloudTrailReadIssueKind.Skipped, $"The EventBridge event at byte {offset} ({detailType ?? "no detail-type"}) does not carry a CloudTrail record.", offset);
            return;
        }
        DateTimeOffset? when = CloudTrailTime.TryParse(time, out var parsed) ? parsed : null;
        AddRecord(json.Slice(detailStart, detailLength), offset, CloudTrailSourceFormat.EventBridge, new CloudTrailDelivery
        {
            EventBridgeId = id,
            EventBridgeTime = when,
            Region = region,
            Account = account,
            DetailType = detailType,
        });
    }

    private void HandleCloudWatchLogs(ReadOnlyMemory<byte> json, long offset)
    {
        string? messageType = null, owner = null, group = null, stream = null;
        var reader = new Utf8JsonReader(json.Span, _readerOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? name = JsonScan.TextOf(ref reader);
            reader.Read();
            string? text = reader.TokenType == JsonTokenType.String ? JsonScan.TextOf(ref reader) : null;
            switch (name)
            {
                case "messageType": messageType = text; break;
                case "owner": owner = text; break;
                case "logGroup": group = text; break;
                case "logStream": stream = text; break;
            }
            reader.Skip();
        }
        if (messageType is not null && messageType != "DATA_MESSAGE")
        {
            Report(CloudTrailReadIssueKind.Skipped, $"A CloudWatch Logs {messageType} at byte {offset} holds no records.", offset);
            return;
        }
        ForEachInArray(json, "logEvents"u8, offset, (element, at) =>
        {
            string? id = null, message = null;
            var r = new Utf8JsonReader(element.Span, _readerOptions);
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject)
            {
                Report(CloudTrailReadIssueKind.Skipped, $"A CloudWatch Logs log event at byte {at} is not an object.", at);
                return;
            }
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string? name = JsonScan.TextOf(ref r);
                r.Read();
                if (r.TokenType == JsonTokenType.String && name == "id") id = JsonScan.TextOf(ref r);
                else if (r.TokenType == JsonTokenType.String && name == "message") message = JsonScan.TextOf(ref r);
                r.Skip();
            }
            if (message is null)
            {
                Report(CloudTrailReadIssueKind.Skipped, $"A CloudWatch Logs log event at byte {at} has no message.", at);
                return;
            }
            ReadEmbedded(System.Text.Encoding.UTF8.GetBytes(message), at, CloudTrailSourceFormat.CloudWatchLogs, new CloudTrailDelivery
            {
                Account = owner,
                LogGroup = group,
                LogStream = stream,
                LogEventId = id,
            });
        }, required: false);
    }

    // The payload is one value the unwrapper holds whole, so it is limited like a record.
    private static readonly Func<long, Exception> s_payloadTooLarge =
        limit => new FormatException($"the decompressed payload is larger than MaxRecordBytes ({limit} bytes)");

    private void HandleLambdaCloudWatchLogs(ReadOnlyMemory<byte> json, long offset)
    {
        // {"awslogs":{"data":"<base64 of a gzip of a CloudWatch Logs payload>"}}
        string? data = null;
        var reader = new Utf8JsonReader(json.Span, _readerOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool awslogs = JsonScan.NameIs(ref reader, "awslogs"u8);
            reader.Read();
            if (awslogs && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isData = JsonScan.NameIs(ref reader, "data"u8);
                    reader.Read();
                    if (isData && reader.TokenType == JsonTokenType.String) data = JsonScan.TextOf(ref reader);
                    reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }
        byte[] payload;
        try
        {
            byte[] compressed = Convert.FromBase64String(data ?? throw new FormatException("awslogs.data is missing"));
            var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var limited = new LimitedStream(gzip, _options.MaxRecordBytes, trailer: null, s_payloadTooLarge);
            using var output = new MemoryStream();
            limited.CopyTo(output);
            payload = output.ToArray();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            Report(CloudTrailReadIssueKind.Malformed, $"The CloudWatch Logs data at byte {offset} could not be decoded: {e.Message}", offset);
            return;
        }
        ReadEmbedded(payload, offset, CloudTrailSourceFormat.CloudWatchLogs, null);
    }

    private void HandleLookupEvents(ReadOnlyMemory<byte> json, long offset)
    {
        ForEachInArray(json, "Events"u8, offset, (element, at) =>
        {
            string? text = null;
            var r = new Utf8JsonReader(element.Span, _readerOptions);
            r.Read();
            if (r.TokenType == JsonTokenType.StartObject)
            {
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    bool match = JsonScan.NameIs(ref r, "CloudTrailEvent"u8);
                    r.Read();
                    if (match && r.TokenType == JsonTokenType.String) text = JsonScan.TextOf(ref r);
                    r.Skip();
                }
            }
            if (text is null)
            {
                Report(CloudTrailReadIssueKind.Skipped, $"A LookupEvents entry at byte {at} has no CloudTrailEvent.", at);
                return;
            }
            ReadEmbedded(System.Text.Encoding.UTF8.GetBytes(text), at, CloudTrailSourceFormat.LookupEvents, null);
        }, required: false);
    }

    private void AddRecord(ReadOnlyMemory<byte> json, long offset, CloudTrailSourceFormat format, CloudTrailDelivery? delivery)
    {
        if (_views)
        {
            CompleteView(json, offset, format, delivery, scanned: false);
            return;
        }
        TRecord? record;
        try
        {
            var reader = new Utf8JsonReader(json.Span, _readerOptions);
            reader.Read();
            using (RawJsonCopier.ReadingFrom(json))
            {
                record = _converter.Read(ref reader, typeof(TRecord), _serializerOptions);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The record's end is known: report it and go on with the next one.
            Report(CloudTrailReadIssueKind.Malformed, $"The record at byte {offset} could not be read: {e.Message}", offset);
            return;
        }
        if (record is null)
        {
            Report(CloudTrailReadIssueKind.Skipped, $"A null record at byte {offset}.", offset);
            return;
        }
        Complete(record, json, offset, format, delivery);
    }

    /// <summary>
    /// Queues a record read from <paramref name="json"/>, with its delivery when the reader knows
    /// more than the record says.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <param name="json">The record's JSON.</param>
    /// <param name="offset">Where the record (or its wrapper) is in the input.</param>
    /// <param name="format">The wrapper it came in.</param>
    /// <param name="delivery">The wrapper's own fields, when it has any; the rest are set here.</param>
    public void Complete(TRecord record, ReadOnlyMemory<byte> json, long offset, CloudTrailSourceFormat format, CloudTrailDelivery? delivery)
    {
        if (_options.KeepOriginalJson)
        {
            delivery ??= new CloudTrailDelivery();
            delivery.OriginalJson = RawJson.Parse(json.Span, _readerOptions);
        }
        record.SetDelivery(format, _recordIndex, offset, _filePath, delivery);
        _recordIndex++;
        _options.Statistics?.AddRecord();
        _pending.Enqueue(new Pending(record, default, offset, format, null, 0, false));
    }

    /// <summary>Queues a record for a view: its JSON, read no further (the view reads its fields).</summary>
    /// <param name="json">The record's JSON (valid until the queue is empty: the framer keeps its buffer until then).</param>
    /// <param name="offset">Where the record (or its wrapper) is in the input.</param>
    /// <param name="format">The wrapper it came in.</param>
    /// <param name="delivery">The wrapper's own fields, when it has any.</param>
    /// <param name="scanned">Whether the view's fields were found already (by the framer's fast path).</param>
    public void CompleteView(ReadOnlyMemory<byte> json, long offset, CloudTrailSourceFormat format, CloudTrailDelivery? delivery, bool scanned)
    {
        _options.Statistics?.AddRecord();
        _pending.Enqueue(new Pending(null, json, offset, format, delivery, _recordIndex++, scanned));
    }

    /// <summary>Reports a value that was skipped or malformed, and counts it.</summary>
    public void Report(CloudTrailReadIssueKind kind, string message, long offset)
    {
        if (kind == CloudTrailReadIssueKind.Skipped) _options.Statistics?.AddSkipped();
        else _options.Statistics?.AddMalformed();
        _options.OnIssue?.Invoke(new CloudTrailReadIssue(kind, message, _recordIndex, offset, _filePath));
    }

    private CloudTrailFormatException Error(string message, Exception? inner) => new(message, _position(), _recordIndex, inner, _filePath);

    private static string Describe(byte first) => first switch
    {
        (byte)'[' => "array",
        (byte)'t' or (byte)'f' => "boolean",
        (byte)'n' => "null",
        _ => "number",
    };
}
