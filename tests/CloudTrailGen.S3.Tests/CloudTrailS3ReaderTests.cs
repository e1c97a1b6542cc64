using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using CloudTrailGen.S3;
using S3Tests.Ct;
using Xunit;

namespace CloudTrailGen.S3.Tests;

/// <summary>The reader against s3rver over HTTP, on the bucket of <see cref="TestBucket"/>.</summary>
[Collection(S3ServerCollection.Name)]
public sealed class CloudTrailS3ReaderTests(S3ServerFixture server)
{
    private static readonly DateTimeOffset s_day = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);

    private static IAsyncEnumerable<CloudTrailRecord> Read(CloudTrailS3Object source, System.IO.Stream stream, CancellationToken token) =>
        CloudTrailLog.ReadAsync(stream, null, token);

    [Fact]
    public async Task Lists_only_the_day_folders_of_the_range()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        server.ClearRequests();
        var listed = await ToListAsync(reader.ListAsync(new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name))
        {
            Accounts = [TestBucket.AccountA],
            Regions = ["us-east-1"],
            Since = s_day,
            Until = s_day.AddHours(12),
        }));

        // Delivered from 00:00 to 13:00 (12:00 and the delivery delay of an hour).
        var expected = TestBucket.Logs
            .Where(l => l.Account == TestBucket.AccountA && l.Region == "us-east-1" && l.DeliveredAt >= s_day && l.DeliveredAt <= s_day.AddHours(13))
            .Select(l => l.Key).Order(StringComparer.Ordinal);
        Assert.Equal(expected, listed.Select(o => o.Key).Order(StringComparer.Ordinal));
        string[] requests =
        [
            $"AWSLogs/ /",
            $"AWSLogs/{TestBucket.AccountA}/ /", // its CloudTrail-Digest/, CloudTrail-Insight/ and CloudTrail/ folders
            $"AWSLogs/{TestBucket.AccountA}/CloudTrail-Insight/ /",
            $"AWSLogs/{TestBucket.AccountA}/CloudTrail-Insight/us-east-1/2025/01/06/ ",
            $"AWSLogs/{TestBucket.AccountA}/CloudTrail/ /",
            $"AWSLogs/{TestBucket.AccountA}/CloudTrail/us-east-1/2025/01/06/ ",
            $"AWSLogs/{TestBucket.Organization}/ /",
        ];
        Assert.Equal(requests.Order(StringComparer.Ordinal), ListRequests().Order(StringComparer.Ordinal));
        Assert.Equal(requests.Length, reader.Statistics.ListRequests);
        // Under AWSLogs/: the two accounts' folders and the organization's, whatever the query selects.
        Assert.Equal(3, reader.Statistics.AccountFolders);
        Assert.Equal(1, reader.Statistics.ObjectsOutsideRange);
        Assert.Equal(1, reader.Statistics.ObjectsNotRecognised);
    }

    [Fact]
    public async Task Reads_every_record_of_the_range_once_and_reports_the_corrupt_object_by_name()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        var query = new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name))
        {
            Since = s_day,
            Until = s_day.AddDays(1).AddTicks(-1),
            DeliveryDelay = TimeSpan.Zero,
        };
        server.ClearRequests();
        var items = await ToListAsync(reader.ReadAsync(query, Read));

        var inRange = TestBucket.Logs.Where(l => l.Key.StartsWith("AWSLogs/", StringComparison.Ordinal) && l.DeliveredAt >= s_day && l.DeliveredAt < s_day.AddDays(1)).ToList();
        var expectedIds = inRange.SelectMany(l => l.EventIds).Order(StringComparer.Ordinal).ToList();
        var ids = items.Where(i => i.Error is null).Select(i => i.Record!.EventID!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedIds, ids);
        Assert.All(items.Where(i => i.Error is null), i => Assert.StartsWith(i.Object.Account + "-" + i.Object.Region + "-", i.Record!.EventID));

        var failure = Assert.Single(items, i => i.Error is not null);
        Assert.Equal(inRange.Single(l => l.Corrupt).Key, failure.Object.Key);
        Assert.IsType<CloudTrailFormatException>(failure.Error);
        Assert.Contains(failure.Object.Key, failure.Object.ToString(), StringComparison.Ordinal);

        var statistics = reader.Statistics;
        Assert.Equal(inRange.Count, statistics.ObjectsListed);
        Assert.Equal(inRange.Count - 1, statistics.ObjectsRead);
        Assert.Equal(1, statistics.ObjectsFailed);
        Assert.Equal(1, statistics.ObjectsNotRecognised);
        Assert.Equal(0, statistics.ObjectsInFlight);
        Assert.True(statistics.Bytes > 0);
        // Digest folders are beside CloudTrail/: never listed, never read. Insights folders are read.
        Assert.DoesNotContain(server.Requests, r => r.Contains("Digest", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Error is null && i.Record!.InsightDetails is not null && i.Object.Key.Contains("/CloudTrail-Insight/", StringComparison.Ordinal));
        Assert.DoesNotContain(ListRequests(), p => p.Contains("/2025/01/05/", StringComparison.Ordinal) || p.Contains("/2025/01/07/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_record_names_its_object_in_Delivery_when_the_read_gives_SourceName()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        var query = new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name))
        {
            Since = s_day,
            Until = s_day.AddDays(1).AddTicks(-1),
            DeliveryDelay = TimeSpan.Zero,
        };
        var items = await ToListAsync(reader.ReadAsync(query, (source, stream, token) =>
            CloudTrailLog.ReadAsync(stream, new CloudTrailReadOptions { SourceName = source.ToString() }, token)));

        var records = items.Where(i => i.Error is null).ToList();
        Assert.NotEmpty(records);
        Assert.All(records, i =>
        {
            var delivery = i.Record!.Delivery;
            Assert.NotNull(delivery);
            Assert.Equal("s3://" + TestBucket.Name + "/" + i.Object.Key, delivery.FilePath);
            Assert.Equal(CloudTrailSourceFormat.LogFile, delivery.Format);
            Assert.Null(delivery.OriginalJson);
        });
        // Indexes count per object: each object's records are numbered 0, 1, ... in its own order.
        foreach (var group in records.GroupBy(i => i.Object.Key))
        {
            Assert.Equal(Enumerable.Range(0, group.Count()).Select(n => (long)n), group.Select(i => i.Record!.Delivery!.RecordIndex));
        }
        // The corrupt object's error names it too.
        var failure = Assert.Single(items, i => i.Error is not null);
        var format = Assert.IsType<CloudTrailFormatException>(failure.Error);
        Assert.Equal(failure.Object.ToString(), format.FilePath);
        Assert.StartsWith(failure.Object.ToString() + ": ", format.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_an_organization_trail()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        var query = new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name))
        {
            Organizations = [TestBucket.Organization],
            Since = s_day,
        };
        var items = await ToListAsync(reader.ReadAsync(query, Read));

        var log = TestBucket.Logs.Single(l => l.Account == TestBucket.OrgAccount);
        Assert.Equal(log.EventIds, items.Select(i => i.Record!.EventID!).Order(StringComparer.Ordinal));
        Assert.All(items, i =>
        {
            Assert.Null(i.Error);
            Assert.Equal(TestBucket.Organization, i.Object.OrganizationId);
            Assert.Equal(TestBucket.OrgAccount, i.Object.Account);
        });
    }

    [Theory]
    [InlineData("s3://trail-logs/team/trails", "team/trails/", TestBucket.PrefixedAccount)]
    [InlineData("s3://trail-logs/team/trails/", "team/trails/", TestBucket.PrefixedAccount)]
    [InlineData("s3://trail-logs/team/trails/AWSLogs/", "team/trails/", TestBucket.PrefixedAccount)]
    // A prefix with an AWSLogs folder of its own (archive/AWSLogs/old): that folder is not the layout's.
    [InlineData("s3://trail-logs/archive/AWSLogs/old", "archive/AWSLogs/old/", TestBucket.ArchivedAccount)]
    [InlineData("s3://trail-logs/archive/AWSLogs/old/AWSLogs", "archive/AWSLogs/old/", TestBucket.ArchivedAccount)]
    public async Task Reads_under_a_custom_prefix(string address, string prefix, string account)
    {
        Assert.True(CloudTrailS3Location.TryParse(address, out var location));
        Assert.Equal(prefix + "AWSLogs/", location.AwsLogsPrefix);
        var reader = new CloudTrailS3Reader(server.Client);
        // No lower bound: each region folder is listed whole.
        var items = await ToListAsync(reader.ReadAsync(new CloudTrailS3Query(location), Read));

        var log = TestBucket.Logs.Single(l => l.Account == account);
        Assert.Equal(log.EventIds, items.Select(i => i.Record!.EventID!).Order(StringComparer.Ordinal));
        Assert.All(items, i => Assert.Equal(log.Key, i.Object.Key));
    }

    [Fact]
    public async Task Reads_at_most_MaxConcurrency_objects_at_a_time()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        var query = new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name)) { MaxConcurrency = 2 };
        var items = await ToListAsync(reader.ReadAsync(query, SlowRead));

        int objects = TestBucket.Logs.Count(l => l.Key.StartsWith("AWSLogs/", StringComparison.Ordinal));
        Assert.Equal(objects, reader.Statistics.ObjectsRead + reader.Statistics.ObjectsFailed);
        Assert.InRange(reader.Statistics.MaxObjectsInFlight, 1, 2);
        Assert.Equal(TestBucket.Logs.Sum(l => l.Key.StartsWith("AWSLogs/", StringComparison.Ordinal) ? l.EventIds.Count : 0), items.Count(i => i.Error is null));

        static async IAsyncEnumerable<CloudTrailRecord> SlowRead(CloudTrailS3Object source, System.IO.Stream stream, [EnumeratorCancellation] CancellationToken token)
        {
            await Task.Delay(50, token);
            await foreach (var record in CloudTrailLog.ReadAsync(stream, null, token)) yield return record;
        }
    }

    [Fact]
    public async Task Cancellation_stops_the_reads_in_flight_promptly()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        var query = new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name)) { MaxConcurrency = 4 };
        using var cancel = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        int seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in reader.ReadAsync(query, StuckRead, cancel.Token))
            {
                seen++;
                cancel.Cancel();
            }
        });
        clock.Stop();

        Assert.Equal(1, seen);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        // The enumeration ends only after every read in flight has stopped.
        Assert.Equal(0, reader.Statistics.ObjectsInFlight);
        Assert.Equal(0, reader.Statistics.ObjectsFailed);

        // Each object gives one record, then waits until cancelled.
        static async IAsyncEnumerable<CloudTrailRecord> StuckRead(CloudTrailS3Object source, System.IO.Stream stream, [EnumeratorCancellation] CancellationToken token)
        {
            await foreach (var record in CloudTrailLog.ReadAsync(stream, null, token))
            {
                yield return record;
                await Task.Delay(Timeout.Infinite, token);
            }
        }
    }

    [Theory]
    [InlineData("s3://b", "", "", "s3://b/")]
    [InlineData("s3://b/AWSLogs/", "", "", "s3://b/")]
    [InlineData("s3://b/AWSLogs/111122223333", "", "111122223333/", "s3://b/AWSLogs/111122223333/")]
    [InlineData("s3://b/team/trails/AWSLogs/111122223333/CloudTrail/us-east-1/", "team/trails/", "111122223333/CloudTrail/us-east-1/", "s3://b/team/trails/AWSLogs/111122223333/CloudTrail/us-east-1/")]
    [InlineData("s3://b/AWSLogs/o-abc123def4/333333333333/CloudTrail/us-east-1/2025/01/06", "", "o-abc123def4/333333333333/CloudTrail/us-east-1/2025/01/06/", "s3://b/AWSLogs/o-abc123def4/333333333333/CloudTrail/us-east-1/2025/01/06/")]
    [InlineData("s3://b/team/trails", "team/trails/", "", "s3://b/team/trails/")]
    [InlineData("s3://b/team/AWSLogsOld/x", "team/AWSLogsOld/x/", "", "s3://b/team/AWSLogsOld/x/")]
    // An AWSLogs folder is the layout's only when an account's folder (12 digits), an organization's
    // (o- and 10 to 32 lowercase letters or digits) or nothing follows it; any other is the prefix's.
    [InlineData("s3://b/AWSLogs/x/AWSLogs/111122223333", "AWSLogs/x/", "111122223333/", "s3://b/AWSLogs/x/AWSLogs/111122223333/")]
    [InlineData("s3://b/x/AWSLogs/y", "x/AWSLogs/y/", "", "s3://b/x/AWSLogs/y/")]
    [InlineData("s3://b/x/AWSLogs/y/AWSLogs/111122223333/CloudTrail/", "x/AWSLogs/y/", "111122223333/CloudTrail/", "s3://b/x/AWSLogs/y/AWSLogs/111122223333/CloudTrail/")]
    [InlineData("s3://b/archive/AWSLogs/old", "archive/AWSLogs/old/", "", "s3://b/archive/AWSLogs/old/")]
    [InlineData("s3://b/archive/AWSLogs/old/", "archive/AWSLogs/old/", "", "s3://b/archive/AWSLogs/old/")]
    [InlineData("s3://b/archive/AWSLogs/old/AWSLogs", "archive/AWSLogs/old/", "", "s3://b/archive/AWSLogs/old/")]
    [InlineData("s3://b/archive/AWSLogs/old/AWSLogs/111122223333", "archive/AWSLogs/old/", "111122223333/", "s3://b/archive/AWSLogs/old/AWSLogs/111122223333/")]
    [InlineData("s3://b/archive/AWSLogs/old/AWSLogs/o-aa111bb222/111122223333/CloudTrail/us-east-1/2025/01/06/", "archive/AWSLogs/old/",
        "o-aa111bb222/111122223333/CloudTrail/us-east-1/2025/01/06/", "s3://b/archive/AWSLogs/old/AWSLogs/o-aa111bb222/111122223333/CloudTrail/us-east-1/2025/01/06/")]
    [InlineData("s3://b/x/AWSLogs/1111", "x/AWSLogs/1111/", "", "s3://b/x/AWSLogs/1111/")] // not 12 digits
    [InlineData("s3://b/x/AWSLogs/o-aa111bb22", "x/AWSLogs/o-aa111bb22/", "", "s3://b/x/AWSLogs/o-aa111bb22/")] // 9 after o-
    [InlineData("s3://b/x/AWSLogs/O-AA111BB222", "x/AWSLogs/O-AA111BB222/", "", "s3://b/x/AWSLogs/O-AA111BB222/")] // uppercase
    // No folder of the layout is called AWSLogs, so the layout's AWSLogs is never followed by another one.
    [InlineData("s3://b/x/AWSLogs/111122223333/AWSLogs/y", "x/AWSLogs/111122223333/AWSLogs/y/", "", "s3://b/x/AWSLogs/111122223333/AWSLogs/y/")]
    // A log object's key names that object (no slash after it).
    [InlineData("s3://b/AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/06/111122223333_CloudTrail_us-east-1_20250106T0005Z_a1b2c3.json.gz", "",
        "111122223333/CloudTrail/us-east-1/2025/01/06/111122223333_CloudTrail_us-east-1_20250106T0005Z_a1b2c3.json.gz",
        "s3://b/AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/06/111122223333_CloudTrail_us-east-1_20250106T0005Z_a1b2c3.json.gz")]
    [InlineData("s3://b/archive/AWSLogs/old/AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/06/111122223333_CloudTrail_us-east-1_20250106T0005Z_a1b2c3.json.gz", "archive/AWSLogs/old/",
        "111122223333/CloudTrail/us-east-1/2025/01/06/111122223333_CloudTrail_us-east-1_20250106T0005Z_a1b2c3.json.gz",
        "s3://b/archive/AWSLogs/old/AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/06/111122223333_CloudTrail_us-east-1_20250106T0005Z_a1b2c3.json.gz")]
    [InlineData("s3://b/AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/06/notes.txt", "",
        "111122223333/CloudTrail/us-east-1/2025/01/06/notes.txt/", "s3://b/AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/06/notes.txt/")]
    public void An_address_into_the_AWSLogs_folder_names_the_folder_to_read(string address, string prefix, string folder, string text)
    {
        Assert.True(CloudTrailS3Location.TryParse(address, out var location));
        Assert.Equal(prefix, location.Prefix);
        Assert.Equal(folder, location.Folder);
        Assert.Equal(prefix + "AWSLogs/" + folder, location.FolderPrefix);
        Assert.Equal(text, location.ToString());
    }

    [Theory]
    [InlineData("s3://b/team/trails", null)]
    [InlineData("s3://b/AWSLogs/", null)]
    [InlineData("s3://b/AWSLogs/111122223333", null)]
    [InlineData("s3://b/AWSLogs/o-aa111bb222/111122223333", null)]
    [InlineData("s3://b/AWSLogs/x/AWSLogs/111122223333", null)] // the last AWSLogs is the layout's
    [InlineData("s3://b/archive/AWSLogs/old/AWSLogs", null)]
    [InlineData("s3://b/AWSLogs/1111", "'1111' after AWSLogs/ is neither a 12-digit account id nor an organization id (o- and 10 to 32 lowercase letters or digits), so all of AWSLogs/1111/ was taken as the trail's prefix")]
    [InlineData("s3://b/AWSLogs/1111/CloudTrail/us-east-1/", "'1111' after AWSLogs/ is neither a 12-digit account id nor an organization id (o- and 10 to 32 lowercase letters or digits), so all of AWSLogs/1111/CloudTrail/us-east-1/ was taken as the trail's prefix")]
    [InlineData("s3://b/team/AWSLogs/o-AA111BB222", "'o-AA111BB222' after AWSLogs/ is neither a 12-digit account id nor an organization id (o- and 10 to 32 lowercase letters or digits), so all of team/AWSLogs/o-AA111BB222/ was taken as the trail's prefix")]
    [InlineData("s3://b/archive/AWSLogs/old", "'old' after AWSLogs/ is neither a 12-digit account id nor an organization id (o- and 10 to 32 lowercase letters or digits), so all of archive/AWSLogs/old/ was taken as the trail's prefix")]
    public void An_AWSLogs_folder_followed_by_neither_an_account_nor_an_organization_is_noted(string address, string? note)
    {
        Assert.True(CloudTrailS3Location.TryParse(address, out var location));
        Assert.Equal(note, location.PrefixNote);
    }

    [Fact]
    public async Task A_mistyped_account_after_AWSLogs_finds_no_account_folder_and_the_location_says_why()
    {
        // s3://trail-logs/AWSLogs/1111 is all prefix: the listing is of AWSLogs/1111/AWSLogs/, which holds nothing.
        Assert.True(CloudTrailS3Location.TryParse($"s3://{TestBucket.Name}/AWSLogs/1111", out var location));
        var reader = new CloudTrailS3Reader(server.Client);
        var listed = await ToListAsync(reader.ListAsync(new CloudTrailS3Query(location)));

        Assert.Empty(listed);
        Assert.Equal(0, reader.Statistics.AccountFolders);
        Assert.Equal("AWSLogs/1111/AWSLogs/", location.AwsLogsPrefix);
        Assert.StartsWith("'1111' after AWSLogs/ is neither a 12-digit account id nor an organization id", location.PrefixNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_under_AWSLogs_lists_only_the_folders_on_the_way_to_it_and_in_it()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        server.ClearRequests();
        Assert.True(CloudTrailS3Location.TryParse($"s3://{TestBucket.Name}/AWSLogs/{TestBucket.AccountA}/CloudTrail/us-east-1/2025/01/06/", out var day));
        var listed = await ToListAsync(reader.ListAsync(new CloudTrailS3Query(day)));

        var expected = TestBucket.Logs.Where(l => l.Account == TestBucket.AccountA && l.Region == "us-east-1" && !l.Insight && l.DeliveredAt.UtcDateTime.Date == s_day.UtcDateTime).Select(l => l.Key);
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Select(o => o.Key));
        string[] requests =
        [
            "AWSLogs/ /",
            $"AWSLogs/{TestBucket.AccountA}/ /",
            $"AWSLogs/{TestBucket.AccountA}/CloudTrail/ /",
            $"AWSLogs/{TestBucket.AccountA}/CloudTrail/us-east-1/2025/01/06/ ",
        ];
        Assert.Equal(requests, ListRequests());

        // With a range, the day folders of the range in the folder; an organization's folder, its accounts.
        Assert.True(CloudTrailS3Location.TryParse($"s3://{TestBucket.Name}/AWSLogs/{TestBucket.AccountA}/CloudTrail/us-east-1/2025/01", out var month));
        var ranged = await ToListAsync(reader.ListAsync(new CloudTrailS3Query(month) { Since = s_day.AddDays(1), Until = s_day.AddDays(2) }));
        Assert.Equal(
            TestBucket.Logs.Where(l => l.Account == TestBucket.AccountA && l.Region == "us-east-1" && !l.Insight && l.DeliveredAt >= s_day.AddDays(1)).Select(l => l.Key).Order(StringComparer.Ordinal),
            ranged.Select(o => o.Key));
        Assert.True(CloudTrailS3Location.TryParse($"s3://{TestBucket.Name}/AWSLogs/{TestBucket.Organization}", out var organization));
        var organizationLogs = await ToListAsync(reader.ListAsync(new CloudTrailS3Query(organization)));
        Assert.Equal(TestBucket.Logs.Single(l => l.Account == TestBucket.OrgAccount).Key, Assert.Single(organizationLogs).Key);
        // --account of another account than the folder's: nothing.
        Assert.Empty(await ToListAsync(reader.ListAsync(new CloudTrailS3Query(day) { Accounts = [TestBucket.AccountB] })));
    }

    [Fact]
    public async Task A_log_objects_key_lists_that_object_alone()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        var log = TestBucket.Logs.First(l => l.Account == TestBucket.AccountA && l.Region == "us-east-1" && !l.Corrupt && !l.Insight);
        Assert.True(CloudTrailS3Location.TryParse($"s3://{TestBucket.Name}/{log.Key}", out var location));
        Assert.Equal(log.Key, Assert.Single(await ToListAsync(reader.ListAsync(new CloudTrailS3Query(location)))).Key);

        // The records of that object only.
        var ids = (await ToListAsync(reader.ReadAsync(new CloudTrailS3Query(location), Read))).Select(i => i.Record!.EventID!);
        Assert.Equal(log.EventIds, ids);

        // A key that begins another object's key is not that object.
        string shorter = log.Key[..^".json.gz".Length];
        Assert.True(CloudTrailS3Location.TryParse($"s3://{TestBucket.Name}/{shorter}", out var partial));
        Assert.Empty(await ToListAsync(reader.ListAsync(new CloudTrailS3Query(partial))));
    }

    [Fact]
    public async Task A_client_made_from_AWS_ENDPOINT_URL_S3_reads_with_path_style_addressing()
    {
        var before = Environment.GetEnvironmentVariable(CloudTrailS3Client.S3EndpointVariable);
        Environment.SetEnvironmentVariable(CloudTrailS3Client.S3EndpointVariable, server.Endpoint.ToString());
        try
        {
            Assert.Equal(server.Endpoint.ToString(), CloudTrailS3Client.ResolveEndpoint(null));
            Assert.Equal("http://other.example/", CloudTrailS3Client.ResolveEndpoint("http://other.example/"));
            using var client = CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { Credentials = new BasicAWSCredentials("S3RVER", "S3RVER") });
            var reader = new CloudTrailS3Reader(client);
            var listed = await ToListAsync(reader.ListAsync(new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name, TestBucket.CustomPrefix))));
            Assert.Single(listed);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CloudTrailS3Client.S3EndpointVariable, before);
        }
    }

    [Fact]
    public async Task Download_hands_out_every_object_in_listing_order_with_its_body()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        var query = new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name)) { MaxConcurrency = 3 };
        var listed = await ToListAsync(reader.ListAsync(query));
        var downloads = await ToListAsync(reader.DownloadAsync(query));

        Assert.Equal(TestBucket.Logs.Count(l => l.Key.StartsWith("AWSLogs/", StringComparison.Ordinal)), downloads.Count);
        Assert.Equal(listed.Select(o => o.Key), downloads.Select(d => d.Object.Key));
        var ids = new List<string>();
        foreach (var download in downloads)
        {
            Assert.Null(download.Error);
            var log = TestBucket.Logs.Single(l => l.Key == download.Object.Key);
            Assert.Equal(download.Object.Size, download.Body.Length);
            Assert.Equal(log.Gzip || log.Corrupt, download.Body.Span[..2].SequenceEqual(new byte[] { 0x1F, 0x8B }));
            if (log.Corrupt) continue;
            await foreach (var record in CloudTrailLog.ReadAsync(download.OpenRead(), null)) ids.Add(record.EventID!);
        }
        // Read one after another, the records come in listing order, each object's in its order.
        Assert.Equal(downloads.SelectMany(d => TestBucket.Logs.Single(l => l.Key == d.Object.Key).EventIds), ids);
        Assert.InRange(reader.Statistics.MaxObjectsInFlight, 1, 3);
        Assert.Equal(downloads.Count, reader.Statistics.ObjectsRead);
    }

    [Fact]
    public async Task A_long_range_lists_the_day_folders_there_are_not_every_day_of_it()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        server.ClearRequests();
        // From the day before the first log to now: hundreds of days, three of them with folders.
        var listed = await ToListAsync(reader.ListAsync(new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name))
        {
            Accounts = [TestBucket.AccountA],
            Regions = ["us-east-1"],
            Since = s_day.AddDays(-1),
        }));

        var expected = TestBucket.Logs
            .Where(l => l.Account == TestBucket.AccountA && l.Region == "us-east-1" && l.DeliveredAt >= s_day.AddDays(-1))
            .Select(l => l.Key).Order(StringComparer.Ordinal);
        Assert.Equal(expected, listed.Select(o => o.Key));
        string region = $"AWSLogs/{TestBucket.AccountA}/CloudTrail/us-east-1/";
        string insights = $"AWSLogs/{TestBucket.AccountA}/CloudTrail-Insight/us-east-1/";
        string[] requests =
        [
            $"AWSLogs/ /",
            $"AWSLogs/{TestBucket.AccountA}/ /",
            $"AWSLogs/{TestBucket.AccountA}/CloudTrail-Insight/ /",
            $"{insights} /",
            $"{insights}2025/ /",
            $"{insights}2025/01/ /",
            $"{insights}2025/01/06/ ",
            $"AWSLogs/{TestBucket.AccountA}/CloudTrail/ /",
            $"{region} /",
            $"{region}2025/ /",
            $"{region}2025/01/ /",
            $"{region}2025/01/05/ ",
            $"{region}2025/01/06/ ",
            $"{region}2025/01/07/ ",
            $"AWSLogs/{TestBucket.Organization}/ /",
        ];
        Assert.Equal(requests.Order(StringComparer.Ordinal), ListRequests().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Download_goes_at_most_the_concurrency_ahead_of_the_consumer()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        var query = new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name)) { MaxConcurrency = 2 };
        await using (var downloads = reader.DownloadAsync(query).GetAsyncEnumerator())
        {
            Assert.True(await downloads.MoveNextAsync());
            // The consumer holds the first object: the next two download, and no more.
            var clock = Stopwatch.StartNew();
            while (reader.Statistics.ObjectsRead < 3 && clock.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(20);
            await Task.Delay(300);
            Assert.Equal(3, reader.Statistics.ObjectsRead);
            Assert.InRange(reader.Statistics.MaxObjectsInFlight, 1, 2);
        }
        // Stopped early: nothing is downloading any more.
        Assert.Equal(0, reader.Statistics.ObjectsInFlight);
        Assert.True(TestBucket.Logs.Count > 3);
    }

    [Fact]
    public async Task Download_keeps_within_the_byte_budget_ahead_but_always_gets_the_next_object()
    {
        var reader = new CloudTrailS3Reader(server.Client);
        // A budget smaller than any object: only the next one downloads behind the one held, however many slots.
        var query = new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name)) { MaxConcurrency = 4, MaxBufferedBytes = 1 };
        var keys = new List<string>();
        await using (var downloads = reader.DownloadAsync(query).GetAsyncEnumerator())
        {
            Assert.True(await downloads.MoveNextAsync());
            keys.Add(downloads.Current.Object.Key);
            var clock = Stopwatch.StartNew();
            while (reader.Statistics.ObjectsRead < 2 && clock.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(20);
            await Task.Delay(300);
            Assert.Equal(2, reader.Statistics.ObjectsRead);
            Assert.InRange(reader.Statistics.MaxObjectsInFlight, 1, 2);
            while (await downloads.MoveNextAsync())
            {
                Assert.Null(downloads.Current.Error);
                keys.Add(downloads.Current.Object.Key);
            }
        }
        // Every object, in listing order, at most two downloads at a time.
        var listed = await ToListAsync(reader.ListAsync(query));
        Assert.Equal(listed.Select(o => o.Key), keys);
        Assert.InRange(reader.Statistics.MaxObjectsInFlight, 1, 2);
        var negative = new CloudTrailS3Query(new CloudTrailS3Location(TestBucket.Name)) { MaxBufferedBytes = -1 };
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await reader.DownloadAsync(negative).GetAsyncEnumerator().MoveNextAsync());
    }

    /// <summary>The list requests s3rver received since the last clear, as "PREFIX DELIMITER".</summary>
    private List<string> ListRequests() =>
        server.Requests
            .Where(r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("list-type=2", StringComparison.Ordinal))
            .Select(r =>
            {
                var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://host" + r.Substring(4)).Query);
                return query["prefix"] + " " + query["delimiter"];
            })
            .ToList();

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }
}
