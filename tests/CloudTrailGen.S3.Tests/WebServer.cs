using System.Collections.Generic;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// A web server on 127.0.0.1 that is not S3: it answers every request with the same status and
/// page (by default a page of text), as a wrong port's or a proxy's server does.
/// </summary>
internal sealed class WebServer(string status, string contentType = "text/plain", string page = "Nothing here.") : LoopbackServer
{
    private readonly List<string> _requests = [];

    /// <summary>The request line of each request answered so far (<c>GET /bucket/?list-type=2&amp;... HTTP/1.1</c>).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    protected override async Task ServeAsync(Socket socket)
    {
        byte[] body = Encoding.ASCII.GetBytes(page);
        byte[] answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n");
        // One answer for each request.
        await foreach (string request in RequestLinesAsync(socket))
        {
            lock (_requests) _requests.Add(request);
            await socket.SendAsync(answer, SocketFlags.None);
            await socket.SendAsync(body, SocketFlags.None);
        }
    }
}
