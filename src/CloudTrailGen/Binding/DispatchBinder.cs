using System;
using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;

namespace CloudTrailGen.Binding;

/// <summary>Binding step: eventSource → eventName (and aliases) → event class, over the services to generate.</summary>
internal static class DispatchBinder
{
    /// <summary>The dispatch table, by eventSource in ordinal order; where two services claim a name, the first (by id) wins.</summary>
    public static EquatableArray<DispatchSpec> Build(IEnumerable<ServiceEmitSpec> services, string rootNamespace)
    {
        var bySource = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var source in service.Service.EventSources)
            {
                if (!bySource.TryGetValue(source, out var names)) bySource[source] = names = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var ev in service.Service.Events)
                {
                    string cls = $"global::{rootNamespace}.{service.Service.Namespace}.{ev.ClassName}";
                    foreach (var name in new[] { ev.Name }.Concat(ev.Aliases))
                    {
                        if (!names.ContainsKey(name)) names[name] = cls;
                    }
                }
            }
        }

        var dispatch = new List<DispatchSpec>();
        foreach (var pair in bySource)
        {
            // A service with no events (all broken, or none listed) has nothing to dispatch to; an
            // empty entry would emit an empty switch, which is warning CS1522 in the consumer's build.
            if (pair.Value.Count == 0) continue;
            dispatch.Add(new DispatchSpec(pair.Key, pair.Value.Select(p => new DispatchEntry(p.Key, p.Value)).ToEquatableArray()));
        }
        return dispatch.ToEquatableArray();
    }
}
