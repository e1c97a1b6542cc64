using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CloudTrailGen;

internal sealed class MapCodec<T> : JsonCodec<Dictionary<string, T>>
{
    private readonly JsonCodec<T> _value;

    public MapCodec(JsonCodec<T> value)
        : base(movesBeforeMismatch: true) => _value = value;

    internal override Fit Read(ref Utf8JsonReader reader, out Dictionary<string, T> value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            value = null!;
            return Fit.No;
        }
        value = new Dictionary<string, T>(StringComparer.Ordinal);
        var fit = Fit.Exact;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool decoded = JsonStrings.TryGet(ref reader, out string key);
            reader.Read();
            if (!decoded)
            {
                // A key with a lone surrogate escape: the caller keeps the whole map raw.
                reader.TrySkip();
                fit = Fit.Coerced;
                continue;
            }
            var valueFit = _value.Read(ref reader, out T item);
            if (valueFit == Fit.No)
            {
                reader.TrySkip();
                fit = Fit.Coerced;
                continue;
            }
            if (valueFit is Fit.Coerced or Fit.Quoted || value.ContainsKey(key)) fit = Fit.Coerced;
            value[key] = item;
        }
        return fit;
    }

    internal override void Write(Utf8JsonWriter writer, Dictionary<string, T> value)
    {
        writer.WriteStartObject();
        foreach (var pair in value)
        {
            writer.WritePropertyName(pair.Key);
            _value.Write(writer, pair.Value);
        }
        writer.WriteEndObject();
    }
}
