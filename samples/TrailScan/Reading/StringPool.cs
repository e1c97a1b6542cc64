using System;

namespace TrailScan.Reading;

/// <summary>
/// One string for each text seen: looks text up by its characters, so that counting a record
/// view's values makes a string only for a value not seen before (a dictionary keyed by string
/// is then looked up with the pooled string).
/// </summary>
internal sealed class StringPool
{
    private string?[] _slots = new string?[64];
    private int _count;

    /// <summary>The pooled string of <paramref name="text"/>, made on first sight.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        int mask = _slots.Length - 1;
        int i = string.GetHashCode(text) & mask;
        while (_slots[i] is { } pooled)
        {
            if (text.SequenceEqual(pooled)) return pooled;
            i = (i + 1) & mask;
        }
        string created = text.ToString();
        _slots[i] = created;
        if (++_count * 2 > _slots.Length) Grow();
        return created;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new string?[old.Length * 2];
        int mask = _slots.Length - 1;
        foreach (string? pooled in old)
        {
            if (pooled is null) continue;
            int i = string.GetHashCode(pooled.AsSpan()) & mask;
            while (_slots[i] is not null) i = (i + 1) & mask;
            _slots[i] = pooled;
        }
    }
}
