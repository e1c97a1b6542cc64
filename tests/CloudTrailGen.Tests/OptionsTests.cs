using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CloudTrailGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>
/// The MSBuild properties of a consuming project: the root namespace of generated types when
/// <c>CloudTrailGenNamespace</c> is not set, and <c>CloudTrailGenVisibility</c>.
/// </summary>
public class OptionsTests
{
    [Fact]
    public void DefaultNamespace_IsTheProjectsRootNamespaceDotAws_WithoutStutter()
    {
        // It was $(RootNamespace).CloudTrail, which made MyApp.CloudTrail.CloudTrail.StopLoggingEvent.
        var run = GeneratorHarness.Run(new GeneratorSettings("cloudtrail", Namespace: null, RootNamespace: "MyApp"), RepoCatalog.Envelope(), RepoCatalog.Service("cloudtrail"));

        run.AssertCompilesCleanly();
        Assert.Contains("namespace MyApp.Aws.CloudTrail\n", run.Source("CloudTrail.Events.g.cs"), StringComparison.Ordinal);
        Assert.Contains("namespace MyApp.Aws\n", run.Source("CloudTrailJsonContext.g.cs"), StringComparison.Ordinal);
        Assert.NotNull(run.Output.GetTypeByMetadataName("MyApp.Aws.CloudTrail.StopLoggingEvent"));

        var noRoot = GeneratorHarness.Run(new GeneratorSettings("cloudtrail", Namespace: null), RepoCatalog.Envelope(), RepoCatalog.Service("cloudtrail"));
        Assert.NotNull(noRoot.Output.GetTypeByMetadataName("Aws.CloudTrail.StopLoggingEvent"));
    }

    private static List<INamedTypeSymbol> GeneratedTypes(GeneratorRun run)
    {
        var types = new List<INamedTypeSymbol>();
        void Walk(INamespaceSymbol ns)
        {
            foreach (var type in ns.GetTypeMembers()) types.Add(type);
            foreach (var inner in ns.GetNamespaceMembers()) Walk(inner);
        }
        var root = run.Output.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Test").GetNamespaceMembers().Single(n => n.Name == "Trail");
        Walk(root);
        return types;
    }

    private static GeneratorRun RunWidgets(string? visibility) =>
        GeneratorHarness.Run(new GeneratorSettings("widgets", Visibility: visibility), CatalogFile.Envelope(TestCatalogs.Envelope), CatalogFile.Builtin("widgets", TestCatalogs.Widgets));

    [Fact]
    public void Visibility_Internal_MakesEveryGeneratedTypeInternal()
    {
        var run = RunWidgets("internal");
        run.AssertCompilesCleanly();
        Assert.Empty(run.Diagnostics);
        var types = GeneratedTypes(run);
        Assert.Contains(types, t => t.Name == "CreateWidgetEvent");
        Assert.Contains(types, t => t.Name == "CloudTrailJsonContext");
        Assert.Contains(types, t => t.Name == "CloudTrailLog");
        Assert.Contains(types, t => t.Name == "CloudTrailServices");
        Assert.All(types, t => Assert.True(t.DeclaredAccessibility == Accessibility.Internal, $"{t.ToDisplayString()} is {t.DeclaredAccessibility}"));

        // The default (and "Public" in any case) is public, as before: the types a library exports.
        foreach (var run2 in new[] { RunWidgets(null), RunWidgets("Public") })
        {
            Assert.Empty(run2.Diagnostics);
            var publicTypes = GeneratedTypes(run2).Where(t => t.DeclaredAccessibility == Accessibility.Public).Select(t => t.Name).ToList();
            Assert.Contains("CreateWidgetEvent", publicTypes);
            Assert.Contains("CloudTrailJsonContext", publicTypes);
        }
    }

    [Fact]
    public void Visibility_Internal_ReadsAndWritesRecordsAtRunTime()
    {
        // The context finds each internal type's converter through its [JsonConverter] attribute.
        var run = RunWidgets("internal");
        run.AssertCompilesCleanly();
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new AssemblyLoadContext("internal-visibility", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var contextType = assembly.GetType("Test.Trail.CloudTrailJsonContext", throwOnError: true)!;
            object defaultContext = contextType.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var typeInfo = (JsonTypeInfo)contextType.GetProperty("TrailRecord")!.GetValue(defaultContext)!;

            string json = """{"eventSource":"widgets.amazonaws.com","eventName":"CreateWidget","requestParameters":{"name":"w","size":3}}""";
            object record = JsonSerializer.Deserialize(json, typeInfo)!;
            Assert.Equal("Test.Trail.Widgets.CreateWidgetEvent", record.GetType().FullName);
            Assert.False(record.GetType().IsPublic);
            Assert.Equal(json, JsonSerializer.Serialize(record, typeInfo));
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Visibility_OtherValue_IsReported()
    {
        var run = RunWidgets("private");

        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("CTG0014", d.Id);
        Assert.Contains("'private' is not a valid CloudTrailGenVisibility: use public (the default) or internal", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(Location.None, d.Location);
    }
}
