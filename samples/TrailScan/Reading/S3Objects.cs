using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CloudTrailGen.S3;

namespace TrailScan.Reading;

/// <summary>
/// The log objects of one s3:// PATH, in listing order (<see cref="CloudTrailS3Reader.ListAsync"/>:
/// key order), each object's body downloaded ahead into a buffer of its own, several at once (S3
/// answers in tens of milliseconds: reading one object after another would mostly wait). The
/// objects are then read as local files are, in the same order, so the output is the same as for
/// a local copy of them and the same from run to run.
/// </summary>
/// <remarks>
/// Memory stays bounded: at most <see cref="ReadAhead"/> objects are listed and not yet read to
/// their end (downloading, downloaded, or being read), of at most <see cref="ByteBudget"/> bytes
/// together (an object larger than that is still read, alone), and at most the query's
/// <see cref="CloudTrailS3Query.MaxConcurrency"/> downloads are in flight.
/// </remarks>
internal sealed class S3Objects : IDisposable
{
    /// <summary>Objects listed and not yet read to their end, at most.</summary>
    public const int ReadAhead = 16;

    /// <summary>Bytes (as stored) of the objects listed and not yet read to their end, at most, unless one object alone is larger.</summary>
    public const long ByteBudget = 256L << 20;

    private readonly CloudTrailS3Reader _reader;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _downloads;
    private readonly SemaphoreSlim _slots = new(ReadAhead);
    private readonly object _gate = new();
    private readonly List<S3Body> _listed = [];
    private readonly Task _pump;
    private long _bytesHeld;
    private bool _ended;
    private Exception? _listingError;

    /// <summary>Starts listing (and downloading) the objects of <paramref name="query"/>.</summary>
    public S3Objects(CloudTrailS3Reader reader, CloudTrailS3Query query)
    {
        _reader = reader;
        _downloads = new SemaphoreSlim(query.MaxConcurrency);
        _pump = Task.Run(() => PumpAsync(query, _stop.Token));
    }

    /// <summary>
    /// The object at <paramref name="index"/> in listing order, waiting for the listing to reach it;
    /// false when there are fewer objects (then <paramref name="listingError"/> says whether the
    /// listing failed) or when <paramref name="cancel"/> is canceled.
    /// </summary>
    public bool TryGet(int index, CancellationToken cancel, out S3Body? body, out Exception? listingError)
    {
        lock (_gate)
        {
            while (index >= _listed.Count && !_ended)
            {
                if (cancel.IsCancellationRequested) break;
                Monitor.Wait(_gate, 100);
            }
            listingError = _listingError;
            body = index < _listed.Count ? _listed[index] : null;
            return body is not null;
        }
    }

    private async Task PumpAsync(CloudTrailS3Query query, CancellationToken token)
    {
        try
        {
            await foreach (var source in _reader.ListAsync(query, token).ConfigureAwait(false))
            {
                await _slots.WaitAsync(token).ConfigureAwait(false);
                await WaitForBytesAsync(source.Size, token).ConfigureAwait(false);
                var body = new S3Body(this, source);
                body.Start(DownloadAsync(source, token));
                lock (_gate)
                {
                    _listed.Add(body);
                    Monitor.PulseAll(_gate);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed: no more objects are wanted.
        }
        catch (Exception e)
        {
            // A listing failed (after the SDK's retries): the objects listed before are still read.
            _listingError = e;
        }
        finally
        {
            lock (_gate)
            {
                _ended = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Waits until <paramref name="size"/> more bytes fit in the budget, or nothing is held.</summary>
    private async Task WaitForBytesAsync(long size, CancellationToken token)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_bytesHeld == 0 || _bytesHeld + size <= ByteBudget)
                {
                    _bytesHeld += size;
                    return;
                }
            }
            await Task.Delay(20, token).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> DownloadAsync(CloudTrailS3Object source, CancellationToken token)
    {
        await _downloads.WaitAsync(token).ConfigureAwait(false);
        try
        {
            await using var stream = await _reader.OpenAsync(source, token).ConfigureAwait(false);
            using var buffer = new MemoryStream((int)Math.Clamp(source.Size, 0, 64L << 20));
            await stream.CopyToAsync(buffer, 1 << 16, token).ConfigureAwait(false);
            return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }
        finally
        {
            _downloads.Release();
        }
    }

    /// <summary>An object read to its end (or given up): its place and bytes go to the next.</summary>
    private void Release(S3Body body)
    {
        lock (_gate) _bytesHeld -= body.Object.Size;
        _slots.Release();
    }

    /// <summary>Stops the listing and the downloads in flight.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _pump.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
        lock (_gate)
        {
            foreach (var body in _listed) body.Abandon();
        }
    }

    /// <summary>One listed object and its body, downloading or downloaded.</summary>
    internal sealed class S3Body(S3Objects owner, CloudTrailS3Object source)
    {
        private Task<byte[]>? _download;
        private int _released;

        /// <summary>The object.</summary>
        public CloudTrailS3Object Object { get; } = source;

        internal void Start(Task<byte[]> download) => _download = download;

        /// <summary>
        /// The body as stored (gzip or not), once downloaded; a download that failed is thrown
        /// (the SDK's, or an <see cref="IOException"/>), <paramref name="cancel"/> stops the wait.
        /// </summary>
        public Stream Open(CancellationToken cancel)
        {
            var download = _download!;
            try
            {
                download.Wait(cancel);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException!);
            }
            byte[] bytes = download.Result;
            return new MemoryStream(bytes, 0, bytes.Length, writable: false);
        }

        /// <summary>The body is read (or given up): lets the next objects download.</summary>
        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _download = null;
                owner.Release(this);
            }
        }

        /// <summary>Drops the body without handing its place on (the reading is over).</summary>
        internal void Abandon()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) _download = null;
        }
    }
}
