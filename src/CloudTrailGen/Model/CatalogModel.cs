using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;
using CloudTrailGen.Parsing;

namespace CloudTrailGen.Model;

/// <summary>
/// The cross-file step: applies the selection, finds duplicate services and unknown names,
/// resolves shape names that services take from the envelope, and splits the result into one
/// emit spec per service (so an unchanged service stays cached) and one for the envelope.
/// <see cref="ServicePaths"/> names the catalog file of each service (same order as
/// <see cref="Services"/>), so that the pipeline can hand each file its own spec.
/// Equality: by value.
/// </summary>
internal sealed record CatalogModel(
    EnvelopeEmitSpec? Envelope,
    EquatableArray<ServiceEmitSpec> Services,
    EquatableArray<string> ServicePaths,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The service generated from the catalog file at <paramref name="path"/>, or null.</summary>
    public ServiceEmitSpec? ServiceFrom(string path)
    {
        for (int i = 0; i < ServicePaths.Count; i++)
        {
            if (string.Equals(ServicePaths[i], path, StringComparison.Ordinal)) return Services[i];
        }
        return null;
    }

    /// <summary>Whether a built-in service file is selected (by its id, or by one of its events, or by '*').</summary>
    public static bool IsSelected(string serviceId, GeneratorOptions options)
    {
        if (options.SelectsAll) return true;
        foreach (var entry in options.Selection)
        {
            int colon = entry.IndexOf(':');
            string id = colon < 0 ? entry : entry.Substring(0, colon);
            if (string.Equals(id, serviceId, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    public static CatalogModel Build(ImmutableArray<CatalogFileResult> files, GeneratorOptions options)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

        // The envelope: exactly one.
        var envelopes = ordered.Where(f => f.Kind == CatalogKind.Envelope || f.Envelope is not null).ToList();
        var envelope = envelopes.Select(f => f.Envelope).FirstOrDefault(e => e is not null);
        if (envelopes.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingEnvelope, null));
        }
        foreach (var extra in envelopes.Where(f => f.Envelope is not null).Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Duplicate, new LocationInfo(extra.Path, 0, 0, 0, 0, 0, 0), "The record envelope", extra.Path, " (more than one catalog file has \"kind\": \"envelope\")"));
        }

        // Services: user files always, built-in files when selected; one file per id.
        var available = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in ordered.Where(f => f.Kind == CatalogKind.Builtin)) available.Add(file.FileId);
        foreach (var file in ordered.Where(f => f.Service is not null)) available.Add(file.Service!.Id);

        var services = new Dictionary<string, (ServiceSpec Spec, CatalogFileResult File)>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in ordered)
        {
            if (file.Service is null) continue;
            if (services.TryGetValue(file.Service.Id, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Duplicate, file.ServiceLocation, "Service", file.Service.Id, $" (also in {first.File.Path})"));
                continue;
            }
            services[file.Service.Id] = (file.Service, file);
        }

        // The selection: every entry must name a service (and an event, for 'service:Event').
        var eventFilter = new Dictionary<string, HashSet<string>?>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in options.Selection)
        {
            if (entry == "*") continue;
            int colon = entry.IndexOf(':');
            string id = colon < 0 ? entry : entry.Substring(0, colon);
            if (!services.TryGetValue(id, out var service))
            {
                // The built-in file of that name exists but gave no service: it has reported why
                // (invalid JSON, another service id, ...); "not provided, did you mean 'sns'?" on
                // top of that would only confuse.
                if (ordered.Any(f => f.Kind == CatalogKind.Builtin && string.Equals(f.FileId, id, StringComparison.OrdinalIgnoreCase) && HasError(f))) continue;
                string hint = CatalogParser.Suggest(Identifiers.Closest(id, available));
                if (hint.Length == 0 && available.Count > 0) hint = "; the catalog has " + available.Count + " services, such as " + string.Join(", ", available.Take(5));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownService, null, entry, hint));
                continue;
            }
            if (colon < 0)
            {
                eventFilter[id] = null; // the whole service
                continue;
            }
            string eventName = entry.Substring(colon + 1);
            var ev = service.Spec.Events.FirstOrDefault(e => e.Name == eventName || e.Aliases.Items.Contains(eventName));
            if (ev is null)
            {
                var names = service.Spec.Events.Select(e => e.Name);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEvent, service.File.ServiceLocation, entry, eventName, service.Spec.Id, CatalogParser.Suggest(Identifiers.Closest(eventName, names))));
                continue;
            }
            if (!eventFilter.TryGetValue(id, out var set)) eventFilter[id] = set = new HashSet<string>(StringComparer.Ordinal);
            set?.Add(ev.Name);
        }

        // Shapes that services take from the envelope must exist there.
        var envelopeEnums = envelope?.Shapes.Where(s => s.IsEnum).Select(s => s.Name).ToList() ?? new List<string>();
        var envelopeObjects = envelope?.Shapes.Where(s => !s.IsEnum && s.Name != envelope.RootShape).Select(s => s.Name).ToList() ?? new List<string>();
        var envelopeNames = new HashSet<string>(envelopeEnums.Concat(envelopeObjects), StringComparer.Ordinal);

        // A path listed twice (the same file in AdditionalFiles twice) is reported as a duplicate
        // service above. Its service is not generated: the pipeline hands specs out per file path,
        // and both entries would add the same source (a duplicate hint name crashes the generator).
        var listedTwice = new HashSet<string>(
            files.GroupBy(f => f.Path, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key), StringComparer.Ordinal);

        // A service namespace sits in the root namespace beside the envelope's types, the JSON
        // context and the record's converter: its first part must not be one of their names. And
        // each service needs a namespace of its own (its files are named after it, and hint names
        // ignore case).
        var rootTypes = new HashSet<string>(StringComparer.Ordinal);
        if (envelope is not null)
        {
            foreach (var shape in envelope.Shapes) rootTypes.Add(shape.ClassName);
            var rootShape = envelope.Shapes.FirstOrDefault(s => s.Name == envelope.RootShape);
            if (rootShape is not null) rootTypes.Add(KnownNames.RecordConverterClass(rootShape.ClassName));
            rootTypes.Add(KnownNames.ContextClass);
            rootTypes.Add(KnownNames.LogClass);
        }
        var namespaces = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        var emitted = new List<ServiceEmitSpec>();
        var emittedPaths = new List<string>();
        var dispatch = new List<DispatchSpec>();
        foreach (var pair in services.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (spec, file) = pair.Value;
            bool selected = file.Kind == CatalogKind.User || options.SelectsAll || eventFilter.ContainsKey(spec.Id);
            if (!selected || listedTwice.Contains(file.Path)) continue;

            bool broken = false;
            foreach (var reference in file.ExternalReferences)
            {
                if (envelopeNames.Contains(reference.TypeName)) continue;
                if (envelope is not null)
                {
                    var suggestions = Identifiers.Closest(reference.TypeName, spec.Shapes.Select(s => s.Name).Concat(envelopeNames).Concat(CatalogParser.Primitives));
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownType, reference.Location, reference.TypeName, reference.Member, CatalogParser.Suggest(suggestions)));
                }
                broken = true;
            }
            if (broken || envelope is null) continue;

            string firstPart = spec.Namespace.Split('.')[0];
            if (rootTypes.Contains(firstPart))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIdentifier, file.ServiceLocation, "Namespace", spec.Namespace,
                    $" for service '{spec.Id}': '{options.RootNamespace}.{firstPart}' is already a generated type; set another \"namespace\" in the service file"));
                continue;
            }
            if (namespaces.TryGetValue(spec.Namespace, out var owner))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Duplicate, file.ServiceLocation, "Namespace", spec.Namespace,
                    $" (by services '{spec.Id}' and '{owner}'; generated file names ignore case); set another \"namespace\" in the service file"));
                continue;
            }
            namespaces[spec.Namespace] = spec.Id;

            if (eventFilter.TryGetValue(spec.Id, out var only) && only is not null)
            {
                spec = spec with { Events = spec.Events.Where(e => only.Contains(e.Name)).ToEquatableArray() };
            }
            emitted.Add(new ServiceEmitSpec(options.RootNamespace, envelope.RootShape, spec,
                envelopeEnums.ToEquatableArray(), envelopeObjects.ToEquatableArray()));
            emittedPaths.Add(file.Path);
        }

        // Dispatch: eventSource → eventName (and aliases) → event class. The first service wins a clash.
        var bySource = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var service in emitted)
        {
            foreach (var source in service.Service.EventSources)
            {
                if (!bySource.TryGetValue(source, out var names)) bySource[source] = names = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var ev in service.Service.Events)
                {
                    string cls = $"global::{options.RootNamespace}.{service.Service.Namespace}.{ev.ClassName}";
                    foreach (var name in new[] { ev.Name }.Concat(ev.Aliases))
                    {
                        if (!names.ContainsKey(name)) names[name] = cls;
                    }
                }
            }
        }
        foreach (var pair in bySource)
        {
            // A service with no events (all broken, or none listed) has nothing to dispatch to; an
            // empty entry would emit an empty switch, which is warning CS1522 in the consumer's build.
            if (pair.Value.Count == 0) continue;
            dispatch.Add(new DispatchSpec(pair.Key, pair.Value.Select(p => new DispatchEntry(p.Key, p.Value)).ToEquatableArray()));
        }

        var envelopeSpec = envelope is null ? null : new EnvelopeEmitSpec(options.RootNamespace, envelope,
            dispatch.ToEquatableArray());

        if (!IsValidNamespace(options.RootNamespace))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIdentifier, null, "CloudTrailGenNamespace", options.RootNamespace, ": use a C# namespace such as 'MyApp.CloudTrail'"));
            return new CatalogModel(null, EquatableArray<ServiceEmitSpec>.Empty, EquatableArray<string>.Empty, diagnostics.ToEquatableArray());
        }
        return new CatalogModel(envelopeSpec, emitted.ToEquatableArray(), emittedPaths.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static bool HasError(CatalogFileResult file) =>
        file.Diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);

    private static bool IsValidNamespace(string ns) => ns.Split('.').All(Identifiers.IsValid);
}
