using System;
using System.Linq;
using System.Text.Json;
using CloudTrailGen;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>Odd values CloudTrail really logs: read leniently, kept exactly, written back unchanged.</summary>
public class LenientReadingTests
{
    [Theory]
    [InlineData("\"true\"", true)]
    [InlineData("\"True\"", true)]
    [InlineData("\"FALSE\"", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Booleans_are_read_from_strings_in_any_case_and_written_as_read(string literal, bool expected)
    {
        string json = $$"""{"readOnly":{{literal}},"sessionCredentialFromConsole":{{literal}}}""";
        var record = Json.Read(json);
        Assert.Equal(expected, record.ReadOnly);
        Assert.Equal(expected, record.SessionCredentialFromConsole);
        Assert.Equal(json, Json.Write(record));
    }

    [Theory]
    [InlineData("2023-07-19T21:33:41Z", "2023-07-19T21:33:41+00:00")]
    [InlineData("2024-02-29T24:00:00Z", "2024-03-01T00:00:00+00:00")] // rolled over: the text is kept
    [InlineData("2016-12-31T23:59:60Z", "2017-01-01T00:00:00+00:00")] // a leap second, rolled over
    [InlineData("2023-07-19t21:33:41z", "2023-07-19T21:33:41+00:00")]
    [InlineData("2025-01-21 17:49:47.000000000", "2025-01-21T17:49:47+00:00")]
    [InlineData("2019-11-12T09:01:07+0000", "2019-11-12T09:01:07+00:00")]
    [InlineData("2019-11-12T09:01:07.123456789-05:00", "2019-11-12T09:01:07.1234567-05:00")]
    [InlineData("20131102T010628Z", "2013-11-02T01:06:28+00:00")]
    [InlineData("Jan 19, 2023 5:55:08 PM", "2023-01-19T17:55:08+00:00")]
    [InlineData("Oct 8, 2024, 4:15:32 PM", "2024-10-08T16:15:32+00:00")]
    [InlineData("Wed, 21 Oct 2020 07:28:00 GMT", "2020-10-21T07:28:00+00:00")]
    [InlineData("1726046908000", "2024-09-11T09:28:28+00:00")]
    public void Timestamps_in_every_logged_format(string text, string expected)
    {
        string json = $$"""{"eventTime":"{{text}}"}""";
        var record = Json.Read(json);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), record.EventTime);
        Assert.Equal(json, Json.Write(record)); // the original text is kept when the canonical form differs
    }

