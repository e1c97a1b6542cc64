using System;

namespace CloudTrailGen;

/// <summary>Input that cannot be read on: broken framing, or a limit exceeded. Every record before it was returned.</summary>
public sealed class CloudTrailFormatException : Exception
{
    internal CloudTrailFormatException(string message, long byteOffset, long recordIndex, Exception? innerException = null, string? filePath = null)
        : base(filePath is null ? message : filePath + ": " + message, innerException)
    {
        FilePath = filePath;
        ByteOffset = byteOffset;
        RecordIndex = recordIndex;
    }

    /// <summary>The offset in the (decompressed) input where reading stopped.</summary>
    public long ByteOffset { get; }

    /// <summary>
    /// How many records were returned before the error; -1 when <see cref="CloudTrailReadOptions.MaxDecompressedBytes"/>
    /// was exceeded (counted below the framing of records, so <see cref="ByteOffset"/> is the limit then).
    /// </summary>
    public long RecordIndex { get; }

    /// <summary>The file that could not be read on (<c>ReadFile</c>, <c>ReadDirectory</c>), which the message also names; for a stream, <see cref="CloudTrailReadOptions.SourceName"/>, else null.</summary>
    public string? FilePath { get; }
}
