using System;
using System.Text;

namespace CloudTrailGen;

/// <summary>
/// Reuses the strings that repeat from record to record (eventSource, eventName, awsRegion,
/// account ids, ARNs, user agents, ...), so that reading them allocates nothing after the first
/// time. A small direct-mapped table per thread: a miss just replaces the slot, so unique values
/// (event ids) cost one hash and never grow it. Only short ASCII strings are cached.
/// </summary>
internal static class StringCache
{
    private const int MaxLength = 64;
    private const int Slots = 4096;

    [ThreadStatic]
    private static string?[]? t_slots;

    /// <summary>The string of an unescaped JSON string value.</summary>
    /// <exception cref="System.Text.Json.JsonException">The bytes are not UTF-8 (then they are not JSON text).</exception>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength || utf8.IsEmpty) return utf8.IsEmpty ? string.Empty : JsonStrings.Decode(utf8);
        uint hash = 2166136261;
        foreach (byte b in utf8)
        {
            if (b >= 0x80) return JsonStrings.Decode(utf8);
            hash = (hash ^ b) * 16777619;
        }
        var slots = t_slots ??= new string?[Slots];
        ref string? slot = ref slots[hash & (Slots - 1)];
        string? cached = slot;
        if (cached is not null && Equal(cached, utf8)) return cached;
        return slot = Encoding.ASCII.GetString(utf8);
    }

    private static bool Equal(string s, ReadOnlySpan<byte> ascii)
    {
        if (s.Length != ascii.Length) return false;
        for (int i = 0; i < ascii.Length; i++)
        {
            if (s[i] != ascii[i]) return false;
        }
        return true;
    }
}
