using System;
using System.Text.Json;

namespace CloudTrailGen;

internal sealed class BooleanCodec : JsonCodec<bool>
{
    internal override Fit Read(ref Utf8JsonReader reader, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return Fit.Exact;
            case JsonTokenType.False:
                value = false;
                return Fit.Exact;
            case JsonTokenType.String when !reader.HasValueSequence && !reader.ValueIsEscaped:
                var span = reader.ValueSpan;
                if (span.Length == 4 && System.Text.Ascii.EqualsIgnoreCase(span, "true"u8))
                {
                    value = true;
                    return span.SequenceEqual("true"u8) ? Fit.Quoted : Fit.Coerced;
                }
                if (span.Length == 5 && System.Text.Ascii.EqualsIgnoreCase(span, "false"u8))
                {
                    value = false;
                    return span.SequenceEqual("false"u8) ? Fit.Quoted : Fit.Coerced;
                }
                break;
        }
        value = false;
        return Fit.No;
    }

    internal override void Write(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);

    internal override void WriteQuoted(Utf8JsonWriter writer, bool value) => writer.WriteStringValue(value ? "true"u8 : "false"u8);

    private static readonly object s_true = true;
    private static readonly object s_false = false;

    internal override object Box(bool value) => value ? s_true : s_false;
}
