namespace CloudTrailGen;

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
