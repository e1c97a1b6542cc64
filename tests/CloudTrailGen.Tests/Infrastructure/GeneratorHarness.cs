using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Sdk;

namespace CloudTrailGen.Tests.Infrastructure;

/// <summary>
/// The options a test passes to the generator, as MSBuild would after the package's targets.
/// <see cref="EventClasses"/> is <c>All</c> unless a test asks for <c>Named</c>: most tests look
/// at the classes of the catalogs they give, which no test source names.
/// </summary>
internal sealed record GeneratorSettings(string? Services, string? Namespace = GeneratorSettings.DefaultNamespace, string? RootNamespace = null, string? Visibility = null, string? EventClasses = "All", string? Events = null,
    string? ServiceFiles = null)
{
    public const string DefaultNamespace = "Test.Trail";

    public IEnumerable<KeyValuePair<string, string>> ToGlobalOptions()
    {
        if (Services is not null) yield return new("build_property.CloudTrailGenServices", Services);
        if (ServiceFiles is not null) yield return new("build_property.CloudTrailGenServiceFiles", ServiceFiles);
        if (Namespace is not null) yield return new("build_property.CloudTrailGenNamespace", Namespace);
        if (RootNamespace is not null) yield return new("build_property.RootNamespace", RootNamespace);
        if (EventClasses is not null) yield return new("build_property.CloudTrailGenEventClasses", EventClasses);
        if (Events is not null) yield return new("build_property.CloudTrailGenEvents", Events);
        if (Visibility is not null) yield return new("build_property.CloudTrailGenVisibility", Visibility);
    }
}

/// <summary>
/// Runs <see cref="CloudTrailGenerator"/> in memory: a compilation against the .NET 8 reference
/// assemblies and the runtime library, catalog files as additional texts with their metadata,
/// and a driver that tracks incremental steps.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>C# 12 (what a .NET 8 consumer compiles with), and XML docs checked: a missing one is CS1591.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    /// <summary>
    /// The schema text in a generated <c>*.Schema.g.cs</c> source, expanded from the compressed
    /// literal (<c>CTGZ1</c>, base64 of raw DEFLATE) and written with tabs and newlines escaped as
    /// the literal of a plain text would have them (<c>\t</c>, <c>\n</c>).
    /// </summary>
    public static string SchemaText(string source)
    {
        const string Start = "=> \"CTGZ1\\n";
        int start = source.IndexOf(Start, StringComparison.Ordinal);
        if (start < 0) throw new XunitException($"The source has no compressed schema literal:\n{source}");
        start += Start.Length;
        int end = source.IndexOf("\"u8;", start, StringComparison.Ordinal);
        var compressed = Convert.FromBase64String(source[start..end]);
        using var inflate = new System.IO.Compression.DeflateStream(new System.IO.MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var plain = new System.IO.MemoryStream();
        inflate.CopyTo(plain);
        return Encoding.UTF8.GetString(plain.ToArray()).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    public static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        warningLevel: 9999, // every warning wave: a consumer on a newer SDK sees them all
        deterministic: true);

    public static ImmutableArray<MetadataReference> References { get; } =
        Net80.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(global::CloudTrailGen.CloudTrailObject).Assembly.Location))
            .ToImmutableArray();

    /// <summary>The consumer's own code: documented, so that CS1591 can only come from generated code.</summary>
    public const string ConsumerSource = """
        namespace Consumer
        {
            /// <summary>A type of the consuming project.</summary>
            public static class Program
            {
                /// <summary>Returns a number.</summary>
                /// <returns>Forty-two.</returns>
                public static int Answer() => 42;
            }
        }
        """;

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            (sources.Length == 0 ? new[] { ConsumerSource } : sources).Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/src/File{i}.cs")),
            References,
            CompilationOptions);

    public static GeneratorDriver CreateDriver(IEnumerable<CatalogFile> files, GeneratorSettings settings)
    {
        var list = files.ToList();
        return CSharpGeneratorDriver.Create(
            new[] { new CloudTrailGenerator().AsSourceGenerator() },
            list.Select(f => (AdditionalText)f.Text),
            ParseOptions,
            new TestOptionsProvider(settings.ToGlobalOptions(), list),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs a driver on a compilation (a driver remembers its previous run: that is what incremental tests compare).</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        return new GeneratorRun(driver, compilation, result, output, driverDiagnostics);
    }

    public static GeneratorRun Run(IEnumerable<CatalogFile> files, GeneratorSettings settings) =>
        Run(CreateDriver(files, settings), CreateCompilation());

    public static GeneratorRun Run(GeneratorSettings settings, params CatalogFile[] files) => Run(files, settings);
}

