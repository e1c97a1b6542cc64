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
public static partial class CloudTrailLogReader
{
    /// <summary>Reads records from a stream, asynchronously.</summary>
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="stream">The input, plain or gzip; the caller keeps ownership of it.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reading: observed whenever more input is read, not between records already read into the buffer.</param>
    /// <returns>The records, typed by eventSource and eventName, in the order they are in the input.</returns>
    /// <exception cref="CloudTrailFormatException">The input cannot be read on (after every record before the problem was returned).</exception>
    public static IAsyncEnumerable<TRecord> ReadAsync<TRecord>(
        Stream stream,
        JsonTypeInfo<TRecord> typeInfo,
        CloudTrailReadOptions? options = null,
        CancellationToken cancellationToken = default)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(typeInfo);
        options ??= CloudTrailReadOptions.Default;
        options.Validate();
        return ReadAsyncIterator(stream, typeInfo, options, filePath: options.SourceName, cancellationToken);
    }

    private static async IAsyncEnumerable<TRecord> ReadAsyncIterator<TRecord>(
        Stream stream,
        JsonTypeInfo<TRecord> typeInfo,
        CloudTrailReadOptions options,
        string? filePath,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRecord : CloudTrailRecordBase
    {
        var parser = new RecordFramer<TRecord>(typeInfo, options, filePath);
        await using var input = await OpenAsync(stream, options, filePath, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var step = parser.Next(out var record);
            if (step == RecordFramer<TRecord>.Step.Record)
            {
                yield return record!;
                continue;
            }
            if (step == RecordFramer<TRecord>.Step.End) yield break;
            await FillAsync(parser, input, options, cancellationToken).ConfigureAwait(false);
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
        return ReadIterator(stream, typeInfo, options, filePath: options.SourceName);
    }

    private static IEnumerable<TRecord> ReadIterator<TRecord>(Stream stream, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions options, string? filePath)
        where TRecord : CloudTrailRecordBase
    {
        var parser = new RecordFramer<TRecord>(typeInfo, options, filePath);
        using var input = Open(stream, options, filePath);
        while (true)
        {
            var step = parser.Next(out var record);
            if (step == RecordFramer<TRecord>.Step.Record)
            {
                yield return record!;
                continue;
            }
            if (step == RecordFramer<TRecord>.Step.End) yield break;
            Fill(parser, input, options);
        }
    }

    /// <summary>Reads records from a file (<c>.json</c>, <c>.json.gz</c>, <c>.ndjson</c>, ...; gzip is detected from the bytes).</summary>
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="path">The file to read.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reading: observed whenever more input is read, not between records already read into the buffer.</param>
    /// <returns>The records, typed by eventSource and eventName, in the order they are in the input.</returns>
    /// <exception cref="CloudTrailFormatException">The input cannot be read on (after every record before the problem was returned); its <see cref="CloudTrailFormatException.FilePath"/> is <paramref name="path"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a folder: read it with <see cref="ReadDirectoryAsync"/>.</exception>
    public static IAsyncEnumerable<TRecord> ReadFileAsync<TRecord>(
        string path,
        JsonTypeInfo<TRecord> typeInfo,
        CloudTrailReadOptions? options = null,
        CancellationToken cancellationToken = default)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        CheckFilePath(path);
        options ??= CloudTrailReadOptions.Default;
        options.Validate();
        return ReadFileAsyncIterator(path, typeInfo, options, cancellationToken);
    }

    private static async IAsyncEnumerable<TRecord> ReadFileAsyncIterator<TRecord>(
        string path,
        JsonTypeInfo<TRecord> typeInfo,
        CloudTrailReadOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRecord : CloudTrailRecordBase
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await foreach (var record in ReadAsyncIterator(file, typeInfo, options, path, cancellationToken).ConfigureAwait(false))
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
    /// <exception cref="CloudTrailFormatException">The input cannot be read on (after every record before the problem was returned); its <see cref="CloudTrailFormatException.FilePath"/> is <paramref name="path"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a folder: read it with <see cref="ReadDirectory"/>.</exception>
    public static IEnumerable<TRecord> ReadFile<TRecord>(string path, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions? options = null)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        CheckFilePath(path);
        options ??= CloudTrailReadOptions.Default;
        options.Validate();
        return ReadFileIterator(path, typeInfo, options);
    }

    private static IEnumerable<TRecord> ReadFileIterator<TRecord>(string path, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions options)
        where TRecord : CloudTrailRecordBase
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        foreach (var record in ReadIterator(file, typeInfo, options, path)) yield return record;
    }

    private static void CheckFilePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"'{path}' is a folder, not a file: read it with ReadDirectory or ReadDirectoryAsync (CloudTrailLog.ReadDirectory in generated code).", nameof(path));
        }
    }

    /// <summary>
    /// The log files in a folder and all its subfolders, in the order <see cref="ReadDirectory"/>
    /// reads them (ordinal order of their paths): files named <c>*.json</c>, <c>*.json.gz</c>,
    /// <c>*.ndjson</c>, <c>*.ndjson.gz</c>, <c>*.jsonl</c> or <c>*.jsonl.gz</c> (in any letter
    /// case), except CloudTrail's digest files (<c>*_CloudTrail-Digest_*</c>, written beside the
    /// logs for log file integrity validation) and hidden or system files.
    /// </summary>
    /// <param name="directory">The folder, such as a copy of a bucket's <c>AWSLogs/</c> prefix.</param>
    /// <returns>The files' paths, each starting with <paramref name="directory"/>.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">A folder could not be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">A folder may not be listed.</exception>
    public static string[] GetLogFiles(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        var found = new List<string>();
        foreach (string file in Directory.EnumerateFiles(directory, "*", options))
        {
            if (IsLogFileName(Path.GetFileName(file))) found.Add(file);
        }
        var files = found.ToArray();
        // Sorted as a span: under Native AOT, List<T>.Sort over a reference type gives every List<X>
        // of the app (a thousand generated types in a large one) sort helpers, which cost start-up.
        files.AsSpan().Sort(StringComparer.Ordinal);
        return files;
    }

    private static readonly string[] s_logExtensions = [".json", ".json.gz", ".ndjson", ".ndjson.gz", ".jsonl", ".jsonl.gz"];

    private static bool IsLogFileName(string name)
    {
        if (name.Contains("_CloudTrail-Digest_", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (string extension in s_logExtensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Reads the records of every log file in a folder and its subfolders (<see cref="GetLogFiles"/>), one file after another.</summary>
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="directory">The folder.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks, for every file (statistics add up over the files); null for the defaults.</param>
    /// <returns>The records, file by file in the order of <see cref="GetLogFiles"/>; each record's <see cref="CloudTrailDelivery.FilePath"/> names its file.</returns>
    /// <exception cref="CloudTrailFormatException">A file cannot be read on (after every record before the problem was returned); its <see cref="CloudTrailFormatException.FilePath"/> names the file. To go on with the next file instead, read the files of <see cref="GetLogFiles"/> one by one.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">A folder could not be listed, or a file could not be opened.</exception>
    public static IEnumerable<TRecord> ReadDirectory<TRecord>(string directory, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions? options = null)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        string[] files = GetLogFiles(directory);
        options ??= CloudTrailReadOptions.Default;
        options.Validate();
        return ReadDirectoryIterator(files, typeInfo, options);
    }

    private static IEnumerable<TRecord> ReadDirectoryIterator<TRecord>(string[] files, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions options)
        where TRecord : CloudTrailRecordBase
    {
        foreach (string file in files)
        {
            foreach (var record in ReadFileIterator(file, typeInfo, options)) yield return record;
        }
    }

    /// <summary>Reads the records of every log file in a folder and its subfolders (<see cref="GetLogFiles"/>), one file after another, asynchronously.</summary>
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="directory">The folder.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks, for every file (statistics add up over the files); null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reading: observed whenever more input is read, not between records already read into the buffer.</param>
    /// <returns>The records, file by file in the order of <see cref="GetLogFiles"/>; each record's <see cref="CloudTrailDelivery.FilePath"/> names its file.</returns>
    /// <exception cref="CloudTrailFormatException">A file cannot be read on (after every record before the problem was returned); its <see cref="CloudTrailFormatException.FilePath"/> names the file. To go on with the next file instead, read the files of <see cref="GetLogFiles"/> one by one.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">A folder could not be listed, or a file could not be opened.</exception>
    public static IAsyncEnumerable<TRecord> ReadDirectoryAsync<TRecord>(
        string directory,
        JsonTypeInfo<TRecord> typeInfo,
        CloudTrailReadOptions? options = null,
        CancellationToken cancellationToken = default)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        string[] files = GetLogFiles(directory);
        options ??= CloudTrailReadOptions.Default;
        options.Validate();
        return ReadDirectoryAsyncIterator(files, typeInfo, options, cancellationToken);
    }

    private static async IAsyncEnumerable<TRecord> ReadDirectoryAsyncIterator<TRecord>(
        string[] files,
        JsonTypeInfo<TRecord> typeInfo,
        CloudTrailReadOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRecord : CloudTrailRecordBase
    {
        foreach (string file in files)
        {
            await foreach (var record in ReadFileAsyncIterator(file, typeInfo, options, cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }

    /// <summary>Reads the next block of input into the framer's buffer (what every reading loop does between records).</summary>
    private static void Fill<TRecord>(RecordFramer<TRecord> parser, Stream input, CloudTrailReadOptions options)
        where TRecord : CloudTrailRecordBase
    {
        int read;
        try
        {
            read = input.Read(parser.GetFillBuffer().Span);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(parser, e);
        }
        Feed(parser, read, options);
    }

    /// <summary>The asynchronous <see cref="Fill{TRecord}"/>.</summary>
    private static async ValueTask FillAsync<TRecord>(RecordFramer<TRecord> parser, Stream input, CloudTrailReadOptions options, CancellationToken token)
        where TRecord : CloudTrailRecordBase
    {
        int read;
        try
        {
            read = await input.ReadAsync(parser.GetFillBuffer(), token).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(parser, e);
        }
        Feed(parser, read, options);
    }

    private static void Feed<TRecord>(RecordFramer<TRecord> parser, int read, CloudTrailReadOptions options)
        where TRecord : CloudTrailRecordBase
    {
        if (read == 0) parser.Complete();
        else parser.Advance(read);
        options.Statistics?.AddBytes(read);
    }

    private static CloudTrailFormatException Corrupt<TRecord>(RecordFramer<TRecord> parser, Exception e)
        where TRecord : CloudTrailRecordBase =>
        new($"The gzip data is corrupt or truncated after byte {parser.BytesRead} of the decompressed data: {e.Message}", parser.Position, parser.RecordsReturned, e, parser.FilePath);

    private static async ValueTask<Stream> OpenAsync(Stream stream, CloudTrailReadOptions options, string? filePath, CancellationToken token)
    {
        var head = new byte[2];
        int count = 0;
        while (count < 2)
        {
            int n = await stream.ReadAsync(head.AsMemory(count), token).ConfigureAwait(false);
            if (n == 0) break;
            count += n;
        }
        return Wrap(stream, head, count, options, filePath);
    }

    private static Stream Open(Stream stream, CloudTrailReadOptions options, string? filePath)
    {
        var head = new byte[2];
        int count = 0;
        while (count < 2)
        {
            int n = stream.Read(head, count, 2 - count);
            if (n == 0) break;
            count += n;
        }
        return Wrap(stream, head, count, options, filePath);
    }

    private static Stream Wrap(Stream stream, byte[] head, int count, CloudTrailReadOptions options, string? filePath)
    {
        Stream input = new PrefixedStream(head.AsMemory(0, count), stream);
        GzipTrailer? trailer = null;
        if (count == 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            input = new GZipStream(trailer = new GzipTrailer(input), CompressionMode.Decompress);
        }
        return new LimitedStream(input, options.MaxDecompressedBytes, trailer,
            limit => new CloudTrailFormatException($"The input is larger than MaxDecompressedBytes ({limit} bytes) once decompressed.", limit, -1, null, filePath));
    }
}
