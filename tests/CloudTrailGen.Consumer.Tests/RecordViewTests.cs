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

/// <summary>Record views: their fields are the typed record's, Materialize() is what Read gives, filters allocate nothing.</summary>
public class RecordViewTests
{
    private static readonly string[] s_seed =
    {
        Json.Seed("cloudtrail-start-logging"), Json.Seed("sns-publish"),
        Json.Seed("cognito-get-credentials-for-identity"), Json.Seed("insight-autoscaling-complete-lifecycle-action"),
        Json.Seed("cloudtrail-start-event-data-store-ingestion"),
    };

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>Asserts every field of the view against the record the view materializes and the record Read gave.</summary>
    private static void AssertViewFields(CloudTrailRecordView view, CloudTrailRecord record, string where)
    {
        Assert.True(view.EventSource == record.EventSource, $"{where}: eventSource {view.EventSource} != {record.EventSource}");
        Assert.True(view.EventName == record.EventName, $"{where}: eventName");
        Assert.True(view.EventCategory == record.EventCategory?.Raw, $"{where}: eventCategory {view.EventCategory}");
        Assert.True(view.GetString(CloudTrailRecordField.EventType) == record.EventType?.Raw, $"{where}: eventType");
        Assert.True(view.GetString(CloudTrailRecordField.EventId) == record.EventID, $"{where}: eventID");
        Assert.True(view.ErrorCode == record.ErrorCode, $"{where}: errorCode");
        Assert.True(view.AwsRegion == record.AwsRegion, $"{where}: awsRegion");
        Assert.True(view.RecipientAccountId == record.RecipientAccountId, $"{where}: recipientAccountId");
        Assert.True(view.SourceIPAddress == record.SourceIPAddress, $"{where}: sourceIPAddress");
        Assert.True(view.GetString(CloudTrailRecordField.UserAgent) == record.UserAgent, $"{where}: userAgent");
        Assert.True(view.ReadOnly == record.ReadOnly, $"{where}: readOnly {view.ReadOnly} != {record.ReadOnly}");
        Assert.True(view.EventTime == record.EventTime, $"{where}: eventTime {view.EventTime:O} != {record.EventTime:O}");
        Assert.True(view.IsInsight == (record.InsightDetails is not null), $"{where}: insightDetails");
        var who = record.UserIdentity;
        Assert.True(view.UserIdentityType == who?.Type?.Raw, $"{where}: userIdentity.type {view.UserIdentityType}");
        Assert.True(view.UserIdentityArn == who?.Arn, $"{where}: userIdentity.arn");
        Assert.True(view.UserIdentityPrincipalId == who?.PrincipalId, $"{where}: userIdentity.principalId");
        Assert.True(view.GetString(CloudTrailRecordField.UserIdentityAccountId) == who?.AccountId, $"{where}: userIdentity.accountId");
        Assert.True(view.GetString(CloudTrailRecordField.UserIdentityUserName) == who?.UserName, $"{where}: userIdentity.userName");
        Assert.True(view.GetString(CloudTrailRecordField.UserIdentityAccessKeyId) == who?.AccessKeyId, $"{where}: userIdentity.accessKeyId");
        Assert.True(view.GetString(CloudTrailRecordField.UserIdentityInvokedBy) == who?.InvokedBy, $"{where}: userIdentity.invokedBy");
        var issuer = who?.SessionContext?.SessionIssuer;
        Assert.True(view.SessionIssuerArn == issuer?.Arn, $"{where}: sessionIssuer.arn");
        Assert.True(view.GetString(CloudTrailRecordField.SessionIssuerUserName) == issuer?.UserName, $"{where}: sessionIssuer.userName");
        Assert.True(view.GetString(CloudTrailRecordField.SessionIssuerPrincipalId) == issuer?.PrincipalId, $"{where}: sessionIssuer.principalId");
        foreach (var field in Enum.GetValues<CloudTrailRecordField>())
        {
            string? text = view.GetString(field);
            Assert.Equal(text is not null, view.Has(field));
            Assert.True(view.GetUtf8(field).SequenceEqual(Encoding.UTF8.GetBytes(text ?? "")), $"{where}: {field} as UTF-8");
        }
    }

