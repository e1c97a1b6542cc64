namespace CloudTrailGen;

/// <summary>Something the reader passed over, and where (what <see cref="CloudTrailReadOptions.OnIssue"/> is given).</summary>
public sealed record CloudTrailReadIssue
{
    internal CloudTrailReadIssue(CloudTrailReadIssueKind kind, string message, long recordIndex, long byteOffset, string? filePath)
    {
        FilePath = filePath;
        Kind = kind;
        Message = message;
        RecordIndex = recordIndex;
        ByteOffset = byteOffset;
    }

    /// <summary>Skipped or malformed.</summary>
    public CloudTrailReadIssueKind Kind { get; }

    /// <summary>What was wrong, for people.</summary>
    public string Message { get; }

    /// <summary>The index the record would have had among the records returned.</summary>
    public long RecordIndex { get; }

    /// <summary>The offset of the value in the (decompressed) input.</summary>
    public long ByteOffset { get; }

    /// <summary>The file being read (<c>ReadFile</c>, <c>ReadDirectory</c>); for a stream, <see cref="CloudTrailReadOptions.SourceName"/>, else null.</summary>
    public string? FilePath { get; }
}
