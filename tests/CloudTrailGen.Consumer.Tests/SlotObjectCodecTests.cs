using System.Linq;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// Object members of service types are read through JsonCodec.SlotObject and
/// JsonCodec.SlotListOfObjects: every value must be a new instance made by its constructor, and
/// nothing read or assigned may reach the next object read.
/// </summary>
public class SlotObjectCodecTests
{
    private static string Record(string team, string key) =>
        ("{'eventVersion':'1.08','eventSource':'sts.amazonaws.com','eventName':'AssumeRole',"
        + "'requestParameters':{'roleArn':'arn:aws:iam::111122223333:role/r','tags':[{'key':'team','value':'TEAM'},{'key':'env','value':'prod'}]},"
        + "'responseElements':{'credentials':{'accessKeyId':'KEY'}}}").Replace('\'', '"').Replace("TEAM", team).Replace("KEY", key);

    [Fact]
    public void Every_object_read_is_a_new_instance_of_its_type()
    {
        var first = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(Record("orders", "ASIAFIRST")));
        var second = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(Record("billing", "ASIASECOND")));

        var firstTags = first.Request!.Tags!;
        var secondTags = second.Request!.Tags!;
        Assert.Equal([("team", "orders"), ("env", "prod")], firstTags.Select(t => (t.Key, t.Value)));
        Assert.Equal([("team", "billing"), ("env", "prod")], secondTags.Select(t => (t.Key, t.Value)));
        Assert.IsType<My.Ct.Sts.Tag>(firstTags[0]);
        Assert.NotSame(firstTags[0], firstTags[1]);
        Assert.NotSame(firstTags[0], secondTags[0]);

        var firstCredentials = first.Response!.Credentials!;
        Assert.Equal("ASIAFIRST", firstCredentials.AccessKeyId);
        Assert.Equal("ASIASECOND", second.Response!.Credentials!.AccessKeyId);
        Assert.NotSame(firstCredentials, second.Response.Credentials);
    }

    [Fact]
    public void Each_object_read_runs_its_constructor_and_field_initializers()
    {
        var record = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(Record("orders", "ASIAFIRST")));
        var tags = record.Request!.Tags!;

        // Notes is initialized by a field initializer of the partial class below.
        Assert.NotSame(tags[0].Notes, tags[1].Notes);
        tags[0].Notes.Add("seen");
        Assert.Empty(tags[1].Notes);
    }

    [Fact]
    public void What_is_assigned_or_kept_in_one_object_does_not_reach_the_next_one_read()
    {
        var first = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(Record("orders", "ASIAFIRST")));
        first.Request!.Tags![0].Value = "changed";
        first.Request.Tags[0].SetUnknownMember("extra", new RawJson("1"u8.ToArray()));
        first.Response!.Credentials!.AccessKeyId = "ASIACHANGED";

        var next = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read("""
            {"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","requestParameters":{"tags":[{}]},"responseElements":{"credentials":{}}}
            """));

        var tag = Assert.Single(next.Request!.Tags!);
        Assert.Null(tag.Key);
        Assert.Null(tag.Value);
        Assert.Empty(tag.GetUnknownMembers());
        Assert.Null(next.Response!.Credentials!.AccessKeyId);
        Assert.Equal("""{"tags":[{}]}""", Json.WriteObject(next.Request));
    }

    [Fact]
    public void A_list_of_objects_with_an_element_that_is_not_an_object_keeps_the_objects_and_writes_the_array_as_read()
    {
        var record = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read("""
            {"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","requestParameters":{"tags":[{"key":"team","value":"orders"},"HIDDEN",{"key":"env"}]}}
            """));

        var tags = record.Request!.Tags!;
        Assert.IsType<System.Collections.Generic.List<My.Ct.Sts.Tag>>(tags);
        Assert.Equal([("team", "orders"), ("env", null)], tags.Select(t => (t.Key, t.Value)));
        Assert.Equal("""{"tags":[{"key":"team","value":"orders"},"HIDDEN",{"key":"env"}]}""", Json.WriteObject(record.Request));
    }

    [Fact]
    public void A_list_of_objects_set_by_the_application_is_written_with_its_nulls()
    {
        var request = new My.Ct.Sts.AssumeRoleRequest { Tags = [new My.Ct.Sts.Tag { Key = "team" }, null!] };

        Assert.Equal("""{"tags":[{"key":"team"},null]}""", Json.WriteObject(request));
    }

    [Fact]
    public void Envelope_objects_are_made_by_their_constructor_for_every_record()
    {
        var first = Json.Read("""{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","userIdentity":{"type":"IAMUser","sessionContext":{"sessionIssuer":{"userName":"a"}}}}""");
        var second = Json.Read("""{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","userIdentity":{"type":"Root","sessionContext":{"sessionIssuer":{"userName":"b"}}}}""");

        Assert.NotSame(first.UserIdentity, second.UserIdentity);
        Assert.NotSame(first.UserIdentity!.SessionContext, second.UserIdentity!.SessionContext);
        Assert.Equal("a", first.UserIdentity.SessionContext!.SessionIssuer!.UserName);
        Assert.Equal("b", second.UserIdentity.SessionContext!.SessionIssuer!.UserName);
        // Notes is initialized by a field initializer of a partial class (GeneratedTypeExtensions.cs): the factory runs the constructor.
        Assert.NotSame(first.UserIdentity.Notes, second.UserIdentity.Notes);
    }

    [Fact]
    public void The_object_codec_with_a_factory_is_one_per_type_and_needs_the_factory()
    {
        var codec = JsonCodec.Object(() => new My.Ct.SessionIssuer());

        Assert.Same(codec, JsonCodec.Object<My.Ct.SessionIssuer>(() => throw new System.InvalidOperationException()));
        Assert.NotSame(codec, JsonCodec.Object<My.Ct.SessionIssuer>());
        Assert.Throws<System.ArgumentNullException>(() => JsonCodec.Object<My.Ct.SessionIssuer>(null!));
    }
}
