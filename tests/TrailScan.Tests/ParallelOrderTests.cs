using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace TrailScan.Tests;

/// <summary>
/// Files read at the same time where the order of the records decides the output: --dedupe
/// (the first of each eventID in input order kept), records --limit (the first N, and reading
/// stops there), records --sort and --format table. Every run's output, messages and exit code
/// are byte for byte those of reading the files one after another (-j 1).
/// </summary>
public sealed class ParallelOrderTests(ParallelOrderTests.Folder folder) : IClassFixture<ParallelOrderTests.Folder>
{
    /// <summary>The folder every test here reads (none writes to it): made once for the class.</summary>
    public sealed class Folder : IDisposable
    {
        public TempFolder Temp { get; } = WithDuplicates();

        public void Dispose() => Temp.Dispose();
    }

    /// <summary>
    /// <see cref="ParallelTests.ManyFiles"/> (a truncated gzip file, an empty file, a malformed
    /// record, the fixture's CreateUser in two files) with duplicates across files: a whole file
    /// delivered twice, a file holding the first records of an earlier one and a record of its
    /// own, and a file with a record twice in it.
    /// </summary>
    private static TempFolder WithDuplicates()
    {
        var temp = ParallelTests.ManyFiles();
        File.Copy(temp.File("f01.json.gz"), temp.File("f09b.json.gz"));
        var firstOfF03 = File.ReadLines(temp.File("f03.ndjson")).Take(40);
        temp.Write("f07b.ndjson", string.Join("\n", firstOfF03) + "\n" + Fixture.Ndjson(Fixture.DescribeInstancesDenied));
        temp.Write("f08b.ndjson", Fixture.Ndjson(Fixture.AssumeRole, Fixture.AssumeRole));
        return temp;
    }

