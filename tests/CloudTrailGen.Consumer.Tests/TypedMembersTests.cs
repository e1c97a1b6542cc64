using System;
using System.Collections;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>CloudTrailObject.GetTypedMembers: what generic code sees of any generated object.</summary>
public class TypedMembersTests
{
    private const string Record = """
        {"eventVersion":"1.08","eventTime":"2024-03-04T09:50:00Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole",
         "requestParameters":{"RoleArn":"arn:aws:iam::111122223333:role/r","roleSessionName":null,"durationSeconds":"nine hundred","tags":[{"key":"team","value":"orders"}],"extra":{"a":1}},
         "responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLE","expiration":"Mar 4, 2024, 10:50:00 AM"}},
         "readOnly":"true","awsRegion":"eu-west-1"}
        """;

    [Fact]
    public void Lists_typed_members_in_write_order_with_values_nulls_and_raw_values()
    {
        var record = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(Record));
        var members = record.Request!.GetTypedMembers();

        Assert.Equal(["RoleArn", "roleSessionName", "durationSeconds", "tags"], members.Select(m => m.Name));
        Assert.Equal("arn:aws:iam::111122223333:role/r", members[0].Value); // the key as read, the value typed
        Assert.True(members[1].IsNull);                                      // an explicit null
        Assert.Null(members[2].Value);                                       // did not fit integer...
        Assert.Equal("\"nine hundred\"", members[2].RawValue.ToString());    // ...so it is kept raw
        var tags = Assert.IsAssignableFrom<IList>(members[3].Value);
        var tag = Assert.IsAssignableFrom<CloudTrailObject>(Assert.Single(tags.Cast<object>()));
        Assert.Equal(["key", "value"], tag.GetTypedMembers().Select(m => m.Name));

        // Unknown keys are not typed members: GetUnknownMembers has them.
        Assert.Equal("extra", Assert.Single(record.Request.GetUnknownMembers()).Key);
    }

    [Fact]
    public void Value_types_are_boxed_and_leniently_read_values_are_typed_with_their_raw_text()
    {
        var record = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(Record));
        var expiration = record.Response!.Credentials!.GetTypedMembers().Single(m => m.Name == "expiration");
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 10, 50, 0, TimeSpan.Zero), Assert.IsType<DateTimeOffset>(expiration.Value));
        Assert.Equal("\"Mar 4, 2024, 10:50:00 AM\"", expiration.RawValue.ToString());

        var readOnly = record.GetTypedMembers().Single(m => m.Name == "readOnly");
        Assert.Equal(true, readOnly.Value);
        Assert.Null(readOnly.RawValue); // "true" in a string is typed and written back quoted, without a raw copy
    }

    [Fact]
    public void Request_parameters_after_the_event_key_are_read_typed_with_the_record()
    {
        var record = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(Record));
        var listed = Assert.IsType<My.Ct.Sts.AssumeRoleRequest>(record.GetTypedMembers().Single(m => m.Name == "requestParameters").Value);
        Assert.Same(listed, record.Request);
        Assert.Equal("arn:aws:iam::111122223333:role/r", record.Request!.RoleArn);

        // The raw view is the typed value written out: the same JSON, kept raw values and unknown keys included.
        var raw = record.RequestParameters!.Value;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Record)!["requestParameters"], JsonNode.Parse(raw.ToString())));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Record)!["responseElements"], JsonNode.Parse(record.ResponseElements!.Value.ToString())));
    }

    [Fact]
    public void Request_parameters_before_the_event_key_stay_raw_until_the_typed_request_is_read()
    {
        const string first = """
            {"requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/r"},"eventSource":"sts.amazonaws.com","eventName":"AssumeRole"}
            """;
        var record = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(first));
        Assert.IsType<RawJson>(record.GetTypedMembers().Single(m => m.Name == "requestParameters").Value);
        Assert.Equal("arn:aws:iam::111122223333:role/r", record.Request!.RoleArn);
        Assert.IsType<My.Ct.Sts.AssumeRoleRequest>(record.GetTypedMembers().Single(m => m.Name == "requestParameters").Value);
        Json.AssertRoundTrip(first, record);
    }

    [Fact]
    public void A_repeated_event_name_after_the_typed_parts_picks_the_class_of_the_last_one()
    {
        // The parts were read typed for AssumeRole; the last eventName makes it GetCallerIdentity.
        const string twice = """
            {"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","requestParameters":{"roleArn":"arn:aws:iam::1:role/r","x":[1]},"eventName":"GetCallerIdentity","responseElements":{"account":"1"}}
            """;
        var record = Assert.IsType<My.Ct.Sts.GetCallerIdentityEvent>(Json.Read(twice));
        Assert.Equal("1", record.Response!.Account);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"roleArn":"arn:aws:iam::1:role/r","x":[1]}"""), JsonNode.Parse(record.RequestParameters!.Value.ToString())));
        Json.AssertRoundTrip(twice.Replace("\"eventName\":\"AssumeRole\",", "", StringComparison.Ordinal), record);
    }

    [Fact]
    public void Setting_a_typed_request_replaces_the_raw_parameters()
    {
        const string first = """
            {"requestParameters":{"roleArn":"arn:aws:iam::1:role/old"},"eventSource":"sts.amazonaws.com","eventName":"AssumeRole"}
            """;
        var record = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(first));
        record.Request = new My.Ct.Sts.AssumeRoleRequest { RoleArn = "arn:aws:iam::1:role/new" };
        Assert.Equal("""{"roleArn":"arn:aws:iam::1:role/new"}""", record.RequestParameters!.Value.ToString());
        Assert.Contains("role/new", Json.Write(record), StringComparison.Ordinal);
        record.Request = null;
        Assert.Null(record.RequestParameters);
        Assert.DoesNotContain("requestParameters", Json.Write(record), StringComparison.Ordinal);
    }

    [Fact]
    public void Listing_does_not_change_what_is_written()
    {
        var record = Json.Read(Record);
        string before = Json.Write(record);
        _ = record.GetTypedMembers();
        _ = ((My.Ct.Sts.AssumeRoleEvent)record).Request!.GetTypedMembers();
        Json.AssertRoundTrip(Record, record);
        Assert.Equal(before.Length, Json.Write(record).Length);
    }

    [Fact]
    public void Members_set_in_code_are_listed_and_unset_ones_are_not()
    {
        var tag = new My.Ct.Sts.Tag { Key = "team" };
        var member = Assert.Single(tag.GetTypedMembers());
        Assert.Equal("key", member.Name);
        Assert.Equal("team", member.Value);
        Assert.Empty(new My.Ct.Sts.Tag().GetTypedMembers());
        Assert.Equal("{\"key\":\"team\"}", JsonSerializer.Serialize(tag, CloudTrailJsonContext.Default.GetTypeInfo(typeof(My.Ct.Sts.Tag))!));
    }
}
