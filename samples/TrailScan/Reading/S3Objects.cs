using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using CloudTrailGen.S3;

namespace TrailScan.Reading;

/// <summary>
/// The log objects of one s3:// PATH in listing order (key order), each downloaded ahead into a
/// buffer of its own by <see cref="CloudTrailS3Reader.DownloadAsync"/> (the query's 8 downloads in
/// flight: S3 answers in tens of milliseconds, so reading one object after another would mostly
/// wait). The objects are then read as local files are, in the same order, so the output is the
/// same as for a local copy of them and the same from run to run.
/// </summary>
/// <remarks>
/// Memory stays bounded: the reader downloads at most 8 objects ahead of the one taken last, and
/// trailscan takes the next only when a reading thread may start it (see <see cref="InputItems"/>
/// and <see cref="OrderedParallel{TChunk, TResult}"/>'s window); each body is let go once read
/// (<see cref="S3Body.Release"/>).
/// </remarks>
internal sealed class S3Objects : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly CloudTrailS3Reader _reader;
    private readonly IAsyncEnumerator<CloudTrailS3Download> _downloads;

    /// <summary>Starts listing and downloading the objects of <paramref name="query"/>; <paramref name="interrupt"/> stops both.</summary>
    public S3Objects(CloudTrailS3Reader reader, CloudTrailS3Query query, CancellationToken interrupt)
    {
        _reader = reader;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        _downloads = reader.DownloadAsync(query, _stop.Token).GetAsyncEnumerator(_stop.Token);
    }

    /// <summary>
    /// The next object, waiting for its download; false at the end of the listing, when it failed
    /// (<paramref name="listingError"/>: the objects listed before were handed out), or when interrupted.
    /// </summary>
    public bool TryNext(out S3Body? body, out Exception? listingError)
    {
        body = null;
        listingError = null;
        try
        {
            // trailscan reads synchronously; the reader's tasks do the waiting on S3.
            if (!_downloads.MoveNextAsync().AsTask().GetAwaiter().GetResult()) return false;
            body = new S3Body(_downloads.Current);
            return true;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            // A listing failed (after the SDK's retries): nothing more can be found under the PATH.
            listingError = e;
            return false;
        }
    }

    /// <summary>Whether the listing found no folder under <c>AWSLogs/</c> (see <see cref="CloudTrailS3Statistics.AccountFolders"/>).</summary>
    public bool FoundNoAccountFolders => _reader.Statistics.AccountFolders == 0;

    /// <summary>Whether the listing found account folders but no log object in them for the query (its range, accounts and regions).</summary>
    public bool ListedNothing => _reader.Statistics.AccountFolders > 0 && _reader.Statistics.ObjectsListed == 0;

    /// <summary>Stops the listing and the downloads in flight (not while <see cref="TryNext"/> runs).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _downloads.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One object and its body, downloaded, until read.</summary>
    internal sealed class S3Body(CloudTrailS3Download download)
    {
        private CloudTrailS3Download? _download = download;

        /// <summary>The object.</summary>
        public CloudTrailS3Object Object { get; } = download.Object;

        /// <summary>The body as stored (gzip or not); a download that failed is thrown (the SDK's exception).</summary>
        public Stream Open()
        {
            var download = _download ?? throw new InvalidOperationException($"{Object} was read already");
            if (download.Error is { } error) ExceptionDispatchInfo.Throw(error);
            return download.OpenRead();
        }

        /// <summary>The body is read (or given up): its bytes can go.</summary>
        public void Release() => _download = null;
    }
}
