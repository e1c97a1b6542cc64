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
/// service (by its id or by one of its eventSources, such as <c>s3.amazonaws.com</c>), or
/// <c>service:EventName</c>. Ids, eventSources and event names are matched ignoring case (an event
/// name only when no two of the service's names differ in case alone).
/// </summary>
internal sealed class Selection
{
    // Service id → the events asked for, or null for the whole service.
    private readonly Dictionary<string, HashSet<string>?> _events = new(StringComparer.OrdinalIgnoreCase);

    private Selection()
    {
    }

    /// <summary>
    /// Whether a built-in service file is selected (by its id, by one of its events, by an
    /// eventSource host whose first label is its id, or by '*'); read before the file is, so an
    /// eventSource is matched by the catalog's rule that service files are named after the first
    /// label of the eventSource host.
    /// </summary>
    public static bool IsSelected(string serviceId, GeneratorOptions options)
    {
        if (options.SelectsAll) return true;
        foreach (var entry in options.Selection)
        {
            if (string.Equals(FileIdOf(ServiceIdOf(entry)), serviceId, StringComparison.OrdinalIgnoreCase)) return true;
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
        var files = new List<string>();
        foreach (var entry in options.Selection)
        {
            if (entry == "*") continue;
            string id = ServiceIdOf(entry);
            if (!index.TryGet(id, out var service) && !index.TryGetByEventSource(id, out service))
            {
                if (options.SelectionFiles.Items.Contains(entry, StringComparer.Ordinal)) files.Add(entry);
                else ReportUnknownService(entry, id, index, ordered, diagnostics);
                continue;
            }
            string serviceId = service.Spec.Id;
            int colon = entry.IndexOf(':');
            if (colon < 0)
            {
                selection._events[serviceId] = null; // the whole service
                continue;
            }
            string eventName = entry.Substring(colon + 1);
            var ev = FindEvent(service.Spec, eventName);
            if (ev is null)
            {
                // No location: the entry is in the project file, which the generator cannot point into;
                // the service file (in the package's catalog) is not where the mistake is.
                var names = service.Spec.Events.Select(e => e.Name);
                var matches = service.Spec.Events.Where(e => NamesOf(e).Contains(eventName, StringComparer.OrdinalIgnoreCase)).Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                string hint = matches.Count > 1
                    ? "; ignoring case it could be " + string.Join(" or ", matches.Select(m => $"'{m}'")) + ": spell it as the catalog does"
                    : CatalogParser.Suggest(Identifiers.Closest(eventName, names));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEvent, null, entry, eventName, service.Spec.Id, hint));
                continue;
            }
            if (!selection._events.TryGetValue(serviceId, out var set)) selection._events[serviceId] = set = new HashSet<string>(StringComparer.Ordinal);
            set?.Add(ev.Name);
        }
        // One diagnostic for the whole expansion of a bare '*', not "not provided, did you mean
        // 'ram'?" for each file name.
        if (files.Count > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExpandedWildcard, null, string.Join(", ", files.Select(f => $"'{f}'"))));
        }
        return selection;
    }

    /// <summary>The event named exactly so (or by an alias); else the only one named so ignoring case.</summary>
    private static EventSpec? FindEvent(ServiceSpec service, string eventName)
    {
        var exact = service.Events.FirstOrDefault(e => NamesOf(e).Contains(eventName, StringComparer.Ordinal));
        if (exact is not null) return exact;
        var matches = service.Events.Where(e => NamesOf(e).Contains(eventName, StringComparer.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static IEnumerable<string> NamesOf(EventSpec ev) => new[] { ev.Name }.Concat(ev.Aliases);

    private static void ReportUnknownService(string entry, string id, ServiceIndex index, IReadOnlyList<CatalogFileResult> ordered, List<DiagnosticInfo> diagnostics)
    {
        // The built-in file of that name exists but gave no service: it has reported why (invalid
        // JSON, another service id, ...); "not provided, did you mean 'sns'?" on top of that
        // would only confuse.
        string fileId = FileIdOf(id);
        if (ordered.Any(f => f.Kind == CatalogKind.Builtin && string.Equals(f.FileId, fileId, StringComparison.OrdinalIgnoreCase) && HasError(f))) return;
        string hint = CatalogParser.Suggest(Identifiers.Closest(fileId, index.Available));
        if (hint.Length == 0 && index.Available.Count > 0) hint = "; the catalog has " + index.Available.Count + " services, such as " + string.Join(", ", index.Available.Take(5));
        if (fileId != id) hint = $" (an eventSource is found through the service file named after its first label, '{fileId}')" + hint;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownService, null, entry, hint));
    }

    private static string ServiceIdOf(string entry)
    {
        int colon = entry.IndexOf(':');
        return colon < 0 ? entry : entry.Substring(0, colon);
    }

    /// <summary>
    /// The service file an entry's service part names: an id as it is, an eventSource host
    /// (<c>s3.amazonaws.com</c>) by its first label, or by <see cref="s_hostFiles"/> for the hosts
    /// whose first label is not their service's id.
    /// </summary>
    internal static string FileIdOf(string service)
    {
        int dot = service.IndexOf('.');
        if (dot < 0) return service;
        string label = service.Substring(0, dot);
        return s_hostFiles.TryGetValue(label, out var file) ? file : label;
    }

    // The catalog's exceptions to its rule that a service file is named after the first label of
    // its eventSource hosts (a test checks every eventSource of the catalog against FileIdOf).
    private static readonly Dictionary<string, string> s_hostFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cloudtrail-data"] = "cloudtrail",
    };

    private static bool HasError(CatalogFileResult file) =>
        file.Diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
}
