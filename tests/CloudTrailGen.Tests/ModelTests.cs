using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using CloudTrailGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>
/// Pipeline models compare by value and hold no Roslyn object: otherwise cached steps never compare
/// equal (every run looks Modified) and old compilations are kept alive.
/// </summary>
public class ModelTests
{
    private static readonly Type[] s_forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(AdditionalText),
        typeof(Compilation), typeof(SemanticModel), typeof(Diagnostic), typeof(SourceText),
    };

    [Fact]
    public void PipelineModels_HoldOnlyEquatableValues()
    {
        var problems = FindProblems(out var visited, typeof(CatalogFileResult), typeof(ServiceEmitSpec), typeof(EnvelopeEmitSpec), typeof(CatalogModel), typeof(GeneratorOptions), typeof(FileScan));

        Assert.True(problems.Count == 0, "Pipeline models must hold only equatable values:\n" + string.Join("\n", problems));
        // The walk reached the nested models (through EquatableArray<T>, nullable and recursive properties).
        Assert.Superset(
            new HashSet<Type>
            {
                typeof(ServiceSpec), typeof(EnvelopeSpec), typeof(EventSpec), typeof(ShapeSpec), typeof(MemberSpec), typeof(TypeSpec),
                typeof(EnumValueSpec), typeof(DispatchSpec), typeof(DispatchEntry), typeof(ExternalReference), typeof(DiagnosticInfo),
                typeof(LocationInfo), typeof(GeneratedNames), typeof(GeneratedServiceNames), typeof(CodeReference),
            },
            visited);
    }

    [Fact]
    public void Walker_FindsWhatItMust()
    {
        var problems = FindProblems(out _, typeof(BadSpec));

        Assert.Contains(problems, p => p.Contains("BadSpec.Names", StringComparison.Ordinal) && p.Contains("List", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BadSpec.Lines", StringComparison.Ordinal) && p.Contains("array", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BadSpec.Where", StringComparison.Ordinal) && p.Contains("Location", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BadInner.Symbol", StringComparison.Ordinal) && p.Contains("ISymbol", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BadInner.Tree", StringComparison.Ordinal) && p.Contains("SyntaxNode", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BadInner.Plain", StringComparison.Ordinal) && p.Contains("reference equality", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains(".Name ", StringComparison.Ordinal));
    }

    [Fact]
    public void ParsedOutputs_OfTwoRuns_AreEqualByValue()
    {
        var settings = new GeneratorSettings("*");
        var first = GeneratorHarness.Run(RepoCatalog.All(), settings);
        var second = GeneratorHarness.Run(RepoCatalog.All(), settings); // new file texts, new driver

        var a = first.Outputs(TrackingNames.Parsed).Select(o => (CatalogFileResult)o.Value).ToList();
        var b = second.Outputs(TrackingNames.Parsed).Select(o => (CatalogFileResult)o.Value).ToList();
        Assert.Equal(RepoCatalog.ServiceIds().Count() + 1, a.Count);
        Assert.All(a, r => Assert.False(r.Skipped));
        Assert.All(a, r => Assert.True(r.Service is not null || r.Envelope is not null, r.Path));
        for (int i = 0; i < a.Count; i++)
        {
            Assert.NotSame(a[i], b[i]);
            Assert.Equal(a[i], b[i]);
            Assert.Equal(a[i].GetHashCode(), b[i].GetHashCode());
        }

        var modelA = (CatalogModel)Assert.Single(first.Outputs(TrackingNames.Model)).Value;
        var modelB = (CatalogModel)Assert.Single(second.Outputs(TrackingNames.Model)).Value;
        Assert.Equal(modelA, modelB);
        Assert.Equal(RepoCatalog.ServiceIds().Count(), modelA.Services.Count);
    }

    [Fact]
    public void Specs_DifferWhenContentDiffers()
    {
        // The other half of value equality: a change deep inside must make specs unequal.
        var first = GeneratorHarness.Run(new GeneratorSettings("widgets"), CatalogFile.Envelope(TestCatalogs.Envelope), CatalogFile.Builtin("widgets", TestCatalogs.Widgets));
        var second = GeneratorHarness.Run(new GeneratorSettings("widgets"), CatalogFile.Envelope(TestCatalogs.Envelope),
            CatalogFile.Builtin("widgets", TestCatalogs.Widgets.Replace("\"navy\"", "\"marine\"", StringComparison.Ordinal)));

        var a = (ServiceEmitSpec)Assert.Single(first.Outputs(TrackingNames.Services)).Value;
        var b = (ServiceEmitSpec)Assert.Single(second.Outputs(TrackingNames.Services)).Value;
        Assert.NotEqual(a, b);
        Assert.Equal(a with { Service = b.Service }, b);
    }

    // ------------------------------------------------------------------ the walker

    /// <summary>Walks the types reachable from the roots' properties and fields and lists what breaks value equality.</summary>
    internal static List<string> FindProblems(out HashSet<Type> visited, params Type[] roots)
    {
        var problems = new List<string>();
        var seen = visited = new HashSet<Type>();
        var queue = new Queue<Type>(roots);
        foreach (var root in roots) Check(root, root.Name + " (root)", problems, queue, seen);
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!seen.Add(type)) continue;
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
            {
                foreach (var property in t.GetProperties(flags))
                {
                    if (property.Name == "EqualityContract") continue; // records: the runtime type, not data
                    Check(property.PropertyType, $"{type.Name}.{property.Name}", problems, queue, seen);
                }
                foreach (var field in t.GetFields(flags))
                {
                    if (field.Name.EndsWith(">k__BackingField", StringComparison.Ordinal)) continue; // seen as the property
                    Check(field.FieldType, $"{type.Name}.{field.Name}", problems, queue, seen);
                }
            }
        }
        return problems.Distinct().ToList();
    }

    private static void Check(Type type, string where, List<string> problems, Queue<Type> queue, HashSet<Type> seen)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) type = underlying;

        foreach (var forbidden in s_forbidden)
        {
            if (forbidden.IsAssignableFrom(type))
            {
                problems.Add($"{where} is {type.Name}, a Roslyn {forbidden.Name}");
                return;
            }
        }
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)) return;
        if (type.IsArray)
        {
            problems.Add($"{where} is an array ({type.Name}): arrays compare by reference; use EquatableArray<T>");
            return;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            var element = type.GetGenericArguments()[0];
            Check(element, where + "[]", problems, queue, seen);
            return;
        }
        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            problems.Add($"{where} is {Display(type)}, a collection that compares by reference (List, ImmutableArray, Dictionary, ...); use EquatableArray<T>");
            return;
        }
        if (!typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type) || type.IsInterface || (type.IsClass && !type.IsSealed))
        {
            problems.Add($"{where} is {Display(type)}, which has reference equality (pipeline models are sealed records or equatable structs)");
            return;
        }
        if (!seen.Contains(type)) queue.Enqueue(type);
    }

    private static string Display(Type type) =>
        type.IsGenericType ? type.Name.Substring(0, type.Name.IndexOf('`', StringComparison.Ordinal)) + "<" + string.Join(", ", type.GetGenericArguments().Select(Display)) + ">" : type.Name;

    // A model that breaks every rule, to show that the walker can fail.
    private sealed record BadSpec(string Name, List<string> Names, string[] Lines, Location Where, EquatableArray<BadInner> Inner);

    private sealed record BadInner(ISymbol Symbol, SyntaxNode? Tree, PlainClass Plain);

    private sealed class PlainClass
    {
        public int Value { get; set; }
    }
}
