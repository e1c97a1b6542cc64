using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TrailScan;
using Xunit;
using static CloudTrailGen.S3.Tests.TrailScanRun;

namespace CloudTrailGen.S3.Tests;

/// <summary>trailscan's s3:// inputs against s3rver, compared with a local copy of the same objects.</summary>
[Collection(S3ServerCollection.Name)]
public sealed class TrailScanS3Tests(S3ServerFixture server)
{
    private static readonly string[] s_range = ["--since", "2025-01-06T00:00:00Z", "--until", "2025-01-07T00:00:00Z"];

    [Fact]
    public async Task Summary_of_the_bucket_counts_what_a_local_copy_of_its_objects_counts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trailscan-s3-" + Guid.NewGuid().ToString("N"));
        try
        {
            await TestBucket.DownloadLogsAsync(server.Client, folder);

            var fromS3 = WithCredentials(() => Run(["summary", "--format", "json", "s3://trail-logs", "--endpoint-url", server.Endpoint.ToString(), .. s_range]));
            var local = Run(["summary", "--format", "json", folder, .. s_range]);

            // The corrupt object: exit 1 both ways, and S3 names the object.
            Assert.Equal(1, fromS3.Code);
            Assert.Equal(1, local.Code);
            var corrupt = TestBucket.Logs.Single(l => l.Corrupt);
            Assert.Contains("s3://trail-logs/" + corrupt.Key, fromS3.Stderr, StringComparison.Ordinal);
            // Named once: the reader's error already starts with the object's address.
            Assert.DoesNotContain("s3://trail-logs/" + corrupt.Key + ": s3://", fromS3.Stderr, StringComparison.Ordinal);
            long expected = TestBucket.Logs
                .Where(l => l.Key.StartsWith("AWSLogs/", StringComparison.Ordinal))
                .Sum(l => l.EventIds.Count(id => EventTime(l, id) is var t && t >= new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero) && t < new DateTimeOffset(2025, 1, 7, 0, 0, 0, TimeSpan.Zero)));
            Assert.Equal(expected, Records(local.Stdout));
            Assert.Equal(expected, Records(fromS3.Stdout));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Account_and_region_read_only_their_folders()
    {
        var result = WithCredentials(() => Run(["summary", "--format", "json", "s3://trail-logs", "--endpoint-url", server.Endpoint.ToString(),
            "--account", TestBucket.AccountA, "--region", "eu-west-1", .. s_range]));
        Assert.Equal(0, result.Code);
        Assert.Equal(TestBucket.Logs.Single(l => l.Account == TestBucket.AccountA && l.Region == "eu-west-1" && !l.Insight).EventIds.Count, Records(result.Stdout));
    }

    [Fact]
    public void A_prefix_with_an_AWSLogs_folder_of_its_own_reads_the_trail_under_it()
    {
        // The trail's prefix is archive/AWSLogs/old: its logs are under archive/AWSLogs/old/AWSLogs/.
        var result = WithCredentials(() => Run(["summary", "--format", "json", "s3://trail-logs/" + TestBucket.ArchivePrefix, "--endpoint-url", server.Endpoint.ToString()]));
        Assert.True(result.Code == 0, result.Stderr);
        Assert.Equal(TestBucket.Logs.Single(l => l.Account == TestBucket.ArchivedAccount).EventIds.Count, Records(result.Stdout));
    }

    [Fact]
    public void S3_options_without_an_s3_path_are_a_usage_error()
    {
        // --account and --region are record filters too (issue 27), so they work on any input.
        var result = Run(["summary", "--profile", "trail-reader", "."]);
        Assert.Equal(2, result.Code);
        Assert.Contains("s3://", result.Stderr, StringComparison.Ordinal);
    }

    private static long Records(string json) => JsonNode.Parse(json)!["records"]!.GetValue<long>();

    // TestBucket gives record i of an object the time of its delivery less i + 1 minutes.
    private static DateTimeOffset EventTime(TestBucket.LogObject log, string id) => log.DeliveredAt.AddMinutes(-int.Parse(id[(id.LastIndexOf('-') + 1)..]) - 1);
}
