using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using CloudTrailGen.Model;
using CloudTrailGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Sdk;

namespace CloudTrailGen.Tests;

/// <summary>
/// The generator redoes only the work an edit calls for: the driver is run twice and the second
/// run's tracked steps (see <see cref="TrackingNames"/>) are checked for Cached/Unchanged.
/// </summary>
public class IncrementalTests
{
    private static readonly IncrementalStepRunReason[] s_notRecomputed = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    /// <summary>Every tracking name the generator declares.</summary>
    public static IReadOnlyList<string> AllTrackingNames { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    private static GeneratorSettings Settings => new("widgets,sns");

    private static List<CatalogFile> Files() => new()
    {
        CatalogFile.Envelope(TestCatalogs.Envelope),
        CatalogFile.Builtin("widgets", TestCatalogs.Widgets),
        RepoCatalog.Service("sns"),
        RepoCatalog.Service("iam"), // not selected
    };

    [Fact]
    public void TrackingNames_AreAllDeclared()
    {
        Assert.Equal(
            new[] { "CatalogFiles", "Classes", "Declared", "Envelope", "EnvelopeShapes", "FileDiagnostics", "FileNames", "GeneratedNames", "Model", "ModelDiagnostics", "Names", "Options", "Parsed", "ReferenceDiagnostics", "Services" },
            AllTrackingNames.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void UnrelatedCSharpEdit_LeavesEveryStepAndOutputCached()
    {
        var files = Files();
        var compilation = GeneratorHarness.CreateCompilation();
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(files, Settings), compilation);
        first.AssertCompilesCleanly();

        var oldTree = compilation.SyntaxTrees.Single();
        var newTree = CSharpSyntaxTree.ParseText(
            GeneratorHarness.ConsumerSource.Replace("=> 42", "=> 43", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: oldTree.FilePath);
        var second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(oldTree, newTree));

        foreach (var name in AllTrackingNames)
        {
            AssertReasons(second, name, s_notRecomputed);
        }
        AssertOutputs(second, IncrementalStepRunReason.Cached);
        AssertSameSources(first, second);
    }

    [Fact]
    public void EditThatMovesACheckedName_RechecksThatFileOnly_WithNoCatalogWork()
    {
        // iam is in the catalog but not selected: the name gets CTG0017 at its line.
        const string Code = """
            internal static class Rules
            {
                public static bool Attach(object r) => r is Test.Trail.Iam.AttachRolePolicyEvent;
            }
            """;
        var files = Files();
        var compilation = GeneratorHarness.CreateCompilation(Code, GeneratorHarness.ConsumerSource);
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(files, Settings), compilation);
        Assert.Equal(2, Assert.Single(first.Diagnostics, d => d.Id == "CTG0017").Location.GetLineSpan().StartLinePosition.Line);

        var oldTree = compilation.SyntaxTrees.First();
        var newTree = CSharpSyntaxTree.ParseText("// a line more\n" + Code, GeneratorHarness.ParseOptions, path: oldTree.FilePath);
        var second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(oldTree, newTree));

        Assert.Equal(3, Assert.Single(second.Diagnostics, d => d.Id == "CTG0017").Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(second.Outputs(TrackingNames.ReferenceDiagnostics), o => o.Reason == IncrementalStepRunReason.Modified);
        foreach (var name in AllTrackingNames.Except(new[] { TrackingNames.FileNames, TrackingNames.ReferenceDiagnostics }))
        {
            AssertReasons(second, name, s_notRecomputed);
        }
        AssertSameSources(first, second);
    }

    [Fact]
    public void WhitespaceOnlyCatalogEdit_LeavesSpecsUnchanged_AndOutputCached()
    {
        var files = Files();
        var widgets = files[1];
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(files, Settings), GeneratorHarness.CreateCompilation());
        first.AssertCompilesCleanly();

        // Reformat: every value on its own, more deeply indented line; every position after the first brace moves.
        string reformatted = Regex.Replace(widgets.Text.Content, @"(?<=[{,\[])(?=\s*"")", "\n        ").Replace("\n", "\r\n  ", StringComparison.Ordinal);
        Assert.NotEqual(widgets.Text.Content, reformatted);
        Assert.Equal(Regex.Replace(widgets.Text.Content, @"\s", ""), Regex.Replace(reformatted, @"\s", ""));
        var edited = widgets.WithText(reformatted);

        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(widgets.Text, edited.Text), first.Input);

