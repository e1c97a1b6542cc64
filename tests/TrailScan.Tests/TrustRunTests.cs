using System;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace TrailScan.Tests;

/// <summary>How trailscan behaves around its run: help, the width it fits, a reader that goes away, Ctrl-C, the messages about input passed over.</summary>
public class TrustRunTests
{
    /// <summary>A stream over bytes that counts how far it was read, and calls back on each read.</summary>
    private sealed class WatchedStream(byte[] bytes, Action<int>? onRead = null) : MemoryStream(bytes)
    {
        private int _reads;

        /// <summary>How many bytes were read (still known once the reader has closed it).</summary>
        public long BytesRead { get; private set; }

        // MemoryStream.Read(Span<byte>) of a derived type calls this one.
        public override int Read(byte[] buffer, int offset, int count)
        {
            onRead?.Invoke(++_reads);
            int read = base.Read(buffer, offset, Math.Min(count, 8192));
            BytesRead += read;
            return read;
        }
    }

    /// <summary>Standard output whose reader goes away after <paramref name="limit"/> bytes: then writing fails as a closed pipe does (EPIPE).</summary>
    private sealed class ClosingStream(int limit) : MemoryStream
    {
        // MemoryStream.Write(ReadOnlySpan<byte>) of a derived type calls this one.
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > limit) throw new IOException("Broken pipe", 32);
            base.Write(buffer, offset, count);
        }
    }

    private static byte[] ManyRecords(int copies) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Fixture.Ndjson(), copies)));

    [Fact]
    public void Records_stops_reading_when_the_reader_of_its_output_goes_away()
    {
        byte[] input = ManyRecords(1000); // 9,000 records
        var stdin = new WatchedStream(input);
        var stderr = new StringWriter();
        var console = new AppConsole(new StringWriter(), stderr, () => stdin, () => new ClosingStream(1000));
        int code = Cli.Run(["records", "-"], console);
        Assert.True(code == 0, stderr.ToString());
        Assert.Equal("", stderr.ToString());
        Assert.True(stdin.BytesRead < input.Length / 4, $"read {stdin.BytesRead:N0} of {input.Length:N0} bytes");
    }

    [Fact]
    public void Records_leaves_standard_output_open_for_the_text_writer_over_it()
    {
        // As the process's console is: one stream under both the text writer and the bytes of records.
        using var folder = new TempFolder();
        var stdout = new MemoryStream();
        var text = new StreamWriter(stdout);
        var stderr = new StringWriter();
        var console = new AppConsole(text, stderr, () => new MemoryStream(), () => stdout);
        int code = Cli.Run(["records", folder.Write("log.ndjson", Fixture.Ndjson())], console);
        Assert.True(code == 0, stderr.ToString());
        Assert.True(stdout.CanWrite, "records closed standard output");
        Assert.Equal(Fixture.Records, System.Text.Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_summary_whose_reader_went_away_exits_quietly()
    {
        using var folder = new TempFolder();
        var stdout = new StreamWriter(new ClosingStream(10)) { AutoFlush = false };
        var stderr = new StringWriter();
        var console = new AppConsole(stdout, stderr, () => new MemoryStream(), () => new ClosingStream(10));
        int code = Cli.Run([folder.Write("log.ndjson", Fixture.Ndjson())], console);
        Assert.True(code == 0, stderr.ToString());
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void A_closed_pipe_is_told_apart_from_other_output_errors()
    {
        // What standard output is opened as on Unix: writing to a pipe nobody reads fails with EPIPE.
        if (OperatingSystem.IsWindows()) return;
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        pipe.DisposeLocalCopyOfClientHandle();
        using var output = new FileStream(new SafeFileHandle(pipe.SafePipeHandle.DangerousGetHandle(), ownsHandle: false), FileAccess.Write, bufferSize: 0);
        var error = Assert.ThrowsAny<IOException>(() => output.Write(new byte[16]));
        Assert.True(AppConsole.IsClosedOutput(error), $"{error.HResult}: {error.Message}");
        Assert.False(AppConsole.IsClosedOutput(new IOException("No space left on device", 28)));
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("records")]
    [InlineData("coverage")]
    public void Ctrl_c_stops_reading_says_how_far_it_got_and_gives_the_cursor_back(string command)
    {
        byte[] input = ManyRecords(1000);
        using var interrupt = new CancellationTokenSource();
        var stdin = new WatchedStream(input, reads => { if (reads == 3) interrupt.Cancel(); });
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var raw = new MemoryStream();
        var console = new AppConsole(stdout, stderr, () => stdin, () => raw, stderrIsTerminal: true, interrupt: interrupt.Token);
        int code = Cli.Run([command, "-"], console);
        Assert.True(code == 130, stderr.ToString());
        Assert.Contains("trailscan: interrupted: ", stderr.ToString());
        Assert.Contains("records read", stderr.ToString());
        Assert.Contains("\u001b[?25h", stderr.ToString()); // the cursor shown again
        Assert.True(stdin.BytesRead < input.Length / 2, $"read {stdin.BytesRead:N0} of {input.Length:N0} bytes");
        if (command != "records") Assert.Equal("", stdout.ToString()); // no report of part of the input
    }

    [Fact]
    public void Help_on_a_command_lists_its_own_arguments_once()
    {
        string records = App.Run("records", "--help").Stdout;
        Assert.Equal(1, records.Split('\n').Count(line => line.TrimStart().StartsWith("<PATH>", StringComparison.Ordinal)));
        Assert.DoesNotContain("[<PATH>...] records", records);
        Assert.DoesNotContain("PATH", App.Run("synth", "--help").Stdout);
        Assert.Equal(1, App.Run("summary", "--help").Stdout.Split('\n').Count(line => line.TrimStart().StartsWith("<PATH>", StringComparison.Ordinal)));
        Assert.Contains("PATH", App.Run("--help").Stdout); // the root says what it reads
    }

    private static string InsightPair(int i)
    {
        string shared = $"9{i:0000000}-1111-4111-8111-111111111111";
        string start = Fixture.InsightStart.Replace("91111111-1111-4111-8111-111111111111", shared, StringComparison.Ordinal)
            .Replace("2024-03-04T10:05:00Z", $"2024-03-04T{10 + i / 60:00}:{i % 60:00}:00Z", StringComparison.Ordinal);
        string end = Fixture.InsightEnd.Replace("91111111-1111-4111-8111-111111111111", shared, StringComparison.Ordinal)
            .Replace("2024-03-04T10:15:00Z", $"2024-03-04T{10 + i / 60:00}:{i % 60:00}:30Z", StringComparison.Ordinal);
        return start + "\n" + end;
    }

    [Fact]
    public void Tables_fit_the_width_given_and_the_insights_table_takes_top()
    {
        using var folder = new TempFolder();
        string file = folder.Write("insights.ndjson", Fixture.Ndjson([.. Fixture.All, .. Enumerable.Range(1, 30).Select(InsightPair)]));
        var stdout = new StringWriter();
        var console = new AppConsole(stdout, new StringWriter(), () => new MemoryStream(), () => new MemoryStream(), width: 80);
        Assert.Equal(0, Cli.Run([file, "--top", "5"], console));
        string text = stdout.ToString();
        var lines = text.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= 80, $"{line.Length} columns: {line}"));
        string insights = text[text.IndexOf("Insights", StringComparison.Ordinal)..];
        insights = insights[..insights.IndexOf("Notable changes", StringComparison.Ordinal)];
        Assert.Equal(5, insights.Split('\n').Count(line => line.Contains("ec2:RunInstances", StringComparison.Ordinal)));
        Assert.Contains("... 26 more", insights); // 31 pairs: the fixture's and 30 more
        Assert.Contains("baseline", insights);
        Assert.Contains("insight ", insights);
        Assert.DoesNotContain("…", insights); // no header cut
        Assert.Contains("0.0125", insights); // numbers whole, not wrapped
        Assert.Contains("12.5", insights);
    }

    [Theory]
    [InlineData("120", false, 120)]
    [InlineData("80", true, 80)]
    [InlineData(null, false, 100)]
    [InlineData(null, true, null)]
    [InlineData("wide", false, 100)]
    [InlineData("5", false, 100)]
    public void Columns_sets_the_width_when_set_else_the_terminal_or_100(string? columns, bool terminal, int? expected)
    {
        Assert.Equal(expected, AppConsole.WidthFor(columns, terminal));
    }

    private const string Digest = """{"awsAccountId":"111122223333","digestStartTime":"2024-03-04T09:00:00Z","digestEndTime":"2024-03-04T10:00:00Z","digestS3Bucket":"example-trail","digestS3Object":"AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2024/03/04/d.json.gz","newestEventTime":"2024-03-04T09:59:00Z","oldestEventTime":"2024-03-04T09:00:00Z","previousDigestS3Bucket":null,"previousDigestHashValue":null,"logFiles":[]}""";

    [Fact]
    public void Malformed_records_are_summarised_by_file_with_the_line_and_byte_of_the_first()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder();
        for (int i = 0; i < 600; i++) text.Append(Fixture.Decrypt).Append('\n').Append("{\"eventVersion\":\"1.09\", oops}\n");
        string file = folder.Write("broken.ndjson", text.ToString());
        var run = App.Run(file, "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(600, (long)run.Json["malformed"]!);
        var messages = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(messages.Length <= 3, run.Stderr);
        Assert.Matches($@"broken\.ndjson: .*line 2\b.*byte {Encoding.UTF8.GetByteCount(Fixture.Decrypt) + 1}\b", run.Stderr);
        Assert.DoesNotContain("LineNumber", run.Stderr);
        Assert.Contains("600 malformed records passed over in all", run.Stderr);
        Assert.Contains("--verbose", run.Stderr);

        var verbose = App.Run(file, "--format", "json", "--verbose");
        Assert.Equal(600, verbose.Stderr.Split('\n').Count(line => line.Contains("Malformed JSON", StringComparison.Ordinal)));
        Assert.Matches(@"broken\.ndjson: .*line 1,?200\b", verbose.Stderr);
    }

    [Fact]
    public void Digest_files_are_counted_in_one_message()
    {
        using var folder = new TempFolder();
        var digests = Enumerable.Range(0, 31).Select(i => folder.WriteGzip($"AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2024/03/04/111122223333_CloudTrail-Digest_eu-west-1_example-trail_us-east-1_20240304T{i % 24:00}{i / 24:00}00Z.json.gz", Digest)).ToArray();
        string log = folder.WriteGzip("AWSLogs/111122223333/CloudTrail/eu-west-1/2024/03/04/log.json.gz", Fixture.LogFile());

        // A folder's digest files are left out, without a word.
        var fromFolder = App.Run(folder.File("AWSLogs"), "--format", "json");
        Assert.True(fromFolder.ExitCode == 0, fromFolder.ToString());
        Assert.Equal(Fixture.Records, (long)fromFolder.Json["records"]!);
        Assert.Equal("", fromFolder.Stderr);

        // Named one by one (a shell's AWSLogs/**/*.json.gz), they are counted in one line.
        var named = App.Run([.. digests, log, "--format", "json"]);
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Equal(Fixture.Records, (long)named.Json["records"]!);
        var message = Assert.Single(named.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("skipped 31 CloudTrail digest files", message);

        var verbose = App.Run([.. digests, log, "--format", "json", "--verbose"]);
        Assert.Equal(31, verbose.Stderr.Split('\n').Count(line => line.Contains("digest file", StringComparison.Ordinal)));
    }
}
