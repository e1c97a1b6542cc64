using System;
using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;

namespace CloudTrailGen.Binding;

/// <summary>
/// Which selected events get generated classes: those the project's code names, those listed
/// with <c>CloudTrailEvent</c>, or all of them (<c>CloudTrailGenEventClasses</c> = <c>All</c>).
/// Every other selected event is read by schema. A class is emitted with only the shapes its
/// events reach, so naming one event of EC2 does not compile EC2's thousands of shapes.
/// </summary>
/// <remarks>
/// "Named" is decided on syntax, before binding, so that it costs one pass over the tokens of an
/// edited file: an event class counts as named when its name (or its request or response
/// class's) appears as an identifier and so does the service's namespace (<c>Iam</c> in
/// <c>Iam.AttachRolePolicyEvent</c> or in a <c>using</c>); a shape class, when its name and the
/// namespace do. Names shared by many services (<c>CreateTagsEvent</c>, <c>Tag</c>) thus give
/// a class only in the services the code mentions.
/// </remarks>
internal static class ClassSelection
{
    /// <summary>The union of every file's names (from <see cref="CodeScan"/>), sorted.</summary>
    public static EquatableArray<string> Union(IEnumerable<EquatableArray<string>> files)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files) names.UnionWith(file);
        return names.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>
    /// The part of a service that gets classes: its named (or listed) events and the shapes they
    /// and the named shapes reach; the spec itself when every event gets a class; null when
    /// nothing does.
    /// </summary>
    public static ServiceEmitSpec? Classes(ServiceEmitSpec spec, EquatableArray<string> names, GeneratorOptions options)
    {
        if (options.AllClasses) return spec;
        var service = spec.Service;
        var nameSet = new HashSet<string>(names, StringComparer.Ordinal);
        string shortName = service.Namespace.Substring(service.Namespace.LastIndexOf('.') + 1);
        bool mentioned = nameSet.Contains(shortName);

        var events = new List<EventSpec>();
        foreach (var ev in service.Events)
        {
            bool listed = options.Classes.Any(c => Lists(c, service.Id, ev));
            bool named = mentioned && (nameSet.Contains(ev.ClassName)
                || (ev.Request is { } request && nameSet.Contains(request.ClassName))
                || (ev.Response is { } response && nameSet.Contains(response.ClassName)));
            if (listed || named) events.Add(ev);
        }
        var namedShapes = mentioned ? service.Shapes.Where(s => nameSet.Contains(s.ClassName)).ToList() : new List<ShapeSpec>();
        if (events.Count == 0 && namedShapes.Count == 0) return null;

        // The shapes reached from the events' parts and the named shapes, kept in catalog order.
        var byName = service.Shapes.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<ShapeSpec>();
        foreach (var ev in events)
        {
            if (ev.Request is not null) pending.Push(ev.Request);
            if (ev.Response is not null) pending.Push(ev.Response);
            // The structure its additionalEventData is typed as (AdditionalData), by class name.
            if (ev.AdditionalData is { } additional && service.Shapes.FirstOrDefault(s => !s.IsEnum && s.ClassName == additional) is { } data && reached.Add(data.Name))
            {
                pending.Push(data);
            }
        }
        foreach (var shape in namedShapes)
        {
            if (reached.Add(shape.Name)) pending.Push(shape);
        }
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().Members)
            {
                var type = member.Type;
                while (type.Element is not null) type = type.Element;
                if (type.Kind == Model.TypeKind.Shape && byName.TryGetValue(type.Name!, out var shape) && reached.Add(shape.Name)) pending.Push(shape);
            }
        }
        var shapes = service.Shapes.Where(s => reached.Contains(s.Name)).ToEquatableArray();
        return spec with { Service = service with { Events = events.ToEquatableArray(), Shapes = shapes } };
    }

    /// <summary>Whether a <c>CloudTrailEvent</c> entry (<c>service:EventName</c>, the name or an alias) lists this event.</summary>
    private static bool Lists(string entry, string serviceId, EventSpec ev)
    {
        int colon = entry.IndexOf(':');
        if (colon < 0 || !string.Equals(entry.Substring(0, colon), serviceId, StringComparison.OrdinalIgnoreCase)) return false;
        string name = entry.Substring(colon + 1);
        return name == "*" || name == ev.Name || ev.Aliases.Items.Contains(name);
    }
}
