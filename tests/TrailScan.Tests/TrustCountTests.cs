using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace TrailScan.Tests;

/// <summary>What trailscan counts agrees between commands and with the logs: eventSources of synthetic records, Insights records.</summary>
public class TrustCountTests
{
    // CloudTrail Lake's ingestion call: the one CloudTrail event logged under cloudtrail-data.amazonaws.com.
    private const string PutAuditEvents = """{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEINGEST:ingest","arn":"arn:aws:sts::111122223333:assumed-role/IngestRole/ingest","accountId":"111122223333"},"eventTime":"2024-03-04T11:10:00Z","eventSource":"cloudtrail-data.amazonaws.com","eventName":"PutAuditEvents","awsRegion":"eu-west-1","sourceIPAddress":"192.0.2.10","userAgent":"aws-cli/2.15.30","requestParameters":{"channelArn":"arn:aws:cloudtrail:eu-west-1:111122223333:channel/example"},"responseElements":null,"eventID":"c3333333-1111-4111-8111-111111111111","readOnly":false,"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"111122223333","eventCategory":"Data"}""";

    private const string StopLogging = """{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEMALLORY01","arn":"arn:aws:iam::111122223333:user/mallory","accountId":"111122223333","userName":"mallory"},"eventTime":"2024-03-04T11:20:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.77","userAgent":"aws-cli/2.15.30","requestParameters":{"name":"management-events"},"responseElements":null,"eventID":"c4444444-1111-4111-8111-111111111111","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";

    // An Insights record about StopLogging that also carries the eventSource and eventName it is
    // about at the top level (as some tools write them): it is still an Insights record.
    private const string InsightAboutStopLogging = """{"eventVersion":"1.08","eventTime":"2024-03-04T11:30:00Z","awsRegion":"eu-west-1","eventID":"c5555555-1111-4111-8111-111111111111","eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"c6666666-1111-4111-8111-111111111111","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","insightDetails":{"state":"Start","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","insightType":"ApiCallRateInsight","insightContext":{"statistics":{"baseline":{"average":0.0001},"insight":{"average":2.5},"insightDuration":1}}},"eventCategory":"Insight"}""";

    [Fact]
    public void Synth_writes_cloudtrail_calls_under_cloudtrail_amazonaws_com()
    {
        using var folder = new TempFolder();
        string file = folder.File("day.ndjson");
        var synth = App.Run("synth", "--records", "20000", "--seed", "4", "--out", file);
        Assert.True(synth.ExitCode == 0, synth.ToString());
        var sources = File.ReadLines(file)
            .Select(line => JsonNode.Parse(line)!)
            .Where(record => record["insightDetails"] is null)
            .Select(record => (string)record["eventSource"]!)
            .Where(source => source.StartsWith("cloudtrail", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.Equal("cloudtrail.amazonaws.com", source));
    }

    [Fact]
    public void The_shipped_sample_logs_log_cloudtrail_calls_under_cloudtrail_amazonaws_com()
    {
        // (The samples written with the catalog of this commit may hold no CloudTrail call at all:
        // Synth_writes_cloudtrail_calls_under_cloudtrail_amazonaws_com checks synth on more records.)
        var run = App.RunWithStdin([], piped: false, "--service", "cloudtrail", "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(run.Json["events"]!.AsArray(), e => Assert.Equal("cloudtrail.amazonaws.com", (string?)e!["eventSource"]));
    }

    [Fact]
    public void A_service_id_matches_every_eventSource_the_catalog_lists_for_it()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson(PutAuditEvents, StopLogging, Fixture.CreateUser));
        var byId = App.Run(file, "--service", "cloudtrail", "--format", "json");
        Assert.True(byId.ExitCode == 0, byId.ToString());
        Assert.Equal(2, (long)byId.Json["records"]!);
        // An eventSource given matches that eventSource only.
        Assert.Equal(1, (long)App.Run(file, "--service", "cloudtrail.amazonaws.com", "--format", "json").Json["records"]!);
        Assert.Equal(1, (long)App.Run(file, "--service", "cloudtrail-data.amazonaws.com", "--format", "json").Json["records"]!);
    }

    [Fact]
    public void Insights_records_are_counted_by_one_rule_in_summary_filters_and_coverage()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson([.. Fixture.All, StopLogging, InsightAboutStopLogging]));

