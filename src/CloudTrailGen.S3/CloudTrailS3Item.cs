using System;

namespace CloudTrailGen.S3;

/// <summary>One thing read from S3: a record of an object, or the error that stopped an object's reading.</summary>
/// <typeparam name="TRecord">What the reader delegate returns (the generated <c>CloudTrailRecord</c>).</typeparam>
public readonly struct CloudTrailS3Item<TRecord>
{
    internal CloudTrailS3Item(CloudTrailS3Object source, TRecord? record, Exception? error)
    {
        Object = source;
        Record = record;
        Error = error;
    }

    /// <summary>The object the record or the error is of.</summary>
    public CloudTrailS3Object Object { get; }

    /// <summary>The record, when <see cref="Error"/> is null.</summary>
    public TRecord? Record { get; }

    /// <summary>
    /// Why the object could not be read (on): the S3 error, or the reader's
    /// <c>CloudTrailFormatException</c>. Records of the object before the problem were returned.
    /// The other objects are still read.
    /// </summary>
    public Exception? Error { get; }
}
