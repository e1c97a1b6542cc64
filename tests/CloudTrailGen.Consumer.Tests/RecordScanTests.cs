using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrailGen;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// The view's own scanner against the reader-based scan it stands in for: the same records
/// accepted, ending at the same byte, with the same fields; the same records refused, on real
/// records and on random damage done to them.
/// </summary>
public class RecordScanTests
{
    private const int MaxDepth = 128; // CloudTrailReadOptions' default

    private static readonly string[] s_seed =
    {
        Json.Seed("cloudtrail-start-logging"), Json.Seed("sns-publish"),
        Json.Seed("cognito-get-credentials-for-identity"), Json.Seed("insight-autoscaling-complete-lifecycle-action"),
        Json.Seed("cloudtrail-start-event-data-store-ingestion"),
    };

    // Bytes that matter to JSON, for damage: structure, string and number syntax, a control character.
    private static readonly byte[] s_damage = "{}[]\":,\\ \t\n0123456789-+.eEtrufalsn/bu\u0001x"u8.ToArray();

    private static CloudTrailRecordView<CloudTrailRecord> NewView() =>
        new(CloudTrailJsonContext.Default.CloudTrailRecord, CloudTrailReadOptions.Default);

    /// <summary>What a scan found: whether it settled the record, where it ends, and every field the view gives.</summary>
    private static string Outcome(CloudTrailRecordView<CloudTrailRecord> view, byte[] json, bool settled, int length)
    {
        if (!settled) return "not settled";
        view.SetScanned(json.AsMemory(0, length), CloudTrailSourceFormat.Records, 0, 0, null);
        var text = new StringBuilder($"length {length}; insight {view.IsInsight}; readOnly {view.ReadOnly}; eventTime {view.EventTime:O}");
        foreach (var field in Enum.GetValues<CloudTrailRecordField>())
        {
            text.Append($"; {field} {(view.Has(field) ? "=" + Convert.ToHexString(view.GetUtf8(field)) : "absent")}");
        }
        view.Invalidate();
        return text.ToString();
    }

    private static string Fast(byte[] json)
    {
        var view = NewView();
        bool settled = view.TryScanFast(json, MaxDepth, out int length, out _);
        return Outcome(view, json, settled, length);
    }

    private static string WithReader(byte[] json)
    {
        var view = NewView();
        bool settled;
        int length;
        try
        {
            settled = view.TryScanWithReader(json, new JsonReaderOptions { MaxDepth = MaxDepth }, out length);
        }
        catch (JsonException)
        {
            return "not settled";
        }
        return Outcome(view, json, settled, length);
    }

    private static IEnumerable<string> Records() =>
        s_seed.Concat(Corpus.Directory is null ? [] : Corpus.Records().Select(r => r.Json));

    [Fact]
    public void Every_record_is_settled_with_the_fields_the_reader_finds()
    {
        int count = 0;
        foreach (string record in Records())
        {
            byte[] json = Encoding.UTF8.GetBytes(record);
            if (WithReader(json) == "not settled") continue; // a corpus line that is not one JSON object
            string fast = Fast(json);
            Assert.NotEqual("not settled", fast);
            Assert.Equal(WithReader(json), fast);
            count++;
        }
        Assert.True(count >= s_seed.Length, $"{count} records compared");
    }

    [Fact]
    public void Random_damage_is_accepted_or_refused_as_the_reader_does()
    {
        var random = new Random(20261206);
        var records = Records().Select(r => Encoding.UTF8.GetBytes(r)).Where(r => WithReader(r) != "not settled").ToList();
        int accepted = 0, refused = 0;
        for (int round = 0; round < 20_000; round++)
        {
            byte[] json = Damage(records[random.Next(records.Count)], random);
            string expected = WithReader(json);
            string actual = Fast(json);
            Assert.True(expected == actual, $"damaged record {Encoding.UTF8.GetString(json)}\nreader: {expected}\nscanner: {actual}");
            if (expected == "not settled") refused++;
            else accepted++;
        }
        // Both kinds were seen often: the damage tests acceptance as well as refusal.
        Assert.True(accepted > 2_000 && refused > 2_000, $"{accepted} accepted, {refused} refused");
    }

