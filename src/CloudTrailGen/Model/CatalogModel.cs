using System;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;

namespace CloudTrailGen.Model;

/// <summary>
/// What the cross-file step (<c>Binding/CatalogBinder</c>) makes of every catalog file: one emit
/// spec per service to generate (so an unchanged service stays cached) and one for the envelope,
/// with the cross-file diagnostics. <see cref="ServicePaths"/> names the catalog file of each
/// service (same order as <see cref="Services"/>), so that the pipeline can hand each file its own
/// spec. <see cref="Names"/> is what code may name below the root namespace (null when nothing is
/// generated). Equality: by value.
/// </summary>
internal sealed record CatalogModel(
    EnvelopeEmitSpec? Envelope,
    EquatableArray<ServiceEmitSpec> Services,
    EquatableArray<string> ServicePaths,
    EquatableArray<DiagnosticInfo> Diagnostics,
    GeneratedNames? Names = null)
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
}
