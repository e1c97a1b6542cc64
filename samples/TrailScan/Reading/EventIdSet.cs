using System;
using System.Collections.Generic;

namespace TrailScan.Reading;

/// <summary>
/// The eventIDs --dedupe has read. CloudTrail's eventIDs are UUIDs in lower case
/// (<c>3fcfb0e6-3b8d-4a19-a1b5-0d1a7c2d0e5b</c>): those are kept as 16-byte <see cref="Guid"/>s, about
/// 28 bytes each in the set instead of about 116 for a string, so a year of an organization's logs
/// fits in a quarter of the memory. Any other text (upper case, no hyphens, not a UUID) is kept as
/// it is, and compared as text: two eventIDs are the same only when their text is.
/// </summary>
internal sealed class EventIdSet
{
    private readonly HashSet<Guid> _uuids = [];
    private HashSet<string>? _others;

    /// <summary>How many eventIDs it holds.</summary>
    public int Count => _uuids.Count + (_others?.Count ?? 0);

    /// <summary>How many of them are kept as text (not lower-case UUIDs).</summary>
    public int TextCount => _others?.Count ?? 0;

    /// <summary>Adds an eventID; false when it was there already.</summary>
    public bool Add(string eventId) =>
        TryUuid(eventId, out var uuid) ? _uuids.Add(uuid) : (_others ??= new HashSet<string>(StringComparer.Ordinal)).Add(eventId);

    /// <summary>Whether it holds the eventID.</summary>
    public bool Contains(string eventId) =>
        TryUuid(eventId, out var uuid) ? _uuids.Contains(uuid) : _others is not null && _others.Contains(eventId);

    /// <summary>Removes an eventID; false when it was not there.</summary>
    public bool Remove(string eventId) =>
        TryUuid(eventId, out var uuid) ? _uuids.Remove(uuid) : _others is not null && _others.Remove(eventId);

    /// <summary>Adds every eventID of <paramref name="other"/>.</summary>
    public void UnionWith(EventIdSet other)
    {
        _uuids.UnionWith(other._uuids);
        if (other._others is { Count: > 0 } texts) (_others ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(texts);
    }

    /// <summary>How many of this set's eventIDs <paramref name="other"/> holds too.</summary>
    public long CountIn(EventIdSet other)
    {
        long count = 0;
        foreach (var uuid in _uuids)
        {
            if (other._uuids.Contains(uuid)) count++;
        }
        if (_others is not null && other._others is not null)
        {
            foreach (string text in _others)
            {
                if (other._others.Contains(text)) count++;
            }
        }
        return count;
    }

    /// <summary>
    /// Whether the text is a UUID as CloudTrail writes it: 36 characters, hyphens at 8, 13, 18 and 23,
    /// lower-case hex digits. Only that form is kept as a <see cref="Guid"/>, since it is the one
    /// form a <see cref="Guid"/> gives back: another spelling of the same UUID stays a different eventID.
    /// </summary>
    private static bool TryUuid(string text, out Guid uuid)
    {
        uuid = default;
        return text.Length == 36 && !text.AsSpan().ContainsAnyInRange('A', 'F') && Guid.TryParseExact(text, "D", out uuid);
    }
}