    /// <summary>
    /// Reads the input both ways: views (fields checked, materialized, original bytes read again)
    /// against CloudTrailLog.Read. Returns how many records were compared.
    /// </summary>
    private static int AssertViewsMatchRead(byte[] input, string name, CloudTrailReadOptions? options = null, CloudTrailReadOptions? viewOptions = null)
    {
        var expected = CloudTrailLog.Read(new MemoryStream(input), options).ToList();
        int i = 0;
        foreach (var view in CloudTrailLog.ReadViews(new MemoryStream(input), viewOptions ?? options))
        {
            Assert.True(i < expected.Count, $"{name}: more views than records");
            var record = expected[i];
            string where = $"{name} record {i}";
            var materialized = view.Materialize();
            string json = Json.Write(record);
            Assert.Equal(json, Json.Write(materialized));
            AssertViewFields(view, materialized, where);
            AssertViewFields(view, record, where);
            // The original bytes are the record: read alone, they give the same record.
            Assert.Equal(json, Json.Write(Json.Read(Encoding.UTF8.GetString(view.Utf8.Span))));
            var a = record.Delivery!;
            var b = materialized.Delivery!;
            Assert.Equal((a.Format, a.RecordIndex, a.ByteOffset, a.FilePath), (b.Format, b.RecordIndex, b.ByteOffset, b.FilePath));
            Assert.Equal((view.Format, view.RecordIndex, view.ByteOffset, view.FilePath), (a.Format, a.RecordIndex, a.ByteOffset, a.FilePath));
            Assert.Equal((a.EventBridgeId, a.EventBridgeTime, a.Region, a.Account, a.DetailType), (b.EventBridgeId, b.EventBridgeTime, b.Region, b.Account, b.DetailType));
            Assert.Equal((a.LogGroup, a.LogStream, a.LogEventId), (b.LogGroup, b.LogStream, b.LogEventId));
            Assert.Equal(a.OriginalJson?.ToString(), b.OriginalJson?.ToString());
            i++;
        }
        Assert.Equal(expected.Count, i);
        return i;
    }

    public static IEnumerable<object[]> Framings() => CloudTrailLogTests.Framings();

    [Theory]
    [MemberData(nameof(Framings))]
    public void Views_of_every_framing_are_the_records_Read_gives(string name, Func<IReadOnlyList<string>, string> frame)
    {
        byte[] input = Encoding.UTF8.GetBytes(frame(s_seed));
        Assert.Equal(s_seed.Length, AssertViewsMatchRead(input, name));
        Assert.Equal(s_seed.Length, AssertViewsMatchRead(Gzip(input), name + " gzip"));
        Assert.Equal(s_seed.Length, AssertViewsMatchRead(input, name + " keeping JSON", new CloudTrailReadOptions { KeepOriginalJson = true, SourceName = "s3://bucket/key" }));
    }

