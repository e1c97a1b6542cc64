using System;
using System.Collections.Generic;
using CloudTrailGen;
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
/// <param name="Technique">The MITRE ATT&amp;CK technique it fits, or null.</param>
public sealed record NotableEvent(DateTimeOffset? Time, string Service, string EventName, string Principal, string Detail, string? Technique = null);

/// <summary>What <c>trailscan summary</c> counts. Memory grows with distinct values, never with records.</summary>
public sealed partial class Summary
{
    private readonly Dictionary<string, InsightPair> _insightsByKey = new(StringComparer.Ordinal);

    /// <summary>Records counted (after filters).</summary>
    public long Records { get; private set; }

    /// <summary>API records (not Insights records) read as a typed event class.</summary>
    public long TypedEvents { get; private set; }

    /// <summary>Insights records (the rest are calls).</summary>
    public long InsightRecords { get; private set; }

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

    /// <summary>By "type\tprincipal\taccount" (the caller's userIdentity.accountId, or "-").</summary>
    public Counter Principals { get; } = new();

    /// <summary>By errorCode.</summary>
    public Counter ErrorCodes { get; } = new();

    /// <summary>Calls by sourceIPAddress.</summary>
    public Counter SourceIps { get; } = new();

    /// <summary>Calls by awsRegion.</summary>
    public Counter Regions { get; } = new();

    /// <summary>Calls by account (recipientAccountId: whose log it is).</summary>
    public Counter Accounts { get; } = new();

    /// <summary>Calls by userAgent.</summary>
    public Counter UserAgents { get; } = new();

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

    private readonly CharBuffer _key = new();
    // By "eventSource\teventName": 1 when read as a typed event, 2 when it may be a notable change.
    private readonly Dictionary<string, byte> _typed = new(StringComparer.Ordinal);
    private readonly StringPool _eventKeys = new();

    /// <summary>
    /// Counts one record from its view's fields, as <see cref="Add(CloudTrailRecord)"/> counts the
    /// typed record: the typed record is read only for what the fields cannot tell (Insights
    /// records, notable changes and the root user's calls, an identity without the fields read).
    /// </summary>
    public void Add(RecordFields record)
    {
        if (record.View is null || record.IsInsight)
        {
            Add(record.Record);
            return;
        }
        Records++;
        if (record.EventTime is { } time)
        {
            if (First is null || time < First) First = time;
            if (Last is null || time > Last) Last = time;
            Timeline.Add(time);
        }
        var key = _key;
        Categories.Add(record.Has(CloudTrailRecordField.EventCategory) ? key.Clear().Append(record.Get(CloudTrailRecordField.EventCategory)).Text : "-");

        var source = record.Get(CloudTrailRecordField.EventSource);
        bool hasSource = record.Has(CloudTrailRecordField.EventSource);
        var name = record.Get(CloudTrailRecordField.EventName);
        bool hasName = record.Has(CloudTrailRecordField.EventName);
        key.Clear();
        if (hasSource) key.Append(source);
        else key.Append('-');
        key.Append('\t');
        if (hasName) key.Append(name);
        else key.Append('-');
        Events.Add(key.Text);
        byte kind = hasSource && hasName ? EventKind(key.Text) : (byte)0;
        if ((kind & 1) != 0) TypedEvents++;

        key.Clear();
        if (source.IsEmpty) key.Append('-');
        else
        {
            int dot = source.IndexOf((byte)'.');
            key.Append(dot > 0 ? source[..dot] : source);
        }
        Services.Add(key.Text);

        var type = record.Get(CloudTrailRecordField.UserIdentityType);
        IdentityTypes.Add(type.IsEmpty ? "-" : key.Clear().Append(type).Text);
        if (RecordFacts.TryAppendPrincipalKey(record, key.Clear())) Principals.Add(key.Text);
        else Principals.Add(RecordFacts.PrincipalKey(record.Record));
        AddOrDash(SourceIps, record, CloudTrailRecordField.SourceIPAddress);
        AddOrDash(Regions, record, CloudTrailRecordField.AwsRegion);
        AddOrDash(Accounts, record, record.HasText(CloudTrailRecordField.RecipientAccountId) ? CloudTrailRecordField.RecipientAccountId : CloudTrailRecordField.UserIdentityAccountId);
        AddOrDash(UserAgents, record, CloudTrailRecordField.UserAgent);
        var error = record.Get(CloudTrailRecordField.ErrorCode);
        if (!error.IsEmpty)
        {
            ErrorRecords++;
            ErrorCodes.Add(key.Clear().Append(error).Text);
        }
        if ((kind & 2) != 0 || NotableEvents.MayBeRoot(record)) AddNotable(record.Record);
    }

    private void AddOrDash(Counter counter, RecordFields record, CloudTrailRecordField field)
    {
        var value = record.Get(field);
        counter.Add(value.IsEmpty ? "-" : _key.Clear().Append(value).Text);
    }

