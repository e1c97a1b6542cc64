using System;
using System.Text.Json.Nodes;
using My.Ct;
using My.Ct.Iam;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// An event class knows its event: its eventSource and eventName as constants, and set (with the
/// catalog's eventCategory) on an event made in code, which is then written, and read back, as
/// that event. It used to serialize without them and read back as a plain CloudTrailRecord.
/// </summary>
public class EventKeysTests
{
    [Fact]
    public void An_event_made_in_code_is_written_and_read_back_as_that_event()
    {
        var made = new AttachRolePolicyEvent
        {
            Request = new AttachRolePolicyRequest { RoleName = "deploy", PolicyArn = "arn:aws:iam::aws:policy/AdministratorAccess" },
        };
        Assert.Equal("iam.amazonaws.com", made.EventSource);
        Assert.Equal("AttachRolePolicy", made.EventName);
        Assert.Equal(EventCategory.Management, made.EventCategory!.Value.Value);

        string json = Json.Write(made);
        var node = JsonNode.Parse(json)!;
        Assert.Equal("iam.amazonaws.com", (string?)node["eventSource"]);
        Assert.Equal("AttachRolePolicy", (string?)node["eventName"]);
        Assert.Equal("Management", (string?)node["eventCategory"]);
        Assert.Equal("deploy", (string?)node["requestParameters"]!["roleName"]);

        var read = Assert.IsType<AttachRolePolicyEvent>(Json.Read(json));
        Assert.Equal("arn:aws:iam::aws:policy/AdministratorAccess", read.Request!.PolicyArn);
    }

    [Fact]
    public void Event_classes_name_their_event_in_constants()
    {
        Assert.Equal("iam.amazonaws.com", AttachRolePolicyEvent.EventSourceValue);
        Assert.Equal("AttachRolePolicy", AttachRolePolicyEvent.EventNameValue);
        Assert.Equal("signin.amazonaws.com", My.Ct.SignIn.ConsoleLoginEvent.EventSourceValue);
        // A service with two eventSources: the one named after the service (not cloudtrail-data)...
        Assert.Equal("cloudtrail.amazonaws.com", My.Ct.CloudTrail.StopLoggingEvent.EventSourceValue);
        // ...except for the events the catalog says another logs: CloudTrail Lake's PutAuditEvents.
        Assert.Equal("cloudtrail-data.amazonaws.com", My.Ct.CloudTrail.PutAuditEventsEvent.EventSourceValue);
        var made = new My.Ct.CloudTrail.PutAuditEventsEvent();
        Assert.Equal("cloudtrail-data.amazonaws.com", made.EventSource);
        Assert.IsType<My.Ct.CloudTrail.PutAuditEventsEvent>(Json.Read(Json.Write(made)));

        // Usable where a constant is required.
        string Describe(CloudTrailRecord r) => r.EventName switch
        {
            AttachRolePolicyEvent.EventNameValue => "policy attached",
            _ => "other",
        };
        Assert.Equal("policy attached", Describe(Json.Read("""{"eventSource":"iam.amazonaws.com","eventName":"AttachRolePolicy"}""")));
    }

    [Fact]
    public void A_data_event_made_in_code_has_the_data_category()
    {
        var get = new My.Ct.S3.GetObjectEvent();
        Assert.Equal(EventCategory.Data, get.EventCategory!.Value.Value);
        Assert.Equal("s3.amazonaws.com", get.EventSource);
        Assert.IsType<My.Ct.S3.GetObjectEvent>(Json.Read(Json.Write(get)));
    }

    [Fact]
    public void A_record_that_is_read_keeps_what_it_was_read_with()
    {
        // No eventCategory in the record (logs before eventVersion 1.07): none is added.
        string json = """{"eventVersion":"1.05","eventSource":"iam.amazonaws.com","eventName":"AttachRolePolicy","requestParameters":{"roleName":"r"}}""";
        var read = Assert.IsType<AttachRolePolicyEvent>(Json.Read(json));
        Assert.Null(read.EventCategory);
        Json.AssertRoundTrip(json, read);
    }
}
