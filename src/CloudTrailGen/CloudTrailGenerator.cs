using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using CloudTrailGen.Binding;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Emit;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using CloudTrailGen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CloudTrailGen;

/// <summary>
/// Generates typed CloudTrail records from the catalog: the envelope and JSON context always, and
/// one set of event classes per selected service. This file only wires the pipeline; the work is
/// in <see cref="CatalogParser"/> (each file), <see cref="CatalogBinder"/> (all files together) and
/// <see cref="SourceEmitter"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CloudTrailGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        // Filter additional files by their metadata before reading any text.
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => Classify(pair.Left, pair.Right.GetOptions(pair.Left)))
            .Where(static file => file is not null)
            .WithTrackingName(TrackingNames.CatalogFiles);

        // Parse each file on its own (an unselected built-in service is skipped by its name).
        var parsed = files
            .Combine(options)
            .Select(static (pair, token) => ParseFile(pair.Left!.Value, pair.Right, token))
            .WithTrackingName(TrackingNames.Parsed);

        context.RegisterSourceOutput(
            parsed.Select(static (file, _) => file.Diagnostics).WithTrackingName(TrackingNames.FileDiagnostics),
            static (spc, diagnostics) => Report(spc, diagnostics));

        // Cross-file rules (selection, duplicate services, envelope references) need every file.
        var model = parsed
            .Collect()
            .Combine(options)
            .Select(static (pair, _) => CatalogBinder.Bind(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Model);

        context.RegisterSourceOutput(
            model.Select(static (m, _) => m.Diagnostics).WithTrackingName(TrackingNames.ModelDiagnostics),
            static (spc, diagnostics) => Report(spc, diagnostics));

        // One item per catalog file, not per entry of the model's sorted list: incremental tables
        // compare items by position, so with a list every service after an inserted one (a new
        // file, or a newly selected service that sorts first) would be emitted again. Per file, an
        // item keeps its place (new files come last) and an unchanged service stays Cached.
        var services = parsed
            .Combine(model)
            .Select(static (pair, _) => pair.Right.ServiceFrom(pair.Left.Path))
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.Services);
        // Every selected event is in the schema, read by the runtime when the event has no class:
        // the text depends on the service alone, so it stays Cached while code is edited.
        var envelopeShapes = model
            .Select(static (m, _) => m.Envelope?.Envelope)
            .WithTrackingName(TrackingNames.EnvelopeShapes);
        context.RegisterSourceOutput(services.Combine(envelopeShapes), static (spc, pair) =>
            Emit(spc, pair.Left!.Service.Id, () => new[] { SourceEmitter.EmitServiceSchema(pair.Left!, pair.Right) }));

        // Classes only for the events the code names (one pass over the tokens of an edited file).
        var scans = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is CompilationUnitSyntax,
                static (ctx, token) => CodeScan.Scan((CompilationUnitSyntax)ctx.Node, token))
            .WithTrackingName(TrackingNames.FileNames);
        var names = scans
            .Select(static (scan, _) => scan.Names)
            .Collect()
            .Select(static (files, _) => ClassSelection.Union(files))
            .WithTrackingName(TrackingNames.Names);

        // Qualified names below the root namespace that nothing generated answers (CTG0017/CTG0018),
        // checked per file against the model's names: an edit re-checks that file's references only,
        // with no catalog work.
        var declared = scans
            .Select(static (scan, _) => scan.Declared)
            .Collect()
            .Select(static (files, _) => ClassSelection.Union(files))
            .WithTrackingName(TrackingNames.Declared);
        var generatedNames = model
            .Select(static (m, _) => m.Names)
            .WithTrackingName(TrackingNames.GeneratedNames);
        var referenceDiagnostics = scans
            .Select(static (scan, _) => scan.References)
            .Combine(generatedNames.Combine(declared))
            .Select(static (pair, _) => pair.Right.Left is null
                ? EquatableArray<DiagnosticInfo>.Empty
                : CodeReferences.Check(pair.Left, pair.Right.Left, pair.Right.Right))
            .WithTrackingName(TrackingNames.ReferenceDiagnostics);
        context.RegisterSourceOutput(referenceDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));
        var classes = services
            .Combine(names.Combine(options))
            .Select(static (pair, _) => ClassSelection.Classes(pair.Left!, pair.Right.Left, pair.Right.Right))
            .WithTrackingName(TrackingNames.Classes);
        context.RegisterSourceOutput(classes, static (spc, spec) =>
        {
            if (spec is not null) Emit(spc, spec.Service.Id, () => SourceEmitter.EmitService(spec));
        });

        // The record converter dispatches to the classes emitted; every other event goes by schema.
        var envelope = model
            .Select(static (m, _) => m.Envelope)
            .Combine(classes.Collect().Combine(options))
            .Select(static (pair, _) => pair.Left is null ? null : pair.Left with
            {
                Dispatch = DispatchBinder.Build(
                    pair.Right.Left.Where(s => s is not null).OrderBy(s => s!.Service.Id, StringComparer.Ordinal)!,
                    pair.Right.Right.RootNamespace),
            })
            .WithTrackingName(TrackingNames.Envelope);
        context.RegisterSourceOutput(envelope, static (spc, spec) =>
        {
            if (spec is not null) Emit(spc, "envelope", () => SourceEmitter.EmitEnvelope(spec));
        });
    }

    private static GeneratorOptions ReadOptions(AnalyzerConfigOptions global)
    {
        string? ns = Get(global, "build_property.CloudTrailGenNamespace");
        if (string.IsNullOrWhiteSpace(ns))
        {
            // Not ".CloudTrail": the CloudTrail service's classes would be MyApp.CloudTrail.CloudTrail.StopLoggingEvent.
            string? root = Get(global, "build_property.RootNamespace");
            ns = string.IsNullOrWhiteSpace(root) ? DefaultNamespace : root + "." + DefaultNamespace;
        }
        string visibility = (Get(global, "build_property.CloudTrailGenVisibility") ?? "").Trim().ToLowerInvariant();
        string mode = (Get(global, "build_property.CloudTrailGenEventClasses") ?? "").Trim();
        return new GeneratorOptions(ns!.Trim(), List(global, "build_property.CloudTrailGenServices"), visibility,
            AllClasses: string.Equals(mode, "All", StringComparison.OrdinalIgnoreCase),
            Classes: List(global, "build_property.CloudTrailGenEvents"),
            SelectionFiles: List(global, "build_property.CloudTrailGenServiceFiles"));
    }

    /// <summary>A list property (items joined with ',' by the targets): trimmed, distinct, in ordinal order.</summary>
    private static EquatableArray<string> List(AnalyzerConfigOptions options, string key) =>
        (Get(options, key) ?? "")
            .Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>The root namespace of generated types below the project's <c>RootNamespace</c> when <c>CloudTrailGenNamespace</c> is not set.</summary>
    internal const string DefaultNamespace = "Aws";

    private static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) ? value : null;

    private static (AdditionalText Text, CatalogKind Kind)? Classify(AdditionalText text, AnalyzerConfigOptions options)
    {
        if (!options.TryGetValue("build_metadata.AdditionalFiles.CloudTrailGenCatalog", out var kind)) return null;
        switch (kind.Trim().ToLowerInvariant())
        {
            case "builtin": return (text, CatalogKind.Builtin);
            case "user": return (text, CatalogKind.User);
            case "envelope": return (text, CatalogKind.Envelope);
            default: return null;
        }
    }

    private static CatalogFileResult ParseFile((AdditionalText Text, CatalogKind Kind) file, GeneratorOptions options, CancellationToken token)
    {
        string path = file.Text.Path;
        string fileId = Path.GetFileNameWithoutExtension(path);
        if (file.Kind == CatalogKind.Builtin && !Selection.IsSelected(fileId, options))
        {
            return new CatalogFileResult(path, file.Kind, fileId, true, null, null, null,
                EquatableArray<ExternalReference>.Empty, EquatableArray<DiagnosticInfo>.Empty);
        }

        try
        {
            var text = file.Text.GetText(token);
            if (text is null)
            {
                // The compiler gives no text for a file that does not exist (a <CloudTrailCatalog>
                // path copied from an example) or cannot be read: not a JSON problem.
                return new CatalogFileResult(path, file.Kind, fileId, false, null, null, null, EquatableArray<ExternalReference>.Empty,
                    new[] { DiagnosticInfo.Create(DiagnosticDescriptors.CatalogFileNotFound, null, path) }.ToEquatableArray());
            }
            return CatalogParser.Parse(path, fileId, file.Kind, text.ToString());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(path, file.Kind, fileId, DiagnosticDescriptors.InternalError, path, e.GetType().Name + ": " + e.Message);
        }
    }

    private static CatalogFileResult Failed(string path, CatalogKind kind, string fileId, DiagnosticDescriptor descriptor, params string[] args) =>
        new(path, kind, fileId, false, null, null, null, EquatableArray<ExternalReference>.Empty,
            new[] { DiagnosticInfo.Create(descriptor, new LocationInfo(path, 0, 0, 0, 0, 0, 0), args) }.ToEquatableArray());

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics) context.ReportDiagnostic(diagnostic.ToDiagnostic());
    }

    // A bug in the emitter must surface as a diagnostic, not as CS8785 with no generated code.
    private static void Emit(SourceProductionContext context, string what, Func<IEnumerable<(string HintName, string Source)>> emit)
    {
        List<(string HintName, string Source)> sources;
        try
        {
            sources = emit().ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, what, e.GetType().Name + ": " + e.Message));
            return;
        }
        foreach (var (hintName, source) in sources) context.AddSource(hintName, source);
    }
}