/// <summary>One run of the generator: its sources, diagnostics and tracked steps, and the compilation with its output.</summary>
internal sealed class GeneratorRun
{
    public GeneratorRun(GeneratorDriver driver, Compilation input, GeneratorRunResult result, Compilation output, ImmutableArray<Diagnostic> driverDiagnostics)
    {
        Driver = driver;
        Input = input;
        Result = result;
        Output = output;
        DriverDiagnostics = driverDiagnostics;
    }

    public GeneratorDriver Driver { get; }
    public Compilation Input { get; }
    public GeneratorRunResult Result { get; }
    public Compilation Output { get; }

    /// <summary>What the driver reported about the run (CS8785 when a generator throws).</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    /// <summary>What the generator reported, in a stable order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics
        .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
        .ThenBy(d => d.Location.GetLineSpan().StartLinePosition)
        .ThenBy(d => d.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>The generated sources, ordered by hint name.</summary>
    public ImmutableArray<GeneratedSourceResult> Sources =>
        Result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToImmutableArray();

    public IEnumerable<string> HintNames => Sources.Select(s => s.HintName);

    public string Source(string hintName)
    {
        var found = Result.GeneratedSources.Where(s => s.HintName == hintName).ToList();
        if (found.Count != 1)
        {
            throw new XunitException($"Expected one generated source '{hintName}'; the generator produced: {string.Join(", ", HintNames)}");
        }
        return found[0].SourceText.ToString();
    }

    /// <summary>The schema text of a generated <c>*.Schema.g.cs</c>: see <see cref="GeneratorHarness.SchemaText"/>.</summary>
    public string SchemaText(string hintName) => GeneratorHarness.SchemaText(Source(hintName));

    /// <summary>The generator did not crash: no exception, no CS8785 from the driver, no CTG0013 from the generator.</summary>
    public void AssertNoCrash()
    {
        Assert.Null(Result.Exception);
        Assert.DoesNotContain(DriverDiagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(Result.Diagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(Result.Diagnostics, d => d.Id == "CTG0013");
    }

    /// <summary>
    /// The consumer's compilation with the generated code has no error and no warning (nullable
    /// on, XML docs checked, every warning wave): generated code must never add either.
    /// </summary>
    public void AssertCompilesCleanly()
    {
        AssertNoCrash();
        var problems = Output.GetDiagnostics()
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .ToList();
        if (problems.Count == 0) return;

        var message = new StringBuilder($"The generated code does not compile cleanly ({problems.Count} errors and warnings):\n");
        foreach (var d in problems.Take(30))
        {
            message.Append(d).Append('\n');
            var span = d.Location.GetLineSpan();
            if (d.Location.SourceTree is { } tree)
            {
                var lines = tree.GetText().Lines;
                message.Append("    ").Append(lines[span.StartLinePosition.Line].ToString().Trim()).Append('\n');
            }
        }
        throw new XunitException(message.ToString());
    }

    /// <summary>The tracked steps of one name in this run; fails if the generator did not track it.</summary>
    public ImmutableArray<IncrementalGeneratorRunStep> Steps(string trackingName)
    {
        if (!Result.TrackedSteps.TryGetValue(trackingName, out var steps))
        {
            throw new XunitException($"No step is tracked as '{trackingName}'; tracked: {string.Join(", ", Result.TrackedSteps.Keys.OrderBy(k => k, StringComparer.Ordinal))}");
        }
        return steps;
    }

    /// <summary>Every output value of a tracked step, with its reason.</summary>
    public IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(string trackingName) =>
        Steps(trackingName).SelectMany(s => s.Outputs);
}
