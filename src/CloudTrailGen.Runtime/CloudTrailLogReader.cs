using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen;

/// <summary>
/// Reads CloudTrail records from any wrapper they arrive in, one at a time, with bounded memory.
/// Generated code exposes it as <c>CloudTrailLog</c> in the consumer's namespace.
/// </summary>
/// <remarks>
/// Detected from the bytes: gzip; log files <c>{"Records":[...]}</c>; one record per line,
/// concatenated records, a single record, a JSON array of records; EventBridge events (the record is
/// <c>detail</c>); CloudWatch Logs subscription payloads, also base64 + gzip as Lambda receives them;
/// <c>LookupEvents</c> responses; records given as JSON strings. Other JSON values are skipped and
/// reported through <see cref="CloudTrailReadOptions.OnIssue"/>.
/// </remarks>
public static class CloudTrailLogReader
{
    /// <summary>Reads records from a stream, asynchronously.</summary>
    /// <exception cref="CloudTrailFormatException">The input cannot be read on (after every record before the problem was returned).</exception>
    public static async IAsyncEnumerable<TRecord> ReadAsync<TRecord>(
        Stream stream,
        JsonTypeInfo<TRecord> typeInfo,
        CloudTrailReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(typeInfo);
        options ??= CloudTrailReadOptions.Default;
        options.Validate();
        var parser = new CloudTrailLogParser<TRecord>(typeInfo, options);
        await using var input = await OpenAsync(stream, options, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var step = parser.Next(out var record);
            if (step == CloudTrailLogParser<TRecord>.Step.Record)
            {
                yield return record!;
                continue;
            }
            if (step == CloudTrailLogParser<TRecord>.Step.End) yield break;
            var memory = parser.GetFillBuffer();
            int read = await ReadAsync(input, memory, parser, cancellationToken).ConfigureAwait(false);
            if (read == 0) parser.Complete();
            else parser.Advance(read);
            options.Statistics?.SetBytes(input.Position);
        }
    }

