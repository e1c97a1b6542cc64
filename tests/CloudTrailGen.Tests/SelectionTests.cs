using System;
using System.Linq;
using CloudTrailGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>
/// What <c>&lt;CloudTrailService Include="..." /&gt;</c> accepts besides exact ids and event names:
/// event names in any letter case when only one event has that name ignoring case, and a service's
/// eventSource host (as TrailScan's <c>--service</c> takes it) in place of its id.
/// </summary>
public class SelectionTests
{
    private static void AssertOnlyEvents(GeneratorRun run, string hintName, params string[] classes)
    {
        run.AssertCompilesCleanly();
        Assert.Empty(run.Diagnostics);
        string source = run.Source(hintName);
        var declared = source.Split('\n').Where(l => l.Contains(" sealed partial class ", StringComparison.Ordinal) && l.Contains("Event : ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')[4]).ToList();
        Assert.Equal(classes, declared);
    }

    [Fact]
    public void EventName_InAnyLetterCase_SelectsTheEvent()
    {
        // It was CTG0008 while suggesting 'AttachRolePolicy'.
        var run = GeneratorHarness.Run(new GeneratorSettings("iam:attachrolepolicy"), RepoCatalog.Envelope(), RepoCatalog.Service("iam"));

        AssertOnlyEvents(run, "Iam.Events.g.cs", "AttachRolePolicyEvent");
    }

    [Fact]
    public void EventSourceHost_SelectsItsService_AloneOrWithAnEvent()
    {
        var whole = GeneratorHarness.Run(new GeneratorSettings("s3.amazonaws.com"), RepoCatalog.Envelope(), RepoCatalog.Service("s3"));
        whole.AssertCompilesCleanly();
        Assert.Empty(whole.Diagnostics);
        Assert.Contains("class GetObjectEvent", whole.Source("S3.Events.g.cs"), StringComparison.Ordinal);
        Assert.Contains("class PutObjectEvent", whole.Source("S3.Events.g.cs"), StringComparison.Ordinal);

        var one = GeneratorHarness.Run(new GeneratorSettings("S3.AmazonAWS.com:getobject"), RepoCatalog.Envelope(), RepoCatalog.Service("s3"));
        AssertOnlyEvents(one, "S3.Events.g.cs", "GetObjectEvent");
    }

    [Fact]
    public void EventSourceHost_WhoseFirstLabelIsNotTheServiceId_SelectsItsService()
    {
        // cloudtrail-data.amazonaws.com is service 'cloudtrail' (it was CTG0007, "did you mean 'cloudtrail'").
        var alone = GeneratorHarness.Run(RepoCatalog.All(), new GeneratorSettings("cloudtrail-data.amazonaws.com"));
        alone.AssertCompilesCleanly();
        Assert.Empty(alone.Diagnostics);
        Assert.Contains("class PutAuditEventsEvent", alone.Source("CloudTrail.Events.g.cs"), StringComparison.Ordinal);
        Assert.Contains("class StopLoggingEvent", alone.Source("CloudTrail.Events.g.cs"), StringComparison.Ordinal);

        var one = GeneratorHarness.Run(RepoCatalog.All(), new GeneratorSettings("cloudtrail-data.amazonaws.com:PutAuditEvents"));
        AssertOnlyEvents(one, "CloudTrail.Events.g.cs", "PutAuditEventsEvent");
    }

    [Fact]
    public void EveryEventSourceOfTheCatalog_NamesTheFileOfItsService()
    {
        // Service files are read only when selected, found from the entry before any is parsed:
        // every host of every service must lead to that service's file.
        int hosts = 0;
        foreach (var id in RepoCatalog.ServiceIds())
        {
            using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(RepoCatalog.Directory, "services", id + ".json")));
            foreach (var host in json.RootElement.GetProperty("eventSources").EnumerateArray())
            {
                Assert.Equal(id, CloudTrailGen.Binding.Selection.FileIdOf(host.GetString()!));
                hosts++;
            }
        }
        Assert.True(hosts > 300, $"{hosts} eventSources");
    }

    [Fact]
    public void EventName_ThatMatchesTwoEventsIgnoringCase_IsReportedWithBoth()
    {
        string catalog = TestCatalogs.Simple("widgets", "GetItem").Replace("\"events\": {", "\"events\": {\n    \"Getitem\": { \"request\": { \"id\": \"string\" } },", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(new GeneratorSettings("widgets:GETITEM"), CatalogFile.Envelope(TestCatalogs.Envelope), CatalogFile.Builtin("widgets", catalog));

        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("CTG0008", d.Id);
        Assert.Contains("ignoring case it could be 'GetItem' or 'Getitem'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(Location.None, d.Location);
    }
}
