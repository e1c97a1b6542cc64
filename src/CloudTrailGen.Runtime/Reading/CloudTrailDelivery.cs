using System;

namespace CloudTrailGen;

/// <summary>
/// How a record reached the reader: its wrapper, its position, the file it was read from, and the
/// wrapper's own fields. Every record a <c>CloudTrailLog</c> reader returns has one.
/// </summary>
public sealed class CloudTrailDelivery
{
    // Made by the reader only: a wrapper's fields first, the record's place when it is read.
    internal CloudTrailDelivery()
    {
    }

    /// <summary>The wrapper the record came in.</summary>
    public CloudTrailSourceFormat Format { get; internal set; }

    /// <summary>The record's index among the records returned (0-based).</summary>
    public long RecordIndex { get; internal set; }

    /// <summary>The offset of the record (or of its wrapper) in the decompressed input.</summary>
    public long ByteOffset { get; internal set; }

    /// <summary>
    /// The file the record was read from (<c>ReadFile</c>, <c>ReadDirectory</c>), as the path was
    /// given or found; for a stream, <see cref="CloudTrailReadOptions.SourceName"/> (such as the
    /// S3 object's <c>s3://bucket/key</c>), else null.
    /// </summary>
    public string? FilePath { get; internal set; }

    /// <summary>The record's JSON as it was read, when <see cref="CloudTrailReadOptions.KeepOriginalJson"/> is set.</summary>
    public RawJson? OriginalJson { get; internal set; }

    /// <summary>EventBridge: the event's <c>id</c>.</summary>
    public string? EventBridgeId { get; internal set; }

    /// <summary>EventBridge: the event's <c>time</c>.</summary>
    public DateTimeOffset? EventBridgeTime { get; internal set; }

    /// <summary>EventBridge: the event's <c>region</c>.</summary>
    public string? Region { get; internal set; }

    /// <summary>EventBridge: the event's <c>account</c>; CloudWatch Logs: the payload's <c>owner</c>.</summary>
    public string? Account { get; internal set; }

    /// <summary>EventBridge: the event's <c>detail-type</c>, such as "AWS API Call via CloudTrail".</summary>
    public string? DetailType { get; internal set; }

    /// <summary>CloudWatch Logs: the log group.</summary>
    public string? LogGroup { get; internal set; }

    /// <summary>CloudWatch Logs: the log stream.</summary>
    public string? LogStream { get; internal set; }

    /// <summary>CloudWatch Logs: the log event's id.</summary>
    public string? LogEventId { get; internal set; }
}
