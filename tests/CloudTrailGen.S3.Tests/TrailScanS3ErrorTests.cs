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
public sealed class TrailScanS3ErrorTests(S3ServerFixture server)
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
        AssertOnlyTheError(result);
    }

    /// <summary>No credentials anywhere the SDK looks: no variables, no files, no instance metadata.</summary>
    internal static readonly (string, string?)[] NoCredentials =
    [
        ("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null), ("AWS_PROFILE", null),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"), ("AWS_CONFIG_FILE", "/nonexistent/config"),
        ("AWS_EC2_METADATA_DISABLED", "true"), ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null), ("AWS_CONTAINER_CREDENTIALS_FULL_URI", null),
    ];

    [Fact]
    public void Missing_credentials_are_one_line_saying_how_to_give_them()
    {
        var result = WithEnvironment(() => Run(["summary", "s3://trail-logs", "--endpoint-url", server.Endpoint.ToString()]), NoCredentials);

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr.StartsWith(
            "trailscan: s3://trail-logs: No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (for a local S3-compatible server, its own key pair), " +
            "or name a profile of ~/.aws/config or ~/.aws/credentials (AWS_PROFILE), or run where a role gives them (SSO login, instance or task role)." + Environment.NewLine, StringComparison.Ordinal), result.Stderr);
        AssertOnlyTheError(result);
        Assert.DoesNotContain("Exception 1 of", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_credentials_are_one_line_saying_so_and_how_to_give_others()
    {
        var result = WithEnvironment(() => Run(["summary", "s3://trail-logs", "--endpoint-url", server.Endpoint.ToString()]),
            ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "not-the-secret"));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr.StartsWith(
            "trailscan: s3://trail-logs: S3 refused the credentials (InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.): " +
            "give valid ones (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile NAME; a local S3-compatible server takes its own key pair)" + Environment.NewLine, StringComparison.Ordinal), result.Stderr);
        AssertOnlyTheError(result);
    }

    [Fact]
    public void A_profile_that_does_not_exist_is_one_line_naming_it()
    {
        var result = WithEnvironment(() => Run(["summary", "s3://trail-logs", "--endpoint-url", server.Endpoint.ToString(), "--profile", "no-such-profile"]), NoCredentials);

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr.StartsWith(
            "trailscan: s3://trail-logs: The AWS profile 'no-such-profile' was not found or has no credentials: see ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)." + Environment.NewLine, StringComparison.Ordinal), result.Stderr);
        AssertOnlyTheError(result);
    }

    [Fact]
    public void An_https_endpoint_of_a_server_that_speaks_http_says_the_TLS_connection_failed_and_what_to_check()
    {
        var result = WithCredentials(() => Run(["summary", "s3://trail-logs", "--endpoint-url", $"https://{server.Endpoint.Authority}"]));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        // The reason is the TLS stack's ("Cannot determine the frame size ..."), not "see inner exception".
        Assert.True(result.Stderr.StartsWith("trailscan: s3://trail-logs: no TLS connection could be made to the endpoint (", StringComparison.Ordinal), result.Stderr);
        Assert.True(result.Stderr.EndsWith("): is it an http:// one, or is its certificate not trusted here?" + Environment.NewLine, StringComparison.Ordinal), result.Stderr);
        Assert.DoesNotContain("inner exception", result.Stderr, StringComparison.Ordinal);
        AssertOnlyTheError(result);
    }

    [Theory]
    [InlineData("200 OK")]
    [InlineData("404 Not Found")]
    [InlineData("403 Forbidden")]
    public void An_endpoint_that_is_not_S3_is_one_line_saying_its_answer_is_not_S3_s(string status)
    {
        using var web = new WebServer(status);
        var result = WithCredentials(() => Run(["summary", "s3://trail-logs", "--endpoint-url", web.Endpoint]));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        // An error status without S3's error document, or a listing that is not XML.
        string why = status.StartsWith('2') ? "its answer is not XML: " : $"HTTP {status[..3]} ";
        Assert.True(result.Stderr.StartsWith($"trailscan: s3://trail-logs: the endpoint did not answer as S3 does ({why}", StringComparison.Ordinal), result.Stderr);
        Assert.True(result.Stderr.EndsWith("): is the endpoint right (--endpoint-url, AWS_ENDPOINT_URL_S3)?" + Environment.NewLine, StringComparison.Ordinal), result.Stderr);
        AssertOnlyTheError(result);
    }

    [Theory]
    [InlineData("<html><body>hi</body></html>")]
    [InlineData("<Foo/>")]
    [InlineData("<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>")]
    public void An_endpoint_whose_listing_is_XML_but_names_no_bucket_is_one_line_saying_its_answer_is_not_S3_s(string page)
    {
        // Read by the SDK as an empty listing: without the check, "no account folders found".
        using var web = new WebServer("200 OK", "application/xml", page);
        var result = WithCredentials(() => Run(["summary", "s3://trail-logs/team", "--endpoint-url", web.Endpoint]));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr == "trailscan: s3://trail-logs/team: the endpoint did not answer as S3 does (The answer to the listing of s3://trail-logs/team/AWSLogs/ is not an S3 listing: it names no bucket.): is the endpoint right (--endpoint-url, AWS_ENDPOINT_URL_S3)?" + Environment.NewLine, result.Stderr);
        AssertOnlyTheError(result);
    }

    [Theory]
    [InlineData("<ListBucketResult><Name>other-logs</Name><IsTruncated>false</IsTruncated></ListBucketResult>", "other-logs")]
    [InlineData("<html><Name>Jane</Name><body>hi</body></html>", "Jane")]
    public void An_endpoint_whose_listing_names_another_bucket_is_one_line_saying_its_answer_is_not_S3_s(string page, string named)
    {
        // Read by the SDK as an empty listing of that bucket: without the check, "no account folders found".
        using var web = new WebServer("200 OK", "application/xml", page);
        var result = WithCredentials(() => Run(["summary", "s3://trail-logs/team", "--endpoint-url", web.Endpoint]));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr == $"trailscan: s3://trail-logs/team: the endpoint did not answer as S3 does (The answer to the listing of s3://trail-logs/team/AWSLogs/ is not an S3 listing of that bucket: it names the bucket '{named}'.): is the endpoint right (--endpoint-url, AWS_ENDPOINT_URL_S3)?" + Environment.NewLine, result.Stderr);
        AssertOnlyTheError(result);
    }

    // What the endpoint's path is said to be for, when a server that serves S3 at its root answers.
    private const string PathHint = "goes before the bucket in every request: unless the server serves S3 under that path, give the endpoint as scheme://host[:port] and the bucket in the s3:// PATH)";

    [Theory]
    [InlineData("/some/path")]
    [InlineData("/some/path/")]
    public void An_endpoint_with_a_path_a_root_server_does_not_know_says_the_path_goes_before_the_bucket(string path)
    {
        // s3rver serves S3 at its root: it is asked for the bucket "some" (GET /some/path/trail-logs/?list-type=2...).
        var endpoint = server.Endpoint.GetLeftPart(UriPartial.Authority) + path;
        var result = WithCredentials(() => Run(["summary", "s3://trail-logs", "--endpoint-url", endpoint]));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr == $"trailscan: s3://trail-logs: The specified bucket does not exist (the endpoint's path /some/path {PathHint}" + Environment.NewLine, result.Stderr);
        AssertOnlyTheError(result);
    }

    [Fact]
    public void An_endpoint_variable_that_ends_in_the_bucket_says_the_path_goes_before_the_bucket()
    {
        // From a variable it is not a usage error (it is not on the command line): s3rver is asked
        // for the key "trail-logs/" of the bucket trail-logs, and says it does not exist.
        var result = WithEnvironment(() => Run(["summary", "s3://trail-logs"]),
            ("AWS_ACCESS_KEY_ID", "S3RVER"), ("AWS_SECRET_ACCESS_KEY", "S3RVER"), (CloudTrailS3Client.S3EndpointVariable, server.Endpoint.GetLeftPart(UriPartial.Authority) + "/trail-logs"));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr == $"trailscan: s3://trail-logs: The specified key does not exist. (the endpoint's path /trail-logs {PathHint}" + Environment.NewLine, result.Stderr);
        AssertOnlyTheError(result);
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("summary", "--format", "json")]
    [InlineData("summary", "-j", "1")]
    [InlineData("coverage", "--format", "json")]
    [InlineData("principal", "alice")]
    [InlineData("records", "--sort", "time")]
    [InlineData("records")]
    [InlineData("records", "--format", "csv")]
    [InlineData("records", "--format", "csv", "-j", "1")]
    [InlineData("records", "--format", "table")]
    [InlineData("records", "--format", "csv", "--sort", "time")]
    public void After_a_listing_that_fails_only_the_error_is_written(params string[] command)
    {
        var result = WithCredentials(() => Run([.. command, "s3://no-such-bucket", "--endpoint-url", server.Endpoint.ToString()]));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr == "trailscan: s3://no-such-bucket: The specified bucket does not exist" + Environment.NewLine, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("s3://trail-logs/wrong/prefix", "s3://trail-logs/wrong/prefix/AWSLogs/")]
    [InlineData("s3://trail-logs/wrong/AWSLogs/111111111111", "s3://trail-logs/wrong/AWSLogs/")]
    public void A_prefix_without_account_folders_says_so_naming_what_was_listed(string path, string listed)
    {
        var result = WithCredentials(() => Run(["summary", path, "--endpoint-url", server.Endpoint.ToString()]));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr == $"trailscan: {path}: no account folders found under {listed} (a trail writes its logs under [PREFIX/]AWSLogs/ACCOUNT/CloudTrail/): is the bucket or prefix right?" + Environment.NewLine, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("s3://trail-logs/AWSLogs/1111", "1111", "AWSLogs/1111/")] // not 12 digits
    [InlineData("s3://trail-logs/AWSLogs/1111/CloudTrail/", "1111", "AWSLogs/1111/CloudTrail/")]
    [InlineData("s3://trail-logs/team/trails/AWSLogs/o-abc", "o-abc", "team/trails/AWSLogs/o-abc/")] // 3 after o-
    public void A_mistyped_account_after_AWSLogs_says_the_name_is_neither_an_account_nor_an_organization(string path, string name, string prefix)
    {
        var result = WithCredentials(() => Run(["summary", path, "--endpoint-url", server.Endpoint.ToString()]));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr == $"trailscan: {path}: '{name}' after AWSLogs/ is neither a 12-digit account id nor an organization id (o- and 10 to 32 lowercase letters or digits), " +
            $"so all of {prefix} was taken as the trail's prefix, and no account folders are under s3://trail-logs/{prefix}AWSLogs/: is the account or organization id right?" + Environment.NewLine, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("s3://trail-logs/team/trails/AWSLogs/111111111111", "s3://trail-logs/team/trails/AWSLogs/111111111111/")] // the account's folder is under AWSLogs/, not the prefix's
    [InlineData("s3://trail-logs/AWSLogs/111111111111/CloudTrail/us-east-1/2025/02/", "s3://trail-logs/AWSLogs/111111111111/CloudTrail/us-east-1/2025/02/")]
    [InlineData("s3://trail-logs/AWSLogs/111111111111/CloudTrail-Digest", "s3://trail-logs/AWSLogs/111111111111/CloudTrail-Digest/")]
    public void A_folder_without_log_objects_says_so_as_a_local_folder_without_log_files_does(string path, string listed)
    {
        var result = WithCredentials(() => Run(["records", path, "--endpoint-url", server.Endpoint.ToString()]));

        Assert.True(result.Code == ExitCodes.BadInput, result.ToString());
        Assert.True(result.Stderr == $"trailscan: {path}: no log objects found under {listed} (a trail writes them under [PREFIX/]AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/): is the path right?" + Environment.NewLine, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("AWSLogs/", "summary", "--since", "2020-01-01", "--until", "2020-01-02")]
    [InlineData("AWSLogs/", "records", "--account", "999999999999")]
    [InlineData("AWSLogs/", "records", "--region", "xx-nowhere-1", "-j", "1")]
    [InlineData("AWSLogs/" + TestBucket.AccountA + "/", "records", "--account", TestBucket.AccountB)] // another account than the folder's
    public void A_trail_with_no_log_of_the_range_accounts_or_regions_asked_for_matches_nothing_and_is_no_error(string folder, params string[] command)
    {
        var result = WithCredentials(() => Run([command[0], "s3://trail-logs/" + folder, "--endpoint-url", server.Endpoint.ToString(), .. command[1..]]));

        // As a local copy read with the same filters: no record matches, exit 0.
        Assert.True(result.Code == ExitCodes.Success, result.ToString());
        Assert.True(result.Stderr == $"trailscan: no log objects under s3://trail-logs/{folder} for the time range, accounts and regions asked for (--since, --until, --account, --region)" + Environment.NewLine, result.Stderr);
        if (command[0] == "records") Assert.Equal("", result.Stdout);
        else Assert.Contains("trailscan summary", result.Stdout, StringComparison.Ordinal);
    }

    private static void AssertOnlyTheError((int Code, string Stdout, string Stderr) result)
    {
        Assert.True(result.Stderr.IndexOf('\n') == result.Stderr.Length - 1, result.Stderr);
        Assert.Equal("", result.Stdout);
    }
}
