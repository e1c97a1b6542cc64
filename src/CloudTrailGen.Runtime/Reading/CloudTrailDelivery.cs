using System;

namespace CloudTrailGen;

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
