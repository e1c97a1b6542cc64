using System;
using System.Text;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// The keys that make a JSON object a CloudTrail record: every record has some of them, and no
/// wrapper of records has any. One list for the log file's fast path, which looks at the first
/// keys of a record as CloudTrail spells them, and for classifying any object, in any letter case.
/// </summary>
internal static class RecordKeys
{
    // As CloudTrail spells them; eventVersion first, the key most records open with.
    private static readonly byte[][] s_keys =
    [
        "eventVersion"u8.ToArray(),
        "userIdentity"u8.ToArray(),
        "eventTime"u8.ToArray(),
        "eventSource"u8.ToArray(),
        "eventName"u8.ToArray(),
        "eventID"u8.ToArray(),
        "eventType"u8.ToArray(),
        "eventCategory"u8.ToArray(),
    ];

    /// <summary>Whether the property name the reader is on is a record key as CloudTrail spells it.</summary>
    public static bool IsRecordKey(ref Utf8JsonReader reader)
    {
        foreach (byte[] key in s_keys)
        {
            if (reader.ValueTextEquals(key)) return true;
        }
        return false;
    }

    /// <summary>Whether a name (decoded) is a record key as CloudTrail spells it.</summary>
    public static bool IsRecordKey(ReadOnlySpan<byte> name)
    {
        foreach (byte[] key in s_keys)
        {
            if (name.SequenceEqual(key)) return true;
        }
        return false;
    }

    /// <summary>Whether a name is a record key in any ASCII letter case.</summary>
    public static bool IsRecordKeyIgnoringCase(ReadOnlySpan<byte> name)
    {
        foreach (byte[] key in s_keys)
        {
            if (Ascii.EqualsIgnoreCase(name, key)) return true;
        }
        return false;
    }
}
