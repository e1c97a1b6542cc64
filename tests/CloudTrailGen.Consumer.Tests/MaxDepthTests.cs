using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CloudTrailGen;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// CloudTrailReadOptions.MaxDepth is the one limit on nesting: everything the log reader does
/// with a record (framing, classifying, unwrapping, keeping the original JSON) honours it, and
/// what takes no options uses its default.
/// </summary>
public class MaxDepthTests
{
    private const string Sns = """{"eventVersion":"1.08","eventSource":"sns.amazonaws.com","eventName":"Publish","awsRegion":"us-east-1","eventID":"e1"}""";

    /// <summary>Objects nested <paramref name="depth"/> deep: <c>{"a":{"a":...1...}}</c>.</summary>
    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    /// <summary>The record with one more key, whose value is <paramref name="value"/> (the record nests one deeper).</summary>
    private static string With(string record, string key, string value) => record[..^1] + ",\"" + key + "\":" + value + "}";

    private static Stream Utf8(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static string EventBridge(string detail) => "{\"version\":\"0\",\"id\":\"i\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.sns\",\"detail\":" + detail + "}";

    [Fact]
    public void A_record_nested_deeper_than_a_small_MaxDepth_is_reported_as_deeper_input_always_was()
    {
        // This held before the fixed limits went too (they were looser than the option, and ran
        // only on JSON the framing had checked against it): it keeps the paths that now take the
        // option from being looser than the framing.
        string shallow = With(Sns, "deep", Nested(10));
        string deep = With(Sns, "deep", Nested(20));

        // One record per line, in a JSON string, and in an EventBridge event: reported as
        // malformed, and the next record is read.
        foreach (string line in new[] { deep, JsonSerializer.Serialize(deep), EventBridge(deep) })
        {
            var issues = new List<CloudTrailReadIssue>();
            var options = new CloudTrailReadOptions { MaxDepth = 16, OnIssue = issues.Add };
            var records = CloudTrailLog.Read(Utf8(shallow + "\n" + line + "\n" + Sns + "\n"), options).ToList();
            Assert.Equal(2, records.Count);
            Assert.Equal(CloudTrailReadIssueKind.Malformed, Assert.Single(issues).Kind);
            Assert.Contains("depth", issues[0].Message, StringComparison.OrdinalIgnoreCase);
        }

        // In a log file's Records array: reading ends there, after the records before it.
        var read = new List<CloudTrailRecord>();
        var error = Assert.Throws<CloudTrailFormatException>(() =>
        {
            foreach (var record in CloudTrailLog.Read(Utf8("{\"Records\":[" + shallow + "," + deep + "]}"), new CloudTrailReadOptions { MaxDepth = 16 })) read.Add(record);
        });
        Assert.Single(read);
        Assert.Equal(1, error.RecordIndex);
        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_record_nested_deeper_than_the_fixed_limits_of_before_is_read_within_a_larger_MaxDepth(bool keepOriginalJson)
    {
        // Deeper than the 256 that kept original JSON was parsed with and than the 1024 that
        // records were classified with; within the option.
        string deepValue = Nested(1100);
        string deep = With(Sns, "deep", deepValue);
        var options = new CloudTrailReadOptions { MaxDepth = 1200, KeepOriginalJson = keepOriginalJson };
        foreach (string input in new[] { deep + "\n", "{\"Records\":[" + deep + "]}", JsonSerializer.Serialize(deep), EventBridge(deep) })
        {
            var issues = new List<CloudTrailReadIssue>();
            options.OnIssue = issues.Add;
            var record = Assert.Single(CloudTrailLog.Read(Utf8(input), options));
            Assert.Empty(issues);
            Assert.IsType<My.Ct.Sns.PublishEvent>(record);
            Assert.Equal(deepValue, record.GetUnknownMembers().Single(m => m.Key == "deep").Value.ToString());
            if (keepOriginalJson) Assert.Equal(deep, record.Delivery!.OriginalJson!.Value.ToString());
        }
    }

    [Fact]
    public void What_takes_no_options_nests_as_deep_as_the_default_MaxDepth()
    {
        Assert.Equal(128, new CloudTrailReadOptions().MaxDepth);

        // RawJson.Parse and ToJsonElement: to the default and no deeper.
        var atLimit = RawJson.Parse(Nested(128));
        Assert.Equal(JsonValueKind.Object, atLimit.ToJsonElement().ValueKind);
        Assert.ThrowsAny<JsonException>(() => RawJson.Parse(Nested(129)));

        // A request logged as a JSON string is typed on first use within the default; deeper, it
        // is kept raw only, as any value that does not fit is.
        foreach (int depth in new[] { 100, 200 })
        {
            string request = "{\"topicArn\":\"arn:aws:sns:us-east-1:1:t\",\"deep\":" + Nested(depth) + "}";
            var record = Assert.IsType<My.Ct.Sns.PublishEvent>(Assert.Single(CloudTrailLog.Read(Utf8(With(Sns, "requestParameters", JsonSerializer.Serialize(request))))));
            Assert.Equal(JsonValueKind.String, record.RequestParameters!.Value.ValueKind);
            if (depth < 128) Assert.Equal("arn:aws:sns:us-east-1:1:t", record.Request!.TopicArn);
            else Assert.Null(record.Request);
        }
    }
}