        // summary: 3 Insights records, none of them a call of the service it is about.
        var summary = App.Run(file, "--format", "json").Json;
        long insightCategory = summary["categories"]!.AsArray().Where(c => (string?)c!["name"] == "Insight").Sum(c => (long)c!["count"]!);
        Assert.Equal(3, insightCategory);
        long cloudtrailInTable = summary["services"]!.AsArray().Where(s => (string?)s!["name"] == "cloudtrail").Sum(s => (long)s!["count"]!);
        long ec2InTable = summary["services"]!.AsArray().Where(s => (string?)s!["name"] == "ec2").Sum(s => (long)s!["count"]!);
        Assert.Equal(1, cloudtrailInTable);
        Assert.Equal(1, ec2InTable);
        Assert.Equal(Fixture.TypedEvents + 1, (long)summary["typedEvents"]!);

        // The filters agree with the tables: --service and --event match calls only...
        Assert.Equal(cloudtrailInTable, (long)App.Run(file, "--service", "cloudtrail", "--format", "json").Json["records"]!);
        Assert.Equal(ec2InTable, (long)App.Run(file, "--service", "ec2", "--format", "json").Json["records"]!);
        Assert.Equal(1, (long)App.Run(file, "--event", "StopLogging", "--format", "json").Json["records"]!);
        Assert.Single(App.Run("records", file, "--event", "StopLogging").Lines);
        // ...and the Insights records about them with --category Insight.
        Assert.Equal(insightCategory, (long)App.Run(file, "--category", "Insight", "--format", "json").Json["records"]!);
        Assert.Equal(1, (long)App.Run(file, "--category", "Insight", "--event", "StopLogging", "--format", "json").Json["records"]!);
        Assert.Equal(2, (long)App.Run(file, "--category", "Insight", "--service", "ec2", "--format", "json").Json["records"]!);

        // coverage counts the same 3 Insights records, and the same typed calls.
        var coverage = App.Run("coverage", file, "--format", "json").Json;
        Assert.Equal(insightCategory, (long)coverage["insightRecords"]!);
        Assert.Equal((long)summary["typedEvents"]!, (long)coverage["typedEvents"]!);

        // --help states the rule.
        Assert.Contains("--category Insight", App.Run("summary", "--help").Stdout);
    }

    /// <summary>Fixture.Decrypt at another time.</summary>
    private static string DecryptAt(string time) => Fixture.Decrypt.Replace("2024-03-04T10:40:00Z", time, StringComparison.Ordinal);

    [Fact]
    public void A_timeline_over_years_has_a_bar_per_year_with_records_and_none_for_empty_years()
    {
        using var folder = new TempFolder();
        string file = folder.Write("years.ndjson", Fixture.Ndjson(
            DecryptAt("2014-05-01T10:00:00Z"), DecryptAt("2016-07-01T10:00:00Z"), DecryptAt("2016-08-01T10:00:00Z"), DecryptAt("2025-01-06T10:00:00Z")));
        var timeline = App.Run(file, "--format", "json").Json["timeline"]!;
        Assert.Equal("year", (string?)timeline["bucket"]);
        var bars = timeline["counts"]!.AsArray().Select(b => ((string)b!["start"]!, (long)b!["count"]!)).ToArray();
        Assert.Equal(new[] { ("2014-01-01T00:00:00Z", 1L), ("2016-01-01T00:00:00Z", 2L), ("2025-01-01T00:00:00Z", 1L) }, bars);

        var table = App.Run(file).Stdout;
        Assert.Contains("Records per year", table);
        Assert.Contains("2016", table);
        Assert.DoesNotContain("2015", table);
    }

    [Fact]
    public void A_timeline_over_months_has_calendar_month_bars()
    {
        using var folder = new TempFolder();
        string file = folder.Write("months.ndjson", Fixture.Ndjson(DecryptAt("2024-01-31T23:00:00Z"), DecryptAt("2024-02-01T01:00:00Z"), DecryptAt("2025-09-15T10:00:00Z")));
        var timeline = App.Run(file, "--format", "json").Json["timeline"]!;
        Assert.Equal("month", (string?)timeline["bucket"]);
        var bars = timeline["counts"]!.AsArray().Select(b => ((string)b!["start"]!, (long)b!["count"]!)).ToArray();
        Assert.Equal(new[] { ("2024-01-01T00:00:00Z", 1L), ("2024-02-01T00:00:00Z", 1L), ("2025-09-01T00:00:00Z", 1L) }, bars); // 21 months: 14-day bars would be too many
    }

    [Fact]
    public void A_timeline_over_hours_keeps_its_empty_bars()
    {
        using var folder = new TempFolder();
        string file = folder.Write("hours.ndjson", Fixture.Ndjson(DecryptAt("2024-03-04T00:10:00Z"), DecryptAt("2024-03-04T05:10:00Z")));
        var timeline = App.Run(file, "--format", "json").Json["timeline"]!;
        Assert.Equal("15m", (string?)timeline["bucket"]);
        Assert.Equal(21, timeline["counts"]!.AsArray().Count); // 00:00 to 05:00, 19 of them empty
    }
}
