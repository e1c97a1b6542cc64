using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using CloudTrailGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace CloudTrailGen.Tests;

/// <summary>
/// Mutated catalog files (a seeded random loop over a real catalog file, and the extreme cases
/// DiagnosticTests.HostileInputs does not have): every run ends in CTG diagnostics that point
/// at a file and line, never in a crash (CS8785, CTG0013), a hang, or generated code that does
/// not compile.
/// </summary>
public class CatalogFuzzTests
{
    private const string Path = "/catalog/services/sns.json";
    private static readonly TimeSpan s_timeBudget = TimeSpan.FromSeconds(20);

    private static readonly int s_mutants = int.TryParse(Environment.GetEnvironmentVariable("CTG_CATALOG_MUTANTS"), out int n) ? n : 40;

    private readonly ITestOutputHelper _output;

    public CatalogFuzzTests(ITestOutputHelper output) => _output = output;

    private static GeneratorRun Run(string json, string? services = "sns")
    {
        var clock = Stopwatch.StartNew();
        var run = GeneratorHarness.Run(new GeneratorSettings(services), CatalogFile.Envelope(TestCatalogs.Envelope), CatalogFile.Builtin("sns", json));
        Assert.True(clock.Elapsed < s_timeBudget, $"the generator took {clock.Elapsed}");
        return run;
    }

    /// <summary>No crash, output that compiles cleanly, and every diagnostic a CTG one with a file and line.</summary>
    private static void AssertHandled(GeneratorRun run, string what)
    {
        try
        {
            run.AssertCompilesCleanly();
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {e.Message}\ndiagnostics: {string.Join("\n", run.Diagnostics)}");
        }
        foreach (var d in run.Diagnostics)
        {
            Assert.StartsWith("CTG", d.Id, StringComparison.Ordinal);
            // Only diagnostics about the build's options (the selection, the namespace) and the
            // missing envelope have no place in a file.
            if (d.Id is "CTG0007" or "CTG0011" || (d.Id == "CTG0006" && d.GetMessage().Contains("CloudTrailGenNamespace", StringComparison.Ordinal))) continue;
            var span = d.Location.GetLineSpan();
            Assert.True(span.IsValid && span.Path.Length > 0, $"{what}: {d} has no file");
            Assert.True(d.Location.Kind == LocationKind.ExternalFile, $"{what}: {d} is not located in the catalog file");
        }
    }

    [Fact]
    public void Random_mutations_of_a_real_catalog_file_are_diagnosed_not_crashed()
    {
        string original = RepoCatalog.Service("sns").Text.Content;
        var random = new Random(20240917);
        string[] replacements =
        {
            "\"class\"", "\"namespace\"", "\"int\"", "\"\u00dcn\u00efc\u00f6d\u00e9\"", "\"\u65e5\u672c\"", "\"\\ud800\"", "\"\"", "\"a b\"", "\"1abc\"",
            "\"" + new string('N', 600) + "\"", "\"Node\"", "\"Node[]\"", "\"map<Node>\"", "\"string[][]\"", "\"map<map<string>>\"", "\"json\"",
            "1", "-0.5e10", "true", "null", "[]", "{}", "[\"x\"]", "{\"type\":\"string\"}", "{\"members\":{}}", "{\"enum\":[\"a\",\"a\"]}",
        };
        int diagnosed = 0;
        for (int i = 0; i < s_mutants; i++)
        {
            string mutant = original;
            string how;
            switch (random.Next(5))
            {
                case 0:
                    int cut = random.Next(original.Length);
                    mutant = original.Substring(0, cut);
                    how = $"truncated at {cut}";
                    break;
                case 1:
                    int at = random.Next(original.Length);
                    mutant = original.Remove(at, 1);
                    how = $"character {at} deleted";
                    break;
                case 2:
                    int place = random.Next(original.Length);
                    char c = "{}[]\",:\\ax1\u00e9"[random.Next(12)];
                    mutant = original.Insert(place, c.ToString());
                    how = $"'{c}' inserted at {place}";
                    break;
                default:
                    // A string value or key replaced by another value of any type.
                    var strings = System.Text.RegularExpressions.Regex.Matches(original, "\"(?:[^\"\\\\]|\\\\.)*\"");
                    var match = strings[random.Next(strings.Count)];
                    string replacement = replacements[random.Next(replacements.Length)];
                    mutant = original.Substring(0, match.Index) + replacement + original.Substring(match.Index + match.Length);
                    how = $"{match.Value} at {match.Index} replaced by {replacement.Substring(0, Math.Min(40, replacement.Length))}";
                    break;
            }
            var run = Run(mutant);
            AssertHandled(run, $"mutant {i} ({how})");
            if (run.Diagnostics.Length > 0) diagnosed++;
        }
        _output.WriteLine($"{s_mutants} mutants of sns.json: {diagnosed} diagnosed, none crashed, every output compiled.");
    }

