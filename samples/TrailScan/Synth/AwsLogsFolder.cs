using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text.Json;

namespace TrailScan.Synth;

/// <summary>
/// A synthetic log written as CloudTrail delivers it to S3 (<c>synth --awslogs</c>), so that a
/// folder can be copied to a bucket and read back through s3://:
/// <c>AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_RANDOM.json.gz</c>,
/// one file per account, region and 5 minutes of events, named for the end of those 5 minutes
/// (its delivery); Insights records under <c>CloudTrail-Insight/</c> the same way.
/// </summary>
internal static class AwsLogsFolder
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromMinutes(5);

    /// <summary>Writes the synthesizer's records under <paramref name="folder"/>/AWSLogs/; the same seed gives the same files.</summary>
    /// <returns>How many files were written.</returns>
    public static int Write(Synthesizer synthesizer, string folder, int seed)
    {
        // One record per line, then each line filed by its account, region and time.
        var ndjson = new MemoryStream();
        synthesizer.Write(ndjson, SynthFormat.Ndjson);
        var files = new SortedDictionary<string, List<ReadOnlyMemory<byte>>>(StringComparer.Ordinal);
        var bytes = ndjson.GetBuffer().AsMemory(0, (int)ndjson.Length);
        while (bytes.Length > 0)
        {
            int end = bytes.Span.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? default : bytes[(end + 1)..];
            if (line.IsEmpty) continue;
            string name = FileOf(line);
            if (!files.TryGetValue(name, out var records)) files.Add(name, records = []);
            records.Add(line);
        }

        var random = new Random(seed);
        foreach (var (name, records) in files)
        {
            // The random part CloudTrail adds to each name, from the seed.
            string path = Path.Combine(folder, name + "_" + RandomPart(random) + ".json.gz");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            using var gzip = new GZipStream(file, CompressionLevel.Optimal);
            gzip.Write("{\"Records\":["u8);
            for (int i = 0; i < records.Count; i++)
            {
                if (i > 0) gzip.WriteByte((byte)',');
                gzip.Write(records[i].Span);
            }
            gzip.Write("]}"u8);
        }
        return files.Count;
    }

    /// <summary>The file a record goes in, without its random part: <c>AWSLogs/ACCOUNT/CloudTrail[-Insight]/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail[-Insight]_REGION_YYYYMMDDTHHMMZ</c>.</summary>
    private static string FileOf(ReadOnlyMemory<byte> record)
    {
        using var document = JsonDocument.Parse(record);
        var root = document.RootElement;
        string account = root.GetProperty("recipientAccountId").GetString()!;
        string region = root.GetProperty("awsRegion").GetString()!;
        var time = root.GetProperty("eventTime").GetDateTimeOffset().ToUniversalTime();
        string kind = root.TryGetProperty("insightDetails", out _) ? "CloudTrail-Insight" : "CloudTrail";
        // Delivered at the end of the 5 minutes the event is in.
        var delivered = new DateTimeOffset(time.Ticks - time.Ticks % s_delivery.Ticks, TimeSpan.Zero) + s_delivery;
        return string.Create(CultureInfo.InvariantCulture,
            $"AWSLogs/{account}/{kind}/{region}/{delivered:yyyy'/'MM'/'dd}/{account}_{kind}_{region}_{delivered:yyyyMMdd'T'HHmm'Z'}");
    }

    private static string RandomPart(Random random)
    {
        const string Characters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        Span<char> part = stackalloc char[16];
        for (int i = 0; i < part.Length; i++) part[i] = Characters[random.Next(Characters.Length)];
        return new string(part);
    }
}