        // The file is read again, and its parse result changes (it carries positions for diagnostics) ...
        Assert.Contains(second.Outputs(TrackingNames.Parsed), o => o.Reason == IncrementalStepRunReason.Modified);
        // ... but nothing after it: the model and the emit specs hold no positions.
        AssertReasons(second, TrackingNames.Model, s_notRecomputed);
        AssertReasons(second, TrackingNames.Services, s_notRecomputed);
        AssertReasons(second, TrackingNames.Envelope, s_notRecomputed);
        AssertReasons(second, TrackingNames.FileDiagnostics, s_notRecomputed);
        AssertOutputs(second, IncrementalStepRunReason.Cached);
        AssertSameSources(first, second);
        Assert.Equal(1, edited.Text.Reads);
    }

    /// <summary>A catalog file is added (its service sorting after, or before, the existing ones): the others' output stays Cached.</summary>
    [Theory]
    [InlineData("zebra")]
    [InlineData("aardvark")]
    public void AddingACatalogFile_LeavesOtherServicesCached(string newService)
    {
        var files = Files();
        var compilation = GeneratorHarness.CreateCompilation();
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(files, Settings), compilation);
        first.AssertCompilesCleanly();

        var added = CatalogFile.User($"/project/{newService}.json", TestCatalogs.Simple(newService));
        var driver = first.Driver
            .AddAdditionalTexts(new[] { (AdditionalText)added.Text }.ToImmutableArray())
            .WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(Settings.ToGlobalOptions(), files.Append(added)));
        var second = GeneratorHarness.Run(driver, compilation);
        second.AssertCompilesCleanly();

        Assert.Contains($"{char.ToUpperInvariant(newService[0])}{newService.Substring(1)}.Events.g.cs", second.HintNames);
        foreach (var id in new[] { "sns", "widgets" })
        {
            var service = ServiceOutputs(second, id);
            Assert.True(s_notRecomputed.Contains(service.Reason), $"The Services step of '{id}' was {service.Reason}");
            var output = Assert.Single(OutputStepsOf(second, id));
            Assert.All(output.Outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }
        // The envelope's context lists the new service's types, so it is generated again.
        Assert.NotEqual(first.Source("CloudTrailJsonContext.g.cs"), second.Source("CloudTrailJsonContext.g.cs"));
    }

    [Fact]
    public void UnselectedBuiltinService_IsNeverRead()
    {
        var unread = new CatalogFile(new UnreadableAdditionalText("/catalog/services/iam.json"), "builtin");
        var other = new CatalogFile(new UnreadableAdditionalText("/catalog/services/ec2.json"), "builtin");
        var envelope = CatalogFile.Envelope(TestCatalogs.Envelope);
        var widgets = CatalogFile.Builtin("widgets", TestCatalogs.Widgets);
        var files = new[] { envelope, unread, widgets, other };

        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(files, new GeneratorSettings("widgets")), GeneratorHarness.CreateCompilation());
        first.AssertCompilesCleanly();
        Assert.Empty(first.Diagnostics);

        // Edits elsewhere do not read it either.
        var edited = widgets.WithText(TestCatalogs.Widgets.Replace("Creates a widget.", "Makes a widget.", StringComparison.Ordinal));
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(widgets.Text, edited.Text), first.Input);
        second.AssertCompilesCleanly();
        Assert.Contains("Makes a widget.", second.Source("Widgets.Events.g.cs"));

        Assert.Equal(0, unread.Text.Reads);
        Assert.Equal(0, other.Text.Reads);
        Assert.Equal(1, envelope.Text.Reads);
        Assert.Equal(1, widgets.Text.Reads);
    }

    [Fact]
    public void SelectingAnotherService_ReadsOnlyThatFile()
    {
        var files = Files();
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(files, Settings), GeneratorHarness.CreateCompilation());
        int envelopeReads = files[0].Text.Reads;

        var driver = first.Driver.WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(new GeneratorSettings("widgets,sns,iam").ToGlobalOptions(), files));
        var second = GeneratorHarness.Run(driver, first.Input);
        second.AssertCompilesCleanly();

        Assert.Contains("Iam.Events.g.cs", second.HintNames);
        Assert.Equal(1, files[3].Text.Reads);
        // The files already parsed give equal results: their emitted output is not redone.
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(OutputStepsOf(second, "sns")).Outputs.Single().Reason);
        Assert.True(files[0].Text.Reads >= envelopeReads);
    }

    // ------------------------------------------------------------------ helpers

    private static void AssertReasons(GeneratorRun run, string trackingName, IncrementalStepRunReason[] allowed)
    {
        var outputs = run.Outputs(trackingName).ToList();
        var bad = outputs.Where(o => !allowed.Contains(o.Reason)).ToList();
        if (bad.Count > 0)
        {
            throw new XunitException($"Step '{trackingName}' has outputs that were recomputed: {string.Join(", ", bad.Select(b => $"{b.Reason} ({Describe(b.Value)})"))}");
        }
    }

    private static void AssertOutputs(GeneratorRun run, IncrementalStepRunReason expected)
    {
        Assert.NotEmpty(run.Result.TrackedOutputSteps);
        foreach (var (kind, steps) in run.Result.TrackedOutputSteps)
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason == expected, $"Output '{kind}' was {output.Reason}, expected {expected} ({Describe(output.Value)})");
            }
        }
    }

    private static void AssertSameSources(GeneratorRun first, GeneratorRun second)
    {
        Assert.Equal(first.HintNames, second.HintNames);
        foreach (var source in first.Sources)
        {
            Assert.Equal(source.SourceText.ToString(), second.Source(source.HintName));
        }
    }

    /// <summary>The Services step output of one service.</summary>
    private static (object Value, IncrementalStepRunReason Reason) ServiceOutputs(GeneratorRun run, string serviceId) =>
        Assert.Single(run.Outputs(TrackingNames.Services), o => o.Value is ServiceEmitSpec spec && spec.Service.Id == serviceId);

    /// <summary>The source output steps fed by one service's emit spec.</summary>
    private static IEnumerable<IncrementalGeneratorRunStep> OutputStepsOf(GeneratorRun run, string serviceId) =>
        run.Result.TrackedOutputSteps.Values.SelectMany(s => s)
            .Where(step => step.Inputs.Any(input => input.Source.Outputs[input.OutputIndex].Value is ServiceEmitSpec spec && spec.Service.Id == serviceId));

    private static string Describe(object value) => value switch
    {
        ServiceEmitSpec s => "service " + s.Service.Id,
        CatalogFileResult f => "file " + f.Path,
        _ => value.GetType().Name,
    };
}
