using System;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// Decoding JSON strings. System.Text.Json throws InvalidOperationException for two kinds of
/// string: bytes that are not UTF-8 (not JSON text at all: here a JsonException) and a lone
/// surrogate escape such as <c>"\ud800"</c> (valid JSON that no .NET string decoded by
/// System.Text.Json can hold: here "does not fit", so the value is kept raw and written back as read).
/// </summary>
internal static class JsonStrings
{
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 that holds no escapes.</summary>
    /// <exception cref="JsonException">The bytes are not UTF-8.</exception>
    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        // Most values are ASCII (ids, times, ARNs): one check and one widening copy, where the
        // strict decoder validates and then transcodes (half again as long for 20-36 byte ids).
        if (Ascii.IsValid(utf8)) return Encoding.Latin1.GetString(utf8);
        try
        {
            return s_strict.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw InvalidUtf8(e);
        }
    }

    /// <summary>
    /// Whether the reader is on a string value without escapes in one segment: the common case,
    /// whose text is <c>StringCache.Shared.Get(reader.ValueSpan)</c>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsPlainString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && IsPlain(ref reader);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsPlain(ref Utf8JsonReader reader) => !reader.ValueIsEscaped && !reader.HasValueSequence;

    /// <summary>The string under the reader; false for a lone surrogate escape.</summary>
    /// <exception cref="JsonException">The string is not UTF-8.</exception>
    public static bool TryGet(ref Utf8JsonReader reader, out string value)
    {
        if (IsPlain(ref reader))
        {
            value = StringCache.Shared.Get(reader.ValueSpan);
            return true;
        }
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException e)
        {
            bool utf8 = reader.HasValueSequence ? IsUtf8(reader.ValueSequence) : System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
            if (!utf8) throw InvalidUtf8(e);
            value = null!;
            return false;
        }
    }

    /// <summary>
    /// Decodes an escaped string's raw bytes the way JSON defines them, keeping a lone surrogate
    /// escape as that UTF-16 code unit (which System.Text.Json refuses to do).
    /// </summary>
    public static string DecodeKeepingSurrogates(ReadOnlySpan<byte> escaped)
    {
        var builder = new StringBuilder(escaped.Length);
        int run = 0;
        for (int i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != (byte)'\\') continue;
            builder.Append(Decode(escaped[run..i]));
            byte e = escaped[i + 1];
            switch (e)
            {
                case (byte)'b': builder.Append('\b'); break;
                case (byte)'f': builder.Append('\f'); break;
                case (byte)'n': builder.Append('\n'); break;
                case (byte)'r': builder.Append('\r'); break;
                case (byte)'t': builder.Append('\t'); break;
                case (byte)'u':
                    Utf8Parser.TryParse(escaped.Slice(i + 2, 4), out ushort code, out _, 'X');
                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append((char)e); break;
            }
            i++;
            run = i + 1;
        }
        builder.Append(Decode(escaped[run..]));
        return builder.ToString();
    }

    public static JsonException InvalidUtf8(Exception? inner) =>
        new("A JSON string is not valid UTF-8 (JSON text must be UTF-8).", inner);

    private static bool IsUtf8(System.Buffers.ReadOnlySequence<byte> sequence)
    {
        byte[] bytes = System.Buffers.BuffersExtensions.ToArray(sequence);
        return System.Text.Unicode.Utf8.IsValid(bytes);
    }
}
