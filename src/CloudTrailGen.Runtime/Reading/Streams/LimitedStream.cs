using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen;

/// <summary>Counts what is read and fails past a limit (a gzip bomb ends here, not in memory).</summary>
internal sealed class LimitedStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly GzipTrailer? _trailer;
    private readonly Func<long, Exception> _tooLarge;
    private long _read;

    /// <param name="inner">The stream read (owned: disposed with this one).</param>
    /// <param name="limit">The most bytes that may be read.</param>
    /// <param name="trailer">The gzip data under <paramref name="inner"/>, checked at the end; null when there is none or it is not checked.</param>
    /// <param name="tooLarge">The exception for input past the limit, from the limit.</param>
    public LimitedStream(Stream inner, long limit, GzipTrailer? trailer, Func<long, Exception> tooLarge)
    {
        _inner = inner;
        _limit = limit;
        _trailer = trailer;
        _tooLarge = tooLarge;
    }

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer) => Count(_inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    private int Count(int n)
    {
        if (n == 0) _trailer?.Verify(_read);
        _read += n;
        if (_read > _limit) throw _tooLarge(_limit);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        // The chain below is a GZipStream and/or a PrefixedStream (which does not close the
        // caller's stream: the caller owns that one), or a GZipStream over the reader's own bytes.
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
