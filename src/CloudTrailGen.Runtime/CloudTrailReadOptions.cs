using System;
using System.Threading;

namespace CloudTrailGen;

/// <summary>Limits and hooks for <c>CloudTrailLog</c> readers. The defaults are safe for untrusted input.</summary>
public sealed class CloudTrailReadOptions
{
    /// <summary>The deepest JSON nesting accepted (default 128). Deeper input ends with a <see cref="CloudTrailFormatException"/>.</summary>
    public int MaxDepth { get; set; } = 128;

    /// <summary>The largest single record, or wrapper holding records, in bytes (default 64 MiB). Larger input is an error.</summary>
    public int MaxRecordBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The most bytes read after decompression (default 8 GiB), so that a gzip bomb ends with an error.</summary>
    public long MaxDecompressedBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Whether each record keeps its original JSON in <see cref="CloudTrailDelivery.OriginalJson"/> (default false).</summary>
    public bool KeepOriginalJson { get; set; }

    /// <summary>Called for every input that was skipped (not a record) or malformed; the reader goes on where it can.</summary>
    public Action<CloudTrailReadIssue>? OnIssue { get; set; }

    /// <summary>Counters the reader updates as it goes (optional).</summary>
    public CloudTrailReadStatistics? Statistics { get; set; }

    internal static readonly CloudTrailReadOptions Default = new();

    internal void Validate()
    {
        if (MaxDepth < 8) throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be at least 8.");
        if (MaxRecordBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxRecordBytes), MaxRecordBytes, "MaxRecordBytes must be at least 1024.");
        if (MaxDecompressedBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxDecompressedBytes), MaxDecompressedBytes, "MaxDecompressedBytes must be at least 1024.");
    }
}

/// <summary>What the reader has seen so far. Updated as records are read; safe to read from another thread.</summary>
public sealed class CloudTrailReadStatistics
{
    private long _records, _skipped, _malformed, _bytes;

    /// <summary>Records returned.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>Valid JSON values that were not CloudTrail records (validation messages, control messages, ...).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Records that were not valid JSON and were passed over.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Bytes of JSON read (after decompression).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    internal void AddRecord() => Interlocked.Increment(ref _records);

    internal void AddSkipped() => Interlocked.Increment(ref _skipped);

    internal void AddMalformed() => Interlocked.Increment(ref _malformed);

    internal void SetBytes(long bytes) => Interlocked.Exchange(ref _bytes, bytes);
}

/// <summary>The kind of a <see cref="CloudTrailReadIssue"/>.</summary>
public enum CloudTrailReadIssueKind
{
    /// <summary>Valid JSON that is not a CloudTrail record (for example the SNS "CloudTrail validation message"); skipped.</summary>
    Skipped,

    /// <summary>A record that is not valid JSON; the reader went on to the next one.</summary>
    Malformed,
}

/// <summary>Something the reader passed over, and where.</summary>
/// <param name="Kind">Skipped or malformed.</param>
/// <param name="Message">What was wrong, for people.</param>
/// <param name="RecordIndex">The index the record would have had among the records returned.</param>
/// <param name="ByteOffset">The offset of the value in the (decompressed) input.</param>
public sealed record CloudTrailReadIssue(CloudTrailReadIssueKind Kind, string Message, long RecordIndex, long ByteOffset);

/// <summary>Input that cannot be read on: broken framing, or a limit exceeded. Every record before it was returned.</summary>
public sealed class CloudTrailFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CloudTrailFormatException(string message, long byteOffset, long recordIndex, Exception? innerException = null)
        : base(message, innerException)
    {
        ByteOffset = byteOffset;
        RecordIndex = recordIndex;
    }

    /// <summary>The offset in the (decompressed) input where reading stopped.</summary>
    public long ByteOffset { get; }

    /// <summary>How many records were returned before the error.</summary>
    public long RecordIndex { get; }
}

/// <summary>How a record reached the reader: its wrapper, position, and the wrapper's own fields.</summary>
public sealed class CloudTrailDelivery
{
    /// <summary>The wrapper the record came in.</summary>
    public CloudTrailSourceFormat Format { get; init; }

    /// <summary>The record's index among the records returned (0-based).</summary>
    public long RecordIndex { get; init; }

    /// <summary>The offset of the record (or of its wrapper) in the decompressed input.</summary>
    public long ByteOffset { get; init; }

    /// <summary>The record's JSON as it was read, when <see cref="CloudTrailReadOptions.KeepOriginalJson"/> is set.</summary>
    public RawJson? OriginalJson { get; init; }

    /// <summary>EventBridge: the event's <c>id</c>.</summary>
    public string? EventBridgeId { get; init; }

    /// <summary>EventBridge: the event's <c>time</c>.</summary>
    public DateTimeOffset? EventBridgeTime { get; init; }

    /// <summary>EventBridge: the event's <c>region</c>.</summary>
    public string? Region { get; init; }

    /// <summary>EventBridge: the event's <c>account</c>; CloudWatch Logs: the payload's <c>owner</c>.</summary>
    public string? Account { get; init; }

    /// <summary>EventBridge: the event's <c>detail-type</c>, such as "AWS API Call via CloudTrail".</summary>
    public string? DetailType { get; init; }

    /// <summary>CloudWatch Logs: the log group.</summary>
    public string? LogGroup { get; init; }

    /// <summary>CloudWatch Logs: the log stream.</summary>
    public string? LogStream { get; init; }

    /// <summary>CloudWatch Logs: the log event's id.</summary>
    public string? LogEventId { get; init; }
}

/// <summary>The wrappers CloudTrail records arrive in.</summary>
public enum CloudTrailSourceFormat
{
    /// <summary>A log file: <c>{"Records":[...]}</c>.</summary>
    LogFile,

    /// <summary>Records one after another (one per line, or concatenated), or a single record.</summary>
    Records,

    /// <summary>A JSON array of records.</summary>
    Array,

    /// <summary>An EventBridge event whose <c>detail</c> is the record.</summary>
    EventBridge,

    /// <summary>A CloudWatch Logs subscription payload (<c>logEvents[].message</c>), plain or as Lambda delivers it.</summary>
    CloudWatchLogs,

    /// <summary>A <c>LookupEvents</c> response (<c>Events[].CloudTrailEvent</c>).</summary>
    LookupEvents,

    /// <summary>A record given as a JSON string (CloudTrail Lake exports and other tools).</summary>
    JsonString,
}