    /// <summary>Reads records from a stream.</summary>
    /// <exception cref="CloudTrailFormatException">The input cannot be read on (after every record before the problem was returned).</exception>
    public static IEnumerable<TRecord> Read<TRecord>(Stream stream, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions? options = null)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(typeInfo);
        options ??= CloudTrailReadOptions.Default;
        options.Validate();
        return ReadIterator(stream, typeInfo, options);
    }

    private static IEnumerable<TRecord> ReadIterator<TRecord>(Stream stream, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions options)
        where TRecord : CloudTrailRecordBase
    {
        var parser = new CloudTrailLogParser<TRecord>(typeInfo, options);
        using var input = Open(stream, options);
        while (true)
        {
            var step = parser.Next(out var record);
            if (step == CloudTrailLogParser<TRecord>.Step.Record)
            {
                yield return record!;
                continue;
            }
            if (step == CloudTrailLogParser<TRecord>.Step.End) yield break;
            var memory = parser.GetFillBuffer();
            int read;
            try
            {
                read = input.Read(memory.Span);
            }
            catch (InvalidDataException e)
            {
                throw Corrupt(parser, e);
            }
            if (read == 0) parser.Complete();
            else parser.Advance(read);
            options.Statistics?.SetBytes(input.Position);
        }
    }

    /// <summary>Reads records from a file (<c>.json</c>, <c>.json.gz</c>, <c>.ndjson</c>, ...; gzip is detected from the bytes).</summary>
    public static async IAsyncEnumerable<TRecord> ReadFileAsync<TRecord>(
        string path,
        JsonTypeInfo<TRecord> typeInfo,
        CloudTrailReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(path);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await foreach (var record in ReadAsync(file, typeInfo, options, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>Reads records from a file (<c>.json</c>, <c>.json.gz</c>, <c>.ndjson</c>, ...; gzip is detected from the bytes).</summary>
    public static IEnumerable<TRecord> ReadFile<TRecord>(string path, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions? options = null)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFileIterator(path, typeInfo, options);
    }

    private static IEnumerable<TRecord> ReadFileIterator<TRecord>(string path, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions? options)
        where TRecord : CloudTrailRecordBase
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        foreach (var record in Read(file, typeInfo, options)) yield return record;
    }

    private static async ValueTask<int> ReadAsync<TRecord>(Stream input, Memory<byte> memory, CloudTrailLogParser<TRecord> parser, CancellationToken token)
        where TRecord : CloudTrailRecordBase
    {
        try
        {
            return await input.ReadAsync(memory, token).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(parser, e);
        }
    }

    private static CloudTrailFormatException Corrupt<TRecord>(CloudTrailLogParser<TRecord> parser, Exception e)
        where TRecord : CloudTrailRecordBase =>
        new($"The gzip data is corrupt or truncated: {e.Message}", parser.Position, parser.RecordsReturned, e);

    private static async ValueTask<Stream> OpenAsync(Stream stream, CloudTrailReadOptions options, CancellationToken token)
    {
        var head = new byte[2];
        int count = 0;
        while (count < 2)
        {
            int n = await stream.ReadAsync(head.AsMemory(count), token).ConfigureAwait(false);
            if (n == 0) break;
            count += n;
        }
        return Wrap(stream, head, count, options);
    }

    private static Stream Open(Stream stream, CloudTrailReadOptions options)
    {
        var head = new byte[2];
        int count = 0;
        while (count < 2)
        {
            int n = stream.Read(head, count, 2 - count);
            if (n == 0) break;
            count += n;
        }
        return Wrap(stream, head, count, options);
    }

    private static Stream Wrap(Stream stream, byte[] head, int count, CloudTrailReadOptions options)
    {
        Stream input = new PrefixedStream(head.AsMemory(0, count), stream);
        GzipTrailer? trailer = null;
        if (count == 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            input = new GZipStream(trailer = new GzipTrailer(input), CompressionMode.Decompress);
        }
        return new LimitedStream(input, options.MaxDecompressedBytes, trailer);
    }

    /// <summary>The read-only, forward-only stream every wrapper here is; subclasses supply the reads.</summary>
    private abstract class ReadOnlyStream : Stream
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

    /// <summary>
    /// Watches the compressed bytes so that the end of the gzip data can be checked: GZipStream
    /// returns end-of-data, without an error, for data cut anywhere (even right after the
    /// header), so a truncated .ndjson.gz would silently lose its last records. At the end, the
    /// trailer's ISIZE (the size of the data, modulo 2^32) must match what was decompressed.
    /// A file of several gzip members (concatenated .gz files) has one trailer per member, which
    /// this cannot tell apart without parsing deflate data: when another member header appears
    /// after the first, the check is skipped (truncation is then still found when it cuts a JSON value).
    /// </summary>
    private sealed class GzipTrailer : ReadOnlyStream
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
            uint size = _count >= 18 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_last.AsSpan(4)) : 0;
            if (_count < 18 || size != (uint)decompressed)
            {
                throw new InvalidDataException($"the data ends after {_count} compressed bytes, before the end of the gzip stream (its trailer does not match the {decompressed} bytes decompressed): the file is truncated.");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Bytes already read from the stream (to detect gzip), then the rest of the stream. Does not own the stream.</summary>
    private sealed class PrefixedStream : ReadOnlyStream
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

    /// <summary>Counts what is read and fails past a limit (a gzip bomb ends here, not in memory).</summary>
    private sealed class LimitedStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly long _limit;
        private readonly GzipTrailer? _trailer;
        private long _read;

        public LimitedStream(Stream inner, long limit, GzipTrailer? trailer)
        {
            _inner = inner;
            _limit = limit;
            _trailer = trailer;
        }

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(Span<byte> buffer) => Count(_inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        private int Count(int n)
        {
            if (n == 0) _trailer?.Verify(_read);
            _read += n;
            if (_read > _limit)
            {
                throw new CloudTrailFormatException($"The input is larger than MaxDecompressedBytes ({_limit} bytes) once decompressed.", _limit, -1);
            }
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            // The chain below is a GZipStream and/or a PrefixedStream, which does not close the
            // caller's stream: the caller owns that one.
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
