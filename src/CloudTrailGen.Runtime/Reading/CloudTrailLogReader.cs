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
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="stream">The input, plain or gzip; the caller keeps ownership of it.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reading: observed whenever more input is read, not between records already read into the buffer.</param>
    /// <returns>The records, typed by eventSource and eventName, in the order they are in the input.</returns>
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
        var parser = new RecordFramer<TRecord>(typeInfo, options);
        await using var input = await OpenAsync(stream, options, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var step = parser.Next(out var record);
            if (step == RecordFramer<TRecord>.Step.Record)
            {
                yield return record!;
                continue;
            }
            if (step == RecordFramer<TRecord>.Step.End) yield break;
            var memory = parser.GetFillBuffer();
            int read = await ReadAsync(input, memory, parser, cancellationToken).ConfigureAwait(false);
            if (read == 0) parser.Complete();
            else parser.Advance(read);
            options.Statistics?.SetBytes(input.Position);
        }
    }

    /// <summary>Reads records from a stream.</summary>
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="stream">The input, plain or gzip; the caller keeps ownership of it.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks; null for the defaults.</param>
    /// <returns>The records, typed by eventSource and eventName, in the order they are in the input.</returns>
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
        var parser = new RecordFramer<TRecord>(typeInfo, options);
        using var input = Open(stream, options);
        while (true)
        {
            var step = parser.Next(out var record);
            if (step == RecordFramer<TRecord>.Step.Record)
            {
                yield return record!;
                continue;
            }
            if (step == RecordFramer<TRecord>.Step.End) yield break;
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
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="path">The file to read.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reading: observed whenever more input is read, not between records already read into the buffer.</param>
    /// <returns>The records, typed by eventSource and eventName, in the order they are in the input.</returns>
    /// <exception cref="CloudTrailFormatException">The input cannot be read on (after every record before the problem was returned).</exception>
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
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="path">The file to read.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks; null for the defaults.</param>
    /// <returns>The records, typed by eventSource and eventName, in the order they are in the input.</returns>
    /// <exception cref="CloudTrailFormatException">The input cannot be read on (after every record before the problem was returned).</exception>
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

    private static async ValueTask<int> ReadAsync<TRecord>(Stream input, Memory<byte> memory, RecordFramer<TRecord> parser, CancellationToken token)
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

    private static CloudTrailFormatException Corrupt<TRecord>(RecordFramer<TRecord> parser, Exception e)
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
        return new LimitedStream(input, options.MaxDecompressedBytes, trailer, s_inputTooLarge);
    }

    private static readonly Func<long, Exception> s_inputTooLarge =
        limit => new CloudTrailFormatException($"The input is larger than MaxDecompressedBytes ({limit} bytes) once decompressed.", limit, -1);
}
