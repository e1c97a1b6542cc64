using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Amazon.Runtime;
using Xunit;

namespace CloudTrailGen.S3.Tests;

/// <summary>How the client is made from the options: the endpoint's rule, the timeout and the attempts.</summary>
// In the server's collection: the endpoint variables are the process's, which other tests there read.
[Collection(S3ServerCollection.Name)]
public sealed class CloudTrailS3ClientTests
{
    [Theory]
    [InlineData("127.0.0.1:9000")] // no scheme
    [InlineData("localhost")]
    [InlineData("ftp://127.0.0.1:9000")]
    [InlineData("s3://trail-logs")]
    [InlineData("http://")]
    [InlineData("")]
    [InlineData(" ")]
    public void An_endpoint_that_is_not_an_absolute_http_URL_is_refused_naming_it_and_what_to_give(string endpoint)
    {
        var error = Assert.Throws<ArgumentException>(() => new CloudTrailS3ClientOptions { EndpointUrl = endpoint });
        Assert.Equal($"The S3 endpoint URL '{endpoint}' is not an absolute http:// or https:// URL: give one such as http://127.0.0.1:9000.", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000")]
    [InlineData("https://s3.example.com/")]
    [InlineData("HTTP://localhost:4566")]
    public void An_absolute_http_or_https_endpoint_is_taken(string endpoint)
    {
        var options = new CloudTrailS3ClientOptions { EndpointUrl = endpoint, Credentials = new BasicAWSCredentials("id", "secret") };
        Assert.Equal(endpoint, options.EndpointUrl);
        using var client = CloudTrailS3Client.Create(options);
        Assert.Equal(new Uri(endpoint), new Uri(client.Config.ServiceURL));
    }

    [Fact]
    public async Task A_server_that_never_answers_is_given_up_on_after_the_timeout_and_the_attempts_with_a_TimeoutException_naming_it()
    {
        using var silent = new SilentServer();
        using var client = CloudTrailS3Client.Create(new CloudTrailS3ClientOptions
        {
            EndpointUrl = silent.Endpoint,
            Credentials = new BasicAWSCredentials("id", "secret"),
            Timeout = TimeSpan.FromSeconds(0.3),
            MaxAttempts = 2,
        });
        var reader = new CloudTrailS3Reader(client);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var _ in reader.ListAsync(new CloudTrailS3Query(new CloudTrailS3Location("trail-logs"))))
            {
            }
        });
        clock.Stop();

        // The SDK's attempts, not connections or requests: .NET's HTTP handler now and then opens
        // a spare connection, or sends an attempt again on a second one (3 requests for 2 attempts,
        // about one run in five on a busy machine, each with the same attempt header).
        await silent.RequestsAfterAsync(2);
        Assert.Equal(["attempt=1; max=2", "attempt=2; max=2"], silent.Attempts);
        Assert.Equal($"{silent.Endpoint}/ did not answer within 0.3 s (2 attempts)", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("", "/trail-logs/")]
    [InlineData("/", "/trail-logs/")]
    [InlineData("/storage/v1/s3", "/storage/v1/s3/trail-logs/")] // a server that serves S3 under a path
    [InlineData("/storage/v1/s3/", "/storage/v1/s3/trail-logs/")] // the SDK alone would send ".../s3//trail-logs/"
    public async Task An_endpoint_s_path_goes_before_the_bucket_in_each_request_with_one_slash_between(string path, string sent)
    {
        using var web = new WebServer("404 Not Found", "application/xml", "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>");
        using var client = CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { EndpointUrl = web.Endpoint + path, Credentials = new BasicAWSCredentials("id", "secret") });
        var reader = new CloudTrailS3Reader(client);

