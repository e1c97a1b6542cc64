using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen;

/// <summary>Bytes already read from the stream (to detect gzip), then the rest of the stream. Does not own the stream.</summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private ReadOnlyMemory<byte> _prefix;

    public PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner)
    {
        _prefix = prefix;
        _inner = inner;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty) return _inner.Read(buffer);
        int n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefix.IsEmpty) return _inner.ReadAsync(buffer, cancellationToken);
        return new ValueTask<int>(Read(buffer.Span));
    }
}