    public static TheoryData<string[]> Commands() => new()
    {
        new[] { "summary", "--dedupe" },
        new[] { "summary", "--dedupe", "--format", "json" },
        new[] { "summary", "--dedupe", "--service", "iam", "--format", "json" },
        new[] { "principal", "alice", "--dedupe", "--format", "json" },
        new[] { "coverage", "--dedupe", "--format", "json" },
        new[] { "records", "--dedupe" },
        new[] { "records", "--dedupe", "--format", "csv", "--columns", "time,id,event" },
        new[] { "records", "--dedupe", "--errors", "--from-model" },
        new[] { "records", "--limit", "1" },
        new[] { "records", "--limit", "400" },
        new[] { "records", "--limit", "1125" },
        new[] { "records", "--limit", "1126", "--format", "csv" },
        new[] { "records", "--limit", "1700" },
        new[] { "records", "--limit", "100000" },
        new[] { "records", "--limit", "900", "--dedupe" },
        new[] { "records", "--limit", "2300", "--dedupe", "--format", "csv", "--columns", "time,id" },
        new[] { "records", "--limit", "25", "--errors", "--from-model" },
        new[] { "records", "--sort", "time" },
        new[] { "records", "--sort", "time", "--limit", "30", "--format", "csv" },
        new[] { "records", "--sort", "time", "--dedupe", "--from-model" },
        new[] { "records", "--format", "table", "--limit", "40" },
        new[] { "records", "--format", "table", "--service", "iam" },
        new[] { "records", "--format", "table", "--dedupe", "--limit", "1200", "--columns", "time,event,id" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Files_read_at_the_same_time_give_the_serial_output(string[] command)
    {
        var temp = folder.Temp;
        var serial = App.Run([.. command, temp.Path, "-j", "1"]);
        Assert.True(serial.ExitCode is ExitCodes.Success or ExitCodes.BadInput, serial.ToString());
        Assert.True(serial.Stdout.Length > 200, serial.ToString());
        if (command.Contains("--limit") && command[1] is "--limit" && !command.Contains("--format"))
        {
            // NDJSON: the first N records, or all there are.
            int limit = int.Parse(command[2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(serial.Lines.Length == limit || limit == 100000, serial.ToString());
        }
        ParallelTests.AssertParallelRunsMatch(command, temp.Path, serial);
    }

    [Fact]
    public void Duplicates_across_files_are_left_out_in_input_order()
    {
        var temp = folder.Temp;
        var all = App.Run("records", temp.Path, "--format", "csv", "--columns", "id", "-j", "1");
        var deduped = App.Run("records", temp.Path, "--format", "csv", "--columns", "id", "--dedupe", "-j", "3");
        // The first of each eventID, in input order: what a serial pass over the lines keeps.
        var expected = all.Lines.Skip(1).Select(line => line.TrimEnd('\r')).Distinct().ToList();
        Assert.True(expected.Count < all.Lines.Length - 1 - 200, $"{expected.Count} of {all.Lines.Length - 1}");
        Assert.Equal(expected, deduped.Lines.Skip(1).Select(line => line.TrimEnd('\r')).ToList());
        // f01 again (187 records), f03's first 40 again, AssumeRole twice in f08b, CreateUser in f02b and f04b.
        var summary = App.Run("summary", temp.Path, "--dedupe", "--format", "json", "-j", "3");
        Assert.True((long)summary.Json["duplicates"]! >= 187 + 40 + 1 + 1, summary.Stdout);
        Assert.Equal(expected.Count, (long)summary.Json["records"]!);
    }

    [Fact]
    public void A_limit_stops_the_readers_where_it_is_reached()
    {
        var temp = folder.Temp;
        // Stopped before the malformed record in f04b (the 1,126th record is after it): nothing to report, exit 0.
        var before = App.Run("records", temp.Path, "--limit", "1125", "-j", "3");
        Assert.Equal(ExitCodes.Success, before.ExitCode);
        Assert.Equal("", before.Stderr);
        var after = App.Run("records", temp.Path, "--limit", "1126", "-j", "3");
        Assert.Equal(ExitCodes.BadInput, after.ExitCode);
        Assert.Contains("f04b.ndjson", after.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("f05b.json.gz", after.Stderr, StringComparison.Ordinal);

        // The folder 100 times over: the first 5 records come at once, and the rest is not read.
        string[] paths = Enumerable.Repeat(temp.Path, 100).ToArray();
        var clock = Stopwatch.StartNew();
        var whole = App.Run(["summary", .. paths, "--format", "json", "-j", "3"]);
        var wholeTime = clock.Elapsed;
        Assert.True((long)whole.Json["records"]! > 100_000, whole.Stdout);
        clock.Restart();
        var limited = App.Run(["records", .. paths, "--limit", "5", "-j", "3"]);
        var limitedTime = clock.Elapsed;
        Assert.Equal(ExitCodes.Success, limited.ExitCode);
        Assert.Equal(5, limited.Lines.Length);
        Assert.True(limitedTime < wholeTime / 5, $"--limit 5 took {limitedTime.TotalMilliseconds:F0} ms, reading everything {wholeTime.TotalMilliseconds:F0} ms");
    }

    // export reads one file at a time (its Parquet writing is one thread's either way): -j must change nothing in its files.
    public static TheoryData<string[]> Exports() => new()
    {
        new[] { "--table", "iam", "--table", "sts:AssumeRole" },
        new[] { "--dedupe", "--table", "iam" },
        new[] { "--service", "s3", "--table", "s3" },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public void Files_exported_at_the_same_time_give_the_serial_files(string[] options)
    {
        var temp = folder.Temp;
        var serial = Export(temp, "j1", options, "1");
        Assert.Equal(ExitCodes.BadInput, serial.Run.ExitCode); // the truncated file and the malformed record
        Assert.Contains("f05b.json.gz", serial.Run.Stderr, StringComparison.Ordinal);
        Assert.True(serial.Files.Count > 10, string.Join("\n", serial.Files.Keys));
        foreach (string workers in new[] { "2", "3", "8" })
        {
            var parallel = Export(temp, "j" + workers, options, workers);
            Assert.Equal(serial.Run, parallel.Run);
            Assert.Equal(serial.Files.Keys, parallel.Files.Keys);
            foreach (var (name, bytes) in serial.Files) Assert.True(bytes.AsSpan().SequenceEqual(parallel.Files[name]), $"{name} differs with -j {workers}");
        }
    }

    /// <summary>Exports the folder into a folder of its own; without the closing report on standard error (it says how fast).</summary>
    private static (RunResult Run, SortedDictionary<string, byte[]> Files) Export(TempFolder temp, string name, string[] options, string workers)
    {
        string output = Path.Combine(Path.GetTempPath(), $"trailscan-export-{Guid.NewGuid():N}", name);
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var console = new AppConsole(stdout, stderr, () => Stream.Null, () => new MemoryStream()) { Quiet = true };
            int code = Cli.Run(["export", temp.Path, "--out", output, .. options, "-j", workers], console);
            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (string file in Directory.GetFiles(output, "*", SearchOption.AllDirectories)) files[Path.GetRelativePath(output, file)] = File.ReadAllBytes(file);
            return (new RunResult(code, stdout.ToString(), stderr.ToString()), files);
        }
        finally
        {
            if (Directory.Exists(Path.GetDirectoryName(output))) Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        }
    }
}
