using System;
using System.Collections.Generic;
using System.Threading;
using Amazon.Runtime;
using Amazon.S3;
using CloudTrailGen.S3;

namespace TrailScan.Reading;

/// <summary>
/// The inputs as they are read, one item each: a local file or standard input as itself, an
/// s3:// PATH as its log objects in listing order (listed, and downloaded ahead, while the items
/// before are read: see <see cref="S3Objects"/>), or as one item that says why it cannot be read.
/// Items are numbered from 0 in input order; several threads may ask for them. An object is taken
/// from its listing only when asked for, so the readers' pace holds the downloads back.
/// </summary>
internal sealed class InputItems(IReadOnlyList<InputFile> inputs, S3Input s3, CancellationToken cancel, Action<string>? listedNothing = null) : IDisposable
{
    private readonly object _gate = new(); // guards _items and _ended
    private readonly object _advance = new(); // held by the thread finding the next items
    private readonly List<InputFile> _items = [];
    private readonly List<IDisposable> _owned = [];
    private readonly List<S3Objects.S3Body> _bodies = []; // of the objects listed here

    private bool _ended;
    private int _nextInput;
    private InputFile? _s3Input;
    private S3Objects? _objects;

    /// <summary>
    /// The item at <paramref name="index"/>, waiting while the listing and download of an s3:// PATH
    /// reach it; false when there are fewer items, or when <paramref name="stop"/> or the
    /// interruption was canceled first (a download being waited for is waited for to its end,
    /// unless interrupted).
    /// </summary>
    public bool TryGet(int index, CancellationToken stop, out InputFile? item)
    {
        lock (_gate)
        {
            if (index < _items.Count)
            {
                item = _items[index];
                return true;
            }
        }
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancel, stop);
        lock (_advance)
        {
            while (true)
            {
                lock (_gate)
                {
                    if (index < _items.Count)
                    {
                        item = _items[index];
                        return true;
                    }
                    if (_ended || both.IsCancellationRequested)
                    {
                        item = null;
                        return false;
                    }
                }
                var next = Next(both.Token);
                lock (_gate)
                {
                    if (next is not null) _items.Add(next);
                    else if (!both.IsCancellationRequested) _ended = true;
                }
            }
        }
    }

    /// <summary>The next item; null at the end of the inputs, or when <paramref name="token"/> is canceled.</summary>
    private InputFile? Next(CancellationToken token)
    {
        while (true)
        {
            if (_objects is not null)
            {
                if (_objects.TryNext(out var body, out var listingError))
                {
                    _bodies.Add(body!);
                    return new InputFile(body!.Object.ToString(), null, body.Object.Size) { S3 = _s3Input!.S3, Body = body };
                }
                if (token.IsCancellationRequested) return null;
                var input = _s3Input!;
                var objects = _objects;
                _objects = null;
                _s3Input = null;
                // A listing failed (after the SDK's retries): nothing more can be found under the PATH.
                if (listingError is not null) return input with { Failure = s3.Problem(listingError) };
                if (objects.FoundNoAccountFolders)
                {
                    // Not "no CloudTrail records": the prefix is not a trail's (s3://bucket/wrong/prefix),
                    // or an account id was mistyped (s3://bucket/AWSLogs/1111 is all prefix): that is said first.
                    var listed = input.S3!;
                    string root = $"s3://{listed.Bucket}/{listed.AwsLogsPrefix}";
                    return input with
                    {
                        Failure = listed.PrefixNote is { } note
                            ? $"{note}, and no account folders are under {root}: is the account or organization id right?"
                            : $"no account folders found under {root} (a trail writes its logs under [PREFIX/]AWSLogs/ACCOUNT/CloudTrail/): is the bucket or prefix right?",
                    };
                }
                if (objects.ListedNothing)
                {
                    string folder = $"s3://{input.S3!.Bucket}/{input.S3!.FolderPrefix}";
                    // No log object at all, none left out by a filter: as a local folder without log files.
                    if (!s3.NarrowsListing) return input with { Failure = $"no log objects found under {folder} (a trail writes them under [PREFIX/]AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/): is the path right?" };
                    // A trail's folders, none of whose logs are of the range, accounts and regions asked
                    // for: as a local copy read with the same filters, no record matches (not an error).
                    listedNothing?.Invoke(folder);
                }
                continue;
            }
            if (_nextInput >= inputs.Count) return null;
            var file = inputs[_nextInput++];
            if (file.S3 is not { } location || file.Body is not null || file.Failure is not null) return file;
            IAmazonS3 client;
            try
            {
                client = CloudTrailS3Client.Create(s3.ClientOptions());
            }
            catch (Exception e) when (e is AmazonClientException or ArgumentException)
            {
                // No credentials, a profile that does not exist, an endpoint variable that is no URL.
                return file with { Failure = s3.Problem(e) };
            }
            _owned.Add(client);
            _objects = new S3Objects(new CloudTrailS3Reader(client), s3.Query(location), cancel);
            _owned.Add(_objects);
            _s3Input = file;
        }
    }

    /// <summary>An item known already (given out by <see cref="TryGet"/>).</summary>
    public InputFile this[int index]
    {
        get
        {
            lock (_gate) return _items[index];
        }
    }

    /// <summary>
    /// Stops the listings and downloads in flight, lets the S3 clients go, and the bodies of the
    /// objects listed here that were not read (or were kept to be read again).
    /// </summary>
    public void Dispose()
    {
        lock (_advance)
        {
            foreach (var body in _bodies) body.Release();
            _bodies.Clear();
            // The objects' listing and downloads first, then the client they use.
            for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
            _owned.Clear();
        }
    }
}
