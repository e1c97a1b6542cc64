using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TrailScan.Reading;
using TrailScan.Reports;
using Xunit;

namespace TrailScan.Tests;

/// <summary>
/// trailscan reads local inputs as record views: every fact a filter or the summary takes from a
/// view's fields must be what the typed record says, on the fixture, the sample logs, synthetic
/// logs and (when present) the third-party corpus.
/// </summary>
public class RecordViewTests
{
    private static readonly string[] s_principals =
    [
        "alice", "root", "Admin", "-", "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/Admin",
        "AKIAIOSFODNN7EXAMPLE", "lambda.amazonaws.com", "SSO:AdministratorAccess", "ALICE", "bob",
    ];

    private static RecordFilter[] Filters()
    {
        var filters = new List<RecordFilter>
        {
            new() { Services = ["iam"] },
            new() { Services = ["s3", "sts.amazonaws.com"] },
            new() { Services = ["cloudtrail"], Category = "Insight" },
            new() { Events = ["CreateUser", "assumerole", "GetObject"] },
            new() { NotServices = ["ec2"], NotEvents = ["Decrypt"] },
            new() { Category = "Data" },
            new() { Category = "management" },
            new() { ErrorsOnly = true },
            new() { Regions = ["us-east-1"], NotAccounts = ["444455556666"] },
            new() { Accounts = ["111122223333"] },
            new() { Ips = ["203.0.113.0/24", "lambda.amazonaws.com"] },
            new() { NotIps = ["198.51.100.23"] },
            new() { Since = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero), Until = new DateTimeOffset(2025, 1, 6, 12, 0, 0, TimeSpan.Zero) },
            new() { Resources = ["arn:aws:s3:::example-payroll-exports"] },
        };
        foreach (string principal in s_principals)
        {
            filters.Add(new RecordFilter { Principal = principal });
            filters.Add(new RecordFilter { NotPrincipals = [principal] });
        }
        return filters.ToArray();
    }

    /// <summary>Reads <paramref name="files"/> as views and checks each record's facts and filters against its typed record; returns the records compared.</summary>
    private static long CompareFacts(IReadOnlyList<string> files)
    {
        var filters = Filters();
        var source = Source(files, views: true);
        long records = 0;
        foreach (var scanned in source.Read())
        {
            var fields = scanned.Fields;
            Assert.NotNull(fields.View);
            var typed = fields.View!.Materialize();
            string where = $"{scanned.File.Name} record {scanned.Index}";
            Assert.True(RecordFacts.IsCloudTrail(typed), where);
            Assert.Equal(RecordFacts.Principal(typed.UserIdentity), RecordFacts.Principal(fields));
            Assert.Equal(typed.InsightDetails is not null, fields.IsInsight);
            Assert.Equal(typed.EventTime, fields.EventTime);
            foreach (string principal in s_principals)
            {
                Assert.True(RecordFacts.MatchesPrincipal(typed.UserIdentity, principal) == RecordFacts.MatchesPrincipal(fields, principal), $"{where}: --principal {principal}");
            }
            for (int i = 0; i < filters.Length; i++)
            {
                Assert.True(filters[i].Matches(typed) == filters[i].Matches(fields), $"{where}: {string.Join(" ", filters[i].Describe())}");
            }
            records++;
        }
        return records;
    }

    /// <summary>The summary of <paramref name="files"/> counted from views and from typed records, as text to compare.</summary>
    private static (string Views, string Typed) Summaries(IReadOnlyList<string> files)
    {
        var fromViews = new Summary();
        foreach (var scanned in Source(files, views: true).Read()) fromViews.Add(scanned.Fields);
        var fromTyped = new Summary();
        foreach (var scanned in Source(files, views: false).Read()) fromTyped.Add(scanned.Record);
        return (Describe(fromViews), Describe(fromTyped));
    }

    private static RecordSource Source(IReadOnlyList<string> files, bool views)
    {
        var console = new AppConsole(new StringWriter(), new StringWriter(), () => new MemoryStream(), () => new MemoryStream());
        var inputs = files.Select(f => new InputFile(f, f, new FileInfo(f).Length)).ToList();
        return new RecordSource(console, inputs, views: views);
    }

    private static string Describe(Summary summary)
    {
        var text = new StringBuilder();
        text.AppendLine($"records {summary.Records} typed {summary.TypedEvents} insights {summary.InsightRecords} errors {summary.ErrorRecords} first {summary.First:O} last {summary.Last:O}");
        foreach (var (name, counter) in new[]
        {
            ("categories", summary.Categories), ("services", summary.Services), ("events", summary.Events), ("types", summary.IdentityTypes),
            ("principals", summary.Principals), ("errors", summary.ErrorCodes), ("ips", summary.SourceIps), ("regions", summary.Regions),
            ("accounts", summary.Accounts), ("agents", summary.UserAgents),
        })
        {
            text.AppendLine(name);
            foreach (var (key, count) in counter.Top()) text.AppendLine($"  {key} {count}");
        }
        foreach (var notable in summary.Notable) text.AppendLine(notable.ToString());
        foreach (var pair in summary.Insights) text.AppendLine($"{pair.EventSource} {pair.EventName} {pair.InsightType} {pair.ErrorCode} {pair.Start:O} {pair.End:O} {pair.BaselineAverage} {pair.InsightAverage}");
        var (width, bars) = summary.Timeline.GetBars();
        text.AppendLine(width);
        foreach (var (start, count) in bars) text.AppendLine($"{start:O} {count}");
        return text.ToString();
    }

    private static string[] Synthetic(TempFolder folder)
    {
        string file = folder.File("synth.json.gz");
        var run = App.Run("synth", "--records", "3000", "--seed", "26", "--out", file);
        Assert.True(run.ExitCode == 0, run.ToString());
        return [file];
    }

    private static string[] SampleLogs() => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "SampleLogs")).OrderBy(f => f, StringComparer.Ordinal).ToArray();

    [Fact]
    public void View_facts_and_filters_agree_with_the_typed_record_on_the_fixture_and_sample_logs()
    {
        using var folder = new TempFolder();
        string fixture = folder.Write("log.ndjson", Fixture.Ndjson());
        Assert.Equal(Fixture.Records, CompareFacts([fixture]));
        Assert.Equal(460, CompareFacts(SampleLogs()));
    }

    [Fact]
    public void View_facts_and_filters_agree_with_the_typed_record_on_synthetic_logs()
    {
        using var folder = new TempFolder();
        Assert.Equal(3000, CompareFacts(Synthetic(folder)));
    }

    [CorpusFact]
    public void View_facts_and_filters_agree_with_the_typed_record_on_the_corpus()
    {
        Assert.True(CompareFacts(Corpus.RecordFiles()) > 500); // 670 lines, a few of them not CloudTrail records
    }

    [Fact]
    public void The_summary_counted_from_views_is_the_summary_of_the_typed_records()
    {
        using var folder = new TempFolder();
        string fixture = folder.Write("log.ndjson", Fixture.Ndjson());
        foreach (var files in new[] { [fixture], SampleLogs(), Synthetic(folder) })
        {
            var (views, typed) = Summaries(files);
            Assert.Contains("records ", views);
            Assert.Equal(typed, views);
        }
    }

    [CorpusFact]
    public void The_summary_of_the_corpus_counted_from_views_is_the_summary_of_the_typed_records()
    {
        var (views, typed) = Summaries(Corpus.RecordFiles());
        Assert.Equal(typed, views);
    }
}
