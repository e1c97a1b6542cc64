using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Xunit;

namespace TrailScan.Tests;

/// <summary>Gzip data that stops or is corrupt: the message says so, for a user, and what was read before it counts.</summary>
public class GzipErrorTests
{
    [Fact]
    public void A_gzip_file_cut_before_its_end_is_named_with_the_decompressed_byte_and_its_records_read_before_count()
    {
        using var folder = new TempFolder();
        byte[] text = Encoding.UTF8.GetBytes(Fixture.LogFile());
        byte[] whole = Gzip(text);
        // Cut inside the compressed data: what it decompresses to is a part of the text.
        byte[] cut = whole[..(whole.Length * 2 / 3)];
        string path = folder.File("cut.json.gz");
        File.WriteAllBytes(path, cut);
        byte[] readable = Gunzip(cut);
        Assert.True(readable.Length > 0 && readable.Length < text.Length);
        string prefix = Encoding.UTF8.GetString(readable);
        int complete = Fixture.All.Count(record => prefix.Contains(record, StringComparison.Ordinal));
        Assert.InRange(complete, 1, Fixture.Records - 1);

        var run = App.Run(path, "--format", "json");
        Assert.True(run.ExitCode == 1, run.ToString());
        // Every record before the cut is counted.
        Assert.Equal(complete, (long)run.Json["records"]!);
        Assert.Equal($"trailscan: {path}: The gzip data is corrupt or truncated after byte {readable.Length} of the decompressed data: it ends after {cut.Length} compressed bytes, before the end of the gzip stream: the file is cut off ({complete} records before it were read)\n", run.Stderr.Replace("\r\n", "\n"));
        Assert.DoesNotContain("line ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("trailer", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_file_without_its_last_bytes_keeps_every_record()
    {
        using var folder = new TempFolder();
        byte[] text = Encoding.UTF8.GetBytes(Fixture.LogFile(Fixture.CreateUser));
        byte[] whole = Gzip(text);
        string path = folder.File("short.json.gz");
        File.WriteAllBytes(path, whole[..^4]); // the size at the end of the gzip stream is missing
        var run = App.Run(path, "--format", "json");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(1, (long)run.Json["records"]!);
        Assert.Contains($"{path}: The gzip data is corrupt or truncated after byte {text.Length} of the decompressed data: it ends after {whole.Length - 4} compressed bytes, before the end of the gzip stream: the file is cut off (1 record before it was read)", run.Stderr, StringComparison.Ordinal);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal)) gzip.Write(data);
        return buffer.ToArray();
    }

    /// <summary>What GZipStream decompresses of (cut) gzip data: it stops at the cut without an error.</summary>
    private static byte[] Gunzip(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
