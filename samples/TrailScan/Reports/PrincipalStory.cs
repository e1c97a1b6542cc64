using System;
using System.Collections.Generic;
using TrailScan.Aws;
using TrailScan.Reading;

namespace TrailScan.Reports;

/// <summary>Values with when each was first seen and how often: in the order they first appeared.</summary>
public sealed partial class FirstSeen
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<(string Key, DateTimeOffset? First, long Count)> _entries = [];

    /// <summary>How many different values.</summary>
    public int Count => _entries.Count;

    /// <summary>Counts <paramref name="key"/> seen at <paramref name="time"/>.</summary>
    public void Add(string key, DateTimeOffset? time)
    {
        if (_index.TryGetValue(key, out int at))
        {
            var (k, first, count) = _entries[at];
            _entries[at] = (k, first is null || (time is { } t && t < first) ? time ?? first : first, count + 1);
            return;
        }
        _index[key] = _entries.Count;
        _entries.Add((key, time, 1));
    }

    /// <summary>Every value, by when it was first seen (values without a time last).</summary>
    public List<(string Key, DateTimeOffset? First, long Count)> ByFirstSeen()
    {
        var sorted = new List<(string Key, DateTimeOffset? First, long Count)>(_entries);
        sorted.Sort(static (a, b) => (a.First ?? DateTimeOffset.MaxValue).CompareTo(b.First ?? DateTimeOffset.MaxValue) is var c && c != 0 ? c : string.CompareOrdinal(a.Key, b.Key));
        return sorted;
    }
}

/// <summary>
/// One principal's story (<c>trailscan principal NAME</c>): who it is and how its sessions came
/// about (the session issuer, sourceIdentity, onBehalfOf, the calls that assumed a role into it,
/// the roles it assumed itself), where it called from, what it called, its errors and the notable
/// changes it made. Memory grows with distinct values, not with records.
/// </summary>
public sealed partial class PrincipalStory(string name)
{
    // Every AssumeRole* call of the input, by the ARN of the session it made: who made it, when.
    private readonly Dictionary<string, (string Caller, DateTimeOffset? First, long Count)> _assumedBy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _arns = new(StringComparer.Ordinal);

    /// <summary>The principal as asked for.</summary>
    public string Name { get; } = name;

    /// <summary>Its calls counted.</summary>
    public long Records { get; private set; }

    /// <summary>Its first call.</summary>
    public DateTimeOffset? First { get; private set; }

    /// <summary>Its last call.</summary>
    public DateTimeOffset? Last { get; private set; }

    /// <summary>"type arn" of the identities it called as.</summary>
    public FirstSeen Identities { get; } = new();

    /// <summary>Its sessions: "issuer → session" with sourceIdentity, onBehalfOf and MFA when logged.</summary>
    public FirstSeen Sessions { get; } = new();

    /// <summary>Roles it assumed itself: "role ARN as session".</summary>
    public FirstSeen RolesAssumed { get; } = new();

    /// <summary>sourceIPAddress values.</summary>
    public FirstSeen SourceIps { get; } = new();

    /// <summary>awsRegions.</summary>
    public FirstSeen Regions { get; } = new();

    /// <summary>"service:eventName".</summary>
    public FirstSeen Apis { get; } = new();

    /// <summary>errorCodes.</summary>
    public FirstSeen Errors { get; } = new();

    /// <summary>userAgents.</summary>
    public FirstSeen UserAgents { get; } = new();

    /// <summary>The notable changes it made, in time order.</summary>
    public List<NotableEvent> Notable { get; } = [];

    /// <summary>The calls that made its sessions (AssumeRole* by someone else): "caller assumed session".</summary>
    public List<(string Session, string Caller, DateTimeOffset? First, long Count)> AssumedInto()
    {
        var into = new List<(string, string, DateTimeOffset?, long)>();
        foreach (string arn in _arns)
        {
            if (_assumedBy.TryGetValue(arn, out var by)) into.Add((arn, by.Caller, by.First, by.Count));
        }
        into.Sort(static (a, b) => (a.Item3 ?? DateTimeOffset.MaxValue).CompareTo(b.Item3 ?? DateTimeOffset.MaxValue));
        return into;
    }