    /// <summary>One to three bytes deleted, inserted or replaced (with bytes that matter to JSON), or the record cut short.</summary>
    private static byte[] Damage(byte[] json, Random random)
    {
        var bytes = new List<byte>(json);
        int edits = random.Next(1, 4);
        for (int i = 0; i < edits && bytes.Count > 2; i++)
        {
            int at = random.Next(bytes.Count);
            byte with = s_damage[random.Next(s_damage.Length)];
            switch (random.Next(4))
            {
                case 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.Insert(at, with);
                    break;
                case 2:
                    bytes[at] = with;
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }
        return bytes.ToArray();
    }

    public static IEnumerable<object[]> Values() =>
    [
        ["0"], ["-0"], ["12"], ["-3.25"], ["1e5"], ["1E+5"], ["2.5e-3"], ["01"], ["1."], [".5"], ["-"], ["1e"], ["1e+"], ["+1"], ["1.5.2"], ["0x10"],
        ["true"], ["false"], ["null"], ["tru"], ["nul"], ["True"], ["truex"],
        ["\"\""], ["\"a\\u00e9b\""], ["\"\\ud800\""], ["\"\\u12G4\""], ["\"\\x\""], ["\"\\/\\b\\f\\n\\r\\t\\\"\\\\\""], ["\"tab\there\""], ["\"open"],
        ["{}"], ["[]"], ["[1,]"], ["{\"a\":1,}"], ["{\"a\" 1}"], ["{a:1}"], ["[1 2]"], ["[,1]"], ["{\"a\":1}}"], ["[[[]]]"], ["[{\"k\":[true,{\"x\":null}]}]"],
        [" \t\r\n [ 1 , { \"a\" : \"b\" } ] "], ["/* comment */ 1"], ["[1] // comment"],
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void Odd_values_are_settled_as_the_reader_settles_them(string value)
    {
        // In a part the scanner steps over, and in fields it reads.
        foreach (string template in new[]
        {
            "{\"eventVersion\":\"1.08\",\"eventName\":\"Get\",\"requestParameters\":{\"v\":VALUE},\"awsRegion\":\"eu-west-1\"}",
            "{\"eventVersion\":\"1.08\",\"eventName\":VALUE,\"readOnly\":VALUE,\"eventTime\":VALUE}",
            "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":VALUE,\"sessionContext\":{\"sessionIssuer\":{\"arn\":VALUE}}}}",
            "{\"eventVersion\":\"1.08\",\"userIdentity\":VALUE,\"insightDetails\":VALUE}",
        })
        {
            byte[] json = Encoding.UTF8.GetBytes(template.Replace("VALUE", value, StringComparison.Ordinal));
            Assert.Equal(WithReader(json), Fast(json));
        }
    }

    [Theory]
    [InlineData("{\"event\\u004eame\":\"AssumeRole\",\"eventSource\":\"sts.amazonaws.com\"}")]
    [InlineData("{\"EVENTNAME\":\"AssumeRole\",\"eventName\":\"GetCallerIdentity\"}")]
    [InlineData("{\"eventName\":\"AssumeRole\",\"EVENTNAME\":\"GetCallerIdentity\"}")]
    [InlineData("{\"userIdentity\":{\"arn\":\"a\"},\"userIdentity\":{\"type\":\"IAMUser\"}}")]
    [InlineData("{\"userIdentity\":{\"sessionContext\":{\"sessionIssuer\":{\"arn\":\"r\"}},\"sessionContext\":null}}")]
    [InlineData("{\"eventName\":\"Caf\\u00e9\",\"awsRegion\":\"\\ud83d\\ude00\",\"errorCode\":\"\\udc00\"}")]
    [InlineData("{\"readOnly\":\"TRUE\",\"eventTime\":1700000000,\"insightDetails\":[]}")]
    public void Keys_and_repeats_are_read_as_the_reader_reads_them(string record)
    {
        byte[] json = Encoding.UTF8.GetBytes(record);
        string fast = Fast(json);
        Assert.NotEqual("not settled", fast);
        Assert.Equal(WithReader(json), fast);
    }

    [Fact]
    public void Deep_nesting_is_settled_by_the_scanner_up_to_the_readers_limit_and_read_as_Read_reads_it()
    {
        // 70 levels: deeper than one call of the scanner's skip tracks (64), within the reader's 128.
        string deep = "{\"eventVersion\":\"1.08\",\"eventName\":\"Deep\",\"requestParameters\":" + new string('[', 70) + new string(']', 70) + "}";
        byte[] json = Encoding.UTF8.GetBytes(deep);
        Assert.NotEqual("not settled", Fast(json));
        Assert.Equal(WithReader(json), Fast(json));

        // Through the public API, with a record too deep for the reader beside it: the same records and issues as Read.
        string tooDeep = deep.Replace(new string('[', 70) + new string(']', 70), new string('[', 200) + new string(']', 200), StringComparison.Ordinal);
        string lines = string.Join("\n", JsonNode.Parse(s_seed[0])!.ToJsonString(), deep, tooDeep, JsonNode.Parse(s_seed[1])!.ToJsonString());
        AssertViewsAsRead(Encoding.UTF8.GetBytes(lines), expectedRecords: 3, expectedIssues: 1);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    [InlineData("[{\"k\":[1,{\"b\":", "}]}]")]
    public void Every_depth_around_the_scanners_and_the_readers_limits_is_settled_as_the_reader_settles_it(string open, string close)
    {
        // Around 64 (one call of the skip), 128 (two calls, and the reader's limit) and past it, in
        // requestParameters (skipped) and in userIdentity.sessionContext (scanned for fields).
        int settled = 0, refused = 0;
        for (int levels = 1; levels < 140; levels++)
        {
            string nest = string.Concat(Enumerable.Repeat(open, levels)) + "true" + string.Concat(Enumerable.Repeat(close, levels));
            foreach (string record in new[]
            {
                "{\"eventName\":\"Deep\",\"requestParameters\":" + nest + ",\"eventSource\":\"ec2.amazonaws.com\"}",
                "{\"userIdentity\":{\"type\":\"AssumedRole\",\"sessionContext\":{\"x\":" + nest + ",\"sessionIssuer\":{\"arn\":\"arn:aws:iam::1:role/R\"}}},\"eventName\":\"Deep\"}",
            })
            {
                byte[] json = Encoding.UTF8.GetBytes(record);
                string expected = WithReader(json);
                Assert.Equal(expected, Fast(json));
                if (expected == "not settled") refused++;
                else settled++;
            }
        }
        Assert.True(settled > 50 && refused > 10, $"{settled} settled, {refused} refused");
    }

    [Fact]
    public void Damaged_lines_are_reported_as_Read_reports_them()
    {
        var random = new Random(7);
        var good = s_seed.Select(s => Encoding.UTF8.GetBytes(JsonNode.Parse(s)!.ToJsonString())).ToList();
        var lines = new List<byte[]>();
        for (int i = 0; i < 400; i++)
        {
            var line = good[i % good.Count];
            lines.Add(i % 3 == 0 ? Damage(line, random).Where(b => b != (byte)'\n').ToArray() : line);
        }
        byte[] input = lines.SelectMany(l => l.Append((byte)'\n')).ToArray();
        AssertViewsAsRead(input, expectedRecords: null, expectedIssues: null);
    }

    /// <summary>Reads the input as views and with Read: the same records (as JSON) and the same issues.</summary>
    private static void AssertViewsAsRead(byte[] input, int? expectedRecords, int? expectedIssues)
    {
        var readIssues = new List<string>();
        var read = CloudTrailLog.Read(new MemoryStream(input), new CloudTrailReadOptions { OnIssue = i => readIssues.Add(i.Message) }).Select(Json.Write).ToList();
        var viewIssues = new List<string>();
        var viewed = CloudTrailLog.ReadViews(new MemoryStream(input), new CloudTrailReadOptions { OnIssue = i => viewIssues.Add(i.Message) })
            .Select(v => Json.Write(v.Materialize())).ToList();
        Assert.Equal(read, viewed);
        Assert.Equal(readIssues, viewIssues);
        if (expectedRecords is int records) Assert.Equal(records, read.Count);
        if (expectedIssues is int issues) Assert.Equal(issues, readIssues.Count);
    }
}
