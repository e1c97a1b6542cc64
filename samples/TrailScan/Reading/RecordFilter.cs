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
