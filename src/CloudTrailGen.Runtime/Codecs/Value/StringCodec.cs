using System.Text.Json;

namespace CloudTrailGen;

internal sealed class StringCodec : JsonCodec<string>
{
    internal override Fit Read(ref Utf8JsonReader reader, out string value)
    {
        if (reader.TokenType != JsonTokenType.String || !JsonStrings.TryGet(ref reader, out value))
        {
            value = null!;
            return Fit.No;
        }
        return Fit.Exact;
    }

    internal override void Write(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);
}
