using System;
using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Model;

namespace CloudTrailGen.Binding;

/// <summary>
/// Binding step: every service the catalog files define, by id (one file per id, ignoring case),
/// and every id the selection may name.
/// </summary>
internal sealed class ServiceIndex
{
    private readonly Dictionary<string, (ServiceSpec Spec, CatalogFileResult File)> _byId = new(StringComparer.OrdinalIgnoreCase);

    private ServiceIndex()
    {
    }

    /// <summary>
    /// The ids a selection may name, in ordinal order, for "did you mean" hints: every built-in
    /// file's (parsed or not: an unselected one is skipped unread) and every parsed service's.
    /// </summary>
    public SortedSet<string> Available { get; } = new(StringComparer.Ordinal);

    /// <summary>The services, in ordinal order of their ids.</summary>
    public IEnumerable<(ServiceSpec Spec, CatalogFileResult File)> Services =>
        _byId.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value);

    /// <summary>Indexes the services of the files (in path order); a second file with the same id is reported and left out.</summary>
    public static ServiceIndex Build(IReadOnlyList<CatalogFileResult> ordered, List<DiagnosticInfo> diagnostics)
    {
        var index = new ServiceIndex();
        foreach (var file in ordered.Where(f => f.Kind == CatalogKind.Builtin)) index.Available.Add(file.FileId);
        foreach (var file in ordered.Where(f => f.Service is not null)) index.Available.Add(file.Service!.Id);

        foreach (var file in ordered)
        {
            if (file.Service is null) continue;
            if (index._byId.TryGetValue(file.Service.Id, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Duplicate, file.ServiceLocation, "Service", file.Service.Id, $" (also in {first.File.Path})"));
                continue;
            }
            index._byId[file.Service.Id] = (file.Service, file);
        }
        return index;
    }

    /// <summary>The service of this id (ignoring case).</summary>
    public bool TryGet(string id, out (ServiceSpec Spec, CatalogFileResult File) service) => _byId.TryGetValue(id, out service);

    /// <summary>The service that logs under this eventSource (ignoring case), when exactly one does.</summary>
    public bool TryGetByEventSource(string eventSource, out (ServiceSpec Spec, CatalogFileResult File) service)
    {
        var matches = _byId.Values.Where(s => s.Spec.EventSources.Items.Contains(eventSource, StringComparer.OrdinalIgnoreCase)).Take(2).ToList();
        service = matches.Count == 1 ? matches[0] : default;
        return matches.Count == 1;
    }
}
