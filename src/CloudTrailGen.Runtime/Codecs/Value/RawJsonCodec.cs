using System.Text.Json;

namespace CloudTrailGen;

internal sealed class RawJsonCodec : JsonCodec<RawJson>
{
    internal override Fit Read(ref Utf8JsonReader reader, out RawJson value)
    {
        value = RawJsonCopier.Copy(ref reader);
        return Fit.Exact;
    }

    internal override void Write(Utf8JsonWriter writer, RawJson value) => value.WriteTo(writer);
}