    [Theory]
    [InlineData("2023-07-19T21:33:41Z")]
    [InlineData("2024-02-29T23:59:59Z")] // a leap day
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public void Canonical_timestamps_are_typed_without_a_raw_copy(string text)
    {
        string json = $$"""{"eventTime":"{{text}}"}""";
        var record = Json.Read(json);
        Assert.Equal(DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal), record.EventTime);
        Assert.Equal(TimeSpan.Zero, record.EventTime!.Value.Offset);
        Assert.False(record.TryGetRawValue("eventTime", out _));
        Assert.Equal(json, Json.Write(record));
    }

    [Theory]
    [InlineData("2023-02-29T00:00:00Z")] // not a leap year
    [InlineData("2023-04-31T00:00:00Z")]
    [InlineData("2023-13-01T00:00:00Z")]
    [InlineData("2023-00-10T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2023-07-19T21:60:00Z")]
    [InlineData("2023-07-19T25:00:00Z")]
    [InlineData("2023-07-19T2a:33:41Z")]
    [InlineData("2023-07-19X21:33:41Z")]
    public void Timestamps_of_the_canonical_shape_but_no_valid_time_are_kept_raw(string text)
    {
        string json = $$"""{"eventTime":"{{text}}"}""";
        var record = Json.Read(json);
        Assert.Null(record.EventTime);
        Assert.True(record.TryGetRawValue("eventTime", out var raw));
        Assert.Equal($"\"{text}\"", raw.ToString());
        Assert.Equal(json, Json.Write(record));
    }

    [Fact]
    public void Epoch_milliseconds_as_a_number_and_unparseable_times_are_kept()
    {
        var number = Json.Read("""{"eventTime":1726046908000}""");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1726046908000), number.EventTime);
        Assert.Equal("""{"eventTime":1726046908000}""", Json.Write(number));

        var placeholder = Json.Read("""{"eventTime":"..."}""");
        Assert.Null(placeholder.EventTime);
        Assert.True(placeholder.TryGetRawValue("eventTime", out var raw));
        Assert.Equal("\"...\"", raw.ToString());
        Assert.Equal("""{"eventTime":"..."}""", Json.Write(placeholder));
    }

    [Fact]
    public void Numbers_in_strings_are_typed_and_kept()
    {
        string json = """{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","requestParameters":{"durationSeconds":"900","roleArn":"arn:aws:iam::1:role/x"}}""";
        var e = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(json));
        Assert.Equal(900, e.Request!.DurationSeconds);
        Json.AssertRoundTrip(json, e);
        Assert.Contains("\"durationSeconds\":\"900\"", Json.Write(e), StringComparison.Ordinal);
    }

    [Fact]
    public void Values_of_the_wrong_type_are_kept_raw()
    {
        string json = """{"eventVersion":1.08,"userIdentity":"HIDDEN_DUE_TO_SECURITY_REASONS","resources":{"not":"a list"},"userAgent":["a","b"],"readOnly":"maybe"}""";
        var record = Json.Read(json);
        Assert.Null(record.EventVersion);
        Assert.Null(record.UserIdentity);
        Assert.Null(record.Resources);
        Assert.Null(record.UserAgent);
        Assert.Null(record.ReadOnly);
        Assert.True(record.TryGetRawValue("userAgent", out var agent));
        Assert.Equal("[\"a\",\"b\"]", agent.ToString());
        Json.AssertRoundTrip(json, record);
    }

    [Fact]
    public void A_list_with_an_element_that_does_not_fit_keeps_what_fits_and_writes_the_original()
    {
        string json = """{"resources":[{"ARN":"arn:1","type":"AWS::S3::Object"},"odd",{"ARN":"arn:2"}]}""";
        var record = Json.Read(json);
        Assert.Equal(new[] { "arn:1", "arn:2" }, record.Resources!.Select(r => r.Arn).ToArray());
        Assert.Equal(json, Json.Write(record));
    }

    [Fact]
    public void Unknown_keys_are_kept_in_order_and_written_after_the_typed_members()
    {
        string json = """{"p_log_type":"AWS.CloudTrail","eventName":"X","p_any":{"a":[1,2.50,"\u00e9"]},"userIdentity":{"type":"Root","newField":true}}""";
        var record = Json.Read(json);
        var unknown = record.GetUnknownMembers();
        Assert.Equal(new[] { "p_log_type", "p_any" }, unknown.Select(u => u.Key).ToArray());
        Assert.Equal("{\"a\":[1,2.50,\"\\u00e9\"]}", unknown[1].Value.ToString()); // escapes and number text as read
        Assert.Equal("true", record.UserIdentity!.GetUnknownMembers().Single().Value.ToString());
        Json.AssertRoundTrip(json, record);
    }

    [Fact]
    public void Keys_match_in_any_case_and_keep_their_spelling()
    {
        string json = """{"eventname":"Publish","EVENTSOURCE":"sns.amazonaws.com","resources":[{"arn":"arn:x"}]}""";
        var record = Json.Read(json);
        Assert.IsType<My.Ct.Sns.PublishEvent>(record);
        Assert.Equal("Publish", record.EventName);
        Assert.Equal("arn:x", record.Resources![0].Arn);
        Json.AssertRoundTrip(json, record);
        Assert.Contains("\"eventname\":\"Publish\"", Json.Write(record), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_spellings_of_one_key_are_both_kept()
    {
        string json = """{"resources":[{"ARN":"upper","arn":"lower"}]}""";
        var record = Json.Read(json);
        var resource = record.Resources![0];
        Assert.Equal("upper", resource.Arn);
        Assert.Equal("lower", resource.GetUnknownMembers().Single(u => u.Key == "arn").Value.GetStringValue());
        Json.AssertRoundTrip(json, record);
    }

    [Fact]
    public void A_repeated_key_takes_the_last_value()
    {
        var record = Json.Read("""{"eventName":"First","awsRegion":null,"eventName":"Last","awsRegion":"us-east-1","x":1,"x":2}""");
        Assert.Equal("Last", record.EventName);
        Assert.Equal("us-east-1", record.AwsRegion);
        Assert.Equal("""{"eventName":"Last","awsRegion":"us-east-1","x":2}""", Json.Write(record));
    }

    [Fact]
    public void Explicit_null_and_absent_members_stay_distinct()
    {
        string json = """{"eventSource":"cloudtrail.amazonaws.com","eventName":"StartLogging","requestParameters":{"name":"t"},"responseElements":null}""";
        var record = Json.Read(json);
        Assert.Null(record.ResponseElements);
        Assert.Null(record.ErrorCode);
        Assert.Equal(json, Json.Write(record));
    }

    [Fact]
    public void Open_enums_keep_unknown_values_and_match_known_ones()
    {
        var record = Json.Read("""{"eventCategory":"SomethingNew","eventType":"AwsConsoleSignin","userIdentity":{"type":"IdentityCenterUser"}}""");
        var category = record.EventCategory!.Value;
        Assert.False(category.IsKnown);
        Assert.Equal(EventCategory.Unrecognized, category.Value);
        Assert.Equal("SomethingNew", category.Raw);

        // An alias (the lower-case 'i' that some records use) is the known value, and keeps its spelling.
        Assert.True(record.EventType == EventType.AwsConsoleSignIn);
        Assert.Equal("AwsConsoleSignin", record.EventType!.Value.Raw);

        string kind = record.UserIdentity!.Type?.Value switch
        {
            UserIdentityType.IAMUser => "user",
            UserIdentityType.IdentityCenterUser => "identity center",
            _ => "other",
        };
        Assert.Equal("identity center", kind);
        Assert.Equal("""{"userIdentity":{"type":"IdentityCenterUser"},"eventType":"AwsConsoleSignin","eventCategory":"SomethingNew"}""", Json.Write(record));
    }

    [Fact]
    public void Known_enum_values_can_be_assigned()
    {
        var record = Json.Read("{}");
        record.EventCategory = EventCategory.Data;
        record.Resources = new() { new Resource { Type = ResourceType.QAppsQApp, Arn = "arn:q" } };
        Assert.Equal("""{"resources":[{"type":"AWS::QApps::QApp","ARN":"arn:q"}],"eventCategory":"Data"}""", Json.Write(record));
        Assert.True(Json.Read("""{"resources":[{"type":"AWS::QApps:QApp"}]}""").Resources![0].Type == ResourceType.QAppsQApp);
    }

    [Fact]
    public void Dispatch_does_not_depend_on_key_order()
    {
        string late = """{"requestParameters":{"topicArn":"arn:t"},"eventName":"Publish","eventSource":"sns.amazonaws.com"}""";
        var e = Assert.IsType<My.Ct.Sns.PublishEvent>(Json.Read(late));
        Assert.Equal("arn:t", e.Request!.TopicArn);
        Json.AssertRoundTrip(late, e);

        Assert.IsType<CloudTrailRecord>(Json.Read("""{"eventName":"Publish","eventSource":"sqs.amazonaws.com"}"""));
        Assert.IsType<CloudTrailRecord>(Json.Read("""{"eventName":"NoSuchEvent","eventSource":"sns.amazonaws.com"}"""));
    }

    [Fact]
    public void Event_name_aliases_dispatch_to_the_same_class()
    {
        var e = Json.Read("""{"eventSource":"lambda.amazonaws.com","eventName":"UpdateFunctionCode20150331v2"}""");
        Assert.IsType<My.Ct.Lambda.UpdateFunctionCodeEvent>(e);
    }

    [Fact]
    public void Request_parameters_logged_as_a_json_string_are_typed_and_stay_a_string()
    {
        string json = """{"eventSource":"sns.amazonaws.com","eventName":"Publish","requestParameters":"{\"topicArn\":\"arn:s\"}"}""";
        var e = Assert.IsType<My.Ct.Sns.PublishEvent>(Json.Read(json));
        Assert.Equal("arn:s", e.Request!.TopicArn);
        Assert.Equal(json, Json.Write(e));
    }

    [Fact]
    public void Setting_a_property_replaces_the_kept_raw_value()
    {
        var record = Json.Read("""{"readOnly":"True","eventTime":"Jan 19, 2023 5:55:08 PM"}""");
        record.ReadOnly = false;
        record.EventTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.Equal("""{"eventTime":"2024-01-02T03:04:05Z","readOnly":false}""", Json.Write(record));
    }

    [Fact]
    public void Setting_a_typed_request_replaces_the_raw_parameters()
    {
        var e = Assert.IsType<My.Ct.Sns.PublishEvent>(Json.Read("""{"eventSource":"sns.amazonaws.com","eventName":"Publish","requestParameters":{"topicArn":"old"}}"""));
        e.Request!.TopicArn = "new";
        Assert.Contains("\"requestParameters\":{\"topicArn\":\"new\"}", Json.Write(e), StringComparison.Ordinal);
        e.Request = null;
        Assert.DoesNotContain("requestParameters", Json.Write(e), StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_strings_are_shared_and_text_that_is_not_ascii_is_read_exactly()
    {
        // Read three times: a string takes a place in the reader's string table the second time it
        // is seen, and is returned from there after that.
        string json = """{"eventSource":"sns.amazonaws.com","awsRegion":"eu-west-3","userAgent":"caf\u00e9/1 \u00e9t\u00e9 \U0001F600"}""";
        string utf8Text = json.Replace("\\u00e9", "\u00e9", StringComparison.Ordinal).Replace("\\U0001F600", "\U0001F600", StringComparison.Ordinal);
        var records = Enumerable.Range(0, 3).Select(_ => Json.Read(utf8Text)).ToArray();
        Assert.Same(records[1].AwsRegion, records[2].AwsRegion);
        Assert.Equal("eu-west-3", records[2].AwsRegion);
        Assert.All(records, r => Assert.Equal("caf\u00e9/1 \u00e9t\u00e9 \U0001F600", r.UserAgent));

        // A string of the same length in bytes as a cached one, but not ASCII, is not taken for it.
        var other = Json.Read("""{"awsRegion":"eu-w\u00e9t-3"}""".Replace("\\u00e9", "\u00e9", StringComparison.Ordinal));
        Assert.Equal("eu-w\u00e9t-3", other.AwsRegion);
    }

    [Fact]
    public void Escaped_keys_and_strings_are_read()
    {
        string json = """{"event\u004eame":"Publish","eventSource":"sns.amazonaws.com","awsRegion":"us-\u0065ast-1 \ud83d\ude00"}""";
        var record = Json.Read(json);
        Assert.IsType<My.Ct.Sns.PublishEvent>(record);
        Assert.Equal("us-east-1 \U0001F600", record.AwsRegion);
        Json.AssertRoundTrip(json, record);
    }

    [Fact]
    public void A_record_that_is_not_an_object_is_a_clear_error()
    {
        var e = Assert.Throws<JsonException>(() => Json.Read("[1,2]"));
        Assert.Contains("must be a JSON object", e.Message, StringComparison.Ordinal);
        Assert.Null(JsonSerializer.Deserialize("null", CloudTrailJsonContext.Default.CloudTrailRecord));
    }

    [Fact]
    public void Generated_types_work_with_the_context_and_with_each_other()
    {
        var info = CloudTrailJsonContext.Default.GetTypeInfo(typeof(My.Ct.Sns.PublishRequest));
        Assert.NotNull(info);
        var request = JsonSerializer.Deserialize("""{"topicArn":"a","extra":1}""", (System.Text.Json.Serialization.Metadata.JsonTypeInfo<My.Ct.Sns.PublishRequest>)info!);
        Assert.Equal("a", request!.TopicArn);
        Assert.Equal("""{"topicArn":"a","extra":1}""", JsonSerializer.Serialize(request, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<My.Ct.Sns.PublishRequest>)info!));

        // Every generated class has type information (envelope shapes, event classes, nested
        // shapes); types that are not generated classes of this context have none.
        Assert.IsAssignableFrom<System.Text.Json.Serialization.Metadata.JsonTypeInfo<UserIdentity>>(CloudTrailJsonContext.Default.GetTypeInfo(typeof(UserIdentity)));
        Assert.IsAssignableFrom<System.Text.Json.Serialization.Metadata.JsonTypeInfo<My.Ct.Sns.PublishEvent>>(CloudTrailJsonContext.Default.GetTypeInfo(typeof(My.Ct.Sns.PublishEvent)));
        Assert.IsAssignableFrom<System.Text.Json.Serialization.Metadata.JsonTypeInfo<My.Ct.Sts.Tag>>(CloudTrailJsonContext.Default.GetTypeInfo(typeof(My.Ct.Sts.Tag)));
        Assert.Null(CloudTrailJsonContext.Default.GetTypeInfo(typeof(string)));
        Assert.Null(CloudTrailJsonContext.Default.GetTypeInfo(typeof(CloudTrailGen.CloudTrailObject)));
        var ev = JsonSerializer.Deserialize("""{"eventSource":"sns.amazonaws.com","eventName":"Publish","requestParameters":{"topicArn":"t"}}""",
            (System.Text.Json.Serialization.Metadata.JsonTypeInfo<My.Ct.Sns.PublishEvent>)CloudTrailJsonContext.Default.GetTypeInfo(typeof(My.Ct.Sns.PublishEvent))!);
        Assert.Equal("t", ev!.Request!.TopicArn);

        // The context combines with other resolvers.
        var options = new JsonSerializerOptions { TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(new CloudTrailJsonContext(), new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()) };
        var record = JsonSerializer.Deserialize<CloudTrailRecord>("""{"eventSource":"sns.amazonaws.com","eventName":"Publish"}""", options);
        Assert.IsType<My.Ct.Sns.PublishEvent>(record);
    }

    [Fact]
    public void Quoted_values_and_nulls_of_members_past_the_32nd_round_trip_like_the_first_ones()
    {
        // RunInstances has 44 request members: disableApiStop and enablePrimaryIpv6 are members 39
        // and 40, past the ones whose null and quoting marks are bits; maxCount is among those.
        const string json = """
            {"eventSource":"ec2.amazonaws.com","eventName":"RunInstances",
             "requestParameters":{"maxCount":"2","disableApiStop":"true","enablePrimaryIpv6":null}}
            """;
        var record = Assert.IsType<My.Ct.Ec2.RunInstancesEvent>(Json.Read(json));
        var request = record.Request!;
        Assert.Equal(2, request.MaxCount);
        Assert.True(request.DisableApiStop);
        Assert.Null(request.EnablePrimaryIpv6);
        Assert.False(request.TryGetRawValue("disableApiStop", out _)); // typed, no raw copy
        Assert.True(request.GetTypedMembers().Single(m => m.Name == "enablePrimaryIpv6").IsNull);
        Json.AssertRoundTrip(json, record);
        Assert.Contains("\"disableApiStop\":\"true\"", Json.Write(record), StringComparison.Ordinal);

        request.DisableApiStop = false; // set in code: written as a boolean
        request.MaxCount = 3;
        string written = Json.Write(record);
        Assert.Contains("\"disableApiStop\":false", written, StringComparison.Ordinal);
        Assert.Contains("\"maxCount\":3", written, StringComparison.Ordinal);
        Assert.Contains("\"enablePrimaryIpv6\":null", written, StringComparison.Ordinal);
    }
}
