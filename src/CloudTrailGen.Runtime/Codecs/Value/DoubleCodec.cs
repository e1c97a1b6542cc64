using System;
using System.Globalization;
using System.Text.Json;

namespace CloudTrailGen;

internal sealed class DoubleCodec : JsonCodec<double>
{
    internal override Fit Read(ref Utf8JsonReader reader, out double value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDouble(out value)) return Fit.No;
            if (reader.HasValueSequence) return Fit.Coerced;
            Span<byte> canonical = stackalloc byte[32];
            int written = Format(value, canonical);
            return reader.ValueSpan.SequenceEqual(canonical[..written]) ? Fit.Exact : Fit.Coerced;
        }
        if (reader.TokenType == JsonTokenType.String && JsonStrings.TryGet(ref reader, out string text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value))
        {
            return Fit.Coerced;
        }
        value = 0;
        return Fit.No;
    }

    internal override void Write(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
            return;
        }
        Span<byte> buffer = stackalloc byte[32];
        writer.WriteRawValue(buffer[..Format(value, buffer)], skipInputValidation: true);
    }

    private static int Format(double value, Span<byte> destination)
    {
        value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture);
        return written;
    }
}
