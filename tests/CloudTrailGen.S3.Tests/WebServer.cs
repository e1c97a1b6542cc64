using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// A web server on 127.0.0.1 that is not S3: it answers every request with the same status and
/// a page of text, as a wrong port's or a proxy's server does.
/// </summary>
internal sealed class WebServer(string status) : LoopbackServer
{
    protected override async Task ServeAsync(Socket socket)
    {
        byte[] body = Encoding.ASCII.GetBytes("Nothing here.");
        byte[] answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n");
        var buffer = new byte[8192];
        var pending = new StringBuilder();
        while (true)
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0) return;
            pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
            // One answer for each request's head (the requests are GETs, without a body).
            int end;
            while ((end = pending.ToString().IndexOf("\r\n\r\n", System.StringComparison.Ordinal)) >= 0)
            {
                pending.Remove(0, end + 4);
                await socket.SendAsync(answer, SocketFlags.None);
                await socket.SendAsync(body, SocketFlags.None);
            }
        }
    }
}
