using System;
using System.Text.Json;

namespace CloudTrailGen;

internal sealed class TimestampCodec : JsonCodec<DateTimeOffset>
{
    internal override Fit Read(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.HasValueSequence || reader.ValueIsEscaped)
            {
                value = default;
                return JsonStrings.TryGet(ref reader, out string text) && CloudTrailTime.TryParse(text, out value) ? Fit.Coerced : Fit.No;
            }
            var span = reader.ValueSpan;
            if (CloudTrailTime.TryParseCanonical(span, out value)) return Fit.Exact;
            if (!CloudTrailTime.TryParse(span, out value)) return Fit.No;
            Span<byte> canonical = stackalloc byte[40];
            int written = CloudTrailTime.Format(value, canonical);
            return span.SequenceEqual(canonical[..written]) ? Fit.Exact : Fit.Coerced;
        }
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double number)
            && CloudTrailTime.TryFromEpoch(number, out value))
        {
            return Fit.Coerced;
        }
        value = default;
        return Fit.No;
    }

    internal override void Write(Utf8JsonWriter writer, DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[40];
        writer.WriteStringValue(buffer[..CloudTrailTime.Format(value, buffer)]);
    }
}
