using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using CloudTrailGen.Parsing;

namespace CloudTrailGen.Binding;

/// <summary>
/// Binding step: the services to generate, each checked against the envelope and the other
/// services and cut down to the selected events, as the emit spec of its own catalog file.
/// </summary>
internal static class ServiceBinder
{
    /// <summary>The services to generate, in ordinal order of their ids, with the paths of their files.</summary>
    public static List<(ServiceEmitSpec Spec, string Path)> BindAll(
        ImmutableArray<CatalogFileResult> files, GeneratorOptions options, ServiceIndex index, Selection selection, EnvelopeSpec? envelope,
        List<DiagnosticInfo> diagnostics)
    {
        var names = EnvelopeNames.Of(envelope);
        var keys = EventKeysOf(envelope);
        string visibility = CatalogBinder.VisibilityOf(options);
        var listedTwice = PathsListedTwice(files);
        // Each service needs a namespace of its own: its files are named after it, and hint names ignore case.
        var namespaces = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        var bound = new List<(ServiceEmitSpec Spec, string Path)>();
        foreach (var (spec, file) in index.Services)
        {
            bool selected = file.Kind == CatalogKind.User || options.SelectsAll || selection.Names(spec.Id);
            if (!selected || listedTwice.Contains(file.Path)) continue;

            bool resolved = CheckReferences(spec, file, names, envelope is not null, diagnostics);
            if (!resolved || envelope is null) continue;
            if (!CheckNamespace(spec, file, options, names, namespaces, diagnostics)) continue;

            bound.Add((new ServiceEmitSpec(options.RootNamespace, envelope.RootShape, SelectedEvents(spec, selection), names.Enums, names.Objects, keys, visibility), file.Path));
        }
        return bound;
    }

    /// <summary>The record's properties event classes use: eventSource, eventName and, when the envelope names them, the category and additionalEventData.</summary>
    private static EventKeysSpec? EventKeysOf(EnvelopeSpec? envelope)
    {
        var root = envelope?.Shapes.FirstOrDefault(s => s.Name == envelope.RootShape);
        if (envelope is null || root is null) return null;
        var source = root.Members.FirstOrDefault(m => m.JsonName == envelope.EventSourceMember);
        var name = root.Members.FirstOrDefault(m => m.JsonName == envelope.EventNameMember);
        if (source is null || name is null) return null;
        var category = envelope.EventCategoryMember is null ? null : root.Members.FirstOrDefault(m => m.JsonName == envelope.EventCategoryMember);
        var categoryEnum = category is null ? null : envelope.Shapes.FirstOrDefault(s => s.IsEnum && s.Name == category.Type.Name);
        var additional = envelope.AdditionalEventDataMember is null ? null : root.Members.FirstOrDefault(m => m.JsonName == envelope.AdditionalEventDataMember);
        return new EventKeysSpec(source.PropertyName, name.PropertyName, categoryEnum is null ? null : category!.PropertyName, categoryEnum?.ClassName,
            categoryEnum?.Values ?? EquatableArray<EnumValueSpec>.Empty, additional?.PropertyName);
    }

    /// <summary>
    /// Paths listed twice (the same file in AdditionalFiles twice), reported as a duplicate service
    /// by <see cref="ServiceIndex"/>. Their service is not generated: the pipeline hands specs out per
    /// file path, and both entries would add the same source (a duplicate hint name crashes the generator).
    /// </summary>
    private static HashSet<string> PathsListedTwice(ImmutableArray<CatalogFileResult> files) =>
        new(files.GroupBy(f => f.Path, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key), StringComparer.Ordinal);

    /// <summary>
    /// Shapes a service takes from the envelope must exist there. Reported only when there is an
    /// envelope (without one, its absence is the error); false when any is missing.
    /// </summary>
    private static bool CheckReferences(ServiceSpec spec, CatalogFileResult file, EnvelopeNames names, bool hasEnvelope, List<DiagnosticInfo> diagnostics)
    {
        bool resolved = true;
        foreach (var reference in file.ExternalReferences)
        {
            if (names.Shared.Contains(reference.TypeName)) continue;
            if (hasEnvelope)
            {
                var suggestions = Identifiers.Closest(reference.TypeName, spec.Shapes.Select(s => s.Name).Concat(names.Shared).Concat(CatalogParser.Primitives));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownType, reference.Location, reference.TypeName, reference.Member, CatalogParser.Suggest(suggestions)));
            }
            resolved = false;
        }
        return resolved;
    }

    /// <summary>
    /// A service namespace sits in the root namespace beside the envelope's types, the JSON context
    /// and the record's converter: its first part must not be one of their names; and no other
    /// service may have it (ignoring case). Claims the namespace when it is free.
    /// </summary>
    private static bool CheckNamespace(ServiceSpec spec, CatalogFileResult file, GeneratorOptions options, EnvelopeNames names,
        Dictionary<string, string> namespaces, List<DiagnosticInfo> diagnostics)
    {
        string firstPart = spec.Namespace.Split('.')[0];
        if (names.RootTypes.Contains(firstPart))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIdentifier, file.ServiceLocation, "Namespace", spec.Namespace,
                $" for service '{spec.Id}': '{options.RootNamespace}.{firstPart}' is already a generated type; set another \"namespace\" in the service file"));
            return false;
        }
        if (namespaces.TryGetValue(spec.Namespace, out var owner))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Duplicate, file.ServiceLocation, "Namespace", spec.Namespace,
                $" (by services '{spec.Id}' and '{owner}'; generated file names ignore case); set another \"namespace\" in the service file"));
            return false;
        }
        namespaces[spec.Namespace] = spec.Id;
        return true;
    }

    /// <summary>The service with only the events the selection names, when it names some one by one.</summary>
    private static ServiceSpec SelectedEvents(ServiceSpec spec, Selection selection)
    {
        var only = selection.EventsOf(spec.Id);
        return only is null ? spec : spec with { Events = spec.Events.Where(e => only.Contains(e.Name)).ToEquatableArray() };
    }
}
