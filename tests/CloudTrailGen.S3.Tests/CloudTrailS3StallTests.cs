using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using S3Tests.Ct;
using TrailScan;
using Xunit;
using static CloudTrailGen.S3.Tests.TrailScanRun;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// A body that stops arriving part-way (the connection stays open, nothing more comes) ends its
/// read with a <see cref="TimeoutException"/> naming the object after the client's timeout, instead
/// of leaving the reader waiting for ever; the other objects are still read.
/// </summary>
// In the server's collection: trailscan's run sets the credential variables, which other tests there read.
[Collection(S3ServerCollection.Name)]
public sealed class CloudTrailS3StallTests
{
    private const string Account = "111122223333";
    private const string Good = $"AWSLogs/{Account}/CloudTrail/us-east-1/2025/01/06/{Account}_CloudTrail_us-east-1_20250106T0005Z_good.json";
    private const string Stalled = $"AWSLogs/{Account}/CloudTrail/us-east-1/2025/01/06/{Account}_CloudTrail_us-east-1_20250106T0010Z_stall.json";

    /// <summary>A log of <paramref name="count"/> records, padded past 50 KB so that a stall point can fall inside its records.</summary>
    private static byte[] Log(string prefix, int count) => Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", Enumerable.Range(0, count).Select(i =>
        $"{{\"eventVersion\":\"1.08\",\"eventTime\":\"2025-01-06T00:0{i % 10}:00Z\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\"," +
        $"\"awsRegion\":\"us-east-1\",\"userAgent\":\"{new string('a', 500)}\",\"eventID\":\"{prefix}-{i}\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"{Account}\"}}")) + "]}");

    private static StallingServer Server()
    {
        var server = new StallingServer();
        server.Put(Good, Log("good", 3));
        server.Put(Stalled, Log("stalled", 100), stallAt: 10_000);
        return server;
    }

    private static Amazon.S3.IAmazonS3 Client(StallingServer server, double timeoutSeconds) => CloudTrailS3Client.Create(new CloudTrailS3ClientOptions
    {
        EndpointUrl = server.Endpoint,
        Credentials = new BasicAWSCredentials("id", "secret"),
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        MaxAttempts = 1,
    });

    private static CloudTrailS3Object Object(StallingServer server, string key) => new(
        "trail-logs", key, server.Size(key), Account, "us-east-1", null, new DateTimeOffset(2025, 1, 6, 0, 10, 0, TimeSpan.Zero));

    private static string StallMessage(StallingServer server) =>
        $"s3://trail-logs/{Stalled}: no data came for 1 s while reading the object (10,000 of {server.Size(Stalled):N0} bytes read)";

    /// <summary>Runs <paramref name="read"/>, failing the test (instead of hanging it) when it has not ended within 20 seconds.</summary>
    private static async Task<Exception?> EndsAsync(Func<Task> read)
    {
        var running = Task.Run(read);
        var first = await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(first == running, "the read of a stalled body still runs after 20 s");
        return await Record.ExceptionAsync(() => running);
    }

    [Fact]
    public async Task Reading_the_opened_body_async_a_copy_or_a_blocking_read_ends_with_a_TimeoutException_naming_the_object()
    {
        using var server = Server();
        using var client = Client(server, 1);
        var reader = new CloudTrailS3Reader(client);
        var source = Object(server, Stalled);

        long read = 0;
        var error = await EndsAsync(async () =>
        {
            await using var body = await reader.OpenAsync(source);
            var buffer = new byte[4096];
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0) read += n;
        });
        Assert.Equal(StallMessage(server), Assert.IsType<TimeoutException>(error).Message);
        Assert.Equal(10_000, read);

        // CopyToAsync is how a download reads a body.
        var copy = new MemoryStream();
        error = await EndsAsync(async () =>
        {
            await using var body = await reader.OpenAsync(source);
            await body.CopyToAsync(copy);
        });
        Assert.Equal(StallMessage(server), Assert.IsType<TimeoutException>(error).Message);
        Assert.Equal(10_000, copy.Length);

        read = 0;
        error = await EndsAsync(async () =>
        {
            using var body = await reader.OpenAsync(source);
            var buffer = new byte[4096];
            int n;
            while ((n = body.Read(buffer, 0, buffer.Length)) > 0) read += n;
        });
        Assert.Equal(StallMessage(server), Assert.IsType<TimeoutException>(error).Message);
        Assert.Equal(10_000, read);
        Assert.Equal(3, server.Stalls);
    }

    [Fact]
    public async Task Reading_a_trail_gives_the_other_objects_records_and_the_stalled_object_as_a_failed_item()
    {
        using var server = Server();
        using var client = Client(server, 1);
        var reader = new CloudTrailS3Reader(client);
        var items = new List<CloudTrailS3Item<CloudTrailRecord>>();
        var error = await EndsAsync(async () =>
        {
            await foreach (var item in reader.ReadAsync(new CloudTrailS3Query(new CloudTrailS3Location("trail-logs")),
                (source, stream, token) => CloudTrailLog.ReadAsync(stream, null, token)))
            {
                items.Add(item);
            }
        });

        Assert.Null(error);
        Assert.Equal(["good-0", "good-1", "good-2"], items.Where(i => i.Object.Key == Good).Select(i => i.Record!.EventID!).ToArray());
        var failure = Assert.Single(items, i => i.Error is not null);
        Assert.Equal(Stalled, failure.Object.Key);
        Assert.Equal(StallMessage(server), Assert.IsType<TimeoutException>(failure.Error).Message);
        // The records before the stall point are handed out; the object still counts as failed.
        Assert.All(items.Where(i => i.Object.Key == Stalled && i.Error is null), i => Assert.StartsWith("stalled-", i.Record!.EventID, StringComparison.Ordinal));
        Assert.Equal(1, reader.Statistics.ObjectsRead);
        Assert.Equal(1, reader.Statistics.ObjectsFailed);
    }

    [Fact]
    public async Task Trailscan_names_the_stalled_object_in_one_line_and_writes_the_others_records()
    {
        using var server = Server();
        (int Code, string Stdout, string Stderr) result = default;
        var error = await EndsAsync(() =>
        {
            result = WithCredentials(() => Run(["records", "s3://trail-logs", "--endpoint-url", server.Endpoint, "--s3-timeout", "1"]));
            return Task.CompletedTask;
        });

        Assert.Null(error);
        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.Equal("trailscan: " + StallMessage(server) + Environment.NewLine, result.Stderr);
        var ids = result.Stdout!.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("eventID").GetString()!)
            .ToArray();
        Assert.Equal(["good-0", "good-1", "good-2"], ids);
    }
}