    /// <summary>
    /// What "eventSource\teventName" is read as: 1 when a typed event (a generated class, or the
    /// schema's: TrailScan selects every service, so the schema has every event a class has),
    /// plus 2 when it may be a notable change.
    /// </summary>
    private byte EventKind(ReadOnlySpan<char> sourceAndName)
    {
        string key = _eventKeys.Get(sourceAndName);
        if (_typed.TryGetValue(key, out byte kind)) return kind;
        int tab = sourceAndName.IndexOf('\t');
        var schema = CloudTrailLog.Schema.FindEvent(sourceAndName[..tab].ToString(), sourceAndName[(tab + 1)..].ToString());
        kind = (byte)((schema is not null ? 1 : 0) | (NotableEvents.IsKindEvent(schema) ? 2 : 0));
        _typed[key] = kind;
        return kind;
    }

    /// <summary>Counts one record.</summary>
    public void Add(CloudTrailRecord record)
    {
        Records++;
        if (record.EventTime is { } time)
        {
            if (First is null || time < First) First = time;
            if (Last is null || time > Last) Last = time;
            Timeline.Add(time);
        }
        Categories.Add(RecordFacts.Category(record));

        if (record.InsightDetails is { } insight)
        {
            // Not a call (see RecordFacts.IsInsight), even when it also carries the eventName it is about.
            InsightRecords++;
            AddInsight(record, insight);
            return;
        }

        if (record.GetType() != typeof(CloudTrailRecord)) TypedEvents++;

        Services.Add(RecordFacts.Service(record));
        Events.Add($"{record.EventSource ?? "-"}\t{record.EventName ?? "-"}");
        IdentityTypes.Add(RecordFacts.IdentityType(record));
        Principals.Add(RecordFacts.PrincipalKey(record));
        SourceIps.Add(record.SourceIPAddress is { Length: > 0 } ip ? ip : "-");
        Regions.Add(record.AwsRegion is { Length: > 0 } region ? region : "-");
        Accounts.Add(record.RecipientAccountId is { Length: > 0 } account ? account : record.UserIdentity?.AccountId is { Length: > 0 } caller ? caller : "-");
        UserAgents.Add(record.UserAgent is { Length: > 0 } agent ? agent : "-");
        if (!string.IsNullOrEmpty(record.ErrorCode))
        {
            ErrorRecords++;
            ErrorCodes.Add(record.ErrorCode);
        }
        AddNotable(record);
    }

    private void AddNotable(CloudTrailRecord record)
    {
        if (NotableEvents.Find(record) is { } found)
        {
            string? technique = found.Kind is null ? NotableEvents.RootTechnique : found.Kind.Technique;
            _notable.Add(new NotableEvent(record.EventTime, RecordFacts.Service(record), record.EventName ?? "-", RecordFacts.Principal(record.UserIdentity), found.Detail, technique));
            _notableSorted = false;
        }
    }

    private void AddInsight(CloudTrailRecord record, InsightDetails insight)
    {
        // Start and End records of one Insight share sharedEventID; without it, pair by what they are about.
        var statistics = insight.InsightContext?.Statistics;
        var read = new InsightRead(
            record.SharedEventID is { Length: > 0 } shared ? shared : $"{insight.EventSource}\t{insight.EventName}\t{insight.InsightType?.Raw}\t{insight.ErrorCode}",
            record.SharedEventID is null,
            insight.EventSource ?? "-",
            insight.EventName ?? "-",
            insight.InsightType?.Raw ?? "-",
            insight.ErrorCode,
            insight.State?.Value,
            record.EventTime,
            statistics?.Baseline?.Average,
            statistics?.Insight?.Average);
        _insightReads.Add(read);
        Pair(read);
    }

    /// <summary>Pairs one Insights record with the pair it belongs to (a new one when it is the first).</summary>
    private void Pair(InsightRead read)
    {
        if (!_insightsByKey.TryGetValue(read.Key, out var pair) || (pair.End is not null && read.State == InsightState.Start && read.NoSharedEventId))
        {
            pair = new InsightPair
            {
                EventSource = read.EventSource,
                EventName = read.EventName,
                InsightType = read.InsightType,
                ErrorCode = read.ErrorCode,
            };
            _insightsByKey[read.Key] = pair;
            Insights.Add(pair);
        }
        pair.BaselineAverage ??= read.BaselineAverage;
        pair.InsightAverage ??= read.InsightAverage;
        if (read.State == InsightState.End) pair.End = read.Time;
        else pair.Start = read.Time;
    }

    // What pairing needs of an Insights record, kept so that another part's summary can be merged
    // in order (Insights records are rare: one per Start or End).
    private readonly record struct InsightRead(string Key, bool NoSharedEventId, string EventSource, string EventName, string InsightType, string? ErrorCode, InsightState? State, DateTimeOffset? Time, double? BaselineAverage, double? InsightAverage);

    private readonly List<InsightRead> _insightReads = [];
}
