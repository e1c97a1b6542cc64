using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// A server on 127.0.0.1 that accepts every connection and never answers, counting the
/// connections, the requests (connections that sent something: one request each, since none
/// is ever answered) and the SDK's attempts among them.
/// </summary>
internal sealed class SilentServer : LoopbackServer
{
    private readonly List<string> _attempts = [];
    private int _requests;

    /// <summary>
    /// The SDK's attempts received so far (its <c>amz-sdk-request</c> header, <c>attempt=1; max=2</c>),
    /// each once: .NET's HTTP handler now and then sends one attempt again on a second connection.
    /// </summary>
    public IReadOnlyList<string> Attempts
    {
        get
        {
            lock (_attempts) return _attempts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
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

    protected override async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[4096];
        int read = await socket.ReceiveAsync(buffer, SocketFlags.None);
        if (read > 0)
        {
            Interlocked.Increment(ref _requests);
            const string Attempt = "amz-sdk-request: ";
            foreach (string line in Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n"))
            {
                if (line.StartsWith(Attempt, StringComparison.OrdinalIgnoreCase))
                {
                    lock (_attempts) _attempts.Add(line[Attempt.Length..]);
                }
            }
        }
        while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
        {
            // The rest of the request, and nothing more: it is never answered.
        }
    }
}
