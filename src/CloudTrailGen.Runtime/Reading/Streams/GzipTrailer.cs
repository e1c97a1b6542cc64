using System;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen;

/// <summary>
/// Watches the compressed bytes so that the end of the gzip data can be checked: GZipStream
/// returns end-of-data, without an error, for data cut anywhere (even right after the
/// header), so a truncated .ndjson.gz would silently lose its last records. At the end, the
/// trailer's ISIZE (the size of the data, modulo 2^32) must match what was decompressed.
/// A file of several gzip members (concatenated .gz files) has one trailer per member, which
/// this cannot tell apart without parsing deflate data: when another member header appears
/// after the first, the check is skipped (truncation is then still found when it cuts a JSON value).
/// </summary>
internal sealed class GzipTrailer : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly byte[] _last = new byte[8];
    private long _count;
    private bool _members;

    public GzipTrailer(Stream inner) => _inner = inner;

    public override int Read(Span<byte> buffer) => Observe(buffer[.._inner.Read(buffer)]);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Observe(buffer.Span[..n]);
    }

    private int Observe(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty) return 0;
        if (!_members)
        {
            // Another member's header (1F 8B 08) anywhere after the first byte, also across reads.
            ReadOnlySpan<byte> signature = [0x1F, 0x8B, 0x08];
            int keep = (int)Math.Min(_count, 2), head = Math.Min(read.Length, 2);
            Span<byte> joined = stackalloc byte[4];
            _last.AsSpan(8 - keep).CopyTo(joined);
            read[..head].CopyTo(joined[keep..]);
            for (int p = 0; p < keep && !_members; p++)
            {
                _members = _count - keep + p > 0 && p + 3 <= keep + head && joined.Slice(p, 3).SequenceEqual(signature);
            }
            _members |= read[(_count == 0 ? 1 : 0)..].IndexOf(signature) >= 0;
        }
        if (read.Length >= 8)
        {
            read[^8..].CopyTo(_last);
        }
        else
        {
            _last.AsSpan(read.Length).CopyTo(_last);
            read.CopyTo(_last.AsSpan(8 - read.Length));
        }
        _count += read.Length;
        return read.Length;
    }

    /// <summary>Checks the end of the data.</summary>
    /// <exception cref="InvalidDataException">The gzip data ended before its trailer.</exception>
    public void Verify(long decompressed)
    {
        if (_members) return;
        uint size = _count >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(_last.AsSpan(4)) : 0;
        if (_count < 18 || size != (uint)decompressed)
        {
            // (The trailer's size is not the size decompressed, or there is no trailer: either way
            // the stream stops before its end.)
            throw new InvalidDataException($"it ends after {_count} compressed bytes, before the end of the gzip stream: the file is cut off.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
