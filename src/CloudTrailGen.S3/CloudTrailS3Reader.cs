using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;

namespace CloudTrailGen.S3;

/// <summary>
/// Lists and reads CloudTrail log objects (and Insights) in a bucket in the AWSLogs layout, listing
/// only the day folders that can hold records of the time range asked for.
/// </summary>
/// <remarks>
/// Throttling and transient errors are retried by the SDK client (its retry mode and maximum
/// attempts: <c>AWS_RETRY_MODE</c>, <c>AWS_MAX_ATTEMPTS</c> or the client's config).
/// </remarks>
public sealed class CloudTrailS3Reader
{
    private readonly IAmazonS3 _client;

    /// <summary>A reader that sends its requests through <paramref name="client"/> (see <see cref="CloudTrailS3Client.Create"/>).</summary>
    /// <param name="client">The S3 client; the caller keeps ownership of it.</param>
    public CloudTrailS3Reader(IAmazonS3 client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>What this reader has listed and read so far, over every call.</summary>
    public CloudTrailS3Statistics Statistics { get; } = new();

    /// <summary>
    /// Lists the log objects of the query, Insights (<c>CloudTrail-Insight/</c>) included: the
    /// accounts, organizations, log folders and regions under <c>AWSLogs/</c> are found with delimited listings, then only the day folders from
    /// <see cref="CloudTrailS3Query.Since"/> to <see cref="CloudTrailS3Query.Until"/> plus the delivery
    /// delay are listed (for a range of a week or more, those that exist, found with delimited
    /// listings of the year, month and day folders), and objects whose name's time is outside that
    /// range are left out. With a <see cref="CloudTrailS3Location.Folder"/>, only the folders on
    /// the way to it and in it are listed.
    /// </summary>
    /// <param name="query">What to list.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The objects, folder by folder in key order.</returns>
    public async IAsyncEnumerable<CloudTrailS3Object> ListAsync(
        CloudTrailS3Query query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var bucket = query.Location.Bucket;
        DateTimeOffset? from = query.Since is { } since ? CloudTrailS3Layout.ToMinute(since) : null;
        var to = (query.Until ?? DateTimeOffset.UtcNow) + query.DeliveryDelay;

        await foreach (var (logs, organization) in LogFoldersAsync(query, cancellationToken).ConfigureAwait(false))
        {
            foreach (var regionFolder in await ChildrenAsync(bucket, logs, cancellationToken).ConfigureAwait(false))
            {
                var regionPrefix = logs + regionFolder + "/";
                if (!Selected(query.Regions, regionFolder) || !query.Location.Reaches(regionPrefix)) continue;
                // Without a lower bound every day is wanted: one listing of the region's folder. A
                // range of a few days lists its day folders; a longer one (--since a year ago, or
                // a trail that stopped long before Until) lists the year, month and day folders
                // there are first, so that days without a folder cost no request.
                // A year, month or day folder of the location's narrows them.
                IEnumerable<string> folders = from is not { } start
                    ? new[] { regionPrefix }
                    : (to.UtcDateTime.Date - start.UtcDateTime.Date).TotalDays < DaysListedDirectly
                        ? CloudTrailS3Layout.DayFolders(start, to).Select(day => regionPrefix + day)
                        : await DayFoldersThereAreAsync(query.Location, regionPrefix, start, to, cancellationToken).ConfigureAwait(false);
                foreach (var folder in folders)
                {
                    if (!query.Location.Reaches(folder)) continue;
                    await foreach (var item in ObjectsAsync(bucket, query.Location.Narrowed(folder), cancellationToken).ConfigureAwait(false))
                    {
                        // A key named alone is that object, not every key it begins.
                        if (query.Location.NamesObject && item.Key != query.Location.FolderPrefix) continue;
                        if (!CloudTrailS3Layout.TryParseName(item.Key, out var account, out var region, out var deliveredAt))
                        {
                            Statistics.AddNotRecognised();
                            continue;
                        }
                        if ((from is { } min && deliveredAt < min) || deliveredAt > to)
                        {
                            Statistics.AddOutsideRange();
                            continue;
                        }
                        Statistics.AddListed();
                        yield return new CloudTrailS3Object(bucket, item.Key, item.Size ?? 0, account, region, organization, deliveredAt);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Reads the objects of the query, at most <see cref="CloudTrailS3Query.MaxConcurrency"/> at a
    /// time, each object's body handed as a stream to <paramref name="read"/> (the generated
    /// <c>CloudTrailLog.ReadAsync</c>: gzip is detected there). Nothing is written to disk.
    /// </summary>
    /// <typeparam name="TRecord">What <paramref name="read"/> returns (the generated <c>CloudTrailRecord</c>).</typeparam>
    /// <param name="query">What to read.</param>
    /// <param name="read">Reads the records of one object's body (given with the object, for messages); it must observe the token.</param>
    /// <param name="cancellationToken">Stops the listing and every read in flight.</param>
    /// <returns>
    /// Records as they are read (objects interleave), and one item with <see cref="CloudTrailS3Item{TRecord}.Error"/>
    /// for each object that could not be read (on); the other objects are still read.
    /// </returns>
    /// <exception cref="AmazonS3Exception">A listing failed (after the SDK's retries).</exception>
    /// <exception cref="InvalidDataException">A listing was answered with XML that is not an S3 listing (it names no bucket, or names another than the bucket asked for): the endpoint is not S3.</exception>
    /// <exception cref="TimeoutException">S3 did not answer a listing within the client's timeout, after its retries.</exception>
    public async IAsyncEnumerable<CloudTrailS3Item<TRecord>> ReadAsync<TRecord>(
        CloudTrailS3Query query,
        Func<CloudTrailS3Object, Stream, CancellationToken, IAsyncEnumerable<TRecord>> read,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(read);
        query.Validate();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A bounded channel: a slow consumer holds the readers back instead of filling memory.
        var channel = Channel.CreateBounded<CloudTrailS3Item<TRecord>>(
            new BoundedChannelOptions(query.MaxConcurrency * 64) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var producer = ProduceAsync(query, read, channel.Writer, stop.Token);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    // Records already in the channel are not handed out once the caller cancels.
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return item;
                }
            }
        }
        finally
        {
            // Also when the consumer stops early: no read goes on after the enumeration ends.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Downloads the objects of the query whole into memory and hands them out in listing order
    /// (<see cref="ListAsync"/>: folder by folder in key order), with at most
    /// <see cref="CloudTrailS3Query.MaxConcurrency"/> downloads in flight. Reading them one after
    /// another in that order gives the records in the order a local copy of the objects read in
    /// key order gives them, the same from run to run; S3's latency is spent downloading the next
    /// objects meanwhile. Nothing is written to disk.
    /// </summary>
    /// <remarks>
    /// Memory stays bounded: at most <see cref="CloudTrailS3Query.MaxConcurrency"/> objects, and at
    /// most <see cref="CloudTrailS3Query.MaxBufferedBytes"/> bytes of them, are downloading or
    /// downloaded ahead of the one handed out last (CloudTrail log objects are a few MB at most,
    /// compressed; the byte budget keeps a process with a small heap, such as a 128 MiB AWS Lambda
    /// function, within it). The next objects are downloaded only as the enumeration goes on, so
    /// a slow consumer holds the downloads back, and a fast one keeps every download slot busy.
    /// Each object handed out is the caller's to keep or drop.
    /// </remarks>
    /// <param name="query">What to download.</param>
    /// <param name="cancellationToken">Stops the listing and every download in flight.</param>
    /// <returns>
    /// Every listed object in listing order: its body, or (<see cref="CloudTrailS3Download.Error"/>)
    /// why it could not be downloaded; the other objects are still downloaded.
    /// </returns>
    /// <exception cref="AmazonS3Exception">
    /// A listing failed (after the SDK's retries): thrown after the objects listed before it are handed out.
    /// </exception>
    /// <exception cref="TimeoutException">S3 did not answer a listing within the client's timeout, after its retries (thrown as a failed listing is).</exception>
    /// <exception cref="InvalidDataException">A listing was answered with XML that is not an S3 listing (it names no bucket, or names another than the bucket asked for): thrown as a failed listing is.</exception>
    public async IAsyncEnumerable<CloudTrailS3Download> DownloadAsync(
        CloudTrailS3Query query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        int readAhead = query.MaxConcurrency;
        long budget = query.MaxBufferedBytes ?? DefaultBufferedBytes();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(query.MaxConcurrency);
        var pending = new Queue<(Task<CloudTrailS3Download> Download, long Size)>();
        long buffered = 0; // the listed sizes of the pending objects
        CloudTrailS3Object? waiting = null; // listed, not started: no room for it yet
        var objects = ListAsync(query, stop.Token).GetAsyncEnumerator(stop.Token);
        Exception? listingError = null;
        bool listed = false;
        try
        {
            while (true)
            {
                // The one to hand out now, and up to readAhead more (within the byte budget) downloading behind it.
                while (pending.Count <= readAhead)
                {
                    if (waiting is null)
                    {
                        if (listed) break;
                        (bool more, listingError) = await NextAsync(objects).ConfigureAwait(false);
                        if (!more)
                        {
                            listed = true;
                            break;
                        }
                        waiting = objects.Current;
                    }
                    // The next object behind the one handed out always downloads, however large.
                    if (pending.Count > 1 && buffered + waiting.Size > budget) break;
                    buffered += waiting.Size;
                    pending.Enqueue((DownloadOneAsync(waiting, slots, stop.Token), waiting.Size));
                    waiting = null;
                }
                if (pending.Count == 0) break;
                var (next, size) = pending.Dequeue();
                buffered -= size;
                yield return await next.ConfigureAwait(false);
            }
        }
        finally
        {
            // Also when the consumer stops early: no download goes on after the enumeration ends.
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var (download, _) in pending)
            {
                try
                {
                    await download.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
            await objects.DisposeAsync().ConfigureAwait(false);
        }
        if (listingError is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(listingError);

        static async Task<(bool More, Exception? Error)> NextAsync(IAsyncEnumerator<CloudTrailS3Object> objects)
        {
            try
            {
                return (await objects.MoveNextAsync().ConfigureAwait(false), null);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                return (false, e);
            }
        }
    }

    // Ranges of at least this many days find their day folders by listing (see ListAsync).
    private const int DaysListedDirectly = 7;

    /// <summary>
    /// The day folders under <paramref name="regionPrefix"/> (<c>YYYY/MM/DD/</c>) from
    /// <paramref name="from"/>'s day to <paramref name="to"/>'s, in key order, found with delimited
    /// listings of the year folders, the months of the years in range and the days of the months
    /// in range: the folders <see cref="CloudTrailS3Layout.DayFolders"/> names that exist.
    /// </summary>
    private async Task<List<string>> DayFoldersThereAreAsync(CloudTrailS3Location location, string regionPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken token)
    {
        var bucket = location.Bucket;
        var first = from.UtcDateTime.Date;
        var last = to.UtcDateTime.Date;
        var days = new List<string>();
        foreach (var year in Sorted(await ChildrenAsync(bucket, regionPrefix, token).ConfigureAwait(false)))
        {
            var yearPrefix = regionPrefix + year + "/";
            if (!CloudTrailS3Layout.TryParseYear(year, out int y) || y < first.Year || y > last.Year || !location.Reaches(yearPrefix)) continue;
            foreach (var month in Sorted(await ChildrenAsync(bucket, yearPrefix, token).ConfigureAwait(false)))
            {
                var monthPrefix = yearPrefix + month + "/";
                if (!CloudTrailS3Layout.TryParseMonth(month, out int m) || !location.Reaches(monthPrefix)) continue;
                var monthStart = new DateTime(y, m, 1, 0, 0, 0, DateTimeKind.Utc);
                if (monthStart.AddMonths(1) <= first || monthStart > last) continue;
                foreach (var day in Sorted(await ChildrenAsync(bucket, monthPrefix, token).ConfigureAwait(false)))
                {
                    if (!CloudTrailS3Layout.TryParseDay(day, y, m, out int d)) continue;
                    var date = new DateTime(y, m, d, 0, 0, 0, DateTimeKind.Utc);
                    if (date >= first && date <= last) days.Add(monthPrefix + day + "/");
                }
            }
        }
        return days;

        static List<string> Sorted(List<string> names)
        {
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    /// <summary>An eighth of the memory the GC may use, at most 256 MiB (see <see cref="CloudTrailS3Query.MaxBufferedBytes"/>).</summary>
    private static long DefaultBufferedBytes() => Math.Min(256L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8);

    private async Task<CloudTrailS3Download> DownloadOneAsync(CloudTrailS3Object source, SemaphoreSlim slots, CancellationToken token)
    {
        await slots.WaitAsync(token).ConfigureAwait(false);
        Statistics.Start();
        try
        {
            await using var body = await OpenAsync(source, token).ConfigureAwait(false);
            // The listed size is the body's: one buffer, grown only when the object changed since.
            var buffer = new MemoryStream((int)Math.Clamp(source.Size, 0, Array.MaxLength));
            await body.CopyToAsync(buffer, 1 << 16, token).ConfigureAwait(false);
            Statistics.AddRead();
            return new CloudTrailS3Download(source, buffer.GetBuffer(), (int)buffer.Length, null);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Statistics.AddFailed();
            return new CloudTrailS3Download(source, null, 0, e);
        }
        finally
        {
            Statistics.Stop();
            slots.Release();
        }
    }

    /// <summary>Opens one object's body. The caller disposes of the stream.</summary>
    /// <param name="source">The object (from <see cref="ListAsync"/>).</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>
    /// The body as stored (a <c>.json.gz</c> object stays compressed). A read of it that gets no
    /// data for the client's timeout (<see cref="CloudTrailS3ClientOptions.Timeout"/>, else
    /// <see cref="CloudTrailS3Client.DefaultTimeout"/>) throws a <see cref="TimeoutException"/> naming
    /// the object and how much of it was read: a connection that stalls part-way never hangs the reader.
    /// </returns>
    /// <exception cref="TimeoutException">S3 did not answer within the client's timeout, after its retries.</exception>
    public async Task<Stream> OpenAsync(CloudTrailS3Object source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var response = await AnsweredAsync(token => _client.GetObjectAsync(new GetObjectRequest { BucketName = source.Bucket, Key = source.Key }, token), cancellationToken).ConfigureAwait(false);
        return new ObjectBodyStream(response.ResponseStream, source, _client.Config.Timeout ?? CloudTrailS3Client.DefaultTimeout, Statistics);
    }

    private async Task ProduceAsync<TRecord>(
        CloudTrailS3Query query,
        Func<CloudTrailS3Object, Stream, CancellationToken, IAsyncEnumerable<TRecord>> read,
        ChannelWriter<CloudTrailS3Item<TRecord>> writer,
        CancellationToken token)
    {
        var running = new List<Task>();
        using var slots = new SemaphoreSlim(query.MaxConcurrency);
        Exception? failure = null;
        try
        {
            await foreach (var source in ListAsync(query, token).ConfigureAwait(false))
            {
                await slots.WaitAsync(token).ConfigureAwait(false);
                running.RemoveAll(static task => task.IsCompleted);
                running.Add(ReadObjectAsync(source, read, writer, slots, token));
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Only cancellation gets here: an object's failure is an item, not an exception.
            failure ??= e;
        }
        writer.TryComplete(failure);
    }

    private async Task ReadObjectAsync<TRecord>(
        CloudTrailS3Object source,
        Func<CloudTrailS3Object, Stream, CancellationToken, IAsyncEnumerable<TRecord>> read,
        ChannelWriter<CloudTrailS3Item<TRecord>> writer,
        SemaphoreSlim slots,
        CancellationToken token)
    {
        Statistics.Start();
        try
        {
            Exception? error = null;
            try
            {
                await using var body = await OpenAsync(source, token).ConfigureAwait(false);
                await foreach (var record in read(source, body, token).WithCancellation(token).ConfigureAwait(false))
                {
                    await writer.WriteAsync(new CloudTrailS3Item<TRecord>(source, record, null), token).ConfigureAwait(false);
                }
                Statistics.AddRead();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                error = e;
            }
            if (error is not null)
            {
                Statistics.AddFailed();
                await writer.WriteAsync(new CloudTrailS3Item<TRecord>(source, default, error), token).ConfigureAwait(false);
            }
        }
        finally
        {
            Statistics.Stop();
            slots.Release();
        }
    }

    /// <summary>The folders (account trails) and organization/account folders under <c>AWSLogs/</c> that the query selects.</summary>
    private async IAsyncEnumerable<(string Prefix, string? Organization)> OwnersAsync(
        CloudTrailS3Query query,
        [EnumeratorCancellation] CancellationToken token)
    {
        var location = query.Location;
        var bucket = location.Bucket;
        var root = location.AwsLogsPrefix;
        var children = await ChildrenAsync(bucket, root, token).ConfigureAwait(false);
        Statistics.AddAccountFolders(children.Count);
        foreach (var child in children)
        {
            if (!location.Reaches(root + child + "/")) continue;
            // The same rule as an s3:// address's AWSLogs folder (CloudTrailS3Location): one
            // definition of an organization's folder for the whole library.
            if (CloudTrailS3Layout.IsOrganizationFolder(child))
            {
                if (!Selected(query.Organizations, child)) continue;
                foreach (var account in await ChildrenAsync(bucket, root + child + "/", token).ConfigureAwait(false))
                {
                    var owner = root + child + "/" + account + "/";
                    if (Selected(query.Accounts, account) && location.Reaches(owner)) yield return (owner, child);
                }
            }
            else if (!query.OrganizationTrailsOnly && query.Organizations.Count == 0 && Selected(query.Accounts, child))
            {
                yield return (root + child + "/", null);
            }
        }
    }

    /// <summary>
    /// Sends a request; the SDK's timeout (the client's <c>Timeout</c>, after its retries) ends it
    /// with "The operation was canceled." (a <see cref="TimeoutException"/>, or a cancellation nobody
    /// asked for), which becomes a <see cref="TimeoutException"/> that says where and how long.
    /// </summary>
    private async Task<T> AnsweredAsync<T>(Func<CancellationToken, Task<T>> send, CancellationToken token)
    {
        try
        {
            return await send(token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !token.IsCancellationRequested))
        {
            var config = _client.Config;
            string where = config.ServiceURL ?? "S3" + (config.RegionEndpoint is { } region ? " in " + region.SystemName : "");
            string within = config.Timeout is { } timeout ? $" within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : "";
            int attempts = config.MaxErrorRetry + 1;
            throw new TimeoutException($"{where} did not answer{within} ({attempts} {(attempts == 1 ? "attempt" : "attempts")})", e);
        }
    }

    /// <summary>
    /// The folders that hold records of each account the query selects: <c>CloudTrail-Insight/</c>
    /// then <c>CloudTrail/</c>, as S3 lists them, in key order ('-' sorts before '/'): the order the
    /// files of a local copy of the bucket are read in.
    /// </summary>
    private async IAsyncEnumerable<(string Prefix, string? Organization)> LogFoldersAsync(
        CloudTrailS3Query query,
        [EnumeratorCancellation] CancellationToken token)
    {
        await foreach (var (owner, organization) in OwnersAsync(query, token).ConfigureAwait(false))
        {
            foreach (var folder in await ChildrenAsync(query.Location.Bucket, owner, token).ConfigureAwait(false))
            {
                var logs = owner + folder + "/";
                if (CloudTrailS3Layout.IsLogFolder(folder) && query.Location.Reaches(logs)) yield return (logs, organization);
            }
        }
    }

    private static bool Selected(IReadOnlyCollection<string> wanted, string name) =>
        wanted.Count == 0 || wanted.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// One page of a listing. S3's answer always names the bucket (ListBucketResult's <c>Name</c>);
    /// the SDK reads any other XML (a web server's page served as XML) as an empty page, which
    /// would pass for an empty bucket, so an answer without the name is an error. The SDK takes a
    /// <c>Name</c> element under any root (an XHTML page with one), so for a bucket named by S3's
    /// rules an answer naming another bucket is an error too. An access point's alias or ARN given
    /// as the bucket is not checked: what S3 names then is not documented.
    /// </summary>
    private async Task<ListObjectsV2Response> ListPageAsync(ListObjectsV2Request request, CancellationToken token)
    {
        Statistics.AddListRequest();
        var response = await AnsweredAsync(t => _client.ListObjectsV2Async(request, t), token).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.Name))
        {
            throw new InvalidDataException($"The answer to the listing of s3://{request.BucketName}/{request.Prefix} is not an S3 listing: it names no bucket.");
        }
        if (response.Name != request.BucketName && IsBucketName(request.BucketName))
        {
            throw new InvalidDataException($"The answer to the listing of s3://{request.BucketName}/{request.Prefix} is not an S3 listing of that bucket: it names the bucket '{response.Name}'.");
        }
        return response;
    }

    /// <summary>
    /// Whether <paramref name="name"/> is a general purpose or directory bucket's name by S3's rules
    /// (3 to 63 lowercase ASCII letters, digits, '.' and '-'), not an access point's ARN (it has ':')
    /// nor a bucket-style alias (the suffixes S3 keeps for them: <c>-s3alias</c>, <c>--ol-s3</c>,
    /// <c>--op-s3</c>, <c>.mrap</c>). Legacy names with capitals or '_' are left unchecked too.
    /// </summary>
    internal static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63
        && name.AsSpan().IndexOfAnyExcept(s_bucketNameChars) < 0
        && !s_aliasSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal));

    private static readonly SearchValues<char> s_bucketNameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789.-");
    private static readonly string[] s_aliasSuffixes = ["-s3alias", "--ol-s3", "--op-s3", ".mrap"];

    /// <summary>The folder names directly under a prefix (a delimited listing: no object is listed).</summary>
    private async Task<List<string>> ChildrenAsync(string bucket, string prefix, CancellationToken token)
    {
        var names = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, Delimiter = "/" };
        while (true)
        {
            var response = await ListPageAsync(request, token).ConfigureAwait(false);
            foreach (var common in response.CommonPrefixes ?? [])
            {
                names.Add(common.Substring(prefix.Length).TrimEnd('/'));
            }
            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken)) return names;
            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    private async IAsyncEnumerable<S3Object> ObjectsAsync(string bucket, string prefix, [EnumeratorCancellation] CancellationToken token)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        while (true)
        {
            var response = await ListPageAsync(request, token).ConfigureAwait(false);
            foreach (var item in response.S3Objects ?? [])
            {
                yield return item;
            }
            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken)) yield break;
            request.ContinuationToken = response.NextContinuationToken;
        }
    }
}
