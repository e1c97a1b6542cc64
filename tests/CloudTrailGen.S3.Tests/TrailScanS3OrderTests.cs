using System;
using System.Collections.Generic;
using System.IO;
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
/// records (each record's bytes as read), principal and export.
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

    // Read in parallel (the default: one thread per core, at least 2 here), one object after
    // another (-j 1), and one after another for --limit and --dedupe, which need input order.
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
        ["records", "--dedupe"],
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
        foreach (var (name, bytes) in firstFiles)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(secondFiles[name]), $"{name} differs from run to run");
            // The records table names each record's input (sourceObject): a path here, an s3:// address there.
            if (!name.StartsWith("records", StringComparison.Ordinal)) Assert.True(bytes.AsSpan().SequenceEqual(localFiles[name]), $"{name} differs from the local copy's");
        }
    }

    private (int Code, string Stdout, string Stderr) FromS3(string[] command) =>
        WithCredentials(() => Run([.. command, S3, "--endpoint-url", server.Endpoint.ToString()]));

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);
}