    [Fact]
    public void Views_of_a_large_log_file_cross_buffer_boundaries()
    {
        // Enough records that many are cut off by the end of the reader's buffer, and one record
        // larger than the buffer.
        var records = new List<string>();
        for (int i = 0; i < 3000; i++) records.Add(s_seed[i % s_seed.Length]);
        var big = JsonNode.Parse(s_seed[1])!.AsObject();
        big["requestParameters"] = new JsonObject { ["message"] = new string('x', 600_000) };
        records.Insert(1500, big.ToJsonString());
        byte[] log = Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", records) + "]}");
        Assert.Equal(records.Count, AssertViewsMatchRead(log, "log file"));
        byte[] lines = Encoding.UTF8.GetBytes(string.Join("\n", records.Select(r => JsonNode.Parse(r)!.ToJsonString())));
        Assert.Equal(records.Count, AssertViewsMatchRead(lines, "ndjson"));
    }

    [Fact]
    public void Fields_are_read_as_the_typed_reader_reads_them()
    {
        string[] odd =
        [
            // escapes, a repeated key (the last wins), a string field holding a number, readOnly as a string, eventTime as epoch seconds
            """{"eventVersion":"1.08","eventSource":"iam.amazonaws.com","eventName":"Create\u0055ser","eventName":"CreateRole","awsRegion":7,"readOnly":"TRUE","eventTime":1700000000,"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/Admin/al\u00efce","sessionContext":{"attributes":{"arn":"x"},"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/Admin","userName":"Admin"}}},"recipientAccountId":"111122223333"}""",
            // a userIdentity that is not an object; readOnly false; no eventTime
            """{"eventVersion":"1.08","eventSource":"s3.amazonaws.com","eventName":"GetObject","userIdentity":"someone","readOnly":false,"errorCode":"AccessDenied","resources":[{"arn":"a","type":"b"}]}""",
            // userIdentity given twice: the second replaces the first
            """{"eventVersion":"1.08","eventName":"X","userIdentity":{"type":"IAMUser","userName":"bob","arn":"arn:aws:iam::1:user/bob"},"userIdentity":{"type":"Root"},"eventTime":"2024-01-02T03:04:05Z"}""",
        ];
        byte[] input = Encoding.UTF8.GetBytes(string.Join("\n", odd));
        Assert.Equal(3, AssertViewsMatchRead(input, "odd"));
        var views = CloudTrailLog.ReadViews(new MemoryStream(input)).Select(v => (v.EventName, v.AwsRegion, v.ReadOnly, v.UserIdentityArn, v.SessionIssuerArn, v.UserIdentityType)).ToList();
        Assert.Equal(("CreateRole", null, true, "arn:aws:sts::111122223333:assumed-role/Admin/al\u00efce", "arn:aws:iam::111122223333:role/Admin", "AssumedRole"), views[0]);
        Assert.Equal(("GetObject", null, false, null, null, null), views[1]);
        Assert.Equal(("X", null, null, null, null, "Root"), views[2]);
    }

    [Fact]
    public void A_view_is_valid_only_while_its_reader_is_on_a_record()
    {
        byte[] input = Encoding.UTF8.GetBytes(string.Join("\n", s_seed.Select(s => JsonNode.Parse(s)!.ToJsonString())));
        CloudTrailRecordView? kept = null;
        var names = new List<string?>();
        foreach (var view in CloudTrailLog.ReadViews(new MemoryStream(input)))
        {
            kept ??= view;
            Assert.Same(kept, view); // one object, reused
            names.Add(view.EventName);
        }
        Assert.Equal(s_seed.Select(s => Json.Read(s).EventName), names);
        var e = Assert.Throws<InvalidOperationException>(() => kept!.EventName);
        Assert.Contains("valid only while its reader is on a record", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Async_and_file_views_are_the_records_Read_gives()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ctg-views-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string log = "{\"Records\":[" + string.Join(",", s_seed) + "]}";
            File.WriteAllBytes(Path.Combine(dir, "a.json.gz"), Gzip(Encoding.UTF8.GetBytes(log)));
            File.WriteAllText(Path.Combine(dir, "b.ndjson"), string.Join("\n", s_seed.Select(s => JsonNode.Parse(s)!.ToJsonString())));
            var expected = CloudTrailLog.ReadDirectory(dir).Select(r => (Json.Write(r), r.Delivery!.FilePath, r.Delivery.RecordIndex)).ToList();
            var fromViews = CloudTrailLog.ReadDirectoryViews(dir).Select(v => { var r = v.Materialize(); return (Json.Write(r), v.FilePath, v.RecordIndex); }).ToList();
            Assert.Equal(expected, fromViews);
            var fromAsync = new List<(string, string?, long)>();
            foreach (string file in CloudTrailLogReader.GetLogFiles(dir))
            {
                await foreach (var view in CloudTrailLog.ReadFileViewsAsync(file))
                {
                    fromAsync.Add((Json.Write(view.Materialize()), view.FilePath, view.RecordIndex));
                }
            }
            Assert.Equal(expected, fromAsync);
            Assert.Equal(s_seed.Length * 2, expected.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Statistics_and_issues_are_those_of_Read()
    {
        string input = string.Join("\n", s_seed.Select(s => JsonNode.Parse(s)!.ToJsonString())) + "\n{\"broken\": \n" + "{\"Type\":\"Notification\",\"Message\":\"m\",\"TopicArn\":\"t\"}\n";
        var readStats = new CloudTrailReadStatistics();
        var readIssues = new List<string>();
        int read = CloudTrailLog.Read(Bytes(input), new CloudTrailReadOptions { Statistics = readStats, OnIssue = i => readIssues.Add(i.Message) }).Count();
        var viewStats = new CloudTrailReadStatistics();
        var viewIssues = new List<string>();
        int viewed = CloudTrailLog.ReadViews(Bytes(input), new CloudTrailReadOptions { Statistics = viewStats, OnIssue = i => viewIssues.Add(i.Message) }).Count();
        Assert.Equal(s_seed.Length, read);
        Assert.Equal(read, viewed);
        Assert.Equal((readStats.Records, readStats.Skipped, readStats.Malformed, readStats.Bytes), (viewStats.Records, viewStats.Skipped, viewStats.Malformed, viewStats.Bytes));
        Assert.Equal(readIssues, viewIssues);
        Assert.Equal(2, readIssues.Count);
    }

    [CorpusFact]
    public void Views_of_every_corpus_record_are_the_records_Read_gives()
    {
        var records = Corpus.Records().ToList();
        Assert.NotEmpty(records);
        byte[] lines = Encoding.UTF8.GetBytes(string.Join("\n", records.Select(r => r.Json)));
        int count = AssertViewsMatchRead(lines, "corpus ndjson");
        Assert.True(count >= records.Count * 9 / 10, $"{count} of {records.Count} corpus lines read as records");
        byte[] log = Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", records.Select(r => r.Json)) + "]}");
        Assert.Equal(count, AssertViewsMatchRead(log, "corpus log file"));
        Assert.Equal(count, AssertViewsMatchRead(Gzip(log), "corpus log file gzip"));
    }

    [Fact]
    public void Views_of_TrailScans_sample_logs_are_the_records_Read_gives()
    {
        string samples = Path.Combine(RepositoryRoot(), "samples", "TrailScan", "SampleLogs");
        var files = CloudTrailLogReader.GetLogFiles(samples);
        Assert.NotEmpty(files);
        int total = 0;
        foreach (string file in files) total += AssertViewsMatchRead(File.ReadAllBytes(file), Path.GetFileName(file));
        Assert.True(total > 100, $"{total} records in the sample logs");
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudTrailGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CloudTrailGen.sln not found above " + AppContext.BaseDirectory);
    }
}