    [Fact]
    public void Ten_thousand_members_in_one_shape_generate_code_without_a_hang()
    {
        var members = string.Join(",\n", Enumerable.Range(0, 10_000).Select(i => $"\"member{i}\": \"{(i % 3 == 0 ? "string" : i % 3 == 1 ? "integer" : "Big[]")}\""));
        string json = $$"""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": { "Publish": { "request": { "big": "Big" } } },
              "shapes": { "Big": { "members": { {{members}} } } }
            }
            """;
        var clock = Stopwatch.StartNew();
        var run = Run(json);
        run.AssertNoCrash();
        Assert.Empty(run.Diagnostics);
        // Compiling it all takes Roslyn about a minute on two cores (measured once: 61 s, clean):
        // too long for every test run, so here the generated code is checked for syntax only.
        foreach (var source in run.Sources)
        {
            Assert.Empty(source.SyntaxTree.GetDiagnostics());
        }
        Assert.Contains("Member9999", run.Source("Sns.Shapes.g.cs"), StringComparison.Ordinal);
        _output.WriteLine($"10,000 members: generated and parsed in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [InlineData(600)]
    [InlineData(100_000)]
    public void Huge_names_compile(int length)
    {
        string name = "a" + new string('b', length - 1);
        string json = $$"""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": {
                "{{name}}": { "request": { "{{name}}": "string", "ok": "{{name}}" } },
                "Publish": { "doc": "{{name}}", "request": { "topicArn": "string" } }
              },
              "shapes": { "{{name}}": { "members": { "x": "string" } } }
            }
            """;
        var run = Run(json);
        AssertHandled(run, $"a {length}-character name");
        // The all-lower-case shape name is capitalized (as a type name it was warning CS8981).
        Assert.Contains("class A" + new string('b', length - 1), run.Source("Sns.Shapes.g.cs"), StringComparison.Ordinal);
        Assert.Contains("PublishEvent", run.Source("Sns.Events.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Cycles_between_shapes_compile()
    {
        string json = """
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": { "Publish": { "request": { "a": "A", "b": "map<B>", "self": "A[]" } } },
              "shapes": {
                "A": { "members": { "b": "B", "c": "C[]" } },
                "B": { "members": { "c": "C", "a": "map<A>" } },
                "C": { "members": { "a": "A", "self": "C" } }
              }
            }
            """;
        var run = Run(json);
        AssertHandled(run, "cycles");
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void Duplicate_members_events_and_shapes_are_each_diagnosed_at_the_second()
    {
        string json = """
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": {
                "Publish": { "request": { "a": "string", "a": "integer", "b": "S" } },
                "Publish": { "request": { } }
              },
              "shapes": {
                "S": { "members": { "x": "string", "x": "string" } },
                "S": { "enum": ["a"] }
              }
            }
            """;
        var run = Run(json);
        AssertHandled(run, "duplicates");
        var lines = run.Diagnostics.Where(d => d.Id == "CTG0004").Select(d => d.Location.GetLineSpan().StartLinePosition.Line).OrderBy(l => l).ToArray();
        Assert.Equal(new[] { 5, 6, 9, 10 }, lines);
    }

    [Fact]
    public void Every_truncation_of_a_small_catalog_is_diagnosed()
    {
        // Every cut of a file, not a sample: the parser's error paths at each position.
        string json = """{"format":1,"service":"sns","eventSources":["sns.amazonaws.com"],"events":{"Publish":{"request":{"topicArn":"string","n":"N[]"}}},"shapes":{"N":{"members":{"v":"map<string>"}}}}""";
        for (int cut = 0; cut < json.Length; cut++)
        {
            var run = Run(json.Substring(0, cut));
            run.AssertNoCrash(); // compiling is left to the other tests: the service is not generated here
            Assert.DoesNotContain("Sns.Events.g.cs", run.HintNames);
            var d = Assert.Single(run.Diagnostics, d => d.Id == "CTG0001");
            Assert.Equal(0, d.Location.GetLineSpan().StartLinePosition.Line);
        }
    }
}
