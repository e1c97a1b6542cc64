using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>
/// Writes <c>catalog/SERVICES.md</c>: one table row per service file, so that the list of
/// supported services is made with the catalog and CI's rebuild check keeps it true.
/// </summary>
internal static class ServiceIndexWriter
{
    public static string Write(IEnumerable<CatService> services, IReadOnlyList<SourcePin> pins)
    {
        var list = services.OrderBy(s => s.Id, System.StringComparer.Ordinal).ToList();
        int events = list.Sum(s => s.Events.Count);
        int dataEvents = list.Sum(s => s.Events.Values.Count(e => e.Category == "Data"));
        var w = new StringBuilder();
        w.Append("# Services in the catalog\n\n");
        w.Append("Written by `src/CloudTrailGen.CatalogBuilder` with the service files beside it (do not edit by hand):\n");
        w.Append(string.Create(CultureInfo.InvariantCulture,
            $"{list.Count} services and {events} events ({dataEvents} of them data events), from {pins.Count} packages (`catalog/overrides/models.lock.json`: aws-sdk {pins.FirstOrDefault(p => p.Package == "aws-sdk")?.Version ?? "-"} and {pins.Count(p => p.Package.StartsWith("@aws-sdk/client-", System.StringComparison.Ordinal))} `@aws-sdk/client-*` packages) and `catalog/overrides/`.\n"));
        w.Append("Select a service with `<CloudTrailService Include=\"ID\" />`; its types are generated into `<root>.NAMESPACE`.\n\n");
        w.Append("The models column names the packages and versions each service was built from; \"operation names only\" marks an SDK v3 package made before the\n");
        w.Append("schema format (its members come from the aws-sdk model). A service with no package was made by `catalog/overrides/patches/` alone.\n\n");
        w.Append("| id | title | namespace | eventSources | events | data events | resources.type values | models |\n");
        w.Append("|---|---|---|---|---:|---:|---|---|\n");
        foreach (var s in list)
        {
            int data = s.Events.Values.Count(e => e.Category == "Data");
            w.Append(string.Create(CultureInfo.InvariantCulture,
                $"| `{s.Id}` | {Cell(s.Title ?? "")} | `{s.Namespace}` | {Codes(s.EventSources)} | {s.Events.Count} | {data} | {Codes(s.ResourceTypes)} | {Cell(string.Join(", ", s.Sources))} |\n"));
        }
        return w.ToString();
    }

    private static string Codes(IEnumerable<string> values) => string.Join(", ", values.Select(v => "`" + v + "`"));

    private static string Cell(string text) => text.Replace("|", "\\|");
}
