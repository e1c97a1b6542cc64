using System;
using System.Collections.Generic;
using TrailScan.Aws;

namespace TrailScan.Reading;

/// <summary>
/// Which records a command looks at. Each option narrows: a record passes when it matches every
/// option given, and any one of the values of a repeated option.
/// </summary>
public sealed class RecordFilter
{
    /// <summary>Service ids (<c>s3</c>) or eventSources (<c>s3.amazonaws.com</c>).</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>eventNames.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>An eventCategory: Management, Data, Insight or NetworkActivity.</summary>
    public string? Category { get; init; }

    /// <summary>Only records with an errorCode.</summary>
    public bool ErrorsOnly { get; init; }

    /// <summary>An ARN (the caller's, or the role it assumed) or a name (user, role, session, access key, service).</summary>
    public string? Principal { get; init; }

    /// <summary>Records at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Records before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Whether the filter lets every record through.</summary>
    public bool IsEmpty => Services.Count == 0 && Events.Count == 0 && Category is null && !ErrorsOnly && Principal is null && Since is null && Until is null;

    /// <summary>The filters given, as options ("--service iam", "--errors"), for the summary to say what it counted.</summary>
    public List<string> Describe()
    {
        var parts = new List<string>();
        foreach (string service in Services) parts.Add($"--service {service}");
        foreach (string name in Events) parts.Add($"--event {name}");
        if (Category is not null) parts.Add($"--category {Category}");
        if (ErrorsOnly) parts.Add("--errors");
        if (Principal is not null) parts.Add($"--principal {Principal}");
        if (Since is { } since) parts.Add($"--since {RecordFacts.Time(since)}");
        if (Until is { } until) parts.Add($"--until {RecordFacts.Time(until)}");
        return parts;
    }

    /// <summary>
    /// What is wrong with the filter, for a usage error: a service the catalog does not have, an
    /// eventName none of the services trailscan types has when it looks like one of theirs (or
    /// when only typed services are asked for), a time range that is empty.
    /// </summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        foreach (string service in Services)
        {
            if (CatalogIndex.IsService(service)) continue;
            var near = CatalogIndex.Closest(RecordFacts.ServiceId(service), CatalogIndex.ServiceIds);
            problems.Add($"--service {service}: no such service in the catalog{DidYouMean(near)}");
        }
        bool onlyTyped = Services.Count > 0 && AllTyped(Services);
        bool someUntyped = Services.Count > 0 && !onlyTyped;
        foreach (string name in Events)
        {
            if (someUntyped) break; // the events of a service trailscan does not type are not known by name
            if (CatalogIndex.TypedEvents.Count == 0 || CatalogIndex.TypedEvents.Contains(name)) continue;
            var near = CatalogIndex.Closest(name, CatalogIndex.TypedEvents);
            // An eventName of a service trailscan does not type cannot be checked: only one that
            // looks like a misspelt known name (or asked of typed services only) is refused.
            if (near.Count > 0 || onlyTyped)
            {
                problems.Add($"--event {name}: no such eventName in the services trailscan types{DidYouMean(near)}");
            }
        }
        if (Since is { } since && Until is { } until && since >= until)
        {
            problems.Add($"--since {RecordFacts.Time(since)} is not before --until {RecordFacts.Time(until)}: no record can match");
        }
        return problems;
    }

    private static bool AllTyped(IReadOnlyList<string> services)
    {
        foreach (string service in services)
        {
            if (!CatalogIndex.IsTypedService(service)) return false;
        }
        return true;
    }

    private static string DidYouMean(List<string> near) => near.Count switch
    {
        0 => "",
        1 => $"; did you mean {near[0]}?",
        _ => $"; did you mean {string.Join(", ", near.GetRange(0, near.Count - 1))} or {near[^1]}?",
    };

    /// <summary>Whether <paramref name="record"/> passes.</summary>
    public bool Matches(CloudTrailRecord record)
    {
        if (Services.Count > 0 && !MatchesService(RecordFacts.EventSource(record))) return false;
        if (Events.Count > 0 && !MatchesAny(Events, RecordFacts.EventName(record))) return false;
        if (Category is not null && !string.Equals(RecordFacts.Category(record), Category, StringComparison.OrdinalIgnoreCase)) return false;
        if (ErrorsOnly && string.IsNullOrEmpty(record.ErrorCode)) return false;
        if (Principal is not null && !RecordFacts.MatchesPrincipal(record.UserIdentity, Principal)) return false;
        if (Since is not null || Until is not null)
        {
            if (record.EventTime is not { } time) return false;
            if (Since is { } since && time < since) return false;
            if (Until is { } until && time >= until) return false;
        }
        return true;
    }

    private bool MatchesService(string? eventSource)
    {
        if (string.IsNullOrEmpty(eventSource)) return false;
        foreach (string service in Services)
        {
            if (string.Equals(eventSource, service, StringComparison.OrdinalIgnoreCase)) return true;
            if (eventSource.Length > service.Length && eventSource[service.Length] == '.'
                && eventSource.StartsWith(service, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static bool MatchesAny(IReadOnlyList<string> values, string? value)
    {
        if (value is null) return false;
        foreach (string candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
