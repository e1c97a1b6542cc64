using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Text;
using Xunit;

namespace TrailScan.Tests;

/// <summary>
/// Files a compromised account or a broken pipeline could leave among the logs: each ends in exit
/// code 1 with a message naming the file, quickly and in bounded memory, and the good file read
/// beside it is still counted.
/// </summary>
public class HostileFileTests
{
    public static TheoryData<string> Kinds() => new()
    {
        "gzip-bomb", "deep-arrays", "deep-objects-in-log", "truncated-gzip", "invalid-utf8", "huge-string", "records-not-array", "random-bytes",
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_hostile_file_exits_1_names_the_file_and_keeps_the_good_file(string kind)
    {
        using var folder = new TempFolder();
        string good = folder.Write("good.ndjson", Fixture.Ndjson(Fixture.Decrypt));
        string hostile = Make(folder, kind);

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var run = App.Run(good, hostile, "--format", "json");
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(Path.GetFileName(hostile), run.Stderr);
        // The good file's one record, and for the truncated log the two records before the cut
        // (only the gzip trailer is missing: everything readable is still counted).
        Assert.Equal(kind == "truncated-gzip" ? 3 : 1, (long)run.Json["records"]!);
        // Bounds against a hang or unbounded buffering, far above what a run takes (well under a second).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{kind}: {clock.Elapsed}");
        Assert.True(allocated < 200L * 1024 * 1024, $"{kind}: {allocated / (1024 * 1024)} MiB allocated");
    }

    private static string Make(TempFolder folder, string kind)
    {
        switch (kind)
        {
            case "gzip-bomb":
            {
                // 1 GiB of zeros: one gzip member of 1 MiB, repeated (a .gz may hold many members).
                byte[] member = Gzip(new byte[1024 * 1024]);
                string path = folder.File("bomb.json.gz");
                using var file = File.Create(path);
                for (int i = 0; i < 1024; i++) file.Write(member);
                return path;
            }
            case "deep-arrays":
                return folder.Write("deep.json", new string('[', 100_000) + new string(']', 100_000));
            case "deep-objects-in-log":
            {
                var text = new StringBuilder("{\"Records\":[{\"eventName\":\"x\",\"a\":");
                for (int i = 0; i < 100_000; i++) text.Append("{\"a\":");
                text.Append('1').Append('}', 100_000).Append("}]}");
                return folder.Write("deep-log.json", text.ToString());
            }
            case "truncated-gzip":
            {
                byte[] whole = Gzip(Encoding.UTF8.GetBytes(Fixture.LogFile(Fixture.CreateUser, Fixture.AssumeRole)));
                string path = folder.File("cut.json.gz");
                File.WriteAllBytes(path, whole.AsSpan(0, whole.Length - 9).ToArray());
                return path;
            }
            case "invalid-utf8":
            {
                byte[] prefix = Encoding.UTF8.GetBytes("{\"Records\":[{\"eventName\":\"");
                byte[] suffix = Encoding.UTF8.GetBytes("\"}]}");
                string path = folder.File("latin1.json");
                using var file = File.Create(path);
                file.Write(prefix);
                file.Write(new byte[] { 0xC3, 0x28, 0xFF });
                file.Write(suffix);
                return path;
            }
            case "huge-string":
            {
                // One 500 MB string value in a log file, as gzip members (about 0.5 MB on disk).
                string path = folder.File("huge.json.gz");
                using var file = File.Create(path);
                file.Write(Gzip(Encoding.UTF8.GetBytes("{\"Records\":[{\"eventName\":\"")));
                byte[] chunk = Gzip(Encoding.ASCII.GetBytes(new string('a', 1024 * 1024)));
                for (int i = 0; i < 500; i++) file.Write(chunk);
                file.Write(Gzip(Encoding.UTF8.GetBytes("\"}]}")));
                return path;
            }
            case "records-not-array":
                return folder.Write("not-array.json", "{\"Records\":{\"eventName\":\"StartLogging\"}}");
            case "random-bytes":
            {
                var bytes = new byte[8 * 1024 * 1024];
                new Random(7).NextBytes(bytes);
                bytes[0] = (byte)'['; // past the first byte, anything
                string path = folder.File("random.json");
                File.WriteAllBytes(path, bytes);
                return path;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal)) gzip.Write(data);
        return buffer.ToArray();
    }
}
