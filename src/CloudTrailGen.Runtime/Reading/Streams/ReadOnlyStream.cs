using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen;

/// <summary>The read-only, forward-only stream every wrapper stream of the project is; subclasses supply the reads.</summary>
/// <remarks>
/// Shared as source: the S3 package and TrailScan compile this file in as their own internal copy
/// (a link in their project files), so the runtime's public API stays free of it.
/// </remarks>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
