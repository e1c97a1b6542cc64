using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using CloudTrailGen;
using CloudTrailGen.Reliability;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests.Reliability;

/// <summary>
/// One regression test per bug the property tests, hostile inputs and fuzzing found
/// (docs/reliability.md lists them with the commits that fixed them).
/// </summary>
public class FindingsTests
{
    private static readonly string s_record = JsonMutator.Write(JsonMutator.Parse(Json.Seed("sns-publish")));

    private static List<CloudTrailRecord> ReadLog(Stream stream, List<CloudTrailReadIssue> issues) =>
        CloudTrailLog.Read(stream, new CloudTrailReadOptions { OnIssue = issues.Add }).ToList();

    // ------------------------------------------------------------ lone surrogate escapes

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"sns.amazo\\udc00naws.com\"")]
    [InlineData("\"\\udc00\\ud800\"")]
    public void A_lone_surrogate_escape_in_a_value_is_kept_raw(string value)
    {
        // Valid JSON that System.Text.Json cannot decode into a string (it threw
        // InvalidOperationException, which CloudTrailLog let escape).
        string json = $"{{\"eventSource\":{value},\"awsRegion\":{value},\"userIdentity\":{{\"type\":{value},\"arn\":{value}}},\"eventTime\":{value},\"readOnly\":{value},\"tlsDetails\":{{\"clientProvidedHostHeader\":{value}}}}}";
        var record = Json.Read(json);
        Assert.Null(record.EventSource);
        Assert.True(record.TryGetRawValue("eventSource", out var raw));
        Assert.Equal(value, raw.ToString());
        Assert.True(JsonMutator.JsonEquals(json, Json.Write(record)), Json.Write(record));

        var issues = new List<CloudTrailReadIssue>();
        var read = ReadLog(new MemoryStream(Encoding.UTF8.GetBytes(json)), issues);
        Assert.Empty(issues);
        Assert.True(JsonMutator.JsonEquals(json, Json.Write(Assert.Single(read))));
    }

    [Fact]
    public void A_lone_surrogate_escape_in_a_key_is_kept_and_written_back_as_read()
    {
        // Utf8JsonWriter writes such a key as U+FFFD: the object is written with the key as read.
        string json = "{\"eventName\":\"Publish\",\"eventSource\":\"sns.amazonaws.com\",\"a\\ud800b\":1,\"x\":2,\"requestParameters\":{\"\\udfff\":{\"k\":\"v\"},\"topicArn\":\"t\"}}";
        var record = Assert.IsType<My.Ct.Sns.PublishEvent>(Json.Read(json));
        Assert.Equal("a\ud800b", record.GetUnknownMembers()[0].Key);
        Assert.Equal("t", record.Request!.TopicArn);
        string written = Json.Write(record);
        Assert.Contains("\"a\\ud800b\":1", written, StringComparison.Ordinal);
        Assert.Contains("\"\\udfff\":{\"k\":\"v\"}", written, StringComparison.Ordinal);
        Assert.True(JsonMutator.JsonEquals(json, written), written);
    }

    [Fact]
    public void A_lone_surrogate_in_a_map_key_or_enum_keeps_the_value_raw()
    {
        string json = "{\"eventSource\":\"sns.amazonaws.com\",\"eventName\":\"Publish\",\"requestParameters\":{\"messageAttributes\":{\"\\ud800\":{\"dataType\":\"String\"}}},\"userIdentity\":{\"type\":\"IAM\\ud800User\"}}";
        var record = Assert.IsType<My.Ct.Sns.PublishEvent>(Json.Read(json));
        Assert.Empty(record.Request!.MessageAttributes!); // what fit (nothing), as for a list
        Assert.True(record.Request.TryGetRawValue("messageAttributes", out _));
        Assert.Null(record.UserIdentity!.Type);
        Assert.True(JsonMutator.JsonEquals(json, Json.Write(record)));
    }

    [Fact]
    public void A_JSON_string_holding_a_record_with_a_lone_surrogate_is_reported_not_thrown()
    {
        var issues = new List<CloudTrailReadIssue>();
        var records = ReadLog(new MemoryStream(Encoding.UTF8.GetBytes("\"{\\\"eventName\\\":\\\"\\ud800\\\"}\"\n\"\\ud800\"\n" + s_record)), issues);
        Assert.Single(records);
        Assert.Equal(2, issues.Count);
    }

    [Fact]
    public void Wrapper_keys_and_values_with_lone_surrogates_do_not_escape_as_exceptions()
    {
        var issues = new List<CloudTrailReadIssue>();
        string eventBridge = $"{{\"\\ud800\":1,\"detail-type\":\"\\ud800\",\"id\":\"\\udc00\",\"detail\":{s_record}}}";
        string logs = $"{{\"messageType\":\"DATA_MESSAGE\",\"\\ud800\":1,\"logEvents\":[{{\"\\ud800\":1,\"id\":\"\\ud800\",\"message\":{JsonSerializer.Serialize(s_record)}}}]}}";
        string lookup = $"{{\"Events\":[{{\"\\ud800\":1,\"CloudTrailEvent\":{JsonSerializer.Serialize(s_record)}}}]}}";
        string logFile = $"{{\"Re\\ud800cords\":1,\"Records\":[{s_record}]}}";
        var records = ReadLog(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", eventBridge, logs, lookup, logFile))), issues);
        Assert.Equal(4, records.Count);
        Assert.Empty(issues);
    }

    // ------------------------------------------------------------ invalid UTF-8

    [Theory]
    [InlineData("{\"eventName\":\"Pub", "lish\"}")]                                         // a typed string (read through the string cache)
    [InlineData("{\"eventName\":\"Pub\\u0020", "lish\"}")]                                 // an escaped typed string
    [InlineData("{\"requestParameters\":{\"topicArn\":\"t", "\"}}")]                      // raw JSON, sliced
    [InlineData("{\"p_unknown\":\"", "\"}")]                                                // an unknown key's raw value
    [InlineData("{\"eventTime\":\"2023", "\"}")]                                            // a value that does not fit
    [InlineData("{\"userIdentity\":{\"type\":\"IAM", "User\"}}")]                         // an open enum
    public void Invalid_utf8_is_a_JsonException_for_the_serializer_not_a_silent_U_FFFD(string before, string after)
    {
        byte[] bad = Encoding.UTF8.GetBytes(before).Concat(new byte[] { 0xC0, 0xAF, 0xFF }).Concat(Encoding.UTF8.GetBytes(after)).ToArray();
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(bad, CloudTrailJsonContext.Default.CloudTrailRecord));
        Assert.NotNull(JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(before + after), CloudTrailJsonContext.Default.CloudTrailRecord));
    }

    [Fact]
    public void Invalid_utf8_in_a_key_is_a_JsonException()
    {
        byte[] bad = "{\"a"u8.ToArray().Concat(new byte[] { 0xFF }).Concat("\":1}"u8.ToArray()).ToArray();
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(bad, CloudTrailJsonContext.Default.CloudTrailRecord));
    }

    // ------------------------------------------------------------ the log reader

    [Fact]
    public void A_good_line_after_a_malformed_one_is_read_when_a_read_ends_right_after_the_line_break()
    {
        // SkipLine looked for the line break that Next() had already skipped as whitespace, and
        // dropped the good line after it.
        byte[] first = Encoding.UTF8.GetBytes(s_record + "}\n");
        byte[] second = Encoding.UTF8.GetBytes(s_record + "\n");
        var issues = new List<CloudTrailReadIssue>();
        var records = ReadLog(new SplitStream(first, second), issues);
        Assert.Equal(2, records.Count);
        Assert.Equal(CloudTrailReadIssueKind.Malformed, Assert.Single(issues).Kind);
    }

    [Fact]
    public void A_value_that_arrives_in_small_reads_is_framed_once_not_once_per_read()
    {
        // 8 MiB in 4 KiB reads: 2,048 reads. Framing started over on each read (quadratic: about
        // 8 GiB scanned); it now resumes where it stopped.
        byte[] record = Encoding.UTF8.GetBytes("{\"eventName\":\"" + new string('x', 8 * 1024 * 1024) + "\"}");
        var clock = Stopwatch.StartNew();
        var issues = new List<CloudTrailReadIssue>();
        var records = ReadLog(new ChunkStream(record, 4096), issues);
        Assert.Single(records);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public void The_buffer_at_its_largest_is_not_allocated_again_on_every_read()
    {
        // With the buffer at its cap, every read allocated and copied a new buffer of the same
        // size (65 GiB allocated for one 500 MB string read 16 KiB at a time).
        var options = new CloudTrailReadOptions { MaxRecordBytes = 4 * 1024 * 1024 };
        byte[] json = Encoding.UTF8.GetBytes("{\"eventName\":\"" + new string('x', 6 * 1024 * 1024) + "\"}");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<CloudTrailFormatException>(() => CloudTrailLog.Read(new ChunkStream(json, 4096), options).ToList());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("MaxRecordBytes", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 12L * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Skipping_a_malformed_line_stops_after_MaxRecordBytes_without_a_line_break()
    {
        // A gzip bomb of zeros was read to its end (1 GiB) looking for the next line.
        var options = new CloudTrailReadOptions { MaxRecordBytes = 1024 * 1024 };
        var error = Assert.Throws<CloudTrailFormatException>(() => CloudTrailLog.Read(new MemoryStream(new byte[8 * 1024 * 1024]), options).ToList());
        Assert.Contains("no new line starts a value within MaxRecordBytes", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.ByteOffset, 1024 * 1024, 2 * 1024 * 1024);
    }

    [Fact]
    public void A_record_the_converter_cannot_read_is_reported_and_the_log_file_goes_on()
    {
        byte[] good = Encoding.UTF8.GetBytes(s_record);
        byte[] bad = good.Take(20).Concat(new byte[] { 0xFF }).Concat(good.Skip(20)).ToArray();
        byte[] log = "{\"Records\":["u8.ToArray().Concat(bad).Concat(","u8.ToArray()).Concat(good).Concat("]}"u8.ToArray()).ToArray();
        var issues = new List<CloudTrailReadIssue>();
        Assert.Single(ReadLog(new MemoryStream(log), issues));
        Assert.Equal(12, Assert.Single(issues).ByteOffset);
    }

    [Fact]
    public void A_log_file_with_a_huge_key_after_Records_is_read()
    {
        string log = "{\"Records\":[" + s_record + "],\"" + new string('k', 3 * 1024 * 1024) + "\":[1,{\"a\":\"" + new string('v', 1024 * 1024) + "\"}]}";
        var issues = new List<CloudTrailReadIssue>();
        Assert.Single(ReadLog(new ChunkStream(Encoding.UTF8.GetBytes(log), 8192), issues));
        Assert.Empty(issues);
        Assert.Throws<CloudTrailFormatException>(() => CloudTrailLog.Read(new MemoryStream(Encoding.UTF8.GetBytes("{\"Records\":[" + s_record + "],\"x\"")), null).ToList());
        Assert.Throws<CloudTrailFormatException>(() => CloudTrailLog.Read(new MemoryStream(Encoding.UTF8.GetBytes("{\"Records\":[" + s_record + "],\"x\":1")), null).ToList());
        Assert.Throws<CloudTrailFormatException>(() => CloudTrailLog.Read(new MemoryStream(Encoding.UTF8.GetBytes("{\"Records\":[" + s_record + "],1:1}")), null).ToList());
    }

    // ------------------------------------------------------------ gzip

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    [InlineData(-8)]
    [InlineData(-1)]
    public void A_truncated_ndjson_gz_is_an_error_not_fewer_records(int cut)
    {
        // GZipStream returns end-of-data, not an error, for gzip data cut anywhere: an .ndjson.gz
        // cut between two records lost the rest without a word.
        byte[] ndjson = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(s_record + "\n", 500)));
        byte[] gz = Gzip(ndjson);
        int length = cut > 0 ? cut : gz.Length + cut;
        var error = Assert.Throws<CloudTrailFormatException>(() => CloudTrailLog.Read(new MemoryStream(gz, 0, length)).ToList());
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Equal(500, CloudTrailLog.Read(new MemoryStream(gz)).Count());
    }

    [Fact]
    public void Concatenated_gzip_members_are_still_read()
    {
        byte[] one = Gzip(Encoding.UTF8.GetBytes(s_record + "\n"));
        byte[] three = one.Concat(one).Concat(one).ToArray();
        Assert.Equal(3, CloudTrailLog.Read(new MemoryStream(three)).Count());
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>Returns the first array on the first read, then the second.</summary>
    private sealed class SplitStream : MemoryStream
    {
        private readonly int _split;

        public SplitStream(byte[] first, byte[] second)
            : base(first.Concat(second).ToArray()) => _split = first.Length;

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Limit(buffer.Length)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Limit(count));

        private int Limit(int count) => Math.Min(count, Position < _split ? _split - (int)Position : count);
    }

    /// <summary>At most a few bytes per read.</summary>
    private sealed class ChunkStream : MemoryStream
    {
        private readonly int _chunk;

        public ChunkStream(byte[] data, int chunk)
            : base(data) => _chunk = chunk;

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, _chunk)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _chunk));
    }
}
