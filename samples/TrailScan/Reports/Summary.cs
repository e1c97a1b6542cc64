using System;
using System.Collections.Generic;
using TrailScan.Aws;
using TrailScan.Reading;

namespace TrailScan.Reports;

/// <summary>An Insights Start/End pair (or a lone half of one).</summary>
public sealed class InsightPair
{
    /// <summary>The API the Insight is about.</summary>
    public string EventSource { get; init; } = "-";

    /// <summary>The API the Insight is about.</summary>
    public string EventName { get; init; } = "-";

    /// <summary>ApiCallRateInsight or ApiErrorRateInsight.</summary>
    public string InsightType { get; init; } = "-";

    /// <summary>The error code an ApiErrorRateInsight is about.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>When the Start record says the unusual activity began.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>When the End record says it ended (null while open).</summary>
    public DateTimeOffset? End { get; set; }

    /// <summary>Calls (or errors) per minute in the baseline.</summary>
    public double? BaselineAverage { get; set; }

    /// <summary>Calls (or errors) per minute during the Insight.</summary>
    public double? InsightAverage { get; set; }
}

/// <summary>A record worth a line of its own: a security-relevant change, read through its typed event class.</summary>
/// <param name="Time">eventTime.</param>
/// <param name="Service">Service id.</param>
/// <param name="EventName">eventName.</param>
/// <param name="Principal">Who.</param>
/// <param name="Detail">What the typed request/response says.</param>
public sealed record NotableEvent(DateTimeOffset? Time, string Service, string EventName, string Principal, string Detail);

/// <summary>What <c>trailscan summary</c> counts. Memory grows with distinct values, never with records.</summary>
public sealed class Summary
{
    private readonly Dictionary<string, InsightPair> _insightsByKey = new(StringComparer.Ordinal);

    /// <summary>Records counted (after filters).</summary>
    public long Records { get; private set; }

    /// <summary>Records read as a typed event class.</summary>
    public long TypedEvents { get; private set; }

    /// <summary>Records with an errorCode.</summary>
    public long ErrorRecords { get; private set; }

    /// <summary>The earliest eventTime.</summary>
    public DateTimeOffset? First { get; private set; }

    /// <summary>The latest eventTime.</summary>
    public DateTimeOffset? Last { get; private set; }

    /// <summary>By eventCategory.</summary>
    public Counter Categories { get; } = new();

    /// <summary>By service id (Insights records not included).</summary>
    public Counter Services { get; } = new();

    /// <summary>By "eventSource\teventName" (Insights records not included).</summary>
    public Counter Events { get; } = new();

    /// <summary>By userIdentity type.</summary>
    public Counter IdentityTypes { get; } = new();

    /// <summary>By "type\tprincipal".</summary>
    public Counter Principals { get; } = new();

    /// <summary>By errorCode.</summary>
    public Counter ErrorCodes { get; } = new();

    /// <summary>Insights Start/End pairs, in the order their first record was read.</summary>
    public List<InsightPair> Insights { get; } = [];

    private readonly List<NotableEvent> _notable = [];
    private bool _notableSorted = true;

    /// <summary>
    /// Every security-relevant change, in time order (records without an eventTime last; ties in
    /// input order). They are rare beside the records, so all of them are kept.
    /// </summary>
    public IReadOnlyList<NotableEvent> Notable
    {
        get
        {
            if (!_notableSorted)
            {
                // A stable sort by time: List<T>.Sort is not stable, so ties keep input order by index.
                var keyed = new (DateTimeOffset Time, int Index)[_notable.Count];
                for (int i = 0; i < keyed.Length; i++) keyed[i] = (_notable[i].Time ?? DateTimeOffset.MaxValue, i);
                Array.Sort(keyed);
                var sorted = new NotableEvent[keyed.Length];
                for (int i = 0; i < keyed.Length; i++) sorted[i] = _notable[keyed[i].Index];
                _notable.Clear();
                _notable.AddRange(sorted);
                _notableSorted = true;
            }
            return _notable;
        }
    }

    /// <summary>Records over time.</summary>
    public Timeline Timeline { get; } = new();

    /// <summary>Counts one record.</summary>
    public void Add(CloudTrailRecord record)
    {
        Records++;
        if (record.GetType() != typeof(CloudTrailRecord)) TypedEvents++;
        if (record.EventTime is { } time)
        {
            if (First is null || time < First) First = time;
            if (Last is null || time > Last) Last = time;
            Timeline.Add(time);
        }
        Categories.Add(RecordFacts.Category(record));

        if (record.InsightDetails is { } insight)
        {
            AddInsight(record, insight);
            return;
        }

        Services.Add(RecordFacts.Service(record));
        Events.Add($"{record.EventSource ?? "-"}\t{record.EventName ?? "-"}");
        IdentityTypes.Add(RecordFacts.IdentityType(record));
        Principals.Add($"{RecordFacts.IdentityType(record)}\t{RecordFacts.Principal(record.UserIdentity)}");
        if (!string.IsNullOrEmpty(record.ErrorCode))
        {
            ErrorRecords++;
            ErrorCodes.Add(record.ErrorCode);
        }
        if (NotableEvents.Describe(record) is { } detail)
        {
            _notable.Add(new NotableEvent(record.EventTime, RecordFacts.Service(record), record.EventName ?? "-", RecordFacts.Principal(record.UserIdentity), detail));
            _notableSorted = false;
        }
    }

    private void AddInsight(CloudTrailRecord record, InsightDetails insight)
    {
        // Start and End records of one Insight share sharedEventID; without it, pair by what they are about.
        string key = record.SharedEventID is { Length: > 0 } shared
            ? shared
            : $"{insight.EventSource}\t{insight.EventName}\t{insight.InsightType?.Raw}\t{insight.ErrorCode}";
        if (!_insightsByKey.TryGetValue(key, out var pair) || (pair.End is not null && insight.State?.Value == InsightState.Start && record.SharedEventID is null))
        {
            pair = new InsightPair
            {
                EventSource = insight.EventSource ?? "-",
                EventName = insight.EventName ?? "-",
                InsightType = insight.InsightType?.Raw ?? "-",
                ErrorCode = insight.ErrorCode,
            };
            _insightsByKey[key] = pair;
            Insights.Add(pair);
        }
        var statistics = insight.InsightContext?.Statistics;
        pair.BaselineAverage ??= statistics?.Baseline?.Average;
        pair.InsightAverage ??= statistics?.Insight?.Average;
        if (insight.State?.Value == InsightState.End) pair.End = record.EventTime;
        else pair.Start = record.EventTime;
    }
}