    /// <summary>Reads one record of the input: any record (for the calls that assumed a role into the principal), its own in full.</summary>
    public void Add(CloudTrailRecord record, bool isTheirs)
    {
        if (AssumedSession(record) is { } assumed)
        {
            string caller = RecordFacts.Display(RecordFacts.Principal(record.UserIdentity));
            _assumedBy[assumed] = _assumedBy.TryGetValue(assumed, out var by)
                ? (by.Caller, by.First ?? record.EventTime, by.Count + 1)
                : (caller, record.EventTime, 1);
            if (isTheirs) RolesAssumed.Add($"{RoleArn(record) ?? assumed} as {RecordFacts.AssumedRoleSession(assumed) ?? assumed}", record.EventTime);
        }
        if (!isTheirs || RecordFacts.IsInsight(record)) return;

        Records++;
        var time = record.EventTime;
        if (time is { } t)
        {
            if (First is null || t < First) First = t;
            if (Last is null || t > Last) Last = t;
        }
        var who = record.UserIdentity;
        Identities.Add($"{RecordFacts.IdentityType(record)} {who?.Arn ?? who?.PrincipalId ?? "-"}", time);
        if (who?.Arn is { Length: > 0 } arn) _arns.Add(arn);
        if (who?.SessionContext is { } session)
        {
            var parts = new List<string>();
            string issuer = session.SessionIssuer?.Arn ?? session.SessionIssuer?.UserName ?? "-";
            parts.Add($"{issuer} -> {RecordFacts.AssumedRoleSession(who.Arn) ?? who.PrincipalId ?? "-"}");
            if ((who.SourceIdentity ?? session.SourceIdentity) is { Length: > 0 } source) parts.Add($"sourceIdentity {source}");
            if (who.OnBehalfOf is { } behalf) parts.Add($"on behalf of {behalf.UserId ?? "-"} ({behalf.IdentityStoreArn ?? "-"})");
            if (session.Attributes?.MfaAuthenticated is { } mfa) parts.Add(mfa ? "MFA" : "no MFA");
            Sessions.Add(string.Join("; ", parts), time);
        }
        SourceIps.Add(record.SourceIPAddress is { Length: > 0 } ip ? ip : "-", time);
        Regions.Add(record.AwsRegion is { Length: > 0 } region ? region : "-", time);
        Apis.Add($"{RecordFacts.Service(record)}:{record.EventName ?? "-"}", time);
        UserAgents.Add(record.UserAgent is { Length: > 0 } agent ? agent : "-", time);
        if (!string.IsNullOrEmpty(record.ErrorCode)) Errors.Add(record.ErrorCode, time);
        if (NotableEvents.Find(record) is { } found)
        {
            Notable.Add(new NotableEvent(time, RecordFacts.Service(record), record.EventName ?? "-", RecordFacts.Principal(who), found.Detail, found.Kind?.Technique ?? NotableEvents.RootTechnique));
        }
    }

    /// <summary>Puts the notable changes in time order (ties in input order).</summary>
    public void Finish()
    {
        // Sorted by keys rather than with List<T>.Sort over a reference type (see Inputs.AddFolder).
        var keyed = new (DateTimeOffset Time, int Index)[Notable.Count];
        for (int i = 0; i < keyed.Length; i++) keyed[i] = (Notable[i].Time ?? DateTimeOffset.MaxValue, i);
        Array.Sort(keyed);
        var sorted = new NotableEvent[keyed.Length];
        for (int i = 0; i < keyed.Length; i++) sorted[i] = Notable[keyed[i].Index];
        Notable.Clear();
        Notable.AddRange(sorted);
    }

    /// <summary>The session ARN an AssumeRole* call made (from its typed response), or null.</summary>
    private static string? AssumedSession(CloudTrailRecord record) => record switch
    {
        Aws.Sts.AssumeRoleEvent e => e.Response?.AssumedRoleUser?.Arn,
        Aws.Sts.AssumeRoleWithSAMLEvent e => e.Response?.AssumedRoleUser?.Arn,
        Aws.Sts.AssumeRoleWithWebIdentityEvent e => e.Response?.AssumedRoleUser?.Arn,
        _ => null,
    };

    private static string? RoleArn(CloudTrailRecord record) => record switch
    {
        Aws.Sts.AssumeRoleEvent e => e.Request?.RoleArn,
        Aws.Sts.AssumeRoleWithSAMLEvent e => e.Request?.RoleArn,
        Aws.Sts.AssumeRoleWithWebIdentityEvent e => e.Request?.RoleArn,
        _ => null,
    };
}
