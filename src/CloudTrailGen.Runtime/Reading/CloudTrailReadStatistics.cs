using System.Threading;

namespace CloudTrailGen;

/// <summary>
/// What the reader has seen so far. Updated as records are read; safe to read from another thread.
/// Every count adds up over all the inputs read with the same options.
/// </summary>
public sealed class CloudTrailReadStatistics
{
    private long _records, _skipped, _malformed, _bytes;

    /// <summary>Records returned.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>Valid JSON values that were not CloudTrail records (validation messages, control messages, ...).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Records that were not valid JSON and were passed over.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Bytes of JSON read (after decompression), over every input read with these options.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    internal void AddRecord() => Interlocked.Increment(ref _records);

    internal void AddSkipped() => Interlocked.Increment(ref _skipped);

    internal void AddMalformed() => Interlocked.Increment(ref _malformed);

    internal void AddBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
