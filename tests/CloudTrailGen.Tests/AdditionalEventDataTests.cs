using System;
using CloudTrailGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>
/// An event's <c>additionalEventData</c> typed by a structure of its service file (the event key
/// <c>additionalEventData</c>), offered as <c>AdditionalData</c> when the envelope names its raw member
/// (<c>record.additionalEventData</c>).
/// </summary>
public class AdditionalEventDataTests
{
    private static readonly string s_envelope = TestCatalogs.Envelope
        .Replace("\"response\": \"responseElements\"", "\"response\": \"responseElements\",\n    \"additionalEventData\": \"additionalEventData\"", StringComparison.Ordinal)
        .Replace("\"responseElements\": \"json\"", "\"responseElements\": \"json\",\n        \"additionalEventData\": \"json\"", StringComparison.Ordinal);

    private static string Service(string additionalEventData) => """
        {
          "format": 1,
          "service": "widgets",
          "eventSources": ["widgets.amazonaws.com"],
          "events": {
            "Open": { "additionalEventData": ADDITIONAL, "request": { "id": "string" } },
            "Close": {}
          },
          "shapes": {
            "WidgetExtra": { "members": { "MFAUsed": "string", "bytesTransferredIn": "integer" } },
            "Mode": { "enum": ["a", "b"] }
          }
        }
        """.Replace("ADDITIONAL", additionalEventData, StringComparison.Ordinal);

    [Fact]
    public void AnEventWithAnAdditionalEventDataShape_OffersItTyped()
    {
        Assert.NotEqual(TestCatalogs.Envelope, s_envelope);
        var run = GeneratorHarness.Run(new GeneratorSettings("widgets"), CatalogFile.Envelope(s_envelope), CatalogFile.Builtin("widgets", Service("\"WidgetExtra\"")));

        run.AssertCompilesCleanly();
        Assert.Empty(run.Diagnostics);
        var open = run.Output.GetTypeByMetadataName("Test.Trail.Widgets.OpenEvent")!;
        var property = Assert.Single(open.GetMembers("AdditionalData"));
        Assert.Equal("Test.Trail.Widgets.WidgetExtra?", ((IPropertySymbol)property).Type.ToDisplayString());
        Assert.Empty(run.Output.GetTypeByMetadataName("Test.Trail.Widgets.CloseEvent")!.GetMembers("AdditionalData"));
    }

    [Fact]
    public void AClassForOneEvent_BringsTheShapeOfItsAdditionalEventData()
    {
        // Classes only for the events listed or named: the shape only AdditionalData reaches is emitted too.
        var run = GeneratorHarness.Run(new GeneratorSettings("widgets", EventClasses: null, Events: "widgets:Open"),
            CatalogFile.Envelope(s_envelope), CatalogFile.Builtin("widgets", Service("\"WidgetExtra\"")));

        run.AssertCompilesCleanly();
        Assert.Empty(run.Diagnostics);
        Assert.NotNull(run.Output.GetTypeByMetadataName("Test.Trail.Widgets.WidgetExtra"));
        Assert.Single(run.Output.GetTypeByMetadataName("Test.Trail.Widgets.OpenEvent")!.GetMembers("AdditionalData"));
        Assert.Null(run.Output.GetTypeByMetadataName("Test.Trail.Widgets.CloseEvent"));
    }

    [Fact]
    public void WithoutTheEnvelopesMember_NothingIsAdded()
    {
        var run = GeneratorHarness.Run(new GeneratorSettings("widgets"), CatalogFile.Envelope(TestCatalogs.Envelope), CatalogFile.Builtin("widgets", Service("\"WidgetExtra\"")));

        run.AssertCompilesCleanly();
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Output.GetTypeByMetadataName("Test.Trail.Widgets.OpenEvent")!.GetMembers("AdditionalData"));
    }

    [Theory]
    [InlineData("\"WidgetExtar\"", "'WidgetExtar' is not a valid additionalEventData of event 'Open': it must name a structure in this file's 'shapes'; did you mean 'WidgetExtra'")]
    [InlineData("\"Mode\"", "'Mode' is not a valid additionalEventData of event 'Open'")]
    public void AShapeThatIsNoStructureOfTheFile_IsReported(string value, string message)
    {
        var run = GeneratorHarness.Run(new GeneratorSettings("widgets"), CatalogFile.Envelope(s_envelope), CatalogFile.Builtin("widgets", Service(value)));

        run.AssertCompilesCleanly();
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("CTG0014", d.Id);
        Assert.Contains(message, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("/catalog/services/widgets.json", d.Location.GetLineSpan().Path);
        // The event is still generated, without the typed view.
        Assert.Empty(run.Output.GetTypeByMetadataName("Test.Trail.Widgets.OpenEvent")!.GetMembers("AdditionalData"));
    }
}
