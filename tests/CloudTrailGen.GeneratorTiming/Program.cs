using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// usage: CloudTrailGen.GeneratorTiming [--catalog DIR] [--runs N] SELECTION...
// where SELECTION is a comma-separated service list ("*" for all, "" for the envelope only).
// Each run builds a new driver, so every run is a cold generation (nothing cached), as in a
// fresh build; the median of the runs is printed with the size of what was generated.
// --compile also compiles the generated code (Debug, as `dotnet build` does) --compile-runs times
// (default 1) and prints the median wall and CPU time: CPU time is the figure to compare on a busy
// machine. The first compile in the process also JIT-compiles the compiler (a build server is
// warm), so list "" first or use --compile-runs 3 or more. Generated code is parsed as
// `dotnet build` parses it without a documentation file (doc comments not parsed); --docs parses
// them, as with GenerateDocumentationFile.
// --classes generates a class for every selected event (CloudTrailGenEventClasses=All), as a
// project that asks for all of them does; by default no code names an event, so every selected
// event is schema data only.
// --code FILE adds a C# file to the compilation the generator sees: the events it names get
// classes, as in a consumer whose code names them.
// --steps prints the time of each tracked pipeline step and source output (median of the runs,
// summed over the step's items); the steps are named in CloudTrailGen's TrackingNames.
// --out DIR writes the generated files of each selection to DIR/<n>/ (n = its position).
// --files DIR compiles the .cs files in DIR (a saved output, perhaps edited by hand to try a
// change of the emitted code) --compile-runs times instead of running the generator.
// "members" counts what a consumer's compiler has to bind: the properties of generated classes
// and the values of generated enums (each with its field, read case and write call).
string catalog = "catalog";
int runs = 5;
bool compile = false;
bool classes = false;
bool steps = false;
string? codeFile = null;
int compileRuns = 1;
var documentation = DocumentationMode.None;
string? outDir = null;
string? filesDir = null;
var selections = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--catalog": catalog = args[++i]; break;
        case "--runs": runs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--compile": compile = true; break;
        case "--classes": classes = true; break;
        case "--steps": steps = true; break;
        case "--code": codeFile = args[++i]; break;
        case "--compile-runs": compile = true; compileRuns = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--docs": documentation = DocumentationMode.Parse; break;
        case "--out": outDir = args[++i]; break;
        case "--files": filesDir = args[++i]; break;
        default: selections.Add(args[i]); break;
    }
}
if (filesDir is not null)
{
    var saved = Directory.GetFiles(filesDir, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Latest, documentation), f)).ToList();
    int savedMembers = saved.Sum(t => t.GetRoot().DescendantNodes().Count(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.EnumMemberDeclarationSyntax));
    Console.WriteLine($"files '{filesDir}': {saved.Count} files, {savedMembers:N0} members");
    Compile(saved, Math.Max(compileRuns, 1), savedMembers);
    return;
}
if (selections.Count == 0) selections.AddRange(new[] { "", "ec2,s3,iam,sts,kms,lambda,dynamodb,sns,sqs,cloudtrail", "*" });

