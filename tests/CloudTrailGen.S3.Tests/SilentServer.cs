using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// A server on 127.0.0.1 that accepts every connection and never answers, counting the
/// connections and the requests (connections that sent something: one request each, since none
/// is ever answered).
/// </summary>
internal sealed class SilentServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _connections = [];
    private int _requests;
    private readonly Task _accepting;

    public SilentServer()
    {
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary>Its address: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The connections made to it so far (each attempt of a request opens one: the one before timed out).</summary>
    public int Connections
    {
        get
        {
            lock (_connections) return _connections.Count;
        }
    }

    /// <summary>The requests received so far: connections that sent something.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Waits until <paramref name="count"/> requests came (or five seconds passed), then a little more for any extra one.</summary>
    public async Task<int> RequestsAfterAsync(int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Requests < count && clock.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(10);
        await Task.Delay(200);
        return Requests;
    }

    private async Task ReceiveAsync(Socket socket)
    {
        try
        {
            var buffer = new byte[4096];
            if (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0) Interlocked.Increment(ref _requests);
            while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
            {
                // The rest of the request, and nothing more: it is never answered.
            }
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
                _ = ReceiveAsync(socket);
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
