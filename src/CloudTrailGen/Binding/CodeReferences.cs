using System;
using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using CloudTrailGen.Parsing;

namespace CloudTrailGen.Binding;

/// <summary>
/// Checks the qualified names the code writes below the root namespace against what is generated:
/// a service that is not selected (CTG0017: <c>Ec2.RunInstancesEvent</c> with only <c>iam</c>
/// selected) or an event class the service does not have (CTG0018: <c>Iam.AttachRolePolicyEvnt</c>).
/// The compiler says only CS0234 there. Warnings, not errors: the compiler's error is already
/// there, and this says why; a warning is shown by <c>dotnet build</c>, an info would not be.
/// </summary>
/// <remarks>
/// Syntax only, so a name is taken for what it looks like, and what may be something else is left
/// to the compiler: nothing in a namespace the project declares itself, and through enclosing
/// namespaces only names of events (a property <c>Config</c> is not service <c>config</c>). An unselected service is
/// recognised by its id written as a namespace (<c>Ec2</c>, <c>SignIn</c>, <c>ResourceGroups</c>
/// for <c>resource-groups</c>): its file is not read, so a namespace that differs from the id
/// (<c>CloudWatchLogs</c> for <c>logs</c>) is not known.
/// </remarks>
internal static class CodeReferences
{
    /// <summary>What code may name below the root namespace, from the bound services and the catalog's ids.</summary>
    public static GeneratedNames Of(GeneratorOptions options, IEnumerable<ServiceEmitSpec> services, ServiceIndex index, Selection selection)
    {
        var generated = services
            .Select(s => s.Service)
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new GeneratedServiceNames(s.Id, s.Namespace, selection.EventsOf(s.Id) is not null,
                s.Events.Select(e => e.ClassName).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray(),
                s.Events.SelectMany(e => new[] { e.Request?.ClassName, e.Response?.ClassName }).Concat(s.Shapes.Select(shape => shape.ClassName))
                    .OfType<string>().Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray()))
            .ToList();
        var ids = new HashSet<string>(generated.Select(g => g.Id), StringComparer.OrdinalIgnoreCase);
        var unselected = index.Available.Where(id => !ids.Contains(id)).ToEquatableArray();
        return new GeneratedNames(options.RootNamespace, generated.ToEquatableArray(), unselected);
    }

    /// <summary>The diagnostics of one file's references; <paramref name="declared"/> holds the namespaces the project declares (every file's).</summary>
    public static EquatableArray<DiagnosticInfo> Check(EquatableArray<CodeReference> references, GeneratedNames names, EquatableArray<string> declared)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string prefix = names.RootNamespace + ".";
        foreach (var reference in references)
        {
            foreach (string full in Candidates(reference))
            {
                if (!full.StartsWith(prefix, StringComparison.Ordinal)) continue;
                if (Declares(declared, full)) break; // the project's own namespace
                string below = full.Substring(prefix.Length);
                string written = reference.Name.Length == 0 ? full : below + "." + reference.Name;
                if (names.Services.FirstOrDefault(s => s.Namespace == below) is { } service)
                {
                    if (UnknownEventClass(reference, service) is { } hint)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEventClass, reference.Location, written, service.Id, hint));
                    }
                    break;
                }
                // A name through enclosing namespaces may be a member (a property 'Config' of the
                // class): only a name written from the root, a using, or an event's name is taken.
                bool looksGenerated = reference.Name.Length == 0 || full == reference.Qualifier || IsEventName(reference.Name);
                if (looksGenerated && UnselectedService(names, below) is { } id)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnselectedService, reference.Location, written, id));
                    break;
                }
            }
        }
        return diagnostics.ToEquatableArray();
    }

    /// <summary>
    /// Why a name in a generated service's namespace names nothing generated (the rest of the
    /// message), or null when it does, or when it looks like no event's class: it must end in
    /// <c>Event</c> or be within two edits of an event's class (<c>AttachRolePolicyEvnt</c>).
    /// </summary>
    private static string? UnknownEventClass(CodeReference reference, GeneratedServiceNames service)
    {
        string name = reference.Name;
        if (name.Length == 0 || service.EventClasses.Items.Contains(name) || service.OtherClasses.Items.Contains(name)) return null;
        if (service.Partial && IsEventName(name))
        {
            return $": only some of its events are selected; add the event (<CloudTrailService Include=\"{service.Id}:{EventNameOf(name)}\" />) or the whole service";
        }
        var closest = Identifiers.Closest(name, service.EventClasses, 1);
        bool close = closest.Count == 1 && Identifiers.Distance(name, closest[0]) <= 2;
        if (!IsEventName(name) && !close) return null;
        return close ? CatalogParser.Suggest(closest) : "";
    }

    private static bool IsEventName(string name) => name.Length > EventSuffix.Length && name.EndsWith(EventSuffix, StringComparison.Ordinal);

    private const string EventSuffix = "Event";

    /// <summary>The full names a qualifier may stand for, as C# looks them up: from the innermost enclosing namespace out to the global one.</summary>
    private static IEnumerable<string> Candidates(CodeReference reference)
    {
        string ns = reference.Namespace;
        while (ns.Length > 0)
        {
            yield return ns + "." + reference.Qualifier;
            int dot = ns.LastIndexOf('.');
            ns = dot < 0 ? "" : ns.Substring(0, dot);
        }
        yield return reference.Qualifier;
    }

    private static bool Declares(EquatableArray<string> declared, string ns) =>
        declared.Items.Any(d => d == ns || d.StartsWith(ns + ".", StringComparison.Ordinal));

    /// <summary>The unselected built-in service whose id, without its '-', is this namespace (ignoring case).</summary>
    private static string? UnselectedService(GeneratedNames names, string ns) =>
        ns.IndexOf('.') >= 0 ? null : names.Unselected.FirstOrDefault(id => string.Equals(id.Replace("-", ""), ns, StringComparison.OrdinalIgnoreCase));

    /// <summary>The event an event class is of: its name without <c>Event</c>.</summary>
    private static string EventNameOf(string className) => className.Substring(0, className.Length - EventSuffix.Length);
}
