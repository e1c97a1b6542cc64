using System;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace TrailScan.Tests;

/// <summary>The views an incident responder asked for: breakdowns and their filters, exclusions, --dedupe, records as a table or CSV, one principal's story.</summary>
public class ViewTests
{
    private static long Count(JsonNode? list, string name) =>
        list!.AsArray().Where(e => (string?)e!["name"] == name).Select(e => (long)e!["count"]!).SingleOrDefault();

    [Fact]
    public void The_summary_breaks_calls_down_by_source_ip_region_account_and_user_agent()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        var json = App.Run(file, "--format", "json").Json;
        // The 7 calls; the 2 Insights records are no call.
        Assert.Equal(3, json["sourceIps"]!.AsArray().Count(e => ((string)e!["name"]!).StartsWith("203.0.113.", StringComparison.Ordinal)));
        Assert.Equal(1, Count(json["sourceIps"], "lambda.amazonaws.com"));
        Assert.Equal(5, Count(json["regions"], "eu-west-1"));
        Assert.Equal(2, Count(json["regions"], "us-east-1"));
        Assert.Equal(7, Count(json["accounts"], "111122223333"));
        Assert.Equal(1, Count(json["userAgents"], "aws-cli/2.15.30"));

        string table = App.Run(file).Stdout;
        foreach (string title in new[] { "Source IP addresses", "Regions", "Accounts", "User agents" }) Assert.Contains(title, table);
    }

    [Theory]
    [InlineData(3, "--ip", "203.0.113.0/24")]
    [InlineData(1, "--ip", "198.51.100.23")]
    [InlineData(1, "--ip", "lambda.amazonaws.com")]
    [InlineData(4, "--ip", "203.0.113.0/24", "--ip", "198.51.100.0/24")]
    [InlineData(6, "--not-ip", "203.0.113.0/24")] // the 4 other calls and the 2 Insights records
    [InlineData(2, "--region", "us-east-1")]
    [InlineData(2, "--not-region", "eu-west-1")]
    [InlineData(9, "--account", "111122223333")]
    [InlineData(0, "--account", "444455556666")]
    [InlineData(0, "--not-account", "111122223333")]
    [InlineData(1, "--resource", "arn:aws:s3:::example-payroll-exports")] // resources[].ARN under it
    [InlineData(1, "--resource", "arn:aws:iam::111122223333:role/thumbnailer-role")] // in requestParameters
    [InlineData(8, "--not-service", "ec2")] // DescribeInstances left out; the Insights pair is no ec2 call
    [InlineData(0, "--category", "Insight", "--not-service", "ec2")]
    [InlineData(8, "--not-event", "AssumeRole")]
    [InlineData(8, "--not-principal", "alice")]
    [InlineData(1, "--errors", "--not-service", "s3")]
    public void Breakdown_filters_and_exclusions_narrow_the_records(int expected, params string[] filter)
    {
        using var folder = new TempFolder();
        var run = App.Run([folder.Write("log.ndjson", Fixture.Ndjson()), "--format", "json", .. filter]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, (long)run.Json["records"]!);
        Assert.Equal(Fixture.Records, (long)run.Json["recordsRead"]!);
    }

    [Theory]
    [InlineData("not an address block", "--ip", "10.0.0.0/99")]
    [InlineData("not a region name", "--region", "useast1")]
    [InlineData("not an account id", "--account", "12345")]
    [InlineData("not an ARN", "--resource", "example-bucket")]
    [InlineData("did you mean iam", "--not-service", "iamm")]
    public void Bad_breakdown_filters_are_usage_errors(string message, params string[] filter)
    {
        using var folder = new TempFolder();
        var run = App.Run([folder.Write("log.ndjson", Fixture.Ndjson()), .. filter]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Stderr);
    }

    [Fact]
    public void Dedupe_reads_a_record_once_by_its_eventID()
    {
        using var folder = new TempFolder();
        string a = folder.Write("account-trail.ndjson", Fixture.Ndjson());
        string b = folder.Write("organization-trail.ndjson", Fixture.Ndjson());
        Assert.Equal(2 * Fixture.Records, (long)App.Run(a, b, "--format", "json").Json["records"]!);
        var deduped = App.Run(a, b, "--format", "json", "--dedupe");
        Assert.True(deduped.ExitCode == 0, deduped.ToString());
        Assert.Equal(Fixture.Records, (long)deduped.Json["records"]!);
        Assert.Equal(Fixture.Records, (long)deduped.Json["duplicates"]!);
        Assert.Contains("9 duplicate records (eventID read before) left out", App.Run(a, b, "--dedupe").Stdout);
        Assert.Equal(Fixture.Records, App.Run("records", a, b, "--dedupe").Lines.Length);
    }

    [Fact]
    public void Records_as_csv_with_no_record_matching_is_the_header_alone_and_as_csv_with_records_the_header_once()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson(Fixture.CreateUser, Fixture.Decrypt));
        var none = App.Run("records", file, "--format", "csv", "--columns", "time,event", "--event", "DeleteTrail");
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Equal("time,event\r\n", none.Stdout);
        foreach (string jobs in new[] { "1", "2" })
        {
            var some = App.Run("records", file, file, "--format", "csv", "--columns", "event", "-j", jobs);
            Assert.True(some.ExitCode == 0, some.ToString());
            Assert.Equal("event\r\nCreateUser\r\nDecrypt\r\nCreateUser\r\nDecrypt\r\n", some.Stdout);
        }
    }

    [Fact]
    public void Records_writes_csv_of_the_columns_asked_for()
    {
        using var folder = new TempFolder();
        string quoted = Fixture.Decrypt.Replace("\"responseElements\":null", "\"errorCode\":\"Odd\",\"errorMessage\":\"a, \\\"b\\\"\",\"responseElements\":null", StringComparison.Ordinal);
        string file = folder.Write("log.ndjson", Fixture.Ndjson(Fixture.CreateUser, quoted));
        var run = App.Run("records", file, "--format", "csv", "--columns", "time,event,ip,message");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            "time,event,ip,message\r\n2024-03-04T09:20:03Z,CreateUser,198.51.100.23,\r\n2024-03-04T10:40:00Z,Decrypt,s3.amazonaws.com,\"a, \"\"b\"\"\"\r\n",
            run.Stdout);
    }

    [Fact]
    public void Records_as_a_table_sorted_by_time_and_limited()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson(Fixture.All.Reverse().ToArray()));
        var sorted = App.Run("records", file, "--sort", "time", "--limit", "2");
        Assert.True(sorted.ExitCode == 0, sorted.ToString());
        var lines = sorted.Lines;
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"eventName\":\"CreateUser\"", lines[0]);
        Assert.Contains("\"eventName\":\"GetObject\"", lines[1]);

        var table = App.Run("records", file, "--format", "table", "--columns", "time,event,principal", "--limit", "3");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Decrypt", table.Stdout); // the first 3 as read: Decrypt, DescribeInstances, ConsoleLogin
        Assert.Contains("mallory", table.Stdout);
        Assert.DoesNotContain("CreateUser", table.Stdout);
    }

    [Theory]
    [InlineData("--columns is for --format table or csv", "--columns", "time")]
    [InlineData("did you mean time", "--format", "csv", "--columns", "tme")]
    [InlineData("--limit takes a whole number", "--limit", "0")]
    [InlineData("time", "--sort", "size")]
    public void Records_options_that_cannot_work_are_usage_errors(string message, params string[] options)
    {
        using var folder = new TempFolder();
        var run = App.Run(["records", folder.Write("log.ndjson", Fixture.Ndjson()), .. options]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Stderr);
    }

    // alice's SSO session assumes DeployRole as session "alice": the session Fixture.CreateUser runs in.
    private const string SsoAssumesDeployRole = """{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLESSOADMIN:alice@example.com","arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com","accountId":"111122223333","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLESSOADMIN","arn":"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef","accountId":"111122223333","userName":"AWSReservedSSO_AdministratorAccess_0123456789abcdef"},"attributes":{"creationDate":"2024-03-04T08:00:00Z","mfaAuthenticated":"true"}},"onBehalfOf":{"userId":"94482488-3041-7026-18f3-be45837cd0e4","identityStoreArn":"arn:aws:identitystore::111122223333:identitystore/d-9067230000"}},"eventTime":"2024-03-04T09:15:21Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.23","userAgent":"aws-cli/2.15.30","requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/DeployRole","roleSessionName":"alice"},"responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLEALICE0001","sessionToken":"IQoJb3JpZ2luX2VjEXAMPLE","expiration":"Mar 4, 2024, 10:15:21 AM"},"assumedRoleUser":{"assumedRoleId":"AROAEXAMPLEDEPLOY:alice","arn":"arn:aws:sts::111122223333:assumed-role/DeployRole/alice"}},"requestID":"d3333333-1111-4111-8111-111111111111","eventID":"d4444444-1111-4111-8111-111111111111","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";

    [Fact]
    public void The_principal_command_tells_one_principals_story()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson([SsoAssumesDeployRole, .. Fixture.All]));

        var deploy = App.Run("principal", "DeployRole/alice", file, "--format", "json");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        var json = deploy.Json;
        Assert.Equal(1, (long)json["records"]!);
        var session = Assert.Single(json["sessions"]!.AsArray())!;
        Assert.Equal("arn:aws:iam::111122223333:role/DeployRole -> DeployRole/alice; no MFA", (string?)session["name"]);
        var into = Assert.Single(json["assumedInto"]!.AsArray())!;
        Assert.Equal("SSO:AdministratorAccess/alice@example.com", (string?)into["caller"]);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/DeployRole/alice", (string?)into["session"]);
        Assert.Equal("198.51.100.23", (string?)json["sourceIps"]![0]!["name"]);
        Assert.Equal("iam:CreateUser", (string?)json["apis"]![0]!["name"]);
        Assert.Equal("created IAM user build-bot", (string?)json["notable"]![0]!["detail"]);

        var sso = App.Run("principal", "alice@example.com", file, "--format", "json").Json;
        Assert.Equal("arn:aws:iam::111122223333:role/DeployRole as DeployRole/alice", (string?)sso["rolesAssumed"]![0]!["name"]);
        Assert.Contains("on behalf of 94482488-3041-7026-18f3-be45837cd0e4", (string?)sso["sessions"]![0]!["name"]);

        var table = App.Run("principal", "DeployRole/alice", file);
        Assert.True(table.ExitCode == 0, table.ToString());
        foreach (string title in new[] { "Sessions", "Assumed into by", "Source IP addresses", "APIs", "Notable changes it made" }) Assert.Contains(title, table.Stdout);

        var nobody = App.Run("principal", "nobody", file, "--format", "json");
        Assert.Equal(0, (long)nobody.Json["records"]!);
        Assert.Contains("no call by 'nobody'", nobody.Stderr);
    }
}
