using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// A server on 127.0.0.1 with a port of its own, serving each connection with
/// <see cref="ServeAsync"/>; disposing of it stops it and closes every connection.
/// </summary>
internal abstract class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _connections = [];
    private readonly Task _accepting;

    protected LoopbackServer()
    {
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary>Its address: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The connections made to it so far.</summary>
    public int Connections
    {
        get
        {
            lock (_connections) return _connections.Count;
        }
    }

    /// <summary>Serves one connection until it closes; a closed or disposed socket ends it quietly.</summary>
    protected abstract Task ServeAsync(Socket socket);

    /// <summary>
    /// The request line (<c>GET /bucket?list-type=2 HTTP/1.1</c>) of each request that comes on the
    /// connection, until the client closes it. The requests are GETs: a blank line ends each.
    /// </summary>
    protected static async IAsyncEnumerable<string> RequestLinesAsync(Socket socket)
    {
        var buffer = new byte[8192];
        var pending = new StringBuilder();
        while (true)
        {
            int end;
            while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
            {
                int read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0) yield break;
                pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
            string head = pending.ToString(0, end);
            pending.Remove(0, end + 4);
            int line = head.IndexOf('\r', StringComparison.Ordinal);
            yield return line < 0 ? head : head[..line];
        }
    }

    private async Task ServeQuietlyAsync(Socket socket)
    {
        try
        {
            await ServeAsync(socket);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Closed by the client or by Dispose.
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync();
                lock (_connections) _connections.Add(socket);
                _ = ServeQuietlyAsync(socket);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _accepting.Wait(TimeSpan.FromSeconds(5));
        lock (_connections)
        {
            foreach (var socket in _connections) socket.Dispose();
        }
    }
}
