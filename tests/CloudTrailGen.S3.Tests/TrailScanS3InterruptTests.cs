using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using TrailScan;
using Xunit;
using static CloudTrailGen.S3.Tests.TrailScanRun;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// Ctrl-C while trailscan waits on S3 stops it at once, whatever it waits for: no waiting out the
/// 30-second timeout and its retries, no report of part of the input.
/// </summary>
// In the server's collection: trailscan's run sets the credential variables, which other tests there read.
[Collection(S3ServerCollection.Name)]
public sealed class TrailScanS3InterruptTests
{
    private const string Account = "111122223333";

    /// <summary>
    /// Runs trailscan (with the default timeout of 30 s) and presses Ctrl-C once it waits on S3
    /// (<paramref name="waiting"/>: the server has the request it will not answer); Took is from
    /// the Ctrl-C to trailscan's return. Not after a fixed time: a cold start (the SDK's first use
    /// in the process) can take longer than the listing it precedes.
    /// </summary>
    private static async Task<((int Code, string Stdout, string Stderr) Result, TimeSpan Took)> InterruptedAsync(string[] args, Func<bool> waiting)
    {
        using var interrupt = new CancellationTokenSource();
        var running = Task.Run(() => WithCredentials(() => Run(args, interrupt: interrupt.Token)));
        var clock = Stopwatch.StartNew();
        while (!waiting() && !running.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(20);
        Assert.True(waiting(), $"trailscan never waited on the server ({clock.Elapsed} after it started)");
        await Task.Delay(200); // waiting, for a moment
        clock.Restart();
        interrupt.Cancel();
        var first = await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(25)));
        Assert.True(first == running, "trailscan still runs 25 s after Ctrl-C");
        return (await running, clock.Elapsed);
    }

    [Fact]
    public async Task Ctrl_c_while_a_download_has_stalled_stops_at_once()
    {
        using var server = new StallingServer();
        var log = "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventTime\":\"2025-01-06T00:01:00Z\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"eventID\":\"e-1\"}]}"u8.ToArray();
        server.Put($"AWSLogs/{Account}/CloudTrail/us-east-1/2025/01/06/{Account}_CloudTrail_us-east-1_20250106T0005Z_stall.json", log, stallAt: 20);

        var (result, took) = await InterruptedAsync(["summary", "s3://trail-logs", "--endpoint-url", server.Endpoint], () => server.Stalls > 0);

        Assert.True(result.Code == ExitCodes.Interrupted, result.ToString());
        Assert.Equal(1, server.Stalls);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("trailscan: interrupted: 0 records read", result.Stderr, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
    }

    [Fact]
    public async Task Ctrl_c_while_a_listing_is_not_answered_stops_at_once()
    {
        using var silent = new SilentServer();

        var (result, took) = await InterruptedAsync(["records", "s3://trail-logs", "--endpoint-url", silent.Endpoint], () => silent.Requests > 0);

        Assert.True(result.Code == ExitCodes.Interrupted, result.ToString());
        Assert.True(silent.Requests >= 1, "no request reached the server");
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("trailscan: interrupted: ", result.Stderr, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
    }
}
