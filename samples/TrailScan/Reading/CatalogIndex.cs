using System;
using System.Collections.Generic;

namespace TrailScan.Reading;

/// <summary>
/// What trailscan knows of the catalog it was built with, to check filter values: every service,
/// its eventSources and eventNames, from the schema compiled into it (trailscan types every
/// service of the catalog).
/// </summary>
public static class CatalogIndex
{
    private static HashSet<string>? s_typedEvents;

    /// <summary>The id of every service in the catalog.</summary>
    public static IReadOnlySet<string> ServiceIds { get; } = Ids();

    private static HashSet<string> Ids()
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in Aws.CloudTrailLog.Schema.Services) ids.Add(service.Id);
        return ids;
    }

    /// <summary>The eventNames of every service (their schema texts are read on first use).</summary>
    public static IReadOnlySet<string> TypedEvents => s_typedEvents ??= AllEvents();

    private static HashSet<string> AllEvents()
    {
        var events = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in Aws.CloudTrailLog.Schema.Services)
        {
            foreach (var ev in service.Events) events.Add(ev.Name);
        }
        return events;
    }

    /// <summary>Whether <paramref name="service"/> (an id, or an eventSource) names a service of the catalog.</summary>
    public static bool IsService(string service)
    {
        if (ServiceIds.Contains(service)) return true;
        foreach (var known in Aws.CloudTrailLog.Schema.Services)
        {
            foreach (var source in known.EventSources)
            {
                if (string.Equals(source, service, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        // An eventSource: the id before ".amazonaws.com".
        const string Suffix = ".amazonaws.com";
        return service.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) && ServiceIds.Contains(service[..^Suffix.Length]);
    }

    /// <summary>Whether <paramref name="service"/> is one trailscan types (its events are known by name): every service of the catalog.</summary>
    public static bool IsTypedService(string service) => IsService(service);

    /// <summary>Up to three of <paramref name="known"/> closest to <paramref name="value"/> (by edit distance, ignoring case), nearest first.</summary>
    public static List<string> Closest(string value, IEnumerable<string> known)
    {
        var scored = new List<(int Distance, string Name)>();
        int limit = Math.Max(1, Math.Min(2, value.Length / 4));
        foreach (string name in known)
        {
            int distance = Distance(value, name);
            if (distance <= limit) scored.Add((distance, name));
        }
        scored.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Name, b.Name));
        var names = new List<string>();
        for (int i = 0; i < scored.Count && i < 3; i++) names.Add(scored[i].Name);
        return names;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
