using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Amazon.S3.Model;
using Xunit;
using static CloudTrailGen.S3.Tests.TrailScanRun;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// trailscan over s3:// (s3rver) reads the objects in listing order, several at once, and writes
/// what it writes for a local copy of them, byte for byte, and the same from run to run: summary,
/// records (each record's bytes as read, --limit, --sort, --format table), principal, export, and
/// --dedupe over objects that repeat each other's records (whole, in part, within one object).
/// </summary>
[Collection(S3ServerCollection.Name)]
public sealed class TrailScanS3OrderTests(S3ServerFixture server) : IAsyncLifetime
{
    // Per test: s3rver keeps its buckets for the whole collection.
    private readonly string _bucket = "trail-order-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "trailscan-s3-order-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _keys = [];

    private string Local => Path.Combine(_temp, "copy");

    private string S3 => "s3://" + _bucket;

    /// <summary>
    /// Twelve synthetic logs of two accounts and two regions in the AWSLogs layout (more objects
    /// than trailscan reads at once, of different sizes, so that they finish out of order), uploaded
    /// and kept as a local copy (keys as paths).
    /// </summary>
    public async Task InitializeAsync()
    {
        await server.Client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket });
        for (int i = 0; i < 12; i++)
        {
            string account = i % 3 == 0 ? "222233334444" : "111122223333";
            string region = i % 2 == 0 ? "us-east-1" : "eu-west-1";
            string stamp = $"20250106T{i:D2}{i * 5 % 60:D2}Z";
            string key = $"AWSLogs/{account}/CloudTrail/{region}/2025/01/06/{account}_CloudTrail_{region}_{stamp}_{i:D4}.json.gz";
            string path = Path.Combine(Local, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            int records = i % 4 == 1 ? 2500 : 150 + 97 * i;
            var synth = Run(["synth", "--records", records.ToString(), "--seed", (i + 11).ToString(), "--start", $"2025-01-05T{i:D2}:00:00Z", "--out", path]);
            Assert.True(synth.Code == 0, synth.Stderr);
            await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, FilePath = path, UseChunkEncoding = false });
            _keys.Add(key);
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_temp)) Directory.Delete(_temp, recursive: true);
        return Task.CompletedTask;
    }

    // Read in parallel (the default: one thread per core; -j 2 or 3 where it says) and one object
    // after another (-j 1); --limit stops the readers, --sort and --format table order or draw
    // what they read at the same time.
    private static readonly string[][] s_commands =
    [
        ["summary", "-j", "2"],
        ["summary", "--format", "json"],
        ["summary", "--format", "json", "-j", "1"],
        ["summary", "--service", "iam", "--format", "json", "-j", "3"],
        ["records", "-j", "2"],
        ["records", "-j", "1"],
        ["records", "--from-model", "-j", "4"],
        ["records", "--format", "csv", "--columns", "time,service,event,principal,notable", "-j", "2"],
        ["records", "--limit", "3000"],
        ["records", "--limit", "2600", "-j", "3"],
        ["records", "--dedupe"],
        ["records", "--sort", "time", "-j", "2"],
        ["records", "--format", "table", "--limit", "40", "-j", "3"],
        ["principal", "alice", "--format", "json", "-j", "2"],
        ["principal", "alice@example.com", "-j", "2"],
        ["coverage", "--format", "json", "-j", "2"],
    ];

    [Fact]
    public void Every_command_over_the_bucket_writes_what_it_writes_over_a_local_copy_and_the_same_every_run()
    {
        foreach (string[] command in s_commands)
        {
            string name = string.Join(' ', command);
            var local = Run([.. command, Local]);
            var first = FromS3(command);
            var second = FromS3(command);
            Assert.True(local.Code == 0, $"{name}: {local.Stderr}");
            Assert.True(first.Code == 0, $"{name}: {first.Stderr}");
            Assert.True(second.Code == 0, $"{name}: {second.Stderr}");
            Assert.True(local.Stdout.Length > 1000, $"{name}: {local.Stdout}");
            Assert.True(local.Stdout == first.Stdout, $"{name}: S3's output differs from the local copy's");
            Assert.True(first.Stdout == second.Stdout, $"{name}: S3's output differs from run to run");
        }
    }

    [Fact]
    public void A_folder_under_AWSLogs_reads_what_the_same_folder_of_the_local_copy_reads()
    {
        string[] folders =
        [
            "AWSLogs/111122223333", "AWSLogs/111122223333/", "AWSLogs/222233334444/CloudTrail/",
            "AWSLogs/111122223333/CloudTrail/eu-west-1", "AWSLogs/222233334444/CloudTrail/us-east-1/2025/01/06/",
        ];
        string[][] commands =
        [
            ["summary", "--format", "json"],
            ["records", "-j", "2"],
            // The filters still apply, to the listing too (ACCOUNT: the folder's; synth's records are all of 111122223333).
            ["records", "--format", "csv", "-j", "1", "--account", "ACCOUNT", "--since", "2025-01-05T12:00:00Z"],
            ["records", "--format", "csv", "--since", "2025-01-05T12:00:00Z", "--until", "2025-01-06T23:00:00Z"],
            ["records", "--format", "csv", "-j", "2", "--since", "2024-12-01T00:00:00Z"], // a long range: the day folders there are
        ];
        foreach (string folder in folders)
        {
            foreach (string[] asked in commands)
            {
                var command = asked.Select(arg => arg == "ACCOUNT" ? folder.Split('/')[1] : arg).ToArray();
                string name = $"{string.Join(' ', command)} {folder}";
                var local = Run([.. command, Path.Combine(Local, folder)]);
                var fromS3 = FromS3(command, folder);
                Assert.True(local.Code == 0, $"{name}: {local.Stderr}");
                Assert.True(fromS3.Code == 0, $"{name}: {fromS3.Stderr}");
                Assert.True(local.Stdout == fromS3.Stdout, $"{name}: S3's output differs from the local copy's");
                if (!command.Contains("--since")) Assert.True(local.Stdout.Length > 1000, $"{name}: {local.Stdout}");
            }
        }
        // One log object's key: what the local file gives.
        string key = _keys.Where(k => k.StartsWith("AWSLogs/111122223333/CloudTrail/eu-west-1/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
        foreach (string[] command in commands.Take(2))
        {
            var local = Run([.. command, Path.Combine(Local, key)]);
            var fromS3 = FromS3(command, key);
            Assert.True(fromS3.Code == 0 && local.Code == 0, $"{key}: {fromS3.Stderr} {local.Stderr}");
            Assert.True(local.Stdout.Length > 1000 && local.Stdout == fromS3.Stdout, $"{string.Join(' ', command)} {key}: S3's output differs from the local file's");
        }

        // What a folder holds, no more: a region folder's objects one after another, in key order.
        string region = "AWSLogs/111122223333/CloudTrail/eu-west-1/";
        var expected = _keys.Where(key => key.StartsWith(region, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .SelectMany(key => Lines(Run(["records", Path.Combine(Local, key)]).Stdout)).ToList();
        Assert.True(expected.Count > 1000, $"{expected.Count} records");
        Assert.Equal(expected, Lines(FromS3(["records"], region).Stdout));
    }

    // --dedupe over objects that repeat records: the serial reading of the local copy is the reference.
    private static readonly string[][] s_dedupeCommands =
    [
        ["summary", "--dedupe", "--format", "json"],
        ["records", "--dedupe"],
        ["records", "--dedupe", "--format", "csv", "--columns", "time,id,event"],
        ["records", "--dedupe", "--limit", "12975"],
        ["records", "--dedupe", "--limit", "7100", "--format", "csv", "--columns", "time,id"],
        ["records", "--dedupe", "--sort", "time", "--from-model"],
        ["records", "--dedupe", "--format", "table", "--limit", "1200", "--columns", "time,event,id"],
        ["principal", "alice", "--dedupe", "--format", "json"],
        ["coverage", "--dedupe", "--format", "json"],
    ];

    [Fact]
    public async Task Dedupe_over_the_bucket_leaves_out_what_it_leaves_out_over_the_local_copy()
    {
        // An object delivered twice (the 2,500 records of the second object again, later in the
        // same folder), one holding the first 40 records of the fourth object and one of its own
        // (read again on the merging thread), and one with a record twice in it.
        var second = LogRecords(_keys[1]);
        var fourth = LogRecords(_keys[3]);
        var fresh = Synth(60, seed: 97);
        await PutAsync("AWSLogs/111122223333/CloudTrail/eu-west-1/2025/01/06/111122223333_CloudTrail_eu-west-1_20250106T2300Z_0101.json.gz", second);
        await PutAsync("AWSLogs/222233334444/CloudTrail/eu-west-1/2025/01/06/222233334444_CloudTrail_eu-west-1_20250106T2310Z_0303.json.gz", [.. fourth.Take(40), fresh[0]]);
        await PutAsync("AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/06/111122223333_CloudTrail_us-east-1_20250106T2320Z_0404.json.gz", [.. fresh.Skip(1), fresh[5]]);

        foreach (string[] command in s_dedupeCommands)
        {
            string name = string.Join(' ', command);
            var local = Run([.. command, Local, "-j", "1"]);
            Assert.True(local.Code == 0, $"{name}: {local.Stderr}");
            Assert.True(local.Stdout.Length > 1000, $"{name}: {local.Stdout}");
            foreach (string workers in new[] { "1", "2", "3" })
            {
                var s3 = FromS3([.. command, "-j", workers]);
                Assert.True(s3.Code == 0, $"{name} -j {workers}: {s3.Stderr}");
                Assert.True(local.Stdout == s3.Stdout, $"{name} -j {workers}: S3's output differs from the local copy's");
                // The same messages, in the same order: objects named by their address, files by their path.
                Assert.Equal(local.Stderr.Replace(Local + Path.DirectorySeparatorChar, S3 + "/", StringComparison.Ordinal), s3.Stderr);
            }
        }

        // The first of each eventID in input (listing) order, and every repeat counted.
        var all = Run(["records", Local, "--format", "csv", "--columns", "id", "-j", "1"]);
        var deduped = FromS3(["records", "--format", "csv", "--columns", "id", "--dedupe", "-j", "3"]);
        Assert.True(all.Code == 0, all.Stderr);
        Assert.True(deduped.Code == 0, deduped.Stderr);
        var expected = Lines(all.Stdout).Skip(1).Distinct().ToList();
        Assert.Equal(expected, Lines(deduped.Stdout).Skip(1).ToList());
        Assert.Equal(Lines(all.Stdout).Length - 1 - (2500 + 40 + 1), expected.Count);
        var summary = FromS3(["summary", "--dedupe", "--format", "json", "-j", "3"]);
        Assert.True(summary.Code == 0, summary.Stderr);
        var json = JsonNode.Parse(summary.Stdout)!;
        Assert.Equal(2500 + 40 + 1, (long)json["duplicates"]!);
        Assert.Equal(expected.Count, (long)json["records"]!);
    }

    [Fact]
    public void Records_are_written_in_listing_order_each_as_its_bytes_in_the_object()
    {
        var result = FromS3(["records"]);
        Assert.True(result.Code == 0, result.Stderr);
        // The objects' records one object after another, in key order, as the local copy's files hold them.
        var expected = new List<string>();
        foreach (string key in _keys.Order(StringComparer.Ordinal))
        {
            var records = Run(["records", Path.Combine(Local, key)]);
            Assert.True(records.Code == 0, records.Stderr);
            expected.AddRange(records.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 10_000, $"{lines.Length} records");
        Assert.Equal(expected, lines);
    }

    [Fact]
    public async Task Insights_objects_are_read_in_the_key_order_a_local_copy_reads_them_in()
    {
        // Insights beside the logs of both accounts: CloudTrail-Insight/ sorts before CloudTrail/
        // ('-' before '/'), in the bucket's key order and in the order of the local copy's files.
        var insights = Synth(1200, seed: 43).Where(record => record["insightDetails"] is not null).ToArray();
        Assert.Equal(4, insights.Length);
        await PutAsync("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2025/01/06/111122223333_CloudTrail-Insight_us-east-1_20250106T0130Z_0501.json.gz", insights[..2]);
        await PutAsync("AWSLogs/222233334444/CloudTrail-Insight/eu-west-1/2025/01/06/222233334444_CloudTrail-Insight_eu-west-1_20250106T0930Z_0502.json.gz", insights[2..]);

        foreach (string[] command in new string[][] { ["records", "-j", "1"], ["records", "-j", "3"], ["summary", "--format", "json"], ["records", "--category", "Insight", "--format", "csv"] })
        {
            string name = string.Join(' ', command);
            var local = Run([.. command, Local]);
            var fromS3 = FromS3(command);
            Assert.True(local.Code == 0, $"{name}: {local.Stderr}");
            Assert.True(fromS3.Code == 0, $"{name}: {fromS3.Stderr}");
            Assert.True(local.Stdout == fromS3.Stdout, $"{name}: S3's output differs from the local copy's");
        }
        // The objects' records one object after another in key order: the Insights first in each account.
        var expected = new List<string>();
        foreach (string key in _keys.Order(StringComparer.Ordinal))
        {
            expected.AddRange(Lines(Run(["records", Path.Combine(Local, key)]).Stdout));
        }
        var lines = Lines(FromS3(["records"]).Stdout);
        Assert.Equal(expected, lines);
        // The first account's Insights object before its CloudTrail/ objects.
        Assert.Contains((string)insights[0]["eventID"]!, lines[0], StringComparison.Ordinal);
        Assert.Contains((string)insights[1]["eventID"]!, lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Export_of_the_bucket_is_the_same_files_from_run_to_run_and_the_local_copys_event_tables()
    {
        string[] tables = ["--table", "iam", "--table", "ec2", "--table", "sts"];
        var local = Run(["export", Local, "--out", Path.Combine(_temp, "local"), .. tables]);
        var first = FromS3(["export", "--out", Path.Combine(_temp, "s3-1"), .. tables]);
        var second = FromS3(["export", "--out", Path.Combine(_temp, "s3-2"), .. tables]);
        Assert.True(local.Code == 0, local.Stderr);
        Assert.True(first.Code == 0, first.Stderr);
        Assert.True(second.Code == 0, second.Stderr);
        Assert.Equal(local.Stdout, first.Stdout);
        Assert.Equal(first.Stdout, second.Stdout);

        var localFiles = Files(Path.Combine(_temp, "local"));
        var firstFiles = Files(Path.Combine(_temp, "s3-1"));
        var secondFiles = Files(Path.Combine(_temp, "s3-2"));
        Assert.True(firstFiles.Count > 20, $"{firstFiles.Count} files");
        Assert.Equal(firstFiles.Keys.Order(StringComparer.Ordinal), secondFiles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(localFiles.Keys.Order(StringComparer.Ordinal), firstFiles.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in firstFiles) Assert.True(bytes.AsSpan().SequenceEqual(secondFiles[name]), $"{name} differs from run to run");
        // Every table names each record's input (sourceObject): a path here, an s3:// address there.
        foreach (string table in new DirectoryInfo(Path.Combine(_temp, "local")).GetDirectories().Select(d => d.Name))
        {
            Assert.Equal(TrailScanExportS3Tests.TableRows(Path.Combine(_temp, "local", table), "sourceObject"), TrailScanExportS3Tests.TableRows(Path.Combine(_temp, "s3-1", table), "sourceObject"));
        }
    }

    [Fact]
    public async Task A_truncated_object_is_reported_at_the_line_and_byte_a_local_copy_is()
    {
        // A log written a record a line, cut in the middle of a record: gzipped, and as plain JSON.
        var records = LogRecords(_keys[0]).Take(40).Select(record => record.ToJsonString());
        var json = System.Text.Encoding.UTF8.GetBytes("{\"Records\":[\n" + string.Join(",\n", records) + "\n]}");
        var cut = json[..(json.Length * 3 / 5)];
        await PutBytesAsync("AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/06/111122223333_CloudTrail_us-east-1_20250106T2330Z_0601.json.gz", Gzip(cut));
        await PutBytesAsync("AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/06/111122223333_CloudTrail_us-east-1_20250106T2340Z_0602.json", cut);

        foreach (string[] command in new string[][] { ["summary", "--format", "json"], ["records", "--format", "csv", "-j", "1"] })
        {
            string name = string.Join(' ', command);
            var local = Run([.. command, Local]);
            var fromS3 = FromS3(command);
            Assert.True(local.Code == 1, $"{name}: {local.Stderr}");
            Assert.True(fromS3.Code == 1, $"{name}: {fromS3.Stderr}");
            Assert.True(local.Stdout == fromS3.Stdout, $"{name}: S3's output differs from the local copy's");
            // Both objects named with the line the record that could not be read is on, as the local files are.
            Assert.Equal(local.Stderr.Replace(Local + Path.DirectorySeparatorChar, S3 + "/", StringComparison.Ordinal), fromS3.Stderr);
            int line = cut.AsSpan().Count((byte)'\n') + 1, at = Array.LastIndexOf(cut, (byte)'\n') + 1;
            Assert.Contains($"_0601.json.gz: line {line}: Malformed JSON at byte {at}: the input ends inside this value: it is truncated", fromS3.Stderr, StringComparison.Ordinal);
            Assert.Contains($"_0602.json: line {line}: Malformed JSON at byte {at}: the input ends inside this value: it is truncated", fromS3.Stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>An object of these bytes, uploaded under <paramref name="key"/> and kept in the local copy.</summary>
    private async Task PutBytesAsync(string key, byte[] body)
    {
        string path = Path.Combine(Local, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, body);
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, FilePath = path, UseChunkEncoding = false });
        _keys.Add(key);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>The records of one of the logs made in <see cref="InitializeAsync"/>, as its local copy holds them.</summary>
    private JsonNode[] LogRecords(string key)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Local, key)), CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!["Records"]!.AsArray().Select(record => record!.DeepClone()).ToArray();
    }

    /// <summary>Records of a log of their own (eventIDs no other log here has).</summary>
    private JsonNode[] Synth(int records, int seed)
    {
        string path = Path.Combine(_temp, $"synth-{seed}.json.gz");
        var synth = Run(["synth", "--records", records.ToString(), "--seed", seed.ToString(), "--start", "2025-01-05T22:00:00Z", "--out", path]);
        Assert.True(synth.Code == 0, synth.Stderr);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!["Records"]!.AsArray().Select(record => record!.DeepClone()).ToArray();
    }

    /// <summary>A log of these records, uploaded under <paramref name="key"/> and kept in the local copy.</summary>
    private Task PutAsync(string key, JsonNode[] records)
    {
        var log = new JsonObject { ["Records"] = new JsonArray([.. records.Select(record => record.DeepClone())]) };
        return PutBytesAsync(key, Gzip(System.Text.Encoding.UTF8.GetBytes(log.ToJsonString())));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    private (int Code, string Stdout, string Stderr) FromS3(string[] command, string folder = "") =>
        WithCredentials(() => Run([.. command, S3 + "/" + folder, "--endpoint-url", server.Endpoint.ToString()]));

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);
}
