using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen;

/// <summary>Reading records as views: the same inputs as the typed reads, nothing built until asked for.</summary>
public static partial class CloudTrailLogReader
{
    /// <summary>
    /// Reads records from a stream as views (<see cref="CloudTrailRecordView"/>): each record's
    /// end and common fields are found in one pass over its bytes and nothing is allocated for
    /// it; <see cref="CloudTrailRecordView{TRecord}.Materialize"/> reads the typed record that
    /// <see cref="Read{TRecord}"/> would give. The view is one object, reused: it is valid until
    /// the next record is read.
    /// </summary>
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="stream">The input, plain or gzip, in any form <see cref="Read{TRecord}"/> takes; the caller keeps ownership of it.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks; null for the defaults.</param>
    /// <returns>The view, on each record in turn, in the order they are in the input.</returns>
    /// <exception cref="CloudTrailFormatException">The input cannot be read on (after every record before the problem was returned).</exception>
    public static IEnumerable<CloudTrailRecordView<TRecord>> ReadViews<TRecord>(Stream stream, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions? options = null)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(typeInfo);
        options ??= CloudTrailReadOptions.Default;
        options.Validate();
        return ReadViewsIterator(stream, typeInfo, options, filePath: options.SourceName);
    }

    private static IEnumerable<CloudTrailRecordView<TRecord>> ReadViewsIterator<TRecord>(Stream stream, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions options, string? filePath)
        where TRecord : CloudTrailRecordBase
    {
        var view = new CloudTrailRecordView<TRecord>(typeInfo, options);
        var parser = new RecordFramer<TRecord>(typeInfo, options, filePath, view);
        try
        {
            using var input = Open(stream, options, filePath);
            while (true)
            {
                var step = parser.NextView();
                if (step == RecordFramer<TRecord>.Step.Record)
                {
                    yield return view;
                    continue;
                }
                if (step == RecordFramer<TRecord>.Step.End) yield break;
                Fill(parser, input, options);
            }
        }
        finally
        {
            view.Invalidate();
        }
    }

    /// <summary>Reads records from a stream as views, asynchronously (see <see cref="ReadViews{TRecord}"/>).</summary>
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="stream">The input, plain or gzip; the caller keeps ownership of it.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reading: observed whenever more input is read.</param>
    /// <returns>The view, on each record in turn; valid until the next record is read.</returns>
    /// <exception cref="CloudTrailFormatException">The input cannot be read on (after every record before the problem was returned).</exception>
    public static IAsyncEnumerable<CloudTrailRecordView<TRecord>> ReadViewsAsync<TRecord>(
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
        return ReadViewsAsyncIterator(stream, typeInfo, options, filePath: options.SourceName, cancellationToken);
    }

    private static async IAsyncEnumerable<CloudTrailRecordView<TRecord>> ReadViewsAsyncIterator<TRecord>(
        Stream stream,
        JsonTypeInfo<TRecord> typeInfo,
        CloudTrailReadOptions options,
        string? filePath,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRecord : CloudTrailRecordBase
    {
        var view = new CloudTrailRecordView<TRecord>(typeInfo, options);
        var parser = new RecordFramer<TRecord>(typeInfo, options, filePath, view);
        try
        {
            await using var input = await OpenAsync(stream, options, filePath, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var step = parser.NextView();
                if (step == RecordFramer<TRecord>.Step.Record)
                {
                    yield return view;
                    continue;
                }
                if (step == RecordFramer<TRecord>.Step.End) yield break;
                await FillAsync(parser, input, options, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            view.Invalidate();
        }
    }

    /// <summary>Reads records from a file as views (see <see cref="ReadViews{TRecord}"/>); gzip is detected from the bytes.</summary>
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="path">The file to read.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks; null for the defaults.</param>
    /// <returns>The view, on each record in turn; valid until the next record is read.</returns>
    /// <exception cref="CloudTrailFormatException">The input cannot be read on; its <see cref="CloudTrailFormatException.FilePath"/> is <paramref name="path"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a folder: read it with <see cref="ReadDirectoryViews"/>.</exception>
    public static IEnumerable<CloudTrailRecordView<TRecord>> ReadFileViews<TRecord>(string path, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions? options = null)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        CheckFilePath(path);
        options ??= CloudTrailReadOptions.Default;
        options.Validate();
        return ReadFileViewsIterator(path, typeInfo, options);
    }

    private static IEnumerable<CloudTrailRecordView<TRecord>> ReadFileViewsIterator<TRecord>(string path, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions options)
        where TRecord : CloudTrailRecordBase
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        foreach (var view in ReadViewsIterator(file, typeInfo, options, path)) yield return view;
    }

    /// <summary>Reads records from a file as views, asynchronously (see <see cref="ReadViews{TRecord}"/>).</summary>
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="path">The file to read.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reading: observed whenever more input is read.</param>
    /// <returns>The view, on each record in turn; valid until the next record is read.</returns>
    /// <exception cref="CloudTrailFormatException">The input cannot be read on; its <see cref="CloudTrailFormatException.FilePath"/> is <paramref name="path"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a folder.</exception>
    public static IAsyncEnumerable<CloudTrailRecordView<TRecord>> ReadFileViewsAsync<TRecord>(
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
        return ReadFileViewsAsyncIterator(path, typeInfo, options, cancellationToken);
    }

    private static async IAsyncEnumerable<CloudTrailRecordView<TRecord>> ReadFileViewsAsyncIterator<TRecord>(
        string path,
        JsonTypeInfo<TRecord> typeInfo,
        CloudTrailReadOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRecord : CloudTrailRecordBase
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await foreach (var view in ReadViewsAsyncIterator(file, typeInfo, options, path, cancellationToken).ConfigureAwait(false))
        {
            yield return view;
        }
    }

    /// <summary>
    /// Reads the records of every log file in a folder and its subfolders (<see cref="GetLogFiles"/>)
    /// as views, one file after another (see <see cref="ReadViews{TRecord}"/>).
    /// </summary>
    /// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
    /// <param name="directory">The folder.</param>
    /// <param name="typeInfo">The record's type information from the generated context (<c>CloudTrailJsonContext.Default.CloudTrailRecord</c>).</param>
    /// <param name="options">Limits and hooks, for every file; null for the defaults.</param>
    /// <returns>A view on each record in turn, file by file in the order of <see cref="GetLogFiles"/>; valid until the next record is read.</returns>
    /// <exception cref="CloudTrailFormatException">A file cannot be read on; its <see cref="CloudTrailFormatException.FilePath"/> names the file.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">A folder could not be listed, or a file could not be opened.</exception>
    public static IEnumerable<CloudTrailRecordView<TRecord>> ReadDirectoryViews<TRecord>(string directory, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions? options = null)
        where TRecord : CloudTrailRecordBase
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        string[] files = GetLogFiles(directory);
        options ??= CloudTrailReadOptions.Default;
        options.Validate();
        return ReadDirectoryViewsIterator(files, typeInfo, options);
    }

    private static IEnumerable<CloudTrailRecordView<TRecord>> ReadDirectoryViewsIterator<TRecord>(string[] files, JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions options)
        where TRecord : CloudTrailRecordBase
    {
        foreach (string file in files)
        {
            foreach (var view in ReadFileViewsIterator(file, typeInfo, options)) yield return view;
        }
    }
}