        await Assert.ThrowsAsync<Amazon.S3.Model.NoSuchBucketException>(async () =>
        {
            await foreach (var _ in reader.ListAsync(new CloudTrailS3Query(new CloudTrailS3Location("trail-logs"))))
            {
            }
        });
        Assert.Equal($"GET {sent}?list-type=2&delimiter=%2F&prefix=AWSLogs%2F HTTP/1.1", Assert.Single(web.Requests));
    }

    [Fact]
    public async Task A_listing_answered_with_XML_that_names_no_bucket_is_an_InvalidDataException_not_an_empty_bucket()
    {
        using var web = new WebServer("200 OK", "application/xml", "<html><body>hi</body></html>");
        using var client = CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { EndpointUrl = web.Endpoint, Credentials = new BasicAWSCredentials("id", "secret") });
        var reader = new CloudTrailS3Reader(client);

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in reader.ListAsync(new CloudTrailS3Query(new CloudTrailS3Location("trail-logs"))))
            {
            }
        });
        Assert.Equal("The answer to the listing of s3://trail-logs/AWSLogs/ is not an S3 listing: it names no bucket.", error.Message);
        Assert.Equal(1, reader.Statistics.ListRequests);
    }

    [Theory]
    [InlineData("<ListBucketResult><Name>other-logs</Name><IsTruncated>false</IsTruncated></ListBucketResult>", "other-logs")]
    [InlineData("<ListBucketResult><Name>Trail-Logs</Name><IsTruncated>false</IsTruncated></ListBucketResult>", "Trail-Logs")]
    // The SDK reads a Name element under any root: a page that has one reads as a listing of that bucket.
    [InlineData("<html><Name>Jane</Name><body>hi</body></html>", "Jane")]
    public async Task A_listing_answered_for_another_bucket_is_an_InvalidDataException_not_an_empty_bucket(string page, string named)
    {
        using var web = new WebServer("200 OK", "application/xml", page);
        using var client = CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { EndpointUrl = web.Endpoint, Credentials = new BasicAWSCredentials("id", "secret") });
        var reader = new CloudTrailS3Reader(client);

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in reader.ListAsync(new CloudTrailS3Query(new CloudTrailS3Location("trail-logs"))))
            {
            }
        });
        Assert.Equal($"The answer to the listing of s3://trail-logs/AWSLogs/ is not an S3 listing of that bucket: it names the bucket '{named}'.", error.Message);
        Assert.Equal(1, reader.Statistics.ListRequests);
    }

    [Theory]
    [InlineData("ap-logs-abcdefghijklmnopqrstuvwxyz0123-s3alias")] // an access point's alias
    [InlineData("olap-logs-abcdefghijklmnopqrstuvwxyz01--ol-s3")] // an Object Lambda access point's
    [InlineData("Legacy_Bucket")] // a name from before today's rules
    public async Task A_listing_through_an_alias_may_name_another_bucket(string bucket)
    {
        // What S3 names for an access point's alias is not documented: the answer is taken as it is.
        using var web = new WebServer("200 OK", "application/xml", "<ListBucketResult><Name>trail-logs</Name><IsTruncated>false</IsTruncated></ListBucketResult>");
        using var client = CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { EndpointUrl = web.Endpoint, Credentials = new BasicAWSCredentials("id", "secret") });
        var reader = new CloudTrailS3Reader(client);

        await foreach (var _ in reader.ListAsync(new CloudTrailS3Query(new CloudTrailS3Location(bucket))))
        {
            Assert.Fail("nothing is listed");
        }
        Assert.Equal(0, reader.Statistics.AccountFolders);
        Assert.Equal(1, reader.Statistics.ListRequests);
    }

    [Theory]
    [InlineData("trail-logs", true)]
    [InlineData("my.trail.logs-2025", true)]
    [InlineData("abc", true)]
    [InlineData("logs--usw2-az1--x-s3", true)] // a directory bucket
    [InlineData("ab", false)]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123", false)] // 64
    [InlineData("Trail-Logs", false)]
    [InlineData("trail_logs", false)]
    [InlineData("ap-logs-abc-s3alias", false)]
    [InlineData("olap-logs-abc--ol-s3", false)]
    [InlineData("ap-logs-abc--op-s3", false)]
    [InlineData("mfzwi23gnjvgw.mrap", false)]
    [InlineData("arn:aws:s3:us-east-1:111122223333:accesspoint/logs", false)]
    public void A_bucket_name_by_S3s_rules_is_told_from_aliases_and_ARNs(string name, bool isBucketName) =>
        Assert.Equal(isBucketName, CloudTrailS3Reader.IsBucketName(name));

    [Fact]
    public void The_timeout_is_30_seconds_unless_given_and_must_be_positive_as_the_attempts_must_be_one_or_more()
    {
        var credentials = new BasicAWSCredentials("id", "secret");
        using (var client = CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { Credentials = credentials, Region = "us-east-1" }))
        {
            Assert.Equal(TimeSpan.FromSeconds(30), client.Config.Timeout);
        }
        using (var client = CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { Credentials = credentials, Region = "us-east-1", Timeout = TimeSpan.FromSeconds(5), MaxAttempts = 1 }))
        {
            Assert.Equal(TimeSpan.FromSeconds(5), client.Config.Timeout);
            Assert.Equal(0, client.Config.MaxErrorRetry);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { Credentials = credentials, Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { Credentials = credentials, MaxAttempts = 0 }));
    }

    [Fact]
    public void Without_credentials_anywhere_Create_says_what_is_missing_and_how_to_give_it_in_one_line()
    {
        var error = TrailScanRun.WithEnvironment(
            () => Assert.Throws<CloudTrailS3CredentialsException>(() => CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { EndpointUrl = "http://127.0.0.1:9000" })),
            TrailScanS3ErrorTests.NoCredentials);

        Assert.StartsWith("No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        // The SDK's own account of where it looked is kept.
        Assert.IsAssignableFrom<AmazonClientException>(error.InnerException);
    }

    [Theory]
    [InlineData(CloudTrailS3Client.S3EndpointVariable)]
    [InlineData(CloudTrailS3Client.EndpointVariable)]
    public void An_endpoint_variable_that_is_not_an_absolute_http_URL_is_refused_naming_the_variable(string variable)
    {
        string? s3 = Environment.GetEnvironmentVariable(CloudTrailS3Client.S3EndpointVariable), all = Environment.GetEnvironmentVariable(CloudTrailS3Client.EndpointVariable);
        Environment.SetEnvironmentVariable(CloudTrailS3Client.S3EndpointVariable, null);
        Environment.SetEnvironmentVariable(CloudTrailS3Client.EndpointVariable, null);
        Environment.SetEnvironmentVariable(variable, "localhost:4566");
        try
        {
            var error = Assert.Throws<ArgumentException>(() => CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { Credentials = new BasicAWSCredentials("id", "secret") }));
            Assert.Equal($"{variable} 'localhost:4566' is not an absolute http:// or https:// URL: give one such as http://127.0.0.1:9000.", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CloudTrailS3Client.S3EndpointVariable, s3);
            Environment.SetEnvironmentVariable(CloudTrailS3Client.EndpointVariable, all);
        }
    }
}
