using System;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>Token tests that the framer and the unwrapper share, none of which throws on odd input.</summary>
internal static class JsonScan
{
    /// <summary>Whether a byte is JSON whitespace.</summary>
    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    /// <summary>Compares a property name; false (not an exception) for a name System.Text.Json cannot decode (a lone surrogate escape).</summary>
    public static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence) return reader.ValueSpan.SequenceEqual(name);
        try
        {
            return reader.ValueTextEquals(name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A string token's text; null when it cannot be decoded (a lone surrogate escape).</summary>
    public static string? TextOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
