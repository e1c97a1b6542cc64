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
    public void EventSourceHost_WhoseFirstLabelIsNotTheServiceId_IsFoundWhenTheServiceIsRead()
    {
        // cloudtrail-data.amazonaws.com is service 'cloudtrail'. Service files are read only when
        // selected, and found by the host's first label, so on its own this host names no file...
        var alone = GeneratorHarness.Run(RepoCatalog.All(), new GeneratorSettings("cloudtrail-data.amazonaws.com"));
        var d = Assert.Single(alone.Diagnostics);
        Assert.Equal("CTG0007", d.Id);
        string message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("named after its first label, 'cloudtrail-data'", message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'cloudtrail'", message, StringComparison.Ordinal);
        Assert.Equal(Location.None, d.Location);

        // ...and beside the service's id it is that service.
        var both = GeneratorHarness.Run(new GeneratorSettings("cloudtrail,cloudtrail-data.amazonaws.com:PutAuditEvents"), RepoCatalog.Envelope(), RepoCatalog.Service("cloudtrail"));
        both.AssertCompilesCleanly();
        Assert.Empty(both.Diagnostics);
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
