using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace TrailScan.Tests;

/// <summary>records (NDJSON from the typed model) and coverage (how much the generated types hold).</summary>
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
        var run = App.Run("records", folder.Write("log.ndjson", Fixture.Ndjson(record)));
        var line = Assert.Single(run.Lines);
        Assert.Contains("\"RoleSessionName\":\"thumbnailer\"", line);
        Assert.Contains("\"durationSeconds\":\"nine hundred\"", line);
        Assert.Contains("\"expiration\":\"Mar 4, 2024, 10:50:00 AM\"", line);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(record), JsonNode.Parse(line)));
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
