using System;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// JSON arrays of a generated object type, read like <see cref="ListCodec{T}"/> through an
/// <see cref="ObjectFactoryCodec"/> into lists made by a factory delegate: one codec type for
/// every element type, where a generic codec would bring three types per element type into a
/// Native AOT image.
/// </summary>
internal sealed class ObjectListCodec : JsonCodecBase
{
    private readonly ObjectFactoryCodec _element;
    private readonly Func<System.Collections.IList> _createList;

    public ObjectListCodec(ObjectFactoryCodec element, Func<System.Collections.IList> createList)
        : base(movesBeforeMismatch: true)
    {
        _element = element;
        _createList = createList;
    }

    internal override Fit ReadBoxed(ref Utf8JsonReader reader, out object? value)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            value = null;
            return Fit.No;
        }
        var list = _createList();
        var fit = Fit.Exact;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (_element.ReadObject(ref reader, out var element) == Fit.No)
            {
                // Not an object: as in ListCodec, the caller keeps the whole array raw.
                reader.TrySkip();
                fit = Fit.Coerced;
                continue;
            }
            list.Add(element);
        }
        value = list;
        return fit;
    }

    internal override void WriteBoxed(Utf8JsonWriter writer, object value)
    {
        writer.WriteStartArray();
        foreach (var element in (System.Collections.IList)value)
        {
            // A null put in the list by the application is written as null.
            if (element is null) writer.WriteNullValue();
            else ((CloudTrailObject)element).WriteTo(writer);
        }
        writer.WriteEndArray();
    }

    internal override void WriteQuotedBoxed(Utf8JsonWriter writer, object value) => WriteBoxed(writer, value);
}
