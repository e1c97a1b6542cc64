using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// A bucket server on 127.0.0.1 (path-style, any bucket name) that lists its objects as S3 does
/// (ListObjectsV2 with a prefix and a delimiter) and sends each object's body, except that an object
/// given a stall point gets its announced length and only the bytes before that point, then nothing
/// more on a connection kept open: a download that stops part-way.
/// </summary>
internal sealed class StallingServer : LoopbackServer
{
    private readonly SortedDictionary<string, (byte[] Body, int? StallAt)> _objects = new(StringComparer.Ordinal);
    private int _stalls;

    /// <summary>How many bodies it has stopped sending part-way.</summary>
    public int Stalls => Volatile.Read(ref _stalls);

    /// <summary>The length of an object's body.</summary>
    public int Size(string key)
    {
        lock (_objects) return _objects[key].Body.Length;
    }

    /// <summary>Adds an object; with <paramref name="stallAt"/>, its body stops after that many bytes.</summary>
    public void Put(string key, byte[] body, int? stallAt = null)
    {
        lock (_objects) _objects[key] = (body, stallAt);
    }

    protected override async Task ServeAsync(Socket socket)
    {
        await foreach (string request in RequestLinesAsync(socket))
        {
            if (!await AnswerAsync(socket, request.Split(' ')[1])) break;
        }
        var buffer = new byte[8192];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
        {
            // Stalled: nothing more is sent until the client or Dispose closes the connection.
        }
    }

    /// <summary>Answers one request; false when it stalled the connection.</summary>
    private async Task<bool> AnswerAsync(Socket socket, string target)
    {
        var uri = new Uri("http://host" + target);
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.Ordinal);
        string path = Uri.UnescapeDataString(uri.AbsolutePath).TrimStart('/');
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        string bucket = slash < 0 ? path : path[..slash];
        string key = slash < 0 ? "" : path[(slash + 1)..];

        if (query.ContainsKey("list-type"))
        {
            await SendAsync(socket, "200 OK", "application/xml", Encoding.UTF8.GetBytes(Listing(bucket, query.GetValueOrDefault("prefix", ""), query.GetValueOrDefault("delimiter"))));
            return true;
        }
        (byte[] Body, int? StallAt) found;
        bool exists;
        lock (_objects) exists = _objects.TryGetValue(key, out found);
        if (!exists)
        {
            await SendAsync(socket, "404 Not Found", "application/xml", Encoding.UTF8.GetBytes("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"));
            return true;
        }
        if (found.StallAt is not { } stallAt)
        {
            await SendAsync(socket, "200 OK", "application/octet-stream", found.Body);
            return true;
        }
        Interlocked.Increment(ref _stalls);
        await SendAsync(socket, "200 OK", "application/octet-stream", found.Body, stallAt);
        return false;
    }

    private static async Task SendAsync(Socket socket, string status, string type, byte[] body, int? sent = null)
    {
        string head = $"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nx-amz-request-id: STALLING\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None);
        await socket.SendAsync(body.AsMemory(0, sent ?? body.Length), SocketFlags.None);
    }

    private string Listing(string bucket, string prefix, string? delimiter)
    {
        var contents = new List<(string Key, int Size)>();
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        lock (_objects)
        {
            foreach (var (key, value) in _objects)
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                int cut = string.IsNullOrEmpty(delimiter) ? -1 : key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (cut >= 0) prefixes.Add(key[..(cut + delimiter!.Length)]);
                else contents.Add((key, value.Body.Length));
            }
        }
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        xml.Append(CultureInfo.InvariantCulture, $"<Name>{SecurityElement.Escape(bucket)}</Name><Prefix>{SecurityElement.Escape(prefix)}</Prefix><KeyCount>{contents.Count + prefixes.Count}</KeyCount><MaxKeys>1000</MaxKeys>");
        if (!string.IsNullOrEmpty(delimiter)) xml.Append(CultureInfo.InvariantCulture, $"<Delimiter>{SecurityElement.Escape(delimiter)}</Delimiter>");
        xml.Append("<IsTruncated>false</IsTruncated>");
        foreach (var (key, size) in contents)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Contents><Key>{SecurityElement.Escape(key)}</Key><LastModified>2025-01-06T00:05:00.000Z</LastModified><ETag>\"0\"</ETag><Size>{size}</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        foreach (var p in prefixes) xml.Append(CultureInfo.InvariantCulture, $"<CommonPrefixes><Prefix>{SecurityElement.Escape(p)}</Prefix></CommonPrefixes>");
        return xml.Append("</ListBucketResult>").ToString();
    }
}
