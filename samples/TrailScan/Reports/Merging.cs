namespace TrailScan.Reports;

// Reports read from several parts of the input (one per file, read at the same time) are merged
// into one, in input order: the result is what reading the parts one after another into one
// report gives, to the order of ties, first-seen orders and the first N kept.

public sealed partial class Summary
{
    /// <summary>
    /// Adds what <paramref name="part"/> counted: the summary of the records read after this
    /// one's. Merging the summaries of consecutive parts of the input, in order, gives the
    /// summary of the whole (the same report, ties and notable changes in the same order).
    /// </summary>
    public void Merge(Summary part)
    {
        Records += part.Records;
        TypedEvents += part.TypedEvents;
        InsightRecords += part.InsightRecords;
        ErrorRecords += part.ErrorRecords;
        if (part.First is { } first && (First is null || first < First)) First = first;
        if (part.Last is { } last && (Last is null || last > Last)) Last = last;
        Categories.Merge(part.Categories);
        Services.Merge(part.Services);
        Events.Merge(part.Events);
        IdentityTypes.Merge(part.IdentityTypes);
        Principals.Merge(part.Principals);
        ErrorCodes.Merge(part.ErrorCodes);
        SourceIps.Merge(part.SourceIps);
        Regions.Merge(part.Regions);
        Accounts.Merge(part.Accounts);
        UserAgents.Merge(part.UserAgents);
        Timeline.Merge(part.Timeline);
        // Insights records pair across parts (a Start in one file, its End in the next): replayed in order.
        foreach (var read in part._insightReads)
        {
            _insightReads.Add(read);
            Pair(read);
        }
        // A stable sort of this part's changes then the other's is the order of reading both:
        // the other's may already be sorted (stably), which keeps its ties in their order.
        if (part._notable.Count > 0)
        {
            _notable.AddRange(part._notable);
            _notableSorted = false;
        }
    }
}

public sealed partial class FirstSeen
{
    /// <summary>Adds the values <paramref name="part"/> saw (read after this one's), as if they had been added here in order.</summary>
    public void Merge(FirstSeen part)
    {
        foreach (var (key, time, count) in part._entries)
        {
            if (_index.TryGetValue(key, out int at))
            {
                var (k, first, had) = _entries[at];
                // Add keeps the earliest time, or the first null until a time comes.
                _entries[at] = (k, first is null || (time is { } t && t < first) ? time ?? first : first, had + count);
                continue;
            }
            _index[key] = _entries.Count;
            _entries.Add((key, time, count));
        }
    }
}

public sealed partial class PrincipalStory
{
    /// <summary>
    /// Adds the story <paramref name="part"/> read from the records after this one's (before
    /// <see cref="Finish"/>): the same story as reading both parts in order.
    /// </summary>
    public void Merge(PrincipalStory part)
    {
        foreach (var (session, by) in part._assumedBy)
        {
            // The first caller seen, and the first time seen (not the earliest): as Add keeps them.
            _assumedBy[session] = _assumedBy.TryGetValue(session, out var had)
                ? (had.Caller, had.First ?? by.First, had.Count + by.Count)
                : by;
        }
        foreach (string arn in part._arns) _arns.Add(arn);
        Records += part.Records;
        if (part.First is { } first && (First is null || first < First)) First = first;
        if (part.Last is { } last && (Last is null || last > Last)) Last = last;
        Identities.Merge(part.Identities);
        Sessions.Merge(part.Sessions);
        RolesAssumed.Merge(part.RolesAssumed);
        SourceIps.Merge(part.SourceIps);
        Regions.Merge(part.Regions);
        Apis.Merge(part.Apis);
        Errors.Merge(part.Errors);
        UserAgents.Merge(part.UserAgents);
        Notable.AddRange(part.Notable);
    }
}

public sealed partial class Coverage
{
    /// <summary>Adds what <paramref name="part"/> measured on the records after this one's (mismatches kept in order, the first <see cref="MaxMismatches"/>).</summary>
    public void Merge(Coverage part)
    {
        Records += part.Records;
        RoundTripEqual += part.RoundTripEqual;
        TypedEvents += part.TypedEvents;
        InsightRecords += part.InsightRecords;
        KeysTyped += part.KeysTyped;
        KeysUntyped += part.KeysUntyped;
        UnmappedEvents.Merge(part.UnmappedEvents);
        UnmappedKeys.Merge(part.UnmappedKeys);
        for (int i = 0; i < part.Mismatches.Count && Mismatches.Count < MaxMismatches; i++) Mismatches.Add(part.Mismatches[i]);
    }
}
