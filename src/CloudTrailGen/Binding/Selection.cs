using System;
using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using CloudTrailGen.Parsing;

namespace CloudTrailGen.Binding;

/// <summary>
/// Binding step: what the <c>CloudTrailService</c> selection asks for. Entries are <c>*</c>, a
/// service id, or <c>service:EventName</c>; ids are matched ignoring case.
/// </summary>
internal sealed class Selection
{
    // Service id → the events asked for, or null for the whole service.
    private readonly Dictionary<string, HashSet<string>?> _events = new(StringComparer.OrdinalIgnoreCase);

    private Selection()
    {
    }

    /// <summary>Whether a built-in service file is selected (by its id, or by one of its events, or by '*'); read before the file is.</summary>
    public static bool IsSelected(string serviceId, GeneratorOptions options)
    {
        if (options.SelectsAll) return true;
        foreach (var entry in options.Selection)
        {
            if (string.Equals(ServiceIdOf(entry), serviceId, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Whether the selection names this service (on its own or by some of its events).</summary>
    public bool Names(string serviceId) => _events.ContainsKey(serviceId);

    /// <summary>The events of a service the selection names one by one; null when it takes them all (or does not name the service).</summary>
    public HashSet<string>? EventsOf(string serviceId) => _events.TryGetValue(serviceId, out var events) ? events : null;

    /// <summary>Checks every entry against the services: each must name one (and an event of it, for 'service:EventName').</summary>
    public static Selection Resolve(GeneratorOptions options, ServiceIndex index, IReadOnlyList<CatalogFileResult> ordered, List<DiagnosticInfo> diagnostics)
    {
        var selection = new Selection();
        foreach (var entry in options.Selection)
        {
            if (entry == "*") continue;
            string id = ServiceIdOf(entry);
            if (!index.TryGet(id, out var service))
            {
                ReportUnknownService(entry, id, index, ordered, diagnostics);
                continue;
            }
            int colon = entry.IndexOf(':');
            if (colon < 0)
            {
                selection._events[id] = null; // the whole service
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
            if (!selection._events.TryGetValue(id, out var set)) selection._events[id] = set = new HashSet<string>(StringComparer.Ordinal);
            set?.Add(ev.Name);
        }
        return selection;
    }

    private static void ReportUnknownService(string entry, string id, ServiceIndex index, IReadOnlyList<CatalogFileResult> ordered, List<DiagnosticInfo> diagnostics)
    {
        // The built-in file of that name exists but gave no service: it has reported why (invalid
        // JSON, another service id, ...); "not provided, did you mean 'sns'?" on top of that
        // would only confuse.
        if (ordered.Any(f => f.Kind == CatalogKind.Builtin && string.Equals(f.FileId, id, StringComparison.OrdinalIgnoreCase) && HasError(f))) return;
        string hint = CatalogParser.Suggest(Identifiers.Closest(id, index.Available));
        if (hint.Length == 0 && index.Available.Count > 0) hint = "; the catalog has " + index.Available.Count + " services, such as " + string.Join(", ", index.Available.Take(5));
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownService, null, entry, hint));
    }

    private static string ServiceIdOf(string entry)
    {
        int colon = entry.IndexOf(':');
        return colon < 0 ? entry : entry.Substring(0, colon);
    }

    private static bool HasError(CatalogFileResult file) =>
        file.Diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
}