var texts = new List<AdditionalText> { new FileText(Path.Combine(catalog, "envelope.json"), "envelope") };
texts.AddRange(Directory.GetFiles(Path.Combine(catalog, "services"), "*.json").OrderBy(f => f, StringComparer.Ordinal).Select(f => new FileText(f, "builtin")));
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, documentation);
var compilation = CSharpCompilation.Create("Timing",
    codeFile is null ? null : new[] { CSharpSyntaxTree.ParseText(File.ReadAllText(codeFile), parseOptions, codeFile) },
    options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

for (int index = 0; index < selections.Count; index++)
{
    string selection = selections[index];
    var options = new Options(new Dictionary<string, string>
    {
        ["build_property.CloudTrailGenServices"] = selection,
        ["build_property.CloudTrailGenNamespace"] = "Timing.Ct",
        ["build_property.CloudTrailGenEventClasses"] = classes ? "All" : "",
    });
    var times = new List<double>();
    var cpuTimes = new List<double>();
    var stepTimes = new Dictionary<string, List<double>>(StringComparer.Ordinal);
    GeneratorDriverRunResult? result = null;
    for (int run = 0; run < runs + 1; run++)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new CloudTrailGen.CloudTrailGenerator().AsSourceGenerator() }, texts, parseOptions, options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: steps));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation, CancellationToken.None);
        clock.Stop();
        if (run > 0) // run 0 warms up the JIT
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
            cpuTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }
        result = driver.GetRunResult();
        if (run > 0 && steps)
        {
            var generatorResult = result.Results[0];
            foreach (var step in generatorResult.TrackedSteps.Concat(generatorResult.TrackedOutputSteps))
            {
                if (!stepTimes.TryGetValue(step.Key, out var list)) stepTimes[step.Key] = list = new List<double>();
                list.Add(step.Value.Sum(s => s.ElapsedTime.TotalMilliseconds));
            }
        }
    }
    times.Sort();
    cpuTimes.Sort();
    var sources = result!.Results.SelectMany(r => r.GeneratedSources).ToList();
    int lines = sources.Sum(s => s.SourceText.Lines.Count);
    long chars = sources.Sum(s => (long)s.SourceText.Length);
    int errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
    var nodes = sources.SelectMany(s => s.SyntaxTree.GetRoot().DescendantNodes(n => n is not Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax || n is Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax || n is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.EnumDeclarationSyntax)).ToList();
    int properties = nodes.Count(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax);
    int enumValues = nodes.Count(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.EnumMemberDeclarationSyntax);
    int types = nodes.Count(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax);
    Console.WriteLine($"services '{(selection.Length == 0 ? "(none)" : selection)}': median {times[times.Count / 2]:F0} ms (min {times[0]:F0}, max {times[^1]:F0}, {runs} runs), CPU {cpuTimes[cpuTimes.Count / 2]:F0} ms; {sources.Count} files, {lines:N0} lines, {chars / 1024.0 / 1024.0:F1} MB; {types:N0} types, {properties + enumValues:N0} members ({properties:N0} properties, {enumValues:N0} enum values); {errors} errors");
    foreach (var (step, list) in stepTimes.OrderByDescending(p => p.Value.Sum()))
    {
        list.Sort();
        Console.WriteLine($"  step {step}: median {list[list.Count / 2]:F1} ms (summed over its items)");
    }
    if (outDir is not null)
    {
        string dir = Path.Combine(outDir, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        foreach (var source in sources) File.WriteAllText(Path.Combine(dir, source.HintName), source.SourceText.ToString());
    }
    if (compile) Compile(sources.Select(s => s.SyntaxTree).ToList(), compileRuns, properties + enumValues);
}

static void Compile(List<SyntaxTree> trees, int runs, int members)
{
    var walls = new List<double>();
    var cpus = new List<double>();
    string last = "";
    for (int run = 0; run < runs; run++)
    {
        var (wall, cpu, summary) = CompileOnce(trees);
        walls.Add(wall);
        cpus.Add(cpu);
        last = summary;
    }
    walls.Sort();
    cpus.Sort();
    double perThousand = members == 0 ? 0 : cpus[cpus.Count / 2] * 1000 / members;
    Console.WriteLine($"  compile: median {walls[walls.Count / 2]:F1} s wall, {cpus[cpus.Count / 2]:F1} s CPU (CPU {string.Join(", ", cpus.Select(c => c.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}; {runs} runs), {perThousand:F2} s CPU per 1,000 members; {last}");
}

static (double Wall, double Cpu, string Summary) CompileOnce(List<SyntaxTree> trees)
{
    var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
        .Append(typeof(CloudTrailGen.CloudTrailObject).Assembly.Location)
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var compilation = CSharpCompilation.Create("Generated", trees, references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Debug, nullableContextOptions: NullableContextOptions.Enable));
    using var pe = new MemoryStream();
    var emit = compilation.Emit(pe);
    clock.Stop();
    var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
    int errors = emit.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
    return (clock.Elapsed.TotalSeconds, used.TotalSeconds,
        $"{pe.Length / 1024 / 1024.0:F1} MB assembly, {errors} errors{(errors > 0 ? ": " + emit.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error) : "")}");
}

internal sealed class FileText : AdditionalText
{
    public FileText(string path, string kind)
    {
        Path = System.IO.Path.GetFullPath(path);
        Kind = kind;
    }

    public override string Path { get; }
    public string Kind { get; }
    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
}

internal sealed class Options : AnalyzerConfigOptionsProvider
{
    private readonly AnalyzerConfigOptions _global;

    public Options(Dictionary<string, string> global) => _global = new Values(global);

    public override AnalyzerConfigOptions GlobalOptions => _global;
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(new Dictionary<string, string>());
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Values(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.CloudTrailGenCatalog"] = ((FileText)textFile).Kind });

    private sealed class Values : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;
        public Values(Dictionary<string, string> values) => _values = values;
        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
