using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using TrailScan.Aws;
using TrailScan.Reading;
using TrailScan.Reports;
using Xunit;

namespace TrailScan.Tests;

/// <summary>
/// Files read at the same time (--parallel): reports merged from per-file parts equal the serial
/// ones, and every command's output (and messages, and exit code) is byte for byte the output of
/// reading the files one after another.
/// </summary>
public sealed class ParallelTests
{
    /// <summary>
    /// A folder of many small logs: synthetic .json.gz and .ndjson files, an Insight that starts in
    /// one file and ends in another, a truncated gzip file and an empty file in the middle, and a
    /// file with a malformed record and a value that is not a record.
    /// </summary>
    internal static TempFolder ManyFiles()
    {
        var temp = new TempFolder();
        for (int i = 0; i < 10; i++)
        {
            string extension = i % 4 == 3 ? "ndjson" : "json.gz";
            var run = App.Run("synth", "--records", (150 + 37 * i).ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--start", $"2025-02-{i + 1:00}T00:00:00Z", "--out", temp.File($"f{i:00}.{extension}"));
            Assert.True(run.ExitCode == 0, run.ToString());
        }
        temp.Write("f02b.ndjson", Fixture.Ndjson(Fixture.CreateUser, Fixture.InsightStart, Fixture.AssumeRole));
        temp.Write("f04b.ndjson", Fixture.Ndjson(Fixture.InsightEnd, Fixture.GetObjectDenied) + "{not json\n{\"other\":1}\n" + Fixture.Ndjson(Fixture.CreateUser));
        byte[] whole = File.ReadAllBytes(temp.File("f05.json.gz"));
        File.WriteAllBytes(temp.File("f05b.json.gz"), whole[..(whole.Length / 2)]);
        temp.Write("f06b.json", "");
        return temp;
    }

    public static TheoryData<string[]> Commands() => new()
    {
        new[] { "summary" },
        new[] { "summary", "--format", "json" },
        new[] { "summary", "--service", "iam", "--format", "json" },
        new[] { "records" },
        new[] { "records", "--from-model" },
        new[] { "records", "--format", "csv", "--columns", "time,service,event,principal,notable" },
        new[] { "records", "--errors" },
        new[] { "principal", "arn:aws:sts::111122223333:assumed-role/DeployRole/alice" },
        new[] { "principal", "alice", "--format", "json" },
        new[] { "coverage" },
        new[] { "coverage", "--format", "json" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Files_read_at_the_same_time_give_the_serial_output(string[] command)
    {
        using var temp = ManyFiles();
        var serial = App.Run([.. command, temp.Path, "-j", "1"]);
        // The folder has a truncated file and a malformed record: reported, exit 1.
        Assert.True(serial.ExitCode == ExitCodes.BadInput, serial.ToString());
        Assert.Contains("f05b.json.gz", serial.Stderr, StringComparison.Ordinal);
        Assert.Contains("f04b.ndjson", serial.Stderr, StringComparison.Ordinal);
        Assert.True(serial.Stdout.Length > 200, serial.ToString());
        AssertParallelRunsMatch(command, temp.Path, serial);
    }

    /// <summary>Runs <paramref name="command"/> over <paramref name="path"/> with 2, 3 and 8 files at a time: stdout, stderr and exit code equal <paramref name="serial"/>'s (-j 1).</summary>
    internal static void AssertParallelRunsMatch(string[] command, string path, RunResult serial)
    {
        foreach (string workers in new[] { "2", "3", "8" })
        {
            var parallel = App.Run([.. command, path, "--parallel", workers]);
            Assert.Equal(serial.ExitCode, parallel.ExitCode);
            Assert.Equal(serial.Stderr, parallel.Stderr);
            Assert.Equal(serial.Stdout, parallel.Stdout);
        }
    }

    [Fact]
    public void Records_written_at_the_same_time_are_in_file_order()
    {
        using var temp = ManyFiles();
        var run = App.Run("records", temp.Path, "--format", "csv", "--columns", "time,id", "-j", "4");
        // Each synthetic file spans its own day (February 1 to 10), in file order; f02b and f04b hold 2024's fixture records.
        var days = run.Lines.Skip(1).Select(line => line[..10]).Where(day => day.StartsWith("2025-", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(d => $"2025-02-{d:00}").ToList(), days);
        var csv = App.Run("records", temp.Path, "--format", "csv", "--columns", "time,id", "-j", "1");
        Assert.Equal(csv.Stdout, run.Stdout);
    }

    [Fact]
    public void Parallel_must_be_a_number_of_files()
    {
        var run = App.Run("summary", "-j", "0");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--parallel takes a number of files, 1 or more: '0'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Dedupe_and_standard_input_are_read_in_order()
    {
        using var temp = ManyFiles();
        // The same file twice: with --dedupe the second copy's records are all duplicates.
        File.Copy(temp.File("f01.json.gz"), temp.File("f09b.json.gz"));
        var serial = App.Run("summary", temp.Path, "--dedupe", "--format", "json", "-j", "1");
        var parallel = App.Run("summary", temp.Path, "--dedupe", "--format", "json", "-j", "4");
        Assert.Equal(serial.Stdout, parallel.Stdout);
        // At least f01 again (187 records) and the fixture's CreateUser that f02b and f04b both hold
        // (synthetic logs of different seeds share some eventIDs too).
        Assert.True((long)serial.Json["duplicates"]! >= 188, serial.Stdout);
        Assert.Equal((long)App.Run("summary", temp.Path, "--format", "json", "-j", "1").Json["records"]! - (long)serial.Json["duplicates"]!, (long)serial.Json["records"]!);
    }

    [Fact]
    public void An_interrupt_stops_every_reader_and_reports_nothing()
    {
        using var temp = ManyFiles();
        foreach (string workers in new[] { "1", "4" })
        {
            // Interrupted before the first record: the same message either way.
            var before = Interrupted(temp.Path, workers, TimeSpan.Zero);
            Assert.Equal(ExitCodes.Interrupted, before.ExitCode);
            Assert.Equal("", before.Stdout);
            Assert.Equal("trailscan: interrupted: 0 records read (0 of them matching) from 0 of 14 inputs; not read to the end, so nothing is reported", before.Stderr.Trim());

            // Interrupted while reading: no report, and the message says how far it got.
            var during = Interrupted(temp.Path, workers, TimeSpan.FromMilliseconds(30));
            Assert.Equal(ExitCodes.Interrupted, during.ExitCode);
            Assert.Equal("", during.Stdout);
            Assert.Contains("trailscan: interrupted: ", during.Stderr, StringComparison.Ordinal);
        }
    }

    private static RunResult Interrupted(string folder, string workers, TimeSpan after)
    {
        using var interrupt = new CancellationTokenSource();
        if (after == TimeSpan.Zero) interrupt.Cancel();
        else interrupt.CancelAfter(after);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new AppConsole(stdout, stderr, () => Stream.Null, () => new MemoryStream(), interrupt: interrupt.Token);
        // Read until interrupted: the folder again and again.
        string[] paths = after == TimeSpan.Zero ? [folder] : Enumerable.Repeat(folder, 200).ToArray();
        int code = Cli.Run(["summary", .. paths, "-j", workers], console);
        if (after != TimeSpan.Zero && code != ExitCodes.Interrupted) throw new InvalidOperationException($"read 200 copies of the folder in {after}: not interrupted");
        return new RunResult(code, stdout.ToString(), stderr.ToString());
    }

    // ---- merging reports read from parts of the input ----

    /// <summary>Every record of the sample logs, the fixture's and a synthetic log's, in order.</summary>
    private static List<CloudTrailRecord> Records()
    {
        var all = new List<CloudTrailRecord>();
        var files = Directory.GetFiles(Inputs.SampleLogFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        using var temp = new TempFolder();
        Assert.Equal(0, App.Run("synth", "--records", "2000", "--days", "120", "--out", temp.File("synth.json.gz")).ExitCode);
        files.Add(temp.File("synth.json.gz"));
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            Stream stream = new MemoryStream(bytes);
            if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) stream = new GZipStream(stream, CompressionMode.Decompress);
            all.AddRange(CloudTrailLog.Read(stream).Where(RecordFacts.IsCloudTrail));
        }
        foreach (string record in Fixture.All) all.AddRange(CloudTrailLog.Read(new MemoryStream(Encoding.UTF8.GetBytes(record))));
        // Insights records pair across parts: a Start early, its End late, a lone End, a second Start.
        foreach (string record in new[] { Fixture.InsightStart, Fixture.InsightEnd, Fixture.InsightStart })
        {
            all.Insert(all.Count / 3, CloudTrailLog.Read(new MemoryStream(Encoding.UTF8.GetBytes(record))).Single());
        }
        return all;
    }

    /// <summary>Everything a summary reports, as text.</summary>
    private static string Describe(Summary summary)
    {
        var text = new StringBuilder();
        text.AppendLine($"{summary.Records} {summary.TypedEvents} {summary.InsightRecords} {summary.ErrorRecords} {summary.First:O} {summary.Last:O}");
        foreach (var counter in new[] { summary.Categories, summary.Services, summary.Events, summary.IdentityTypes, summary.Principals, summary.ErrorCodes, summary.SourceIps, summary.Regions, summary.Accounts, summary.UserAgents })
        {
            text.AppendLine(string.Join(";", counter.Top().Select(p => $"{p.Key}={p.Value}")));
        }
        var (width, bars) = summary.Timeline.GetBars();
        text.AppendLine(width + " " + string.Join(";", bars.Select(b => $"{b.Start:O}={b.Count}")));
        foreach (var pair in summary.Insights) text.AppendLine($"{pair.EventSource} {pair.EventName} {pair.InsightType} {pair.ErrorCode} {pair.Start:O} {pair.End:O} {pair.BaselineAverage} {pair.InsightAverage}");
        foreach (var change in summary.Notable) text.AppendLine(change.ToString());
        return text.ToString();
    }

    [Fact]
    public void Summaries_of_parts_merged_in_order_equal_the_summary_of_the_whole()
    {
        var records = Records();
        var whole = new Summary();
        foreach (var record in records) whole.Add(record);
        string expected = Describe(whole);
        Assert.True(whole.Insights.Count >= 2 && whole.Notable.Count > 5, expected);

        foreach (int parts in new[] { 1, 2, 3, 7, 40 })
        {
            var merged = new Summary();
            for (int part = 0; part < parts; part++)
            {
                var summary = new Summary();
                for (int i = records.Count * part / parts; i < records.Count * (part + 1) / parts; i++) summary.Add(records[i]);
                if (part % 2 == 1) _ = summary.Notable; // sorted already: merging must keep its ties in order
                merged.Merge(summary);
            }
            Assert.Equal(expected, Describe(merged));
        }
    }

    [Fact]
    public void Principal_stories_and_coverage_of_parts_merged_in_order_equal_the_whole()
    {
        var records = Records();
        string name = RecordFacts.Principal(records.First(r => r.UserIdentity?.Arn is { Length: > 0 }).UserIdentity);
        var file = new InputFile("log", null, 0);
        var whole = new PrincipalStory(name);
        var coverage = new Coverage();
        for (int i = 0; i < records.Count; i++)
        {
            whole.Add(records[i], RecordFacts.MatchesPrincipal(records[i].UserIdentity, name));
            coverage.Add(Scanned(records[i], file, i));
        }
        whole.Finish();
        Assert.True(whole.Records > 0);

        var merged = new PrincipalStory(name);
        var mergedCoverage = new Coverage();
        const int Parts = 5;
        for (int part = 0; part < Parts; part++)
        {
            var story = new PrincipalStory(name);
            var partCoverage = new Coverage();
            for (int i = records.Count * part / Parts; i < records.Count * (part + 1) / Parts; i++)
            {
                story.Add(records[i], RecordFacts.MatchesPrincipal(records[i].UserIdentity, name));
                partCoverage.Add(Scanned(records[i], file, i));
            }
            merged.Merge(story);
            mergedCoverage.Merge(partCoverage);
        }
        merged.Finish();
        Assert.Equal(Describe(whole), Describe(merged));
        Assert.Equal(
            $"{coverage.Records} {coverage.TypedEvents} {coverage.InsightRecords} {coverage.KeysTyped} {coverage.KeysUntyped} {coverage.RoundTripEqual} {Top(coverage.UnmappedEvents)} {Top(coverage.UnmappedKeys)} {string.Join(";", coverage.Mismatches)}",
            $"{mergedCoverage.Records} {mergedCoverage.TypedEvents} {mergedCoverage.InsightRecords} {mergedCoverage.KeysTyped} {mergedCoverage.KeysUntyped} {mergedCoverage.RoundTripEqual} {Top(mergedCoverage.UnmappedEvents)} {Top(mergedCoverage.UnmappedKeys)} {string.Join(";", mergedCoverage.Mismatches)}");

        static string Top(Counter counter) => string.Join(";", counter.Top().Select(p => $"{p.Key}={p.Value}"));
    }

    private static ScannedRecord Scanned(CloudTrailRecord record, InputFile file, long index)
    {
        var fields = new RecordFields();
        fields.Set(record);
        return new ScannedRecord(fields, file, index);
    }

    private static string Describe(PrincipalStory story)
    {
        var text = new StringBuilder($"{story.Records} {story.First:O} {story.Last:O}\n");
        foreach (var values in new[] { story.Identities, story.Sessions, story.RolesAssumed, story.SourceIps, story.Regions, story.Apis, story.Errors, story.UserAgents })
        {
            text.AppendLine(string.Join(";", values.ByFirstSeen().Select(v => $"{v.Key}@{v.First:O}={v.Count}")));
        }
        foreach (var into in story.AssumedInto()) text.AppendLine(into.ToString());
        foreach (var change in story.Notable) text.AppendLine(change.ToString());
        return text.ToString();
    }

    [Fact]
    public void Timelines_merged_coarsen_as_one_timeline_does()
    {
        // 30,000 minutes with records: more than the minute buckets kept, so the whole is counted by hour.
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(0, 30_000).Select(i => start.AddMinutes(i * 7 % 30_000)).ToList();
        var whole = new Timeline();
        foreach (var time in times) whole.Add(time);
        var merged = new Timeline();
        foreach (var part in times.Chunk(8_000))
        {
            var timeline = new Timeline();
            foreach (var time in part) timeline.Add(time);
            merged.Merge(timeline);
        }
        var (width, bars) = whole.GetBars();
        Assert.Equal(30_000, bars.Sum(b => b.Count));
        Assert.Equal((width, string.Join(";", bars)), (merged.GetBars().Width, string.Join(";", merged.GetBars().Bars)));
    }

    // ---- the ordered parallel reader ----

    [Fact]
    public void Items_are_handed_on_in_order_with_their_chunks_and_bounded_memory()
    {
        const int Items = 40;
        int waiting = 0, mostWaiting = 0;
        var handed = new List<string>();
        OrderedParallel<int, int>.Run(
            Items,
            workers: 4,
            (index, emit, stop) =>
            {
                // Later items are quicker: they finish before earlier ones, and must wait their turn.
                Thread.Sleep((Items - index) % 5);
                for (int chunk = 0; chunk < 50; chunk++)
                {
                    int now = Interlocked.Increment(ref waiting);
                    InterlockedMax(ref mostWaiting, now);
                    emit(index * 1000 + chunk);
                }
                return index;
            },
            (index, chunk) =>
            {
                Interlocked.Decrement(ref waiting);
                handed.Add($"{index}:{chunk}");
            },
            (index, result) => handed.Add($"{index}={result}"),
            () => false,
            chunkCapacity: 4);
        var expected = Enumerable.Range(0, Items).SelectMany(i => Enumerable.Range(0, 50).Select(c => $"{i}:{i * 1000 + c}").Append($"{i}={i}"));
        Assert.Equal(expected, handed);
        // At most 4 chunks wait per item, for at most 8 items (twice the workers) at once (+1 being handed on).
        Assert.InRange(mostWaiting, 1, 8 * 4 + 1);
    }

    [Fact]
    public void An_item_that_fails_is_thrown_in_its_turn_and_a_stop_ends_the_threads()
    {
        var handed = new ConcurrentQueue<int>();
        var error = Assert.Throws<InvalidDataException>(() => OrderedParallel<int, int>.Run(
            20,
            workers: 3,
            (index, emit, stop) => index == 7 ? throw new InvalidDataException("item 7") : index,
            (_, _) => { },
            (index, _) => handed.Enqueue(index),
            () => false));
        Assert.Equal("item 7", error.Message);
        Assert.Equal(Enumerable.Range(0, 7), handed);

        // Stopped while items still emit: Run returns, and no thread is left emitting.
        int emitted = 0;
        bool stop = false;
        OrderedParallel<int, int>.Run(
            10,
            workers: 2,
            (index, emit, token) =>
            {
                for (int i = 0; i < 1_000_000 && !token.IsCancellationRequested; i++)
                {
                    emit(i);
                    Interlocked.Increment(ref emitted);
                }
                return index;
            },
            (_, chunk) => stop = chunk >= 100,
            (_, _) => { },
            () => stop,
            chunkCapacity: 2);
        int after = Volatile.Read(ref emitted);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref emitted));
        Assert.True(after < 1000, $"{after} emitted");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
