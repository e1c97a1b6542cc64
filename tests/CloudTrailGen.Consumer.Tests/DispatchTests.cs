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
}
