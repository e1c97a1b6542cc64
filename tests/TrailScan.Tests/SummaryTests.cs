using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace TrailScan.Tests;

/// <summary>summary (the default command): what it counts, its filters, its inputs and its exit codes.</summary>
public class SummaryTests
{
    private static long Count(JsonNode? list, string name, string key = "name") =>
        list!.AsArray().Where(e => (string?)e![key] == name).Select(e => (long)e!["count"]!).DefaultIfEmpty(0).Single();

    [Fact]
    public void Counts_of_one_are_singular()
    {
        using var folder = new TempFolder();
        string log = folder.Write("log.ndjson", Fixture.Ndjson(Fixture.GetObjectDenied, "{\"hello\":1}", "{\"eventVersion\": oops}", Fixture.CreateUser));
        var summary = App.Run("summary", log);
        Assert.Contains("1 record with an errorCode (50.0%)", summary.Stdout);
        Assert.Contains("(1 malformed record passed over; 1 non-record skipped)", summary.Stdout);
        var filtered = App.Run("summary", folder.Write("one.ndjson", Fixture.Ndjson(Fixture.CreateUser)), "--service", "iam");
        Assert.Contains("(1 of the 1 record read)", filtered.Stdout);

        var coverage = App.Run("coverage", folder.Write("one/log.ndjson", Fixture.Ndjson(Fixture.CreateUser)));
        Assert.Contains("1 read from 1 file (0 malformed, 0 skipped, 0 files not read to the end)", coverage.Stdout);
        Assert.Contains("1 record written back equal to the input (100%)", coverage.Stdout);
        Assert.Contains("1 record typed, by a generated class or the schema (100% of 1 API record; 0 Insights", coverage.Stdout);

        var export = App.Run("export", folder.File("one/log.ndjson"), "--out", folder.File("tables"));
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal($"records: 1 row in 1 file{Environment.NewLine}", export.Stdout);
        Assert.StartsWith($"trailscan: exported 1 record to {folder.File("tables")} (", export.Stderr);

        var nonRecord = App.Run("summary", folder.Write("value.json", "{\"hello\":1}"));
        Assert.Contains("trailscan: no CloudTrail records in the input: 1 JSON value read, and it is not a CloudTrail record", nonRecord.Stderr);
    }

    [Fact]
    public void The_typed_share_is_of_the_API_records_as_coverage_counts_it()
    {
        using var folder = new TempFolder();
        string log = folder.Write("log.ndjson", Fixture.Ndjson());
        var summary = App.Run("summary", log);
        Assert.True(summary.ExitCode == 0, summary.ToString());
        int calls = Fixture.Records - Fixture.InsightRecords;
        string share = (100.0 * Fixture.TypedEvents / calls).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
        Assert.Contains($"{Fixture.Records} ({share} of {calls} API records typed; {Fixture.InsightRecords} Insights records)", System.Text.RegularExpressions.Regex.Replace(summary.Stdout, @"\s+", " "));
        var coverage = App.Run("coverage", log);
        Assert.Contains($"({share} of {calls} API records;", System.Text.RegularExpressions.Regex.Replace(coverage.Stdout, @"\s+", " "));
    }

