using System;
using System.Linq;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// CloudTrailRecordBase.TypedRequest and TypedResponse (overridden by every generated event class
/// with a request or response shape) and HasRequestShape/HasResponseShape: the typed parts of any
/// record, for code that handles every event alike, without reflection.
/// </summary>
public class TypedPartsTests
{
    private const string AssumeRole = """
        {"eventVersion":"1.08","eventTime":"2024-03-04T09:50:00Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole",
         "requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/r","roleSessionName":"s"},
         "responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLE"}},"awsRegion":"eu-west-1"}
        """;

    [Fact]
    public void A_typed_event_offers_its_own_Request_and_Response()
    {
        CloudTrailRecord record = Json.Read(AssumeRole);
        var ev = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(record);

        Assert.NotNull(ev.Request);
        Assert.NotNull(ev.Response);
        Assert.Same(ev.Request, record.TypedRequest);
        Assert.Same(ev.Response, record.TypedResponse);
        Assert.True(record.HasRequestShape);
        Assert.True(record.HasResponseShape);
    }

    [Fact]
    public void Parts_read_raw_are_typed_on_first_use_through_the_base_class_too()
    {
        // requestParameters and responseElements before eventSource and eventName: kept raw while
        // reading, parsed by the first TypedRequest/TypedResponse, and that object is Request/Response.
        const string partsFirst = """
            {"requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/r"},"responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLE"}},
             "eventSource":"sts.amazonaws.com","eventName":"AssumeRole"}
            """;
        CloudTrailRecord record = Json.Read(partsFirst);

        var request = Assert.IsType<My.Ct.Sts.AssumeRoleRequest>(record.TypedRequest);
        var response = Assert.IsType<My.Ct.Sts.AssumeRoleResponse>(record.TypedResponse);
        Assert.Equal("arn:aws:iam::111122223333:role/r", request.RoleArn);
        Assert.Equal("ASIAEXAMPLE", response.Credentials!.AccessKeyId);
        var ev = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(record);
        Assert.Same(request, ev.Request);
        Assert.Same(response, ev.Response);
    }

    [Fact]
    public void Setting_Request_is_what_TypedRequest_returns()
    {
        var ev = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(AssumeRole));
        var replacement = new My.Ct.Sts.AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/other" };

        ev.Request = replacement;
        Assert.Same(replacement, ev.TypedRequest);
        ev.Request = null;
        Assert.Null(ev.TypedRequest);
        Assert.True(ev.HasRequestShape);
    }

    [Fact]
    public void A_record_without_an_event_class_has_no_typed_parts()
    {
        const string unknown = """
            {"eventSource":"sts.amazonaws.com","eventName":"NoSuchEvent","requestParameters":{"a":1},"responseElements":{"b":2}}
            """;
        var record = Json.Read(unknown);

        Assert.Equal(typeof(CloudTrailRecord), record.GetType());
        Assert.Null(record.TypedRequest);
        Assert.Null(record.TypedResponse);
        Assert.False(record.HasRequestShape);
        Assert.False(record.HasResponseShape);
        Assert.NotNull(record.RequestParameters); // the raw JSON is still there
    }

    [Fact]
    public void No_shape_is_told_from_no_value()
    {
        // A request shape and no response shape (iam AttachRolePolicy); requestParameters null.
        const string attach = """
            {"eventSource":"iam.amazonaws.com","eventName":"AttachRolePolicy","requestParameters":null,"responseElements":null}
            """;
        var record = Json.Read(attach);
        Assert.IsType<My.Ct.Iam.AttachRolePolicyEvent>(record);
        Assert.Null(record.TypedRequest);
        Assert.True(record.HasRequestShape);
        Assert.Null(record.TypedResponse);
        Assert.False(record.HasResponseShape);

        // A response shape only (sts GetCallerIdentity), its value not an object.
        const string caller = """
            {"eventSource":"sts.amazonaws.com","eventName":"GetCallerIdentity","requestParameters":{"x":1},"responseElements":"none"}
            """;
        record = Json.Read(caller);
        Assert.IsType<My.Ct.Sts.GetCallerIdentityEvent>(record);
        Assert.False(record.HasRequestShape);
        Assert.Null(record.TypedRequest);
        Assert.True(record.HasResponseShape);
        Assert.Null(record.TypedResponse);
    }

    [Fact]
    public void Every_generated_event_class_overrides_TypedRequest_and_TypedResponse_exactly_for_its_parts()
    {
        var events = typeof(CloudTrailRecord).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CloudTrailRecord))).ToList();
        Assert.True(events.Count > 1000, $"{events.Count} event classes");

        foreach (var type in events)
        {
            foreach (var part in new[] { "Request", "Response" })
            {
                bool hasPart = type.GetProperty(part, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly) is not null;
                var declaredBy = type.GetProperty("Typed" + part)!.GetMethod!.DeclaringType;
                Assert.True(hasPart ? declaredBy == type : declaredBy == typeof(CloudTrailRecordBase),
                    $"{type.Name}.Typed{part} is declared by {declaredBy?.Name} ({(hasPart ? "it has" : "it has no")} {part})");
            }
        }
    }
}
