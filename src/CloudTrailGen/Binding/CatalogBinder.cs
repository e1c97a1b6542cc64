using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;

namespace CloudTrailGen.Binding;

/// <summary>
/// The cross-file step: binds the parsed catalog files into the <see cref="CatalogModel"/> the
/// emitter works from. Each step is a method or class of its own, doing one job and reporting its
/// own diagnostics; they run in this order because each needs what the ones before it found, and
/// the diagnostics come out in the same order on every run.
/// </summary>
internal static class CatalogBinder
{
    public static CatalogModel Bind(ImmutableArray<CatalogFileResult> files, GeneratorOptions options)
    {
        var diagnostics = new List<DiagnosticInfo>();
        // Ordinal order of paths: MSBuild's order of additional files differs between machines.
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

        var envelope = EnvelopeBinder.FindEnvelope(ordered, diagnostics);
        var index = ServiceIndex.Build(ordered, diagnostics);
        var selection = Selection.Resolve(options, index, ordered, diagnostics);
        var services = ServiceBinder.BindAll(files, options, index, selection, envelope, diagnostics);
        var dispatch = DispatchBinder.Build(services.Select(s => s.Spec), options.RootNamespace);

        if (!CheckRootNamespace(options, diagnostics))
        {
            return new CatalogModel(null, EquatableArray<ServiceEmitSpec>.Empty, EquatableArray<string>.Empty, diagnostics.ToEquatableArray());
        }
        CheckVisibility(options, diagnostics);
        var serviceIndex = services.Select(s => new ServiceIndexEntry(s.Spec.Service.Id, s.Spec.Service.Title, options.RootNamespace + "." + s.Spec.Service.Namespace, s.Spec.Service.EventSources))
            .ToEquatableArray();
        var schema = services
            .Select(s => new SchemaServiceSpec(s.Spec.Service.Id, s.Spec.Service.Namespace, s.Spec.Service.EventSources))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToEquatableArray();
        var envelopeSpec = envelope is null ? null : new EnvelopeEmitSpec(options.RootNamespace, envelope, dispatch, serviceIndex, VisibilityOf(options), schema);
        return new CatalogModel(envelopeSpec, services.Select(s => s.Spec).ToEquatableArray(), services.Select(s => s.Path).ToEquatableArray(),
            diagnostics.ToEquatableArray(), CodeReferences.Of(options, services.Select(s => s.Spec), index, selection));
    }

    /// <summary>The accessibility of every generated type: <c>CloudTrailGenVisibility</c>, public by default (and after a wrong value, which is reported).</summary>
    public static string VisibilityOf(GeneratorOptions options) => options.Visibility == "internal" ? "internal" : "public";

    private static void CheckVisibility(GeneratorOptions options, List<DiagnosticInfo> diagnostics)
    {
        if (options.Visibility is "" or "public" or "internal") return;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, null, options.Visibility, "CloudTrailGenVisibility", ": use public (the default) or internal"));
    }

    /// <summary>The root namespace (from <c>CloudTrailGenNamespace</c> or the project's) must be a C# namespace; nothing is generated otherwise.</summary>
    private static bool CheckRootNamespace(GeneratorOptions options, List<DiagnosticInfo> diagnostics)
    {
        if (options.RootNamespace.Split('.').All(Identifiers.IsValid)) return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIdentifier, null, "CloudTrailGenNamespace", options.RootNamespace, ": use a C# namespace such as 'MyApp.CloudTrail'"));
        return false;
    }
}
