using System;
using System.IO;

namespace CloudTrailGen.S3;

/// <summary>
/// One object's body, downloaded whole into memory (see <see cref="CloudTrailS3Reader.DownloadAsync"/>),
/// or the error that stopped its download.
/// </summary>
public sealed class CloudTrailS3Download
{
    private readonly byte[]? _body;
    private readonly int _length;

    internal CloudTrailS3Download(CloudTrailS3Object source, byte[]? body, int length, Exception? error)
    {
        Object = source;
        _body = body;
        _length = length;
        Error = error;
    }

    /// <summary>The object.</summary>
    public CloudTrailS3Object Object { get; }

    /// <summary>
    /// Why the object could not be downloaded (the S3 error, after the SDK's retries); null when
    /// <see cref="Body"/> holds it. The other objects are still downloaded.
    /// </summary>
    public Exception? Error { get; }

    /// <summary>The body as stored (a <c>.json.gz</c> object stays compressed); empty when <see cref="Error"/> is set.</summary>
    public ReadOnlyMemory<byte> Body => _body is null ? ReadOnlyMemory<byte>.Empty : _body.AsMemory(0, _length);

    /// <summary>
    /// A stream over <see cref="Body"/>, to hand to the generated reader (<c>CloudTrailLog.Read</c>,
    /// <c>ReadViews</c>, <c>ReadAsync</c>: gzip is detected there).
    /// </summary>
    /// <returns>A read-only stream; disposing of it is optional.</returns>
    /// <exception cref="InvalidOperationException">The download failed (<see cref="Error"/>).</exception>
    public Stream OpenRead()
    {
        if (_body is null) throw new InvalidOperationException($"{Object} was not downloaded: {Error?.Message}", Error);
        return new MemoryStream(_body, 0, _length, writable: false);
    }
}
