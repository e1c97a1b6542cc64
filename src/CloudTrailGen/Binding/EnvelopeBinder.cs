using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Model;

namespace CloudTrailGen.Binding;

/// <summary>Binding step: the record envelope, which every generation needs exactly one of.</summary>
internal static class EnvelopeBinder
{
    /// <summary>The envelope of the first envelope file (in path order); reports none, or more than one.</summary>
    public static EnvelopeSpec? FindEnvelope(IReadOnlyList<CatalogFileResult> ordered, List<DiagnosticInfo> diagnostics)
    {
        var envelopes = ordered.Where(f => f.Kind == CatalogKind.Envelope || f.Envelope is not null).ToList();
        if (envelopes.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingEnvelope, null));
        }
        foreach (var extra in envelopes.Where(f => f.Envelope is not null).Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Duplicate, new LocationInfo(extra.Path, 0, 0, 0, 0, 0, 0), "The record envelope", extra.Path, " (more than one catalog file has \"kind\": \"envelope\")"));
        }
        return envelopes.Select(f => f.Envelope).FirstOrDefault(e => e is not null);
    }
}
