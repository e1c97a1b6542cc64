using System;

namespace CloudTrailGen;

/// <summary>Limits and hooks for <c>CloudTrailLog</c> readers. The defaults are safe for untrusted input.</summary>
public sealed class CloudTrailReadOptions
{
    /// <summary>
    /// The deepest JSON nesting accepted (default 128, at least 8), counted from the top-level
    /// value: a wrapper's nesting counts, as does that of a record given in a JSON string. Deeper
    /// input is malformed: a value on a line of its own, or a record in a string, is reported
    /// through <see cref="OnIssue"/> and reading goes on; elsewhere (in a log file's
    /// <c>Records</c> array) reading ends with a <see cref="CloudTrailFormatException"/>.
    /// </summary>
    /// <remarks>
    /// What takes no options uses the default, <see cref="DefaultMaxDepth"/>:
    /// <see cref="RawJson.Parse(System.ReadOnlySpan{byte})"/>, <see cref="RawJson.ToJsonElement"/>,
    /// and typing a request or response kept raw on first use.
    /// </remarks>
    public int MaxDepth { get; set; } = DefaultMaxDepth;

    /// <summary>The largest single record, or wrapper holding records, in bytes (default 64 MiB). Larger input is an error.</summary>
    public int MaxRecordBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The most bytes read after decompression (default 8 GiB), so that a gzip bomb ends with an error.</summary>
    public long MaxDecompressedBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Whether each record keeps its original JSON in <see cref="CloudTrailDelivery.OriginalJson"/> (default false).</summary>
    public bool KeepOriginalJson { get; set; }

    /// <summary>
    /// A name for the input when it is read from a stream (for example the S3 object it came from,
    /// <c>s3://bucket/key</c>): each record's <see cref="CloudTrailDelivery.FilePath"/>, and the
    /// name in issues and errors, as a file's path is for files. Null (the default) leaves them
    /// null for streams; ignored when reading files, whose path is used.
    /// </summary>
    public string? SourceName { get; set; }

    /// <summary>Called for every input that was skipped (not a record) or malformed; the reader goes on where it can.</summary>
    public Action<CloudTrailReadIssue>? OnIssue { get; set; }

    /// <summary>Counters the reader updates as it goes (optional).</summary>
    public CloudTrailReadStatistics? Statistics { get; set; }

    /// <summary>The default of <see cref="MaxDepth"/>, also the limit of what reads JSON without options.</summary>
    internal const int DefaultMaxDepth = 128;

    internal static readonly CloudTrailReadOptions Default = new();

    internal void Validate()
    {
        if (MaxDepth < 8) throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be at least 8.");
        if (MaxRecordBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxRecordBytes), MaxRecordBytes, "MaxRecordBytes must be at least 1024.");
        if (MaxDecompressedBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxDecompressedBytes), MaxDecompressedBytes, "MaxDecompressedBytes must be at least 1024.");
    }
}
