using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using CloudTrailGen;
using My.Ct;
using Xunit;
using Xunit.Abstractions;

namespace CloudTrailGen.Consumer.Tests.Reliability;

/// <summary>Measurements of memory are only meaningful when no other test runs at the same time.</summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection
{
}

/// <summary>
/// Hostile files through CloudTrailLog with the default options: each ends in a clear
/// CloudTrailFormatException or a reported issue, within seconds, without large memory.
/// Inputs are generated as streams, never held whole in memory or written to disk.
/// </summary>
[Collection(nameof(AloneCollection))]
public class HostileInputTests
{
    private const long MemoryBudget = 200L * 1024 * 1024;
    private static readonly TimeSpan s_timeBudget = TimeSpan.FromSeconds(10);

    private readonly ITestOutputHelper _output;

    public HostileInputTests(ITestOutputHelper output) => _output = output;

    /// <summary>What one hostile read did: its outcome, time, allocations and working set growth.</summary>
    private sealed record Outcome(Exception? Error, int Records, List<CloudTrailReadIssue> Issues, TimeSpan Elapsed, long Allocated, long WorkingSetGrowth);

    private Outcome Measure(string name, Func<Stream> open)
    {
        var issues = new List<CloudTrailReadIssue>();
        var options = new CloudTrailReadOptions { OnIssue = issues.Add };
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long baseline = process.WorkingSet64;
        long peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            using var p = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                p.Refresh();
                peak = Math.Max(peak, p.WorkingSet64);
                Thread.Sleep(5);
            }
        })
        { IsBackground = true };
        sampler.Start();

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        Exception? error = null;
        int records = 0;
        try
        {
            using var stream = open();
            foreach (var record in CloudTrailLog.Read(stream, options)) records++;
        }
        catch (Exception e)
        {
            error = e;
        }
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        stop.Cancel();
        sampler.Join();

        var outcome = new Outcome(error, records, issues, clock.Elapsed, allocated, peak - baseline);
        _output.WriteLine($"{name}: {(error is null ? $"{issues.Count} issue(s)" : error.GetType().Name)} in {clock.Elapsed.TotalMilliseconds:F0} ms, " +
            $"{allocated / (1024.0 * 1024):F1} MiB allocated, working set +{outcome.WorkingSetGrowth / (1024.0 * 1024):F1} MiB; " +
            (error?.Message ?? issues.FirstOrDefault()?.Message));
        Assert.True(clock.Elapsed < s_timeBudget, $"{name} took {clock.Elapsed}");
        Assert.True(allocated < MemoryBudget, $"{name} allocated {allocated:N0} bytes");
        Assert.True(outcome.WorkingSetGrowth < MemoryBudget, $"{name} grew the working set by {outcome.WorkingSetGrowth:N0} bytes");
        Assert.False(error is not null and not CloudTrailFormatException, $"{name} ended in {error?.GetType().Name}: {error}");
        return outcome;
    }

    private static CloudTrailFormatException FormatError(Outcome outcome)
    {
        var error = Assert.IsType<CloudTrailFormatException>(outcome.Error);
        Assert.True(error.ByteOffset >= 0, error.Message);
        return error;
    }

    [Fact]
    public void A_gzip_bomb_ends_at_a_limit_quickly()
    {
        // 1 GiB of zeros: the same gzip member of 1 MiB of zeros, 1024 times (a gzip file may hold
        // many members, and GZipStream reads them all). About 1 MiB on the wire.
        byte[] member = Gzip(new byte[1024 * 1024]);
        var outcome = Measure("gzip bomb (1 GiB of zeros)", () => new RepeatStream(member, 1024));
        var error = FormatError(outcome);
        Assert.Contains("MaxRecordBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_bomb_of_a_log_file_ends_at_MaxDecompressedBytes()
    {
        // Valid JSON all the way: a log file whose records repeat without end, 1 GiB once inflated.
        string record = Json.Seed("sns-publish").ReplaceLineEndings("");
        byte[] head = Encoding.UTF8.GetBytes("{\"Records\":[" + record);
        byte[] body = Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("," + record, 1024 * 1024 / record.Length))));
        var issues = new List<CloudTrailReadIssue>();
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<CloudTrailFormatException>(() =>
        {
            using var stream = new ConcatStream(new MemoryStream(Gzip(head)), new RepeatStream(body, 1024));
            CloudTrailLog.Read(stream, new CloudTrailReadOptions { MaxDecompressedBytes = 100L * 1024 * 1024 }).Count();
        });
        _output.WriteLine($"log-file bomb: {error.Message} after {clock.ElapsedMilliseconds} ms");
        Assert.Contains("MaxDecompressedBytes", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < s_timeBudget);
    }

    [Fact]
    public void Nesting_100000_deep_is_refused()
    {
        var arrays = Measure("100,000 nested arrays", () => Utf8("[" + new string('[', 100_000) + new string(']', 100_000) + "]"));
        Assert.Contains("depth", FormatError(arrays).Message, StringComparison.OrdinalIgnoreCase);

        var objects = Measure("100,000 nested objects", () => Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000)));
        Assert.True(objects.Error is CloudTrailFormatException || objects.Issues.Any(i => i.Kind == CloudTrailReadIssueKind.Malformed));
        Assert.Equal(0, objects.Records);

        var inLog = Measure("100,000 nested objects in a log file", () => Utf8("{\"Records\":[" + string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000) + "]}"));
        Assert.Contains("depth", FormatError(inLog).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_truncated_json_gz_ends_in_a_clear_error()
    {
        string record = Json.Seed("sns-publish").ReplaceLineEndings("");
        byte[] gz = Gzip(Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", Enumerable.Repeat(record, 2000)) + "]}"));
        foreach (int cut in new[] { 1, 10, gz.Length / 3, gz.Length - 9, gz.Length - 1 })
        {
            var outcome = Measure($"gzip cut at {cut} of {gz.Length}", () => new MemoryStream(gz, 0, cut));
            if (cut == 1)
            {
                // One byte is too short to be seen as gzip: it is a malformed value.
                Assert.Equal(CloudTrailReadIssueKind.Malformed, Assert.Single(outcome.Issues).Kind);
                continue;
            }
            var error = FormatError(outcome);
            Assert.True(error.Message.Contains("gzip", StringComparison.Ordinal) || error.Message.Contains("truncated", StringComparison.Ordinal), error.Message);
        }
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_reported_with_its_position_and_reading_goes_on()
    {
        string record = Json.Seed("sns-publish").ReplaceLineEndings("");
        byte[] good = Encoding.UTF8.GetBytes(record);
        int at = record.IndexOf("Publish", StringComparison.Ordinal);
        byte[] bad = good.Take(at).Concat(new byte[] { 0xC0, 0xAF, 0xFF }).Concat(good.Skip(at)).ToArray();

        var ndjson = Measure("invalid UTF-8, NDJSON", () => new MemoryStream(good.Concat("\n"u8.ToArray()).Concat(bad).Concat("\n"u8.ToArray()).Concat(good).ToArray()));
        Assert.Null(ndjson.Error);
        Assert.Equal(2, ndjson.Records);
        var issue = Assert.Single(ndjson.Issues);
        Assert.Equal(CloudTrailReadIssueKind.Malformed, issue.Kind);
        Assert.Equal(good.Length + 1, issue.ByteOffset);
        Assert.Contains($"byte {good.Length + 1 + at}", issue.Message, StringComparison.Ordinal);

        var log = Measure("invalid UTF-8, log file", () => new MemoryStream("{\"Records\":["u8.ToArray().Concat(good).Concat(","u8.ToArray()).Concat(bad).Concat(","u8.ToArray()).Concat(good).Concat("]}"u8.ToArray()).ToArray()));
        Assert.Null(log.Error);
        Assert.Equal(2, log.Records);
        Assert.Equal(CloudTrailReadIssueKind.Malformed, Assert.Single(log.Issues).Kind);
    }

    [Fact]
    public void A_500_MB_string_ends_at_MaxRecordBytes()
    {
        const long size = 500L * 1024 * 1024;
        var outcome = Measure("500 MB string in a log file", () => new ConcatStream(Utf8("{\"Records\":[{\"eventName\":\""), new FillStream((byte)'x', size), Utf8("\"}]}")));
        Assert.Contains("MaxRecordBytes", FormatError(outcome).Message, StringComparison.Ordinal);

        // The same through a stream that hands out 16 KiB at a time, as a network stream does:
        // finding where a value ends must not start over on every read.
        var trickle = Measure("500 MB string, 16 KiB per read", () => new ChunkedStream(new ConcatStream(Utf8("{\"eventName\":\""), new FillStream((byte)'x', size), Utf8("\"}")), 16 * 1024));
        Assert.Contains("MaxRecordBytes", FormatError(trickle).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_that_is_not_an_array_is_a_clear_error()
    {
        foreach (string value in new[] { "{\"a\":1}", "\"x\"", "null", "42", "true" })
        {
            var outcome = Measure($"Records: {value}", () => Utf8("{\"Records\":" + value + "}"));
            Assert.Contains("must be an array", FormatError(outcome).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Random_bytes_end_in_an_error_or_issues_and_no_records()
    {
        foreach (int seed in new[] { 1, 2, 3 })
        {
            var random = new Random(seed);
            byte[] data = new byte[8 * 1024 * 1024];
            random.NextBytes(data);
            var outcome = Measure($"8 MiB of random bytes (seed {seed})", () => new MemoryStream(data));
            Assert.True(outcome.Error is CloudTrailFormatException || outcome.Issues.Count > 0);
            Assert.Equal(0, outcome.Records);

            data[0] = 0x1F;
            data[1] = 0x8B;
            var gzip = Measure($"random bytes after a gzip header (seed {seed})", () => new MemoryStream(data));
            Assert.Contains("gzip", FormatError(gzip).Message, StringComparison.Ordinal);
        }
    }

    private static Stream Utf8(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>A read-only stream that is never seekable (as a network or decompression stream).</summary>
    private abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public abstract override int Read(Span<byte> buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The same bytes, a number of times.</summary>
    private sealed class RepeatStream : ReadOnlyStream
    {
        private readonly byte[] _data;
        private int _left;
        private int _at;

        public RepeatStream(byte[] data, int times)
        {
            _data = data;
            _left = times;
        }

        public override int Read(Span<byte> buffer)
        {
            if (_left == 0) return 0;
            int n = Math.Min(buffer.Length, _data.Length - _at);
            _data.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            if (_at == _data.Length)
            {
                _at = 0;
                _left--;
            }
            return n;
        }
    }

    /// <summary>One byte value, a number of times.</summary>
    private sealed class FillStream : ReadOnlyStream
    {
        private readonly byte _value;
        private long _left;

        public FillStream(byte value, long count)
        {
            _value = value;
            _left = count;
        }

        public override int Read(Span<byte> buffer)
        {
            int n = (int)Math.Min(buffer.Length, _left);
            buffer[..n].Fill(_value);
            _left -= n;
            return n;
        }
    }

    /// <summary>Streams one after another.</summary>
    private sealed class ConcatStream : ReadOnlyStream
    {
        private readonly Queue<Stream> _streams;

        public ConcatStream(params Stream[] streams) => _streams = new Queue<Stream>(streams);

        public override int Read(Span<byte> buffer)
        {
            while (_streams.Count > 0)
            {
                int n = _streams.Peek().Read(buffer);
                if (n > 0) return n;
                _streams.Dequeue().Dispose();
            }
            return 0;
        }
    }

    /// <summary>At most a few bytes per read.</summary>
    private sealed class ChunkedStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly int _chunk;

        public ChunkedStream(Stream inner, int chunk)
        {
            _inner = inner;
            _chunk = chunk;
        }

        public override int Read(Span<byte> buffer) => _inner.Read(buffer[..Math.Min(buffer.Length, _chunk)]);
    }
}
