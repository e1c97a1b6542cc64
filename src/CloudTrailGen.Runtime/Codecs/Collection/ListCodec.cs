using System.Collections.Generic;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>JSON arrays of a codec's values: what fits is kept, and any element that does not makes the whole list kept raw too.</summary>
internal sealed class ListCodec<T> : JsonCodec<List<T>>
{
    private readonly JsonCodec<T> _element;

    public ListCodec(JsonCodec<T> element)
        : base(movesBeforeMismatch: true) => _element = element;

    internal override Fit Read(ref Utf8JsonReader reader, out List<T> value)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            value = null!;
            return Fit.No;
        }
        value = new List<T>();
        var fit = Fit.Exact;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var elementFit = _element.Read(ref reader, out T element);
            if (elementFit == Fit.No)
            {
                // Keep going: the caller keeps the whole array raw, and the list holds what fit.
                reader.TrySkip();
                fit = Fit.Coerced;
                continue;
            }
            if (elementFit is Fit.Coerced or Fit.Quoted) fit = Fit.Coerced;
            value.Add(element);
        }
        return fit;
    }

    internal override void Write(Utf8JsonWriter writer, List<T> value)
    {
        writer.WriteStartArray();
        foreach (var element in value) _element.Write(writer, element);
        writer.WriteEndArray();
    }
}
