using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>Token tests that the framer and the unwrapper share, none of which throws on odd input.</summary>
internal static class JsonScan
{
    /// <summary>Whether a byte is JSON whitespace.</summary>
    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    /// <summary>
    /// Where a string's text stops: a quote, a backslash or a control character (-1: not in
    /// <paramref name="text"/>). Inline, 32 or 16 bytes a step: most strings of a record are short
    /// (keys, ids, names), where a general search's set-up costs more than the search.
    /// </summary>
    public static int IndexOfStringStop(ReadOnlySpan<byte> text)
    {
        ref byte start = ref MemoryMarshal.GetReference(text);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var quote = Vector256.Create((byte)'"');
            var backslash = Vector256.Create((byte)'\\');
            var space = Vector256.Create((byte)' ');
            for (; i + Vector256<byte>.Count <= text.Length; i += Vector256<byte>.Count)
            {
                var chunk = Vector256.LoadUnsafe(ref start, (nuint)i);
                var stops = Vector256.Equals(chunk, quote) | Vector256.Equals(chunk, backslash) | Vector256.LessThan(chunk, space);
                if (stops != Vector256<byte>.Zero) return i + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var quote = Vector128.Create((byte)'"');
            var backslash = Vector128.Create((byte)'\\');
            var space = Vector128.Create((byte)' ');
            for (; i + Vector128<byte>.Count <= text.Length; i += Vector128<byte>.Count)
            {
                var chunk = Vector128.LoadUnsafe(ref start, (nuint)i);
                var stops = Vector128.Equals(chunk, quote) | Vector128.Equals(chunk, backslash) | Vector128.LessThan(chunk, space);
                if (stops != Vector128<byte>.Zero) return i + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
            }
        }
        for (; i < text.Length; i++)
        {
            byte b = text[i];
            if (b == (byte)'"' || b == (byte)'\\' || b < (byte)' ') return i;
        }
        return -1;
    }

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
