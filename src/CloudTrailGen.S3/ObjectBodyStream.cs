using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen.S3;

/// <summary>
/// The body of one object as S3 sends it, read-only: adds what is read to the statistics, and ends a
/// read that gets no data for <paramref name="idle"/> with a <see cref="TimeoutException"/> naming
/// the object. The SDK's timeout covers the wait for the answer, not the body after it: without
/// this, a connection that stops part-way through a body would leave its reader waiting for ever.
/// </summary>
internal sealed class ObjectBodyStream(Stream inner, CloudTrailS3Object source, TimeSpan idle, CloudTrailS3Statistics statistics) : ReadOnlyStream
{
    private long _read;
    private volatile bool _stalled;

    public override int Read(Span<byte> buffer)
    {
        // A blocking read cannot be cancelled: closing the response stream is what ends it.
        using var timer = new CancellationTokenSource(idle);
        using var closing = timer.Token.UnsafeRegister(static state => ((ObjectBodyStream)state!).Stall(), this);
        try
        {
            return Count(inner.Read(buffer));
        }
        catch (Exception e) when (_stalled)
        {
            throw Stalled(e);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(idle);
        try
        {
            return Count(await inner.ReadAsync(buffer, timer.Token).ConfigureAwait(false));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (timer.IsCancellationRequested || _stalled))
        {
            _stalled = true;
            throw Stalled(e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private void Stall()
    {
        _stalled = true;
        inner.Dispose();
    }

    private TimeoutException Stalled(Exception cause) => new(
        string.Create(CultureInfo.InvariantCulture, $"{source}: no data came for {idle.TotalSeconds:0.###} s while reading the object ({_read:N0} of {source.Size:N0} bytes read)"),
        cause);

    private int Count(int read)
    {
        _read += read;
        statistics.AddBytes(read);
        return read;
    }
}
