using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace TrailScan.Tests;

/// <summary>synth writes logs that trailscan itself (and any CloudTrail reader) reads back.</summary>
public class SynthTests
{
    [Fact]
    public void Synth_awslogs_writes_the_layout_CloudTrail_delivers_to_S3_a_file_per_account_region_and_5_minutes()
    {
        using var folder = new TempFolder();
        string out1 = folder.File("one"), out2 = folder.File("two");
        var synth = App.Run("synth", "--records", "1300", "--seed", "5", "--days", "0.5", "--awslogs", "--out", out1);
        Assert.True(synth.ExitCode == 0, synth.ToString());
        Assert.True(App.Run("synth", "--records", "1300", "--seed", "5", "--days", "0.5", "--awslogs", "--out", out2).ExitCode == 0);

        var files = Directory.GetFiles(out1, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(out1, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Contains($"({files.Count:N0} files)", synth.Stderr);
        var name = new System.Text.RegularExpressions.Regex(
            @"^AWSLogs/(?<account>\d{12})/(?<kind>CloudTrail|CloudTrail-Insight)/(?<region>[a-z]{2}(-[a-z]+)+-\d)/(?<day>\d{4}/\d{2}/\d{2})/\k<account>_\k<kind>_\k<region>_(?<time>\d{8}T\d{4}Z)_[A-Za-z0-9]{16}\.json\.gz$");
        long records = 0;
        foreach (string file in files)
        {
            var match = name.Match(file);
            Assert.True(match.Success, file);
            var delivered = DateTimeOffset.ParseExact(match.Groups["time"].Value, "yyyyMMdd'T'HHmm'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal);
            Assert.Equal(delivered.UtcDateTime.ToString("yyyy'/'MM'/'dd"), match.Groups["day"].Value);
            using var gzip = new GZipStream(File.OpenRead(System.IO.Path.Combine(out1, file)), CompressionMode.Decompress);
            foreach (var record in JsonNode.Parse(gzip)!["Records"]!.AsArray())
            {
                // Each record is in the file of its account, region and 5 minutes, Insights apart.
                Assert.Equal(match.Groups["account"].Value, (string)record!["recipientAccountId"]!);
                Assert.Equal(match.Groups["region"].Value, (string)record["awsRegion"]!);
                Assert.Equal(match.Groups["kind"].Value == "CloudTrail-Insight", record["insightDetails"] is not null);
                var time = DateTimeOffset.Parse((string)record["eventTime"]!);
                Assert.InRange(delivered - time, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(5));
                records++;
            }
            // The same seed writes the same files.
            Assert.Equal(File.ReadAllBytes(System.IO.Path.Combine(out1, file)), File.ReadAllBytes(System.IO.Path.Combine(out2, file)));
        }
        Assert.Equal(1300, records);
        Assert.Contains(files, f => f.Contains("/CloudTrail-Insight/", StringComparison.Ordinal));
        // Half a day of events: a file for each 5 minutes with events (and region).
        Assert.True(files.Count > 50, $"{files.Count} files");

        // The folder holds the records of the one-file log of the same seed.
        string single = folder.File("log.json.gz");
        Assert.True(App.Run("synth", "--records", "1300", "--seed", "5", "--days", "0.5", "--out", single).ExitCode == 0);
        Assert.Equal(App.Run(single, "--format", "json").Json["records"]!.ToJsonString(), App.Run(out1, "--format", "json").Json["records"]!.ToJsonString());
        Assert.Equal(files.Count, Directory.GetFiles(out2, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void Synth_without_awslogs_still_wants_a_log_file_name()
    {
        var run = App.Run("synth", "--records", "10", "--out", "folder");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--awslogs", run.Stderr);
    }

    [Fact]
    public void Synth_names_a_missing_folder_or_a_file_in_the_way_before_writing()
    {
        using var temp = new TempFolder();
        string missing = temp.File("no-such-folder");
        var run = App.Run("synth", "--records", "10", "--out", Path.Combine(missing, "x.json"));
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal($"trailscan: --out {Path.Combine(missing, "x.json")}: the folder '{missing}' does not exist: make it first, or write to a folder that does{Environment.NewLine}", run.Stderr);

        string file = temp.Write("log.json", "{}");
        run = App.Run("synth", "--records", "10", "--out", Path.Combine(file, "x.json"));
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"trailscan: --out {Path.Combine(file, "x.json")}: '{file}' is a file, not a folder{Environment.NewLine}", run.Stderr);

        run = App.Run("synth", "--records", "10", "--awslogs", "--out", file);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"trailscan: --out {file}: '{file}' is a file, not a folder: --awslogs writes a folder{Environment.NewLine}", run.Stderr);
        Assert.Equal("{}", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("log.json")]
    [InlineData("log.json.gz")]
    [InlineData("log.ndjson")]
    public void Synth_writes_each_format_and_it_reads_back_whole(string name)
    {
        using var folder = new TempFolder();
        string file = folder.File(name);
        var synth = App.Run("synth", "--records", "250", "--seed", "3", "--out", file);
        Assert.True(synth.ExitCode == 0, synth.ToString());
        Assert.Contains("wrote 250 records", synth.Stderr);

        byte[] bytes = File.ReadAllBytes(file);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            Assert.Equal(0x1f, bytes[0]);
            Assert.Equal(0x8b, bytes[1]);
        }
        else if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            Assert.Equal(250, JsonNode.Parse(bytes)!["Records"]!.AsArray().Count);
        }
        else
        {
            Assert.Equal(250, File.ReadAllLines(file).Length);
        }

        var summary = App.Run(file, "--format", "json");
        Assert.True(summary.ExitCode == 0, summary.ToString());
        Assert.Equal(250, (long)summary.Json["records"]!);
    }

    [Fact]
    public void The_same_seed_writes_the_same_bytes_and_another_seed_does_not()
    {
        using var folder = new TempFolder();
        App.Run("synth", "--records", "300", "--seed", "11", "--out", folder.File("a.ndjson"));
        App.Run("synth", "--records", "300", "--seed", "11", "--out", folder.File("b.ndjson"));
        App.Run("synth", "--records", "300", "--seed", "12", "--out", folder.File("c.ndjson"));
        App.Run("synth", "--records", "300", "--seed", "11", "--out", folder.File("a.json.gz"));
        App.Run("synth", "--records", "300", "--seed", "11", "--out", folder.File("b.json.gz"));
        Assert.Equal(File.ReadAllBytes(folder.File("a.ndjson")), File.ReadAllBytes(folder.File("b.ndjson")));
        Assert.NotEqual(File.ReadAllBytes(folder.File("a.ndjson")), File.ReadAllBytes(folder.File("c.ndjson")));
        Assert.Equal(File.ReadAllBytes(folder.File("a.json.gz")), File.ReadAllBytes(folder.File("b.json.gz")));
    }

    [Fact]
    public void A_synthetic_log_looks_like_a_real_one()
    {
        using var folder = new TempFolder();
        string file = folder.File("day.ndjson");
        Assert.Equal(0, App.Run("synth", "--records", "3000", "--seed", "5", "--out", file).ExitCode);
        var json = App.Run(file, "--format", "json").Json;

        Assert.Equal(3000, (long)json["records"]!);
        // About 5% of API calls fail.
        double errorShare = (double)(long)json["errorRecords"]! / 3000;
        Assert.InRange(errorShare, 0.025, 0.08);
        // Insights: a Start/End pair every few hundred records.
        var insights = json["insights"]!.AsArray();
        Assert.InRange(insights.Count, 3, 8);
        Assert.All(insights, i => Assert.NotNull((string?)i!["end"]));
        // The usual mix: credentials, KMS and S3 lead; most calls come from roles; data events are a good share.
        var topEvents = json["events"]!.AsArray().Take(5).Select(e => (string)e!["eventName"]!).ToArray();
        Assert.Contains("AssumeRole", topEvents);
        Assert.Equal("AssumedRole", (string?)json["identityTypes"]![0]!["name"]);
        var categories = json["categories"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => (long)c!["count"]!);
        Assert.InRange(categories["Data"], 400, 1500);
        Assert.True(categories.ContainsKey("Insight"));
        // Times stay within the day and follow a working day: more records at 12:00 than at 03:00 UTC.
        Assert.StartsWith("2025-01-06T", (string?)json["timeRange"]!["first"]);
        Assert.StartsWith("2025-01-06T", (string?)json["timeRange"]!["last"]);
        var bars = json["timeline"]!["counts"]!.AsArray();
        long At(string hour) => (long)bars.Single(b => ((string)b!["start"]!).Contains($"T{hour}:00", StringComparison.Ordinal))!["count"]!;
        Assert.True(At("12") > 1.5 * At("03"), $"12:00 {At("12")} vs 03:00 {At("03")}");
    }

    [Fact]
    public void Synthetic_records_are_typed_where_the_catalog_has_the_event_and_round_trip()
    {
        using var folder = new TempFolder();
        string file = folder.File("log.json.gz");
        Assert.Equal(0, App.Run("synth", "--records", "2000", "--seed", "9", "--out", file).ExitCode);
        var json = App.Run("coverage", file, "--json").Json;
        Assert.Equal(2000, (long)json["records"]!);
        Assert.Equal(2000, (long)json["roundTripEqual"]!);
        Assert.Equal(0, (long)json["malformed"]!);
        Assert.True((long)json["typedEvents"]! > 1000, json.ToJsonString());
        // synth writes only members the catalog declares, with values of their types (keys inside
        // members the catalog leaves free-form, such as DynamoDB items, are untyped by design).
        Assert.DoesNotContain(json["topUnmappedKeys"]!.AsArray(), k => (string?)k!["kind"] != "freeFormJson");
    }

    [Fact]
    public void Start_and_days_place_the_log_in_time()
    {
        using var folder = new TempFolder();
        string file = folder.File("week.ndjson");
        Assert.Equal(0, App.Run("synth", "--records", "700", "--start", "2024-12-02T00:00:00Z", "--days", "7", "--out", file).ExitCode);
        var json = App.Run(file, "--format", "json").Json;
        Assert.StartsWith("2024-12-02", (string?)json["timeRange"]!["first"]);
        Assert.StartsWith("2024-12-08", (string?)json["timeRange"]!["last"]);
    }

    [Fact]
    public void Synth_into_a_folder_that_does_not_exist_exits_1()
    {
        using var folder = new TempFolder();
        var run = App.Run("synth", "--records", "10", "--out", folder.File("no/such/folder/x.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("x.json", run.Stderr);
    }
}

/// <summary>The third-party corpus (../shared/corpus): every record read, and written back equal.</summary>
public class CorpusTests
{
    [CorpusFact]
    public void Coverage_reads_every_corpus_record_and_each_round_trips()
    {
        var files = Corpus.RecordFiles();
        var run = App.Run(["coverage", "--json", .. files]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json;
        // A few corpus lines are other tools' normalized rows, not CloudTrail records: skipped.
        long lines = (long)json["records"]!;
        Assert.Equal(Corpus.CountLines(files), lines + (long)json["skipped"]!);
        Assert.InRange((long)json["skipped"]!, 1, 20);
        Assert.Equal(0, (long)json["malformed"]!);
        Assert.True((long)json["roundTripEqual"]! == lines, json["roundTripMismatches"]!.ToJsonString());
        Assert.True((long)json["typedEvents"]! > 100, json.ToJsonString());
    }

    [CorpusFact]
    public void The_whole_corpus_folder_with_its_wrapped_envelopes_round_trips()
    {
        var run = App.Run("coverage", Corpus.Folder!, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json;
        Assert.True((long)json["records"]! > Corpus.CountLines(Corpus.RecordFiles()) - 20, "the envelopes add records");
        Assert.Equal(0, (long)json["malformed"]!);
        Assert.Equal((long)json["records"]!, (long)json["roundTripEqual"]!);
    }

    [CorpusFact]
    public void Summary_and_records_read_the_corpus()
    {
        var files = Corpus.RecordFiles();
        var summary = App.Run(["--format", "json", .. files]);
        Assert.Equal(0, summary.ExitCode);
        long read = (long)summary.Json["records"]!;
        Assert.Equal(Corpus.CountLines(files), read + (long)summary.Json["skipped"]!);
        var records = App.Run(["records", .. files]);
        Assert.Equal(0, records.ExitCode);
        Assert.Equal(read, records.Lines.Length);
    }
}
