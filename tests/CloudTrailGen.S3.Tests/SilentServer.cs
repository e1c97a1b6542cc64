using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// A server on 127.0.0.1 that accepts every connection and never answers, counting the
/// connections and the requests (connections that sent something: one request each, since none
/// is ever answered).
/// </summary>
internal sealed class SilentServer : LoopbackServer
{
    private int _requests;

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

    protected override async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[4096];
        if (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0) Interlocked.Increment(ref _requests);
        while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
        {
            // The rest of the request, and nothing more: it is never answered.
        }
    }
}
