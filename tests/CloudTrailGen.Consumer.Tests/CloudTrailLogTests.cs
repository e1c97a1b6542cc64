using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CloudTrailGen;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>CloudTrailLog reads records from every wrapper they arrive in.</summary>
public class CloudTrailLogTests
{
    private static readonly string[] s_seed =
    {
        Json.Seed("cloudtrail-start-logging"), Json.Seed("sns-publish"),
        Json.Seed("cognito-get-credentials-for-identity"), Json.Seed("insight-autoscaling-complete-lifecycle-action"),
    };

    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();

    private static Stream Utf8(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    private static List<CloudTrailRecord> ReadAll(Stream stream, CloudTrailReadOptions? options = null) => CloudTrailLog.Read(stream, options).ToList();

    private static void AssertSameRecords(IReadOnlyList<string> expected, IReadOnlyList<CloudTrailRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Json.AssertRoundTrip(expected[i], actual[i], $"record {i}");
    }

    public static IEnumerable<object[]> Framings() => new[]
    {
        new object[] { "log file", (Func<IReadOnlyList<string>, string>)(r => "{\"Records\":[" + string.Join(",", r) + "]}") },
        new object[] { "pretty log file", (Func<IReadOnlyList<string>, string>)(r => "{\n  \"Records\" : [\n" + string.Join(",\n", r) + "\n  ]\n}\n") },
        new object[] { "log file with more keys", (Func<IReadOnlyList<string>, string>)(r => "{\"Records\":[" + string.Join(",", r) + "],\"x\":{\"y\":[1]}}") },
        new object[] { "ndjson", (Func<IReadOnlyList<string>, string>)(r => string.Join("\n", r.Select(Compact)) + "\n") },
        new object[] { "ndjson crlf", (Func<IReadOnlyList<string>, string>)(r => string.Join("\r\n", r.Select(Compact))) },
        new object[] { "concatenated", (Func<IReadOnlyList<string>, string>)(r => string.Concat(r)) },
        new object[] { "array", (Func<IReadOnlyList<string>, string>)(r => "[" + string.Join(",", r) + "]") },
        new object[] { "json strings", (Func<IReadOnlyList<string>, string>)(r => string.Join("\n", r.Select(x => JsonSerializer.Serialize(x)))) },
        new object[] { "eventbridge", (Func<IReadOnlyList<string>, string>)(r => string.Join("\n", r.Select((x, i) => $"{{\"version\":\"0\",\"id\":\"id-{i}\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.sns\",\"account\":\"123456789012\",\"time\":\"2023-08-21T16:48:37Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{x}}}"))) },
        new object[] { "cloudwatch logs", (Func<IReadOnlyList<string>, string>)(r => "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"g\",\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],\"logEvents\":[" + string.Join(",", r.Select((x, i) => $"{{\"id\":\"{i}\",\"timestamp\":1,\"message\":{JsonSerializer.Serialize(Compact(x))}}}")) + "]}") },
        new object[] { "lambda cloudwatch logs", (Func<IReadOnlyList<string>, string>)(r => "{\"awslogs\":{\"data\":\"" + Convert.ToBase64String(Gzip(Encoding.UTF8.GetBytes("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[" + string.Join(",", r.Select(x => $"{{\"id\":\"1\",\"message\":{JsonSerializer.Serialize(Compact(x))}}}")) + "]}"))) + "\"}}") },
        new object[] { "lookup events", (Func<IReadOnlyList<string>, string>)(r => "{\"Events\":[" + string.Join(",", r.Select(x => $"{{\"EventId\":\"e\",\"CloudTrailEvent\":{JsonSerializer.Serialize(Compact(x))}}}")) + "],\"NextToken\":\"t\"}") },
    };

    [Theory]
    [MemberData(nameof(Framings))]
    public void Every_framing_gives_the_same_records(string name, Func<IReadOnlyList<string>, string> frame)
    {
        string input = frame(s_seed);
        AssertSameRecords(s_seed, ReadAll(Utf8(input)));
        AssertSameRecords(s_seed, ReadAll(new MemoryStream(Gzip(Encoding.UTF8.GetBytes(input)))));
        Assert.NotNull(name);
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public void The_corpus_reads_the_same_through_every_framing(string name, Func<IReadOnlyList<string>, string> frame)
    {
        if (Corpus.Directory is null) return; // covered by the CorpusFact tests' skip message
        var records = Corpus.Records().Select(r => r.Json).ToList();
        var read = ReadAll(Utf8(frame(records)));
        AssertSameRecords(records, read);
        Assert.NotNull(name);
    }

    [CorpusFact]
    public void The_corpus_envelopes_unwrap_to_their_records()
    {
        string dir = Path.Combine(Corpus.Directory!, "envelopes");
        foreach (var file in Directory.GetFiles(dir, "*.ndjson").OrderBy(f => f, StringComparer.Ordinal))
        {
            // The expected records, taken out of each wrapper with JsonNode.
            var expected = new List<string>();
            foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
            {
                var node = JsonNode.Parse(line)!.AsObject();
                if (node["detail"] is JsonNode detail) expected.Add(detail.ToJsonString());
                else foreach (var e in node["logEvents"]!.AsArray()) expected.Add(e!["message"]!.GetValue<string>());
            }
            using var stream = File.OpenRead(file);
            var records = ReadAll(stream);
            Assert.True(expected.Count > 0, file);
            AssertSameRecords(expected, records);
            var format = Path.GetFileName(file).StartsWith("eventbridge", StringComparison.Ordinal) ? CloudTrailSourceFormat.EventBridge : CloudTrailSourceFormat.CloudWatchLogs;
            Assert.All(records, r => Assert.Equal(format, r.Delivery!.Format));
        }
    }

    [Fact]
    public void IsCloudTrailRecord_tells_records_from_other_JSON_objects_read_as_records()
    {
        string input = string.Join("\n",
            s_seed[0], // a call
            s_seed[3], // an Insights record
            """{"foo":"bar"}""",
            """{"eventName":"PutObject"}""", // names an API, nothing else of a record
            """{"awsRegion":"us-east-1","eventTime":"2024-01-01T00:00:00Z"}""", // a record's fields, no API
            """{"schemaVersion":"2.0","accountId":"111122223333","region":"us-east-1","type":"UnauthorizedAccess:EC2/SSHBruteForce","service":{"action":{}}}""", // a GuardDuty finding
            """{"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventID":"e1"}""",
            """{"eventName":"","eventSource":"","awsRegion":"us-east-1"}""", // empty names are none
            """{"eventName":"X","userIdentity":{}}""");
        var records = ReadAll(Utf8(input));
        Assert.Equal(9, records.Count); // every object is read as a record: the property tells them apart
        Assert.Equal([true, true, false, false, false, false, true, false, true], records.Select(r => r.IsCloudTrailRecord));
    }

    [Fact]
    public async Task Async_reading_matches_sync_reading_over_a_slow_stream()
    {
        string input = "{\"Records\":[" + string.Join(",", Enumerable.Repeat(s_seed, 300).SelectMany(x => x)) + "]}";
        var sync = ReadAll(new TrickleStream(Encoding.UTF8.GetBytes(input), 7));
        var list = new List<CloudTrailRecord>();
        await foreach (var record in CloudTrailLog.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(input), 13))) list.Add(record);
        Assert.Equal(1200, sync.Count);
        Assert.Equal(sync.Select(Json.Write), list.Select(Json.Write));
        Assert.IsType<My.Ct.Sns.PublishEvent>(list[1]);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(20_000)]
    [InlineData(1_000_000)]
    public void Log_file_elements_read_the_same_whatever_their_first_keys_and_the_read_sizes(int chunk)
    {
        // Elements that open with a record key, with other keys first (a record key within the
        // first few, or only later), and a wrapper inside Records: each must read as it does alone.
        string sns = Compact(s_seed[1]);
        string[] elements =
        {
            sns,
            "{\"vpcEndpointId\":\"vpce-0123\",\"sessionCredentialFromConsole\":\"true\"," + sns[1..],
            "{\"a\":1,\"b\":[{\"c\":2}],\"d\":\"x\",\"e\":{},\"f\":null,\"eventName\":\"Late\"}",
            "{\"version\":\"0\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":" + sns + "}",
            "{\"p_event_time\":\"2024-01-01 00:00:00\",\"eventSource\":\"sns.amazonaws.com\",\"eventName\":\"Publish\"}",
        };
        var expected = new List<string>();
        var parts = new List<string>();
        for (int i = 0; i < 3000; i++)
        {
            string element = elements[i % elements.Length];
            parts.Add(element);
            expected.Add(i % elements.Length == 3 ? sns : element);
        }
        byte[] log = Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", parts) + "]}");
        Assert.True(log.Length > 1_000_000); // several buffers: records cut off at buffer ends

        var records = ReadAll(new TrickleStream(log, chunk));
        AssertSameRecords(expected, records);
        Assert.IsType<My.Ct.Sns.PublishEvent>(records[1]);
        Assert.Equal(CloudTrailSourceFormat.EventBridge, records[3].Delivery!.Format);
        Assert.Equal("Late", records[2].EventName);
    }

    [Fact]
    public void EventBridge_envelope_fields_are_kept_on_the_record()
    {
        string input = $"{{\"version\":\"0\",\"id\":\"6f87d04b\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.sns\",\"account\":\"111122223333\",\"time\":\"2023-08-21T16:48:40Z\",\"region\":\"eu-west-1\",\"resources\":[],\"detail\":{s_seed[1]}}}";
        var record = Assert.Single(ReadAll(Utf8(input)));
        Assert.IsType<My.Ct.Sns.PublishEvent>(record);
        var delivery = record.Delivery!;
        Assert.Equal(CloudTrailSourceFormat.EventBridge, delivery.Format);
        Assert.Equal("6f87d04b", delivery.EventBridgeId);
        Assert.Equal("111122223333", delivery.Account);
        Assert.Equal("eu-west-1", delivery.Region);
        Assert.Equal("AWS API Call via CloudTrail", delivery.DetailType);
        Assert.Equal(new DateTimeOffset(2023, 8, 21, 16, 48, 40, TimeSpan.Zero), delivery.EventBridgeTime);
    }

    [Fact]
    public void CloudWatch_logs_fields_are_kept_and_control_messages_skipped()
    {
        var issues = new List<CloudTrailReadIssue>();
        string data = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"trail\",\"logStream\":\"s1\",\"logEvents\":[{\"id\":\"42\",\"timestamp\":1,\"message\":" + JsonSerializer.Serialize(Compact(s_seed[0])) + "}]}";
        string control = "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\",\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1,\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}";
        var records = ReadAll(Utf8(control + "\n" + data), new CloudTrailReadOptions { OnIssue = issues.Add });
        var record = Assert.Single(records);
        Assert.Equal("trail", record.Delivery!.LogGroup);
        Assert.Equal("s1", record.Delivery.LogStream);
        Assert.Equal("42", record.Delivery.LogEventId);
        Assert.Equal(CloudTrailReadIssueKind.Skipped, Assert.Single(issues).Kind);
    }

    [Fact]
    public void Non_records_are_skipped_and_counted_with_their_position()
    {
        string validation = "{\"Type\":\"Notification\",\"MessageId\":\"m\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\",\"Message\":\"CloudTrail validation message.\"}";
        string input = validation + "\n" + Compact(s_seed[0]) + "\n42\n[]\n" + Compact(s_seed[1]) + "\n";
        var issues = new List<CloudTrailReadIssue>();
        var statistics = new CloudTrailReadStatistics();
        var records = ReadAll(Utf8(input), new CloudTrailReadOptions { OnIssue = issues.Add, Statistics = statistics });
        Assert.Equal(2, records.Count);
        Assert.Equal(2, statistics.Records);
        Assert.Equal(2, statistics.Skipped); // the SNS message and the number; an empty array holds no records
        Assert.Equal(0, issues[0].ByteOffset);
        Assert.Equal(0, issues[0].RecordIndex);
        Assert.Equal(1, issues[1].RecordIndex);
        Assert.Equal(Encoding.UTF8.GetByteCount(input), statistics.Bytes);
    }

    [Fact]
    public void A_digest_file_is_skipped_as_a_non_record_but_a_record_with_digest_like_keys_is_read()
    {
        // CloudTrail writes digest files (log file integrity validation) under CloudTrail-Digest/ in
        // the same bucket, so a reader pointed at a whole bucket meets them.
        string digest = "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2025-01-06T00:00:00Z\",\"digestEndTime\":\"2025-01-06T01:00:00Z\","
            + "\"digestS3Bucket\":\"b\",\"digestS3Object\":\"o\",\"digestSignatureAlgorithm\":\"SHA256withRSA\",\"previousDigestHashValue\":null,"
            + "\"logFiles\":[{\"s3Bucket\":\"b\",\"s3Object\":\"AWSLogs/1/CloudTrail/x.json.gz\",\"hashValue\":\"00\",\"hashAlgorithm\":\"SHA-256\"}]}";
        // A record keeps its record keys, whatever else it has: still read.
        string record = Compact(s_seed[0]).TrimEnd('}') + ",\"digestStartTime\":\"x\",\"logFiles\":[]}";
        var issues = new List<CloudTrailReadIssue>();
        var records = ReadAll(Utf8(digest + "\n" + record + "\n"), new CloudTrailReadOptions { OnIssue = issues.Add });
        var read = Assert.Single(records);
        Assert.Equal(JsonNode.Parse(record)!["eventID"]!.GetValue<string>(), read.EventID);
        var issue = Assert.Single(issues);
        Assert.Equal(CloudTrailReadIssueKind.Skipped, issue.Kind);
        Assert.Equal(0, issue.ByteOffset);
        Assert.Contains("digest file", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_line_is_reported_and_reading_goes_on()
    {
        string input = Compact(s_seed[0]) + "\n{\"eventVersion\":\"1.08\",\"eventName\":\n" + Compact(s_seed[1]) + "\n{broken\n" + Compact(s_seed[2]);
        var issues = new List<CloudTrailReadIssue>();
        var records = ReadAll(Utf8(input), new CloudTrailReadOptions { OnIssue = issues.Add });
        Assert.Equal(3, records.Count);
        Assert.Equal(2, issues.Count(i => i.Kind == CloudTrailReadIssueKind.Malformed));
        Assert.Equal(Encoding.UTF8.GetByteCount(Compact(s_seed[0])) + 1, issues[0].ByteOffset);
        Assert.IsType<My.Ct.CognitoIdentity.GetCredentialsForIdentityEvent>(records[2]);
    }

    [Fact]
    public void A_broken_line_that_opens_an_array_is_reported_and_reading_goes_on()
    {
        // JSON lines where one line is an array: a complete one is read, a broken one (here with a
        // stray '[' before a record, or a bad separator) is reported and the next line read.
        string a = Compact(s_seed[0]), b = Compact(s_seed[1]), c = Compact(s_seed[2]);
        string input = a + "\n[" + b + "," + c + "]\n[" + b + "\n" + c + "\n[" + a + " x\n" + b + "\n";
        var issues = new List<CloudTrailReadIssue>();
        var records = ReadAll(Utf8(input), new CloudTrailReadOptions { OnIssue = issues.Add });
        Assert.Equal(new[] { a, b, c, b, c, a, b }.Length, records.Count);
        AssertSameRecords(new[] { a, b, c, b, c, a, b }, records);
        Assert.Equal(2, issues.Count(i => i.Kind == CloudTrailReadIssueKind.Malformed));
        Assert.All(issues, i => Assert.InRange(i.ByteOffset, 0, Encoding.UTF8.GetByteCount(input)));

        // An array that opens the input is a JSON array file: a break in it still ends the read.
        Assert.Throws<CloudTrailFormatException>(() => ReadAll(Utf8("[" + a + "\n" + b + "\n")));
    }

    [Fact]
    public void A_truncated_log_file_returns_every_record_before_the_break_then_fails()
    {
        string full = "{\"Records\":[" + string.Join(",", s_seed) + "]}";
        string truncated = full.Substring(0, full.IndexOf("\"eventSource\": \"sns", StringComparison.Ordinal));
        var records = new List<CloudTrailRecord>();
        var error = Assert.Throws<CloudTrailFormatException>(() =>
        {
            foreach (var record in CloudTrailLog.Read(Utf8(truncated))) records.Add(record);
        });
        Assert.Single(records);
        Assert.Equal(1, error.RecordIndex);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_gzip_file_is_a_clear_error()
    {
        byte[] gz = Gzip(Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", Enumerable.Repeat(s_seed[0], 200)) + "]}"));
        var error = Assert.Throws<CloudTrailFormatException>(() => ReadAll(new MemoryStream(gz, 0, gz.Length / 2)));
        Assert.True(error.Message.Contains("gzip", StringComparison.Ordinal) || error.Message.Contains("truncated", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Records_that_is_not_an_array_is_an_error()
    {
        var error = Assert.Throws<CloudTrailFormatException>(() => ReadAll(Utf8("{\"Records\":{\"a\":1}}")));
        Assert.Contains("must be an array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_end_hostile_input_with_a_clear_error()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        Assert.Throws<CloudTrailFormatException>(() => ReadAll(Utf8("[" + deep + "]")));

        var big = Assert.Throws<CloudTrailFormatException>(() =>
            ReadAll(Utf8("{\"Records\":[{\"eventName\":\"" + new string('x', 300_000) + "\"}]}"), new CloudTrailReadOptions { MaxRecordBytes = 100_000 }));
        Assert.Contains("MaxRecordBytes", big.Message, StringComparison.Ordinal);

        byte[] bomb = Gzip(new byte[5_000_000]);
        var inflated = Assert.Throws<CloudTrailFormatException>(() => ReadAll(new MemoryStream(bomb), new CloudTrailReadOptions { MaxDecompressedBytes = 1_000_000 }));
        Assert.Contains("MaxDecompressedBytes", inflated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Lambda_payload_larger_than_MaxRecordBytes_once_decompressed_is_reported_and_reading_goes_on()
    {
        // Small on the wire (the records repeat, so they compress well), past the limit once
        // decompressed: the payload is held whole, so it is limited like one record.
        string events = string.Join(",", Enumerable.Repeat($"{{\"id\":\"1\",\"message\":{JsonSerializer.Serialize(Compact(s_seed[1]))}}}", 200));
        byte[] payload = Encoding.UTF8.GetBytes("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[" + events + "]}");
        string lambda = "{\"awslogs\":{\"data\":\"" + Convert.ToBase64String(Gzip(payload)) + "\"}}";
        var options = new CloudTrailReadOptions { MaxRecordBytes = 100_000 };
        Assert.True(payload.Length > options.MaxRecordBytes && lambda.Length < options.MaxRecordBytes);

        var issues = new List<CloudTrailReadIssue>();
        options.OnIssue = issues.Add;
        var record = Assert.Single(ReadAll(Utf8(lambda + "\n" + Compact(s_seed[0]) + "\n"), options));
        Assert.IsType<My.Ct.CloudTrail.StartLoggingEvent>(record);
        var issue = Assert.Single(issues);
        Assert.Equal(CloudTrailReadIssueKind.Malformed, issue.Kind);
        Assert.Equal(0, issue.ByteOffset);
        Assert.Contains("could not be decoded: the decompressed payload is larger than MaxRecordBytes (100000 bytes)", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Original_json_is_kept_when_asked()
    {
        var record = Assert.Single(ReadAll(Utf8(s_seed[1]), new CloudTrailReadOptions { KeepOriginalJson = true }));
        Assert.Equal(Compact(s_seed[1]), record.Delivery!.OriginalJson!.Value.ToString());
        Assert.Null(Assert.Single(ReadAll(Utf8(s_seed[1]))).Delivery!.OriginalJson);
    }

    [Fact]
    public void Every_record_knows_where_it_came_from_without_keeping_its_json()
    {
        // Log files and JSON lines: the format, index and offset are known without KeepOriginalJson.
        string[] lines = s_seed.Select(Compact).ToArray();
        string ndjson = string.Join("\n", lines) + "\n";
        var records = ReadAll(Utf8(ndjson));
        Assert.Equal(4, records.Count);
        long offset = 0;
        for (int i = 0; i < records.Count; i++)
        {
            var delivery = records[i].Delivery;
            Assert.NotNull(delivery);
            Assert.Equal(CloudTrailSourceFormat.Records, delivery.Format);
            Assert.Equal(i, delivery.RecordIndex);
            Assert.Equal(offset, delivery.ByteOffset);
            Assert.Null(delivery.OriginalJson);
            Assert.Null(delivery.FilePath);
            Assert.Same(delivery, records[i].Delivery); // made once
            offset += Encoding.UTF8.GetByteCount(lines[i]) + 1;
        }

        string log = "{\"Records\":[" + string.Join(",", lines) + "]}";
        var fromLog = ReadAll(new MemoryStream(Gzip(Encoding.UTF8.GetBytes(log))));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => (long)i), fromLog.Select(r => r.Delivery!.RecordIndex));
        Assert.All(fromLog, r => Assert.Equal(CloudTrailSourceFormat.LogFile, r.Delivery!.Format));
        Assert.Equal(log.IndexOf(lines[2], StringComparison.Ordinal), fromLog[2].Delivery!.ByteOffset);

        // A record deserialized on its own was not delivered by a reader.
        Assert.Null(Json.Read(s_seed[0]).Delivery);
    }

    [Fact]
    public void Statistics_add_up_over_every_input_read_with_the_same_options()
    {
        // One options object over several files: bytes added up like the other counts (they were
        // the last input's size).
        var statistics = new CloudTrailReadStatistics();
        var options = new CloudTrailReadOptions { Statistics = statistics };
        string first = "{\"Records\":[" + string.Join(",", s_seed) + "]}";
        string second = string.Join("\n", s_seed.Take(2).Select(Compact)) + "\n";
        Assert.Equal(4, ReadAll(Utf8(first), options).Count);
        Assert.Equal(2, ReadAll(new MemoryStream(Gzip(Encoding.UTF8.GetBytes(second))), options).Count);
        Assert.Equal(6, statistics.Records);
        Assert.Equal(Encoding.UTF8.GetByteCount(first) + Encoding.UTF8.GetByteCount(second), statistics.Bytes);
    }

    [Fact]
    public void A_broken_line_in_the_middle_of_json_lines_is_reported_as_a_malformed_line_with_its_number()
    {
        // A line cut off after a key runs on into the next record, which a JSON reader takes as
        // the key's value; at the end of the input that read as "truncated".
        string a = Compact(s_seed[0]), b = Compact(s_seed[1]), c = Compact(s_seed[2]);
        string cut = b[..(b.IndexOf("\"eventName\":", StringComparison.Ordinal) + 12)];
        foreach (string input in new[] { a + "\n" + cut + "\n" + c + "\n", a + "\n" + cut + "\n" + c + "\n" + a + "\n" })
        {
            var issues = new List<CloudTrailReadIssue>();
            var records = ReadAll(Utf8(input), new CloudTrailReadOptions { OnIssue = issues.Add });
            Assert.Equal(input.Split('\n').Count(l => l.Length > 0) - 1, records.Count);
            var issue = Assert.Single(issues);
            Assert.Equal(CloudTrailReadIssueKind.Malformed, issue.Kind);
            Assert.Equal(a.Length + 1, issue.ByteOffset);
            Assert.StartsWith($"Malformed JSON on line 2 (byte {a.Length + 1}): the line ends before its JSON value does", issue.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("truncated", issue.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("LineNumber", issue.Message, StringComparison.Ordinal);
        }

        // An error on the line itself keeps the reader's reason, with the line's number.
        var more = new List<CloudTrailReadIssue>();
        ReadAll(Utf8(a + "\n\n" + a + "\n{broken\n" + a + "\n"), new CloudTrailReadOptions { OnIssue = more.Add });
        Assert.StartsWith("Malformed JSON on line 4 (byte ", Assert.Single(more).Message, StringComparison.Ordinal);
        Assert.Contains("'b'", more[0].Message, StringComparison.Ordinal);

        // The last line cut off is truncated input, and said so.
        var last = new List<CloudTrailReadIssue>();
        ReadAll(Utf8(a + "\n" + cut), new CloudTrailReadOptions { OnIssue = last.Add });
        Assert.Contains("line 2", Assert.Single(last).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", last[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_whitespace_input_hold_no_records()
    {
        Assert.Empty(ReadAll(Utf8("")));
        Assert.Empty(ReadAll(Utf8(" \n\t\r\n")));
        Assert.Empty(ReadAll(Utf8("{\"Records\":[]}")));
        Assert.Empty(ReadAll(new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"Records\":[]}")).ToArray())));
    }

    [Fact]
    public void Files_are_read_whatever_their_extension()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ctg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string log = "{\"Records\":[" + string.Join(",", s_seed) + "]}";
            File.WriteAllBytes(Path.Combine(dir, "a.json.gz"), Gzip(Encoding.UTF8.GetBytes(log)));
            File.WriteAllText(Path.Combine(dir, "b.ndjson"), string.Join("\n", s_seed.Select(Compact)));
            Assert.Equal(4, CloudTrailLog.ReadFile(Path.Combine(dir, "a.json.gz")).Count());
            Assert.Equal(4, CloudTrailLog.ReadFile(Path.Combine(dir, "b.ndjson")).Count());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_folder_is_read_file_by_file_leaving_out_digest_files_and_other_names()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ctg-" + Guid.NewGuid().ToString("N"));
        string logs = Path.Combine(dir, "AWSLogs", "111122223333", "CloudTrail", "us-east-1");
        string digests = Path.Combine(dir, "AWSLogs", "111122223333", "CloudTrail-Digest", "us-east-1");
        Directory.CreateDirectory(logs);
        Directory.CreateDirectory(digests);
        try
        {
            string log = "{\"Records\":[" + string.Join(",", s_seed) + "]}";
            string a = Path.Combine(logs, "111122223333_CloudTrail_us-east-1_20250106T0000Z_a.json.gz");
            string b = Path.Combine(dir, "b.ndjson");
            File.WriteAllBytes(a, Gzip(Encoding.UTF8.GetBytes(log)));
            File.WriteAllText(b, string.Join("\n", s_seed.Take(2).Select(Compact)));
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a log");
            string digest = "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2025-01-06T00:00:00Z\",\"digestEndTime\":\"2025-01-06T01:00:00Z\",\"logFiles\":[]}";
            File.WriteAllBytes(Path.Combine(digests, "111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20250106T010000Z.json.gz"), Gzip(Encoding.UTF8.GetBytes(digest)));

            Assert.Equal(new[] { a, b }.OrderBy(p => p, StringComparer.Ordinal), CloudTrailLogReader.GetLogFiles(dir));

            var issues = new List<CloudTrailReadIssue>();
            var statistics = new CloudTrailReadStatistics();
            var records = CloudTrailLog.ReadDirectory(dir, new CloudTrailReadOptions { OnIssue = issues.Add, Statistics = statistics }).ToList();
            Assert.Equal(6, records.Count);
            Assert.Empty(issues); // no digest file was read, so none was skipped
            Assert.Equal(6, statistics.Records);
            var expectedFiles = new[] { a, b }.OrderBy(p => p, StringComparer.Ordinal).SelectMany(f => Enumerable.Repeat(f, f == a ? 4 : 2));
            Assert.Equal(expectedFiles, records.Select(r => r.Delivery!.FilePath));
            Assert.Equal(records.Select(Json.Write), CloudTrailLog.ReadDirectory(dir).Select(Json.Write));

            var list = new List<CloudTrailRecord>();
            await foreach (var record in CloudTrailLog.ReadDirectoryAsync(dir)) list.Add(record);
            Assert.Equal(records.Select(Json.Write), list.Select(Json.Write));

            // A folder given to ReadFile says what to call instead (it was an UnauthorizedAccessException).
            var error = Assert.Throws<ArgumentException>(() => CloudTrailLog.ReadFile(dir).ToList());
            Assert.Contains("ReadDirectory", error.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => CloudTrailLog.ReadFileAsync(dir));

            // A file that cannot be read on ends the read, naming the file.
            string broken = Path.Combine(dir, "c.json");
            File.WriteAllText(broken, "{\"Records\":[" + s_seed[0] + ",{\"eventName\":");
            var format = Assert.Throws<CloudTrailFormatException>(() => CloudTrailLog.ReadDirectory(dir).ToList());
            Assert.Equal(broken, format.FilePath);
            Assert.StartsWith(broken + ": ", format.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Hands out a few bytes per read, so records straddle every buffer boundary.</summary>
    private sealed class TrickleStream : MemoryStream
    {
        private readonly int _chunk;

        public TrickleStream(byte[] data, int chunk)
            : base(data) => _chunk = chunk;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, _chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, _chunk)], cancellationToken);
    }
}
