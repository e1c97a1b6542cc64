using System;
using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>
/// With CloudTrailGenEventClasses = Named (the default), classes are generated only for the events
/// the code names or CloudTrailEvent lists, with the shapes they reach; every selected event is in
/// the schema either way.
/// </summary>
public class NamedClassesTests
{
    private static readonly GeneratorSettings Named = new("widgets,sns", EventClasses: null);

    private static List<CatalogFile> Files() => new()
    {
        CatalogFile.Envelope(TestCatalogs.Envelope),
        CatalogFile.Builtin("widgets", TestCatalogs.Widgets),
        RepoCatalog.Service("sns"),
    };

    private const string NamesCreateWidget = """
        using Test.Trail;

        namespace Consumer
        {
            /// <summary>Uses one event class.</summary>
            public static class Detections
            {
                /// <summary>Whether a record creates a widget.</summary>
                /// <param name="record">The record.</param>
                /// <returns>Whether it does.</returns>
                public static bool IsCreate(TrailRecord record) => record is Test.Trail.Widgets.CreateWidgetEvent;
            }
        }
        """;

    [Fact]
    public void Only_the_named_event_gets_a_class_with_the_shapes_it_reaches()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(Files(), Named), GeneratorHarness.CreateCompilation(NamesCreateWidget));
        run.AssertCompilesCleanly();

        string events = run.Source("Widgets.Events.g.cs");
        Assert.Contains("class CreateWidgetEvent", events);
        Assert.DoesNotContain("class DescribeWidgetEvent", events);
        string shapes = run.Source("Widgets.Shapes.g.cs");
        foreach (var reached in new[] { "class Widget ", "class WidgetSpec", "class Tag ", "enum Color" }) Assert.Contains(reached, shapes);
        // SNS is selected, but nothing of it is named: read by schema only.
        Assert.DoesNotContain(run.HintNames, h => h.StartsWith("Sns.Events", StringComparison.Ordinal));
        Assert.Contains("Sns.Schema.g.cs", run.HintNames);
        Assert.Contains("Widgets.Schema.g.cs", run.HintNames);

        string context = run.Source("CloudTrailJsonContext.g.cs");
        Assert.Contains("case \"CreateWidget\": return new global::Test.Trail.Widgets.CreateWidgetEvent();", context);
        Assert.DoesNotContain("DescribeWidgetEvent", context);
        Assert.Contains("CreateBySchema(envelope)", context);
    }

    [Fact]
    public void A_using_directive_of_a_selected_service_compiles_before_the_code_names_any_of_its_classes()
    {
        // A user adds the using first, or removes the last class of a service they still import:
        // without the namespace, CS0234 ("does the namespace exist... missing an assembly reference?").
        const string code = """
            using Test.Trail.Sns;
            using Test.Trail.Widgets;

            namespace Consumer
            {
                /// <summary>Names nothing of the two services yet.</summary>
                public static class Detections
                {
                    /// <summary>A constant.</summary>
                    public const int None = 0;
                }
            }
            """;
        var run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(Files(), Named), GeneratorHarness.CreateCompilation(code));
        run.AssertCompilesCleanly();
        Assert.DoesNotContain(run.HintNames, h => h.EndsWith(".Events.g.cs", StringComparison.Ordinal));
        Assert.Contains("namespace Test.Trail.Sns { }", run.Source("Sns.Schema.g.cs"));
    }

    [Fact]
    public void Nothing_named_gives_no_event_class_and_every_selected_event_in_the_schema()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(Files(), Named), GeneratorHarness.CreateCompilation());
        run.AssertCompilesCleanly();
        Assert.DoesNotContain(run.HintNames, h => h.EndsWith(".Events.g.cs", StringComparison.Ordinal) || h.EndsWith(".Shapes.g.cs", StringComparison.Ordinal));

        string schema = run.SchemaText("Widgets.Schema.g.cs");
        Assert.StartsWith(@"CTGS1\n", schema);
        Assert.Contains(@"E\tCreateWidget\tData\t0\n", schema);
        Assert.Contains(@"E\tDescribeWidget\tManagement\t1\tDescribeWidget20240101\n", schema);
        Assert.Contains(@"\tcolor\tColor\t", schema);
        Assert.Contains(@"\ttags\tTag[]\t", schema);
        Assert.Contains(@"\tlabels\tmap<string>\t", schema);
        Assert.Contains(@"N\tColor\tred\tdark-blue|navy\n", schema);
        // The envelope shapes the service uses are copied in.
        Assert.Contains(@"\nS\tIdentity\t", schema);
        Assert.Contains(@"\nN\tIdentityType\t", schema);

        string index = run.Source("CloudTrailGenSchema.g.cs");
        Assert.Contains("new string[] { \"sns\", \"widgets\" }", index);
        Assert.Contains("class SchemaTypedRecord : TrailRecord", index);
    }

    [Fact]
    public void A_listed_event_gets_a_class_unnamed_and_all_lists_every_event_of_a_service()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(Files(), Named with { Events = "widgets:DescribeWidget20240101" }), GeneratorHarness.CreateCompilation());
        run.AssertCompilesCleanly();
        string events = run.Source("Widgets.Events.g.cs");
        Assert.Contains("class DescribeWidgetEvent", events);
        Assert.DoesNotContain("class CreateWidgetEvent", events);
        Assert.DoesNotContain("Widgets.Shapes.g.cs", run.HintNames); // DescribeWidget reaches no shape

        run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(Files(), Named with { Events = "sns:*" }), GeneratorHarness.CreateCompilation());
        run.AssertCompilesCleanly();
        Assert.Contains("class PublishEvent", run.Source("Sns.Events.g.cs"));
    }

    [Fact]
    public void A_class_name_without_its_service_namespace_names_nothing()
    {
        // CreateWidgetEvent is a type of the consumer's own here: the code never mentions Widgets.
        const string Own = """
            namespace Consumer
            {
                /// <summary>The consumer's own type.</summary>
                public sealed class CreateWidgetEvent
                {
                }
            }
            """;
        var run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(Files(), Named), GeneratorHarness.CreateCompilation(Own));
        run.AssertCompilesCleanly();
        Assert.DoesNotContain("Widgets.Events.g.cs", run.HintNames);
    }

    [Fact]
    public void Naming_a_class_in_an_edit_emits_it_and_leaves_every_schema_text_cached()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(Files(), Named), compilation);
        first.AssertCompilesCleanly();

        var second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(NamesCreateWidget, GeneratorHarness.ParseOptions, path: "/src/Detections.cs")));
        second.AssertCompilesCleanly();
        Assert.Contains("class CreateWidgetEvent", second.Source("Widgets.Events.g.cs"));
        foreach (var hint in new[] { "Widgets.Schema.g.cs", "Sns.Schema.g.cs" })
        {
            Assert.Equal(first.Source(hint), second.Source(hint));
        }
        // The services' specs and their schema texts were not recomputed; only the classes were.
        Assert.All(second.Outputs(TrackingNames.Services), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Contains(second.Outputs(TrackingNames.Classes), o => o.Reason == IncrementalStepRunReason.Modified);
    }
}
