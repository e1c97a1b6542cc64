using System;
using System.Collections.Generic;

namespace TrailScan.Reports;

/// <summary>Counts by key; lists the most common first (ties in ordinal key order, so output is stable).</summary>
public sealed class Counter
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private TrailScan.Reading.StringPool? _keys;

    /// <summary>How many different keys were counted.</summary>
    public int Count => _counts.Count;

    /// <summary>Adds one (or <paramref name="by"/>) to <paramref name="key"/>.</summary>
    public void Add(string key, long by = 1)
    {
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _) += by;
    }

    /// <summary>Adds one to the key <paramref name="key"/> spells (a string is made for a key not counted before, only).</summary>
    public void Add(ReadOnlySpan<char> key)
    {
        Add((_keys ??= new TrailScan.Reading.StringPool()).Get(key));
    }

    /// <summary>Adds every count of <paramref name="other"/> (the counts of another part of the input).</summary>
    public void Merge(Counter other)
    {
        foreach (var (key, count) in other._counts) Add(key, count);
    }

    /// <summary>The count of one key.</summary>
    public long this[string key] => _counts.TryGetValue(key, out long count) ? count : 0;

    /// <summary>The <paramref name="limit"/> most common keys (all of them when null).</summary>
    public List<KeyValuePair<string, long>> Top(int? limit = null)
    {
        var all = new List<KeyValuePair<string, long>>(_counts);
        all.Sort(static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        if (limit is { } n && all.Count > n) all.RemoveRange(n, all.Count - n);
        return all;
    }
}
