using System;
using System.Collections;
using System.Linq;
using System.Text.Json;
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
    public void A_record_lists_request_parameters_raw_until_the_typed_request_is_read()
    {
        var record = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(Record));
        Assert.IsType<RawJson>(record.GetTypedMembers().Single(m => m.Name == "requestParameters").Value);
        _ = record.Request;
        Assert.IsType<My.Ct.Sts.AssumeRoleRequest>(record.GetTypedMembers().Single(m => m.Name == "requestParameters").Value);
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