    [Fact]
    public void An_empty_input_is_said_to_be_empty()
    {
        using var folder = new TempFolder();
        string empty = folder.Write("empty.json", "");
        var run = App.Run("summary", empty);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"trailscan: no CloudTrail records in the input: {empty} is empty{Environment.NewLine}", run.Stderr);
        run = App.Run("summary", empty, folder.Write("empty2.json", ""));
        Assert.Contains($"trailscan: no CloudTrail records in the input: the 2 inputs are empty{Environment.NewLine}", run.Stderr);
    }

    [Fact]
    public void The_same_user_name_in_two_accounts_is_two_principals()
    {
        using var folder = new TempFolder();
        string other = Fixture.GetObjectDenied.Replace("111122223333", "444455556666", StringComparison.Ordinal)
            .Replace("31111111-1111-4111-8111-111111111111", "31111111-1111-4111-8111-111111111112", StringComparison.Ordinal);
        string twoAccounts = folder.Write("two.ndjson", Fixture.Ndjson(Fixture.GetObjectDenied, Fixture.GetObjectDenied.Replace("31111111-", "41111111-", StringComparison.Ordinal), other));

        var json = App.Run("summary", twoAccounts, "--format", "json").Json;
        var principals = json["principals"]!.AsArray().Select(p => $"{p!["type"]} {p["name"]} {p["account"]} {p["count"]}").ToList();
        Assert.Equal(["IAMUser build-bot 111122223333 2", "IAMUser build-bot 444455556666 1"], principals);

        var table = App.Run("summary", twoAccounts);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"│ type +│ principal +│ account +│ records", table.Stdout);
        Assert.Matches(@"│ IAMUser +│ build-bot +│ 444455556666 +│ +1 ", table.Stdout);

        // One account (AWS services log none): no account column.
        var one = App.Run("summary", folder.Write("one.ndjson", Fixture.Ndjson()));
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Matches(@"│ type +│ principal +│ records", one.Stdout);
    }

    [Fact]
    public void A_filter_that_matches_nothing_gives_counts_without_shares()
    {
        var run = App.Run("summary", "--event", "GetFederationToken", TrailScan.Reading.Inputs.SampleLogFolder);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^records +0 *$", run.Stdout);
        Assert.Matches(@"(?m)^errors +0 *$", run.Stdout);
        Assert.DoesNotContain("(-", run.Stdout);
    }

    [Fact]
    public void Json_counts_every_dimension()
    {
        using var folder = new TempFolder();
        var run = App.Run("summary", folder.Write("log.ndjson", Fixture.Ndjson()), "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json;

        Assert.Equal(Fixture.Records, (long)json["records"]!);
        Assert.Equal(Fixture.TypedEvents, (long)json["typedEvents"]!);
        Assert.Equal(2, (long)json["errorRecords"]!);
        Assert.Equal(0, (long)json["malformed"]!);
        Assert.Equal("2024-03-04T09:20:03Z", (string?)json["timeRange"]!["first"]);
        Assert.Equal("2024-03-04T10:40:00Z", (string?)json["timeRange"]!["last"]);

        Assert.Equal(5, Count(json["categories"], "Management"));
        Assert.Equal(2, Count(json["categories"], "Data"));
        Assert.Equal(2, Count(json["categories"], "Insight"));
        Assert.Equal(1, Count(json["services"], "iam"));
        Assert.Equal(1, Count(json["services"], "bedrock"));
        Assert.Equal(1, Count(json["events"], "AssumeRole", "eventName"));
        Assert.Equal(3, Count(json["identityTypes"], "AssumedRole"));
        Assert.Equal(2, Count(json["identityTypes"], "AWSService"));
        Assert.Equal(2, Count(json["identityTypes"], "IAMUser"));
        Assert.Equal(1, Count(json["principals"], "DeployRole/alice"));
        Assert.Equal(1, Count(json["principals"], "lambda.amazonaws.com"));
        Assert.Equal(1, Count(json["errorCodes"], "AccessDenied"));
        Assert.Equal(1, Count(json["errorCodes"], "Client.UnauthorizedOperation"));

        var insight = Assert.Single(json["insights"]!.AsArray())!;
        Assert.Equal("RunInstances", (string?)insight["eventName"]);
        Assert.Equal("ApiCallRateInsight", (string?)insight["insightType"]);
        Assert.Equal("2024-03-04T10:05:00Z", (string?)insight["start"]);
        Assert.Equal("2024-03-04T10:15:00Z", (string?)insight["end"]);

        var notable = json["notable"]!.AsArray();
        Assert.Contains(notable, n => ((string?)n!["detail"])!.Contains("created IAM user build-bot", StringComparison.Ordinal));
        Assert.Contains(notable, n => ((string?)n!["detail"])!.Contains("console sign-in FAILED", StringComparison.Ordinal));

        // 09:20 to 10:40 in 5-minute bars: 17 of them, holding every record.
        Assert.Equal("5m", (string?)json["timeline"]!["bucket"]);
        var bars = json["timeline"]!["counts"]!.AsArray();
        Assert.Equal(17, bars.Count);
        Assert.Equal(Fixture.Records, bars.Sum(b => (long)b!["count"]!));
    }

    [Fact]
    public void Table_shows_the_sections_and_the_chart()
    {
        using var folder = new TempFolder();
        var run = App.Run(folder.Write("log.ndjson", Fixture.Ndjson()));
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (string heading in new[] { "trailscan summary", "Event categories", "Services", "Events", "Identity types", "Principals", "Error codes", "Insights", "Notable changes", "Records per 5m" })
        {
            Assert.Contains(heading, run.Stdout);
        }
        Assert.Contains("2024-03-04T09:20:03Z to 2024-03-04T10:40:00Z", run.Stdout);
        Assert.Contains("█", run.Stdout);
        Assert.DoesNotContain("\u001b[", run.Stdout); // no colors when output is not a terminal
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Top_limits_the_rows_of_each_table()
    {
        using var folder = new TempFolder();
        var run = App.Run(folder.Write("log.ndjson", Fixture.Ndjson()), "--top", "2");
        Assert.Contains("... 5 more", run.Stdout); // 7 services, 2 shown
    }

    [Theory]
    [InlineData(1, "--service", "iam")]
    [InlineData(1, "--service", "bedrock.amazonaws.com")]
    [InlineData(2, "--service", "s3", "--service", "STS")]
    [InlineData(1, "--service", "ec2")] // DescribeInstances: the Insights pair about ec2 RunInstances is no call
    [InlineData(2, "--service", "ec2", "--category", "Insight")] // the Insights pair about ec2 RunInstances
    [InlineData(2, "--event", "AssumeRole", "--event", "getobject")]
    [InlineData(2, "--category", "Data")]
    [InlineData(2, "--category", "Insight")]
    [InlineData(5, "--category", "management")]
    [InlineData(2, "--errors")]
    [InlineData(1, "--errors", "--service", "s3")]
    [InlineData(1, "--principal", "alice")]
    [InlineData(1, "--principal", "DeployRole/alice")]
    [InlineData(1, "--principal", "arn:aws:iam::111122223333:role/DeployRole")]
    [InlineData(1, "--principal", "arn:aws:sts::111122223333:assumed-role/DeployRole/alice")]
    [InlineData(1, "--principal", "build-bot")]
    [InlineData(1, "--principal", "lambda.amazonaws.com")]
    [InlineData(0, "--principal", "nobody")]
    [InlineData(6, "--since", "2024-03-04T10:00:00Z")]
    [InlineData(3, "--until", "2024-03-04T10:00:00Z")]
    [InlineData(3, "--since", "2024-03-04T10:00:00Z", "--until", "2024-03-04T10:20:00Z")]
    [InlineData(9, "--since", "2024-03-04")]
    [InlineData(0, "--since", "1h")] // an hour before now: the fixture is from 2024
    public void Filters_narrow_the_records(int expected, params string[] filter)
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        var run = App.Run(["summary", file, "--format", "json", .. filter]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, (long)run.Json["records"]!);
    }

    [Fact]
    public void Folders_are_read_recursively_for_log_files_only()
    {
        using var folder = new TempFolder();
        folder.Write("a.json", Fixture.LogFile(Fixture.CreateUser, Fixture.GetObjectDenied, Fixture.AssumeRole));
        folder.WriteGzip("sub/b.json.gz", Fixture.LogFile(Fixture.InvokeAgent, Fixture.InsightStart, Fixture.InsightEnd));
        folder.Write("sub/deeper/c.ndjson", Fixture.Ndjson(Fixture.ConsoleLoginFailed, Fixture.DescribeInstancesDenied, Fixture.Decrypt));
        folder.Write("sub/notes.txt", "not a log");
        folder.Write("sub/deeper/README.md", "{\"Records\": [");

        var run = App.Run(folder.Path, "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Fixture.Records, (long)run.Json["records"]!);
        Assert.Equal(3, (long)run.Json["files"]!);
    }

    [Fact]
    public void Files_and_folders_mix_and_each_counts()
    {
        using var folder = new TempFolder();
        string one = folder.Write("one.ndjson", Fixture.Ndjson(Fixture.CreateUser));
        folder.Write("more/two.ndjson", Fixture.Ndjson(Fixture.Decrypt, Fixture.AssumeRole));
        var run = App.Run(one, folder.File("more"), "--format", "json");
        Assert.Equal(3, (long)run.Json["records"]!);
    }

    [Fact]
    public void A_gzipped_log_file_is_read()
    {
        using var folder = new TempFolder();
        var run = App.Run(folder.WriteGzip("111122223333_CloudTrail_eu-west-1_20240304T0920Z_x.json.gz", Fixture.LogFile()), "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Fixture.Records, (long)run.Json["records"]!);
    }

    [Fact]
    public void Dash_reads_standard_input()
    {
        var run = App.RunWithStdin(Encoding.UTF8.GetBytes(Fixture.Ndjson()), "summary", "-", "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Fixture.Records, (long)run.Json["records"]!);
    }

    [Fact]
    public void Standard_input_may_be_gzipped_and_mixed_with_files()
    {
        var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Fixture.LogFile(Fixture.CreateUser, Fixture.Decrypt)));
        }
        using var folder = new TempFolder();
        string file = folder.Write("one.ndjson", Fixture.Ndjson(Fixture.AssumeRole));
        var run = App.RunWithStdin(gzipped.ToArray(), file, "-", "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, (long)run.Json["records"]!);
        Assert.Equal(2, (long)run.Json["files"]!);
    }

    [Fact]
    public void Other_wrappers_are_read_too()
    {
        // An EventBridge event whose detail is the record.
        string eventBridge = "{\"version\":\"0\",\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.iam\",\"account\":\"111122223333\",\"time\":\"2024-03-04T09:20:03Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":" + Fixture.CreateUser + "}";
        using var folder = new TempFolder();
        var run = App.Run(folder.Write("events.json", eventBridge), "--format", "json");
        Assert.Equal(1, (long)run.Json["records"]!);
        Assert.Equal(1, (long)run.Json["typedEvents"]!);
    }

    [Fact]
    public void With_no_path_the_shipped_sample_logs_are_read()
    {
        var run = App.Run("--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True((long)run.Json["records"]! > 100, run.Stdout);
        Assert.True((long)run.Json["files"]! >= 2, run.Stdout);
        Assert.True(run.Json["insights"]!.AsArray().Count >= 1, "the sample logs hold an Insights pair");
    }

    [Fact]
    public void Same_input_gives_the_same_output()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        Assert.Equal(App.Run(file).Stdout, App.Run(file).Stdout);
        Assert.Equal(App.Run(file, "--format", "json").Stdout, App.Run(file, "--format", "json").Stdout);
    }

    [Fact]
    public void A_truncated_file_exits_1_naming_the_file_and_byte_and_keeps_what_was_read()
    {
        using var folder = new TempFolder();
        string good = folder.Write("good.ndjson", Fixture.Ndjson(Fixture.Decrypt));
        string truncated = folder.Write("truncated.json", "{\"Records\":[" + Fixture.CreateUser + ",{\"eventName\":\"StartLogging\"");
        var run = App.Run(good, truncated, "--format", "json");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("truncated.json", run.Stderr);
        Assert.Contains("byte", run.Stderr);
        Assert.Equal(2, (long)run.Json["records"]!); // Decrypt, and CreateUser before the break
        Assert.Equal(1, (long)run.Json["failedFiles"]!);
    }

    [Fact]
    public void A_malformed_line_exits_1_and_the_other_lines_are_read()
    {
        using var folder = new TempFolder();
        string file = folder.Write("mixed.ndjson", Fixture.CreateUser + "\n{\"eventName\": oops}\n" + Fixture.Decrypt + "\n");
        var run = App.Run(file, "--format", "json");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("mixed.ndjson", run.Stderr);
        Assert.Contains("byte", run.Stderr);
        Assert.Equal(2, (long)run.Json["records"]!);
        Assert.Equal(1, (long)run.Json["malformed"]!);
    }

    [Fact]
    public void A_missing_path_exits_1_and_names_it()
    {
        using var folder = new TempFolder();
        string good = folder.Write("good.ndjson", Fixture.Ndjson(Fixture.Decrypt));
        var run = App.Run(good, folder.File("no-such.json"), "--format", "json");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("no-such.json: no such file or folder", run.Stderr);
        Assert.Equal(1, (long)run.Json["records"]!);

        var only = App.Run(folder.File("no-such.json"));
        Assert.Equal(1, only.ExitCode);
        Assert.Equal("", only.Stdout);
    }

    [Fact]
    public void Input_that_is_not_json_at_all_exits_1()
    {
        using var folder = new TempFolder();
        var run = App.Run(folder.Write("binary.json", "\u0001\u0002 this is not JSON"), "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("binary.json", run.Stderr);
    }
}
