using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace TrailScan.Tests;

/// <summary>records (NDJSON of the records as read, or from the typed model) and coverage (how much the generated types hold).</summary>
public class RecordsAndCoverageTests
{
    [Fact]
    public void Records_writes_every_record_as_one_line_equal_to_its_input()
    {
        using var folder = new TempFolder();
        // Pretty-printed input: the output is one compact line per record, equal as JSON.
        var run = App.Run("records", folder.Write("log.json", Fixture.LogFile()));
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Lines;
        Assert.Equal(Fixture.Records, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Fixture.All[i]), JsonNode.Parse(lines[i])), $"record {i}:\n{Fixture.All[i]}\n{lines[i]}");
        }
    }

    [Fact]
    public void Records_are_written_from_the_typed_model()
    {
        // The typed request has a typed member spelled in another letter case and a value read
        // leniently: the typed model writes the key as read and the value as it came.
        string record = Fixture.AssumeRole.Replace("\"roleSessionName\"", "\"RoleSessionName\"", System.StringComparison.Ordinal);
        using var folder = new TempFolder();
        var run = App.Run("records", "--from-model", folder.Write("log.ndjson", Fixture.Ndjson(record)));
        var line = Assert.Single(run.Lines);
        Assert.Contains("\"RoleSessionName\":\"thumbnailer\"", line);
        Assert.Contains("\"durationSeconds\":\"nine hundred\"", line);
        Assert.Contains("\"expiration\":\"Mar 4, 2024, 10:50:00 AM\"", line);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(record), JsonNode.Parse(line)));
    }

    // Records as logging tools write them: spaces, another key order, escapes that decode to the
    // same text (\u00e9, \/), raw UTF-8, a number written another way, CRLF line ends.
    private static readonly string[] s_oddRecords =
    [
        "{ \"eventVersion\" : \"1.08\",  \"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"eventTime\":\"2025-01-06T10:00:00Z\",\"awsRegion\":\"us-east-1\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"ren\u00e9e\"},\"requestParameters\":{\"userName\":\"caf\u00e9\\/x\",\"n\":1.0e2}}",
        "{\"awsRegion\":\"eu-west-1\",\"eventName\":\"GetObject\",\"eventTime\":\"2025-01-06T10:01:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventVersion\":\"1.09\",\"userIdentity\":{\"userName\":\"zoë\",\"type\":\"IAMUser\"},\"requestParameters\":{\"key\":\"r\u00e9sum\u00e9 \ud83d\ude00.pdf\"}}",
        "{\"eventVersion\":\"1.08\",\"eventTime\":\"2025-01-06T10:02:00Z\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\",\"awsRegion\":\"us-east-1\",\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"lambda.amazonaws.com\"},\"readOnly\":true,\"eventID\":\"e3\"}\t",
    ];

    [Fact]
    public void Records_writes_each_record_byte_for_byte_as_read()
    {
        using var folder = new TempFolder();
        string input = string.Join("\r\n", s_oddRecords) + "\r\n";
        var run = App.Run("records", folder.Write("odd.ndjson", input));
        Assert.True(run.ExitCode == 0, run.ToString());
        // The records' own bytes (not what follows them: the tab, CR and LF), one per line.
        string expected = string.Concat(s_oddRecords.Select(r => r.TrimEnd('\t') + "\n"));
        Assert.Equal(expected, run.Stdout);
        var lines = run.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.Equal(System.Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s_oddRecords[i].TrimEnd('\t')))), System.Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(lines[i]))));
        }

        // In a log file ({"Records":[...]}) and gzipped, filtered and sorted: still each record's bytes.
        string log = "{\"Records\":[" + string.Join(" ,\t", s_oddRecords.Select(r => r.TrimEnd('\t'))) + "]}";
        string gz = folder.File("odd.json.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Optimal)) zip.Write(Encoding.UTF8.GetBytes(log));
        Assert.Equal(expected, App.Run("records", gz).Stdout);
        Assert.Equal(s_oddRecords[1] + "\n", App.Run("records", gz, "--principal", "zoë").Stdout);
        string reversed = folder.Write("reversed.ndjson", string.Join("\n", s_oddRecords.Reverse()));
        Assert.Equal(s_oddRecords[0] + "\n" + s_oddRecords[2].TrimEnd('\t') + "\n", App.Run("records", reversed, "--sort", "time", "--not-service", "s3").Stdout);
    }

    [Fact]
    public void Records_writes_a_pretty_printed_record_on_one_line_without_the_whitespace_between_its_tokens()
    {
        using var folder = new TempFolder();
        string pretty = "{\n  \"eventVersion\": \"1.08\",\n  \"eventSource\": \"iam.amazonaws.com\",\n  \"eventName\": \"CreateUser\",\n  \"eventTime\": \"2025-01-06T10:00:00Z\",\n  \"requestParameters\": { \"userName\": \"a b\\\" c\" }\n}\n";
        var run = App.Run("records", folder.Write("pretty.json", pretty));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"eventTime\":\"2025-01-06T10:00:00Z\",\"requestParameters\":{\"userName\":\"a b\\\" c\"}}\n", run.Stdout);
    }

    [Fact]
    public void Records_from_the_model_is_the_typed_records_serialized()
    {
        using var folder = new TempFolder();
        string[] inputs = [folder.Write("log.json", Fixture.LogFile()), folder.Write("odd.ndjson", string.Join("\n", s_oddRecords)), .. Directory.GetFiles(Path.Combine(System.AppContext.BaseDirectory, "SampleLogs"))];
        foreach (string input in inputs)
        {
            // What records wrote before it wrote the bytes as read, and writes with --from-model.
            var expected = new StringBuilder();
            using (var stream = File.OpenRead(input))
            {
                foreach (var record in TrailScan.Aws.CloudTrailLog.Read(stream))
                {
                    _ = record.TypedRequest;
                    _ = record.TypedResponse;
                    var buffer = new MemoryStream();
                    using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        JsonSerializer.Serialize(json, record, TrailScan.Aws.CloudTrailJsonContext.Default.CloudTrailRecord);
                    }
                    expected.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
                }
            }
            var run = App.Run("records", "--from-model", input);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.True(expected.Length > 0);
            Assert.Equal(expected.ToString(), run.Stdout);
        }
        Assert.Equal(2, App.Run("records", "--from-model", "--format", "csv", inputs[0]).ExitCode);
    }

    [CorpusFact]
    public void Records_writes_the_corpus_records_as_their_input_lines()
    {
        foreach (string file in Corpus.RecordFiles())
        {
            var run = App.Run("records", file);
            Assert.True(run.ExitCode is 0 or 1, run.ToString()); // 1: a corpus file with a malformed line
            var lines = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            int at = 0;
            foreach (string written in run.Lines)
            {
                // Each record as its line (in order; lines that are not records are skipped).
                while (at < lines.Count && lines[at] != written) at++;
                Assert.True(at < lines.Count, $"{Path.GetFileName(file)}: not an input line: {written}");
                at++;
            }
            Assert.Equal((long)App.Run("summary", "--format", "json", file).Json["records"]!, run.Lines.Length);
        }
    }

    [Theory]
    [InlineData(1, "--service", "iam")]
    [InlineData(2, "--errors")]
    [InlineData(2, "--category", "Insight")]
    [InlineData(1, "--principal", "mallory")]
    [InlineData(4, "--until", "2024-03-04T10:05:00Z")]
    public void Records_applies_the_filters(int expected, params string[] filter)
    {
        using var folder = new TempFolder();
        var run = App.Run(["records", folder.Write("log.ndjson", Fixture.Ndjson()), .. filter]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, run.Lines.Length);
    }

    [Fact]
    public void Records_reads_standard_input()
    {
        var run = App.RunWithStdin(Encoding.UTF8.GetBytes(Fixture.LogFile()), "records", "-", "--event", "Decrypt");
        var line = Assert.Single(run.Lines);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Fixture.Decrypt), JsonNode.Parse(line)));
    }

    [Fact]
    public void Records_exits_1_on_bad_input_after_writing_what_it_read()
    {
        using var folder = new TempFolder();
        var run = App.Run("records", folder.Write("bad.ndjson", Fixture.CreateUser + "\n{oops\n"));
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Lines);
        Assert.Contains("bad.ndjson", run.Stderr);
    }

    [Fact]
    public void Coverage_json_has_the_fields_scripts_read()
    {
        using var folder = new TempFolder();
        var run = App.Run("coverage", folder.Write("log.ndjson", Fixture.Ndjson()), "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json;
        Assert.Equal(Fixture.Records, (long)json["records"]!);
        Assert.Equal(0, (long)json["malformed"]!);
        Assert.Equal(Fixture.Records, (long)json["roundTripEqual"]!);
        Assert.Equal(Fixture.TypedEvents, (long)json["typedEvents"]!);
        Assert.Equal(Fixture.InsightRecords, (long)json["insightRecords"]!);
        Assert.Equal(Fixture.KeysTyped, (long)json["keysTyped"]!);
        Assert.Equal(Fixture.KeysUntyped, (long)json["keysUntyped"]!);

        var events = json["topUnmappedEvents"]!.AsArray();
        var unmapped = Assert.Single(events)!;
        Assert.Equal("bedrock.amazonaws.com", (string?)unmapped["eventSource"]);
        Assert.Equal("InvokeAgentPreview", (string?)unmapped["eventName"]);
        Assert.Equal(1, (long)unmapped["count"]!);

        var keys = json["topUnmappedKeys"]!.AsArray().Select(k => $"{k!["eventName"]} {k["key"]} {k["kind"]} {k["count"]}").ToArray();
        Assert.Equal(["AssumeRole requestParameters.durationSeconds typeMismatch 1", "CreateUser requestParameters.extraKey unknownKey 1"], keys.OrderBy(k => k, System.StringComparer.Ordinal));
        Assert.Empty(json["roundTripMismatches"]!.AsArray());
    }

    [Fact]
    public void Coverage_counts_keys_inside_json_strings_and_untyped_parts()
    {
        // requestParameters logged as a JSON string: the typed Request is read from inside it.
        string asString = Fixture.CreateUser.Replace(
            "\"requestParameters\":{\"userName\":\"build-bot\",\"path\":\"/\",\"extraKey\":{\"a\":1,\"b\":[{\"c\":2}]}}",
            "\"requestParameters\":\"{\\\"userName\\\":\\\"build-bot\\\",\\\"path\\\":\\\"/\\\"}\"", System.StringComparison.Ordinal);
        Assert.NotEqual(Fixture.CreateUser, asString);
        using var folder = new TempFolder();
        var json = App.Run("coverage", folder.Write("log.ndjson", Fixture.Ndjson(asString)), "--format", "json").Json;
        Assert.Equal(1, (long)json["roundTripEqual"]!);
        Assert.Equal(2 + 6, (long)json["keysTyped"]!);
        Assert.Equal(0, (long)json["keysUntyped"]!);
    }

    [Fact]
    public void Coverage_table_reports_round_trip_types_and_gaps()
    {
        using var folder = new TempFolder();
        var run = App.Run("coverage", folder.Write("log.ndjson", Fixture.Ndjson()));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("trailscan coverage", run.Stdout);
        Assert.Contains("9 records written back equal to the input (100%)", run.Stdout);
        Assert.Contains("29 of 36 requestParameters/responseElements keys typed", run.Stdout);
        Assert.Contains("Events without a typed class", run.Stdout);
        Assert.Contains("requestParameters.extraKey", run.Stdout);
    }

    [Fact]
    public void Coverage_applies_the_filters_and_top()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        var iam = App.Run("coverage", file, "--json", "--service", "iam").Json;
        Assert.Equal(1, (long)iam["records"]!);
        Assert.Equal(2 + 6, (long)iam["keysTyped"]!);
        Assert.Equal(4, (long)iam["keysUntyped"]!);

        var top = App.Run("coverage", file, "--format", "json", "--top", "1").Json;
        Assert.Single(top["topUnmappedKeys"]!.AsArray());
        Assert.Equal(Fixture.KeysUntyped, (long)top["keysUntyped"]!); // --top limits the lists, not the counts
    }

    [Fact]
    public void Coverage_counts_malformed_records_and_exits_1()
    {
        using var folder = new TempFolder();
        var run = App.Run("coverage", folder.Write("log.ndjson", Fixture.Decrypt + "\nnot json\n" + Fixture.AssumeRole + "\n"), "--json");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, (long)run.Json["records"]!);
        Assert.Equal(1, (long)run.Json["malformed"]!);
        Assert.Equal(2, (long)run.Json["roundTripEqual"]!);
    }

    [Fact]
    public void Coverage_reads_folders_gzip_and_standard_input()
    {
        using var folder = new TempFolder();
        folder.WriteGzip("logs/a.json.gz", Fixture.LogFile(Fixture.CreateUser, Fixture.AssumeRole));
        folder.Write("logs/b/c.ndjson", Fixture.Ndjson(Fixture.Decrypt));
        var run = App.RunWithStdin(Encoding.UTF8.GetBytes(Fixture.Ndjson(Fixture.InvokeAgent)), "coverage", folder.File("logs"), "-", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(4, (long)run.Json["records"]!);
        Assert.Equal(4, (long)run.Json["roundTripEqual"]!);
        Assert.Equal(3, (long)run.Json["typedEvents"]!);
    }

    [Fact]
    public void A_service_TrailScan_names_no_class_of_is_typed_by_schema()
    {
        // SQS and Bedrock: TrailScan's code names none of their events, and every service is
        // selected, so their records are read by schema, every key typed.
        const string SendMessage = """{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/orders/task","accountId":"111122223333"},"eventTime":"2024-03-04T10:00:00Z","eventSource":"sqs.amazonaws.com","eventName":"SendMessage","awsRegion":"eu-west-1","sourceIPAddress":"192.0.2.60","userAgent":"aws-sdk-go-v2/1.30","requestParameters":{"queueUrl":"https://sqs.eu-west-1.amazonaws.com/111122223333/orders","messageBody":"HIDDEN_DUE_TO_SECURITY_REASONS","delaySeconds":"5"},"responseElements":{"mD5OfMessageBody":"0f1e2d3c4b5a69788796a5b4c3d2e1f0","messageId":"a1111111-1111-4111-8111-111111111111"},"requestID":"b1111111-1111-4111-8111-111111111111","eventID":"c1111111-1111-4111-8111-111111111111","readOnly":false,"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"111122223333","eventCategory":"Data"}""";
        string invokeAgent = Fixture.InvokeAgent.Replace("\"InvokeAgentPreview\"", "\"InvokeAgent\"", System.StringComparison.Ordinal);
        var run = App.RunWithStdin(Encoding.UTF8.GetBytes(Fixture.Ndjson(SendMessage, invokeAgent)), "coverage", "-", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, (long)run.Json["typedEvents"]!);
        Assert.Equal(2, (long)run.Json["roundTripEqual"]!);
        Assert.Equal(3 + 2 + 2, (long)run.Json["keysTyped"]!);
        Assert.Equal(0, (long)run.Json["keysUntyped"]!);
    }
}
