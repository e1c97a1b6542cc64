using System;
using System.Diagnostics;
using TrailScan;
using Xunit;
using static CloudTrailGen.S3.Tests.TrailScanRun;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// trailscan when S3 cannot be read: a server that never answers, credentials missing or refused,
/// a prefix without account folders. Each says so in one line and writes no report.
/// </summary>
[Collection(S3ServerCollection.Name)]
public sealed class TrailScanS3ErrorTests
{
    [Fact]
    public void A_server_that_never_answers_is_given_up_on_after_the_timeout_naming_the_endpoint_and_bucket()
    {
        using var silent = new SilentServer();
        var clock = Stopwatch.StartNew();
        var result = WithCredentials(() => Run(["summary", "s3://trail-logs/team", "--endpoint-url", silent.Endpoint, "--s3-timeout", "0.5"]));
        clock.Stop();

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        // Three attempts of half a second, and the SDK's backoff between them.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        // How many connections were made is the library's test (CloudTrailS3ClientTests): here the
        // SDK's connection pool sometimes opens one more than the attempts.
        Assert.True(result.Stderr.StartsWith($"trailscan: s3://trail-logs/team: {silent.Endpoint}/ did not answer within 0.5 s (3 attempts): is the endpoint right (--endpoint-url, AWS_ENDPOINT_URL_S3)? --s3-timeout SECONDS waits longer" + Environment.NewLine, StringComparison.Ordinal), result.Stderr);
    }
}
