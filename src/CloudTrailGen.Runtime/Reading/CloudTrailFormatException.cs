using System;

namespace CloudTrailGen;

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
