using System.Threading;

namespace CloudTrailGen.S3;

/// <summary>What the S3 reader has done so far. Updated while reading; safe to read from another thread.</summary>
public sealed class CloudTrailS3Statistics
{
    private long _listRequests, _accountFolders, _listed, _outsideRange, _unrecognised, _read, _failed, _bytes, _inFlight, _maxInFlight;

    /// <summary>List requests sent (each page counts).</summary>
    public long ListRequests => Interlocked.Read(ref _listRequests);

    /// <summary>
    /// Folders found under <c>AWSLogs/</c>: accounts and organizations, selected by the query or
    /// not. None means the bucket and prefix hold no trail's logs (a prefix that is not the trail's).
    /// </summary>
    public long AccountFolders => Interlocked.Read(ref _accountFolders);

    /// <summary>Objects listed in the day folders and kept: their name's time is in the range.</summary>
    public long ObjectsListed => Interlocked.Read(ref _listed);

    /// <summary>Objects listed in a day folder whose name's time is outside the range (not read).</summary>
    public long ObjectsOutsideRange => Interlocked.Read(ref _outsideRange);

    /// <summary>Objects in a day folder whose name is not a CloudTrail log file's (not read).</summary>
    public long ObjectsNotRecognised => Interlocked.Read(ref _unrecognised);

    /// <summary>Objects read to the end.</summary>
    public long ObjectsRead => Interlocked.Read(ref _read);

    /// <summary>Objects that could not be read (on): each is returned as an item with its error.</summary>
    public long ObjectsFailed => Interlocked.Read(ref _failed);

    /// <summary>Bytes received from S3 (as stored: compressed).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Objects being read now.</summary>
    public long ObjectsInFlight => Interlocked.Read(ref _inFlight);

    /// <summary>The most objects that were being read at the same time.</summary>
    public long MaxObjectsInFlight => Interlocked.Read(ref _maxInFlight);

    internal void AddListRequest() => Interlocked.Increment(ref _listRequests);

    internal void AddAccountFolders(int count) => Interlocked.Add(ref _accountFolders, count);

    internal void AddListed() => Interlocked.Increment(ref _listed);

    internal void AddOutsideRange() => Interlocked.Increment(ref _outsideRange);

    internal void AddNotRecognised() => Interlocked.Increment(ref _unrecognised);

    internal void AddRead() => Interlocked.Increment(ref _read);

    internal void AddFailed() => Interlocked.Increment(ref _failed);

    internal void AddBytes(long count) => Interlocked.Add(ref _bytes, count);

    internal void Start()
    {
        long now = Interlocked.Increment(ref _inFlight);
        long max;
        while (now > (max = Interlocked.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }
    }

    internal void Stop() => Interlocked.Decrement(ref _inFlight);
}
