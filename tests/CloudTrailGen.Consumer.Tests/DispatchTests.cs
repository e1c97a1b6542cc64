using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>Every event of a service reaches its event class, however many the service has.</summary>
public class DispatchTests
{
    private static JsonElement Catalog(string service)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "catalog", "services", service + ".json");
            if (File.Exists(path)) return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
        }
        throw new InvalidOperationException($"catalog/services/{service}.json not found above {AppContext.BaseDirectory}");
    }

    [Theory]
    [InlineData("ec2", "ec2.amazonaws.com", "My.Ct.Ec2")] // more events than one dispatch method takes
    [InlineData("sns", "sns.amazonaws.com", "My.Ct.Sns")]
    public void Every_event_of_the_catalog_dispatches_to_its_class(string service, string eventSource, string ns)
    {
        var names = Catalog(service).GetProperty("events").EnumerateObject().Select(e => e.Name).ToArray();
        Assert.True(names.Length > (service == "ec2" ? 500 : 10));
        foreach (string name in names)
        {
            var record = Json.Read($$"""{"eventSource":"{{eventSource}}","eventName":"{{name}}"}""");
            Assert.Equal($"{ns}.{name}Event", record.GetType().FullName);
            Assert.Equal(name, record.EventName);
        }
    }

    [Theory]
    [InlineData("DescribeInstancez")]   // the length of a known name
    [InlineData("describeinstances")]   // another case
    [InlineData("X")]                   // a length no event has
    [InlineData("")]
    public void An_event_name_the_catalog_does_not_have_reads_as_the_envelope(string name)
    {
        var record = Json.Read($$"""{"eventSource":"ec2.amazonaws.com","eventName":"{{name}}"}""");
        Assert.Equal(typeof(CloudTrailRecord), record.GetType());
        Assert.Equal(name, record.EventName);
        Assert.Equal(typeof(CloudTrailRecord), Json.Read("""{"eventSource":"ec2.amazonaws.com"}""").GetType());
    }

    [Fact]
    public void A_converter_of_another_envelope_type_on_the_same_thread_never_gets_the_envelope_kept_for_reuse()
    {
        // The generated converter keeps the envelope of a typed event for the thread's next read.
        // A converter of another envelope type on the same thread (another generated context in
        // the app, or a hand-written converter) must never be handed it: a guard for any change
        // that shares that state between converters.
        const string assumeRole = """
            {"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","requestParameters":{"roleSessionName":"s"},"awsRegion":"eu-west-1"}
            """;
        var options = new JsonSerializerOptions { Converters = { new PlainRecordConverter() } };
        for (int round = 0; round < 3; round++)
        {
            var typed = Assert.IsType<My.Ct.Sts.AssumeRoleEvent>(Json.Read(assumeRole));
            Assert.Equal("s", typed.Request?.RoleSessionName);

            var plain = Assert.IsType<PlainRecord>(JsonSerializer.Deserialize<PlainRecord>(assumeRole, options));
            Assert.Equal("AssumeRole", plain.EventName);
            Assert.Equal("eu-west-1", plain.AwsRegion);
            Assert.Null(plain.TypedRequest);
            Assert.Contains("roleSessionName", plain.RequestParameters?.ToString());
        }
    }

    /// <summary>An envelope type of its own, as another generated context would have.</summary>
    private sealed class PlainRecord : CloudTrailRecord
    {
    }

    /// <summary>A record converter for it that picks no event class.</summary>
    private sealed class PlainRecordConverter : CloudTrailRecordConverter<PlainRecord>
    {
        protected override PlainRecord? CreateEvent(PlainRecord envelope) => null;

        protected override PlainRecord CreateEnvelope() => new();

        protected override void MoveEnvelope(PlainRecord from, PlainRecord to) => throw new NotSupportedException("no event class is ever picked");
    }
}
