using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace TrailScan.Reading;

/// <summary>
/// What trailscan knows of the catalog it was built with, to check filter values: every service
/// id of the catalog (<see cref="AllServiceIds"/>, written into the build by TrailScan.csproj),
/// and the eventSources and eventNames of the services it types (from the catalog files published
/// beside it, read only when a filter needs them).
/// </summary>
public static partial class CatalogIndex
{
    private static HashSet<string>? s_typedEvents;
    private static HashSet<string>? s_typedEventSources;

    /// <summary>The id of every service in the catalog.</summary>
    public static IReadOnlySet<string> ServiceIds { get; } =
        new HashSet<string>(AllServiceIds.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);

    /// <summary>The eventNames of the services trailscan types (empty when their catalog files are not beside it).</summary>
    public static IReadOnlySet<string> TypedEvents
    {
        get
        {
            LoadTyped();
            return s_typedEvents!;
        }
    }

    /// <summary>Whether <paramref name="service"/> (an id, or an eventSource) names a service of the catalog.</summary>
    public static bool IsService(string service)
    {
        if (ServiceIds.Contains(service)) return true;
        LoadTyped();
        if (s_typedEventSources!.Contains(service)) return true;
        // An eventSource: the id before ".amazonaws.com".
        const string Suffix = ".amazonaws.com";
        return service.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) && ServiceIds.Contains(service[..^Suffix.Length]);
    }

    /// <summary>Whether <paramref name="service"/> is one trailscan types (its events are known by name).</summary>
    public static bool IsTypedService(string service)
    {
        LoadTyped();
        return s_typedEventSources!.Contains(service) || s_typedServiceIds.Contains(service)
            || s_typedServiceIds.Contains(RecordFacts.ServiceId(service));
    }

    private static readonly HashSet<string> s_typedServiceIds = new(StringComparer.OrdinalIgnoreCase);

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

    private static void LoadTyped()
    {
        if (s_typedEvents is not null) return;
        var events = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sources = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string folder = Path.Combine(AppContext.BaseDirectory, "catalog", "services");
        if (Directory.Exists(folder))
        {
            foreach (string file in Directory.GetFiles(folder, "*.json"))
            {
                try
                {
                    using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                    var root = document.RootElement;
                    if (root.TryGetProperty("service", out var id) && id.GetString() is { } serviceId) s_typedServiceIds.Add(serviceId);
                    if (root.TryGetProperty("eventSources", out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var source in list.EnumerateArray())
                        {
                            if (source.GetString() is { } text) sources.Add(text);
                        }
                    }
                    if (root.TryGetProperty("events", out var names) && names.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in names.EnumerateObject()) events.Add(property.Name);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
                {
                    // A catalog file that cannot be read checks nothing: the filter is applied as given.
                }
            }
        }
        s_typedEventSources = sources;
        s_typedEvents = events;
    }
}
