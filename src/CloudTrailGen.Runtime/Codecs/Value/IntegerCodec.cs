using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace CloudTrailGen;

internal sealed class IntegerCodec : JsonCodec<long>
{
    // Boxes of the integers CloudTrail logs most (counts, ports, sizes, durations), made on first use.
    private const int SmallCount = 1024;
    private static readonly object?[] s_small = new object?[SmallCount];

    internal override object Box(long value) =>
        (ulong)value < SmallCount ? s_small[value] ??= value : value;

    internal override Fit Read(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetInt64(out value)) return Fit.No;
            if (reader.HasValueSequence) return Fit.Coerced;
            Span<byte> canonical = stackalloc byte[24];
            return Utf8Formatter.TryFormat(value, canonical, out int written)
                && reader.ValueSpan.SequenceEqual(canonical[..written]) ? Fit.Exact : Fit.Coerced;
        }
        if (reader.TokenType == JsonTokenType.String && JsonStrings.TryGet(ref reader, out string text)
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            if (reader.HasValueSequence || reader.ValueIsEscaped) return Fit.Coerced;
            Span<byte> canonical = stackalloc byte[24];
            return Utf8Formatter.TryFormat(value, canonical, out int written)
                && reader.ValueSpan.SequenceEqual(canonical[..written]) ? Fit.Quoted : Fit.Coerced;
        }
        value = 0;
        return Fit.No;
    }

    internal override void Write(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);

    internal override void WriteQuoted(Utf8JsonWriter writer, long value)
    {
        Span<byte> buffer = stackalloc byte[24];
        Utf8Formatter.TryFormat(value, buffer, out int written);
        writer.WriteStringValue(buffer[..written]);
    }
}