/// <summary>Names of the pipeline steps, for incremental-generation tests.</summary>
public static class TrackingNames
{
    /// <summary>The MSBuild options, reduced to values.</summary>
    public const string Options = nameof(Options);

    /// <summary>Additional files that are catalog files.</summary>
    public const string CatalogFiles = nameof(CatalogFiles);

    /// <summary>Each catalog file parsed into a spec and diagnostics.</summary>
    public const string Parsed = nameof(Parsed);

    /// <summary>The diagnostics of each file.</summary>
    public const string FileDiagnostics = nameof(FileDiagnostics);

    /// <summary>The validated model of all files.</summary>
    public const string Model = nameof(Model);

    /// <summary>Cross-file diagnostics.</summary>
    public const string ModelDiagnostics = nameof(ModelDiagnostics);

    /// <summary>The emit spec of each catalog file that is a generated service (one item per such file).</summary>
    public const string Services = nameof(Services);

    /// <summary>The envelope and the JSON context.</summary>
    public const string Envelope = nameof(Envelope);

    /// <summary>The envelope's shapes, which services of user catalogs may use (copied into their schema text).</summary>
    public const string EnvelopeShapes = nameof(EnvelopeShapes);

    /// <summary>Each source file's scan: the identifiers that could name a generated type, the qualified names to check, what it declares.</summary>
    public const string FileNames = nameof(FileNames);

    /// <summary>The namespaces and event-like types the project's code declares itself.</summary>
    public const string Declared = nameof(Declared);

    /// <summary>What code may name below the root namespace (generated services, unselected ids).</summary>
    public const string GeneratedNames = nameof(GeneratedNames);

    /// <summary>The diagnostics of each source file's qualified names (CTG0017, CTG0018).</summary>
    public const string ReferenceDiagnostics = nameof(ReferenceDiagnostics);

    /// <summary>The identifiers of all source files.</summary>
    public const string Names = nameof(Names);

    /// <summary>The part of each service that gets classes (null when none does).</summary>
    public const string Classes = nameof(Classes);
}
