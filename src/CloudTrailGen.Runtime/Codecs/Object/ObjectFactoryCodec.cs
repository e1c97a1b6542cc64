using System;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// Reads generated objects made by a factory delegate, so that a member table needs no generic
/// codec type per object type.
/// </summary>
internal sealed class ObjectFactoryCodec : JsonCodecBase
{
    private readonly Func<CloudTrailObject> _create;

    // One object made by the factory, whose CreateEmpty makes the others with a direct new (the
    // factory is a generic new T(), slow under the JIT); made on first read, never read into.
    private CloudTrailObject? _prototype;

    public ObjectFactoryCodec(Func<CloudTrailObject> create) => _create = create;

    /// <summary>Reads an object; on <see cref="Fit.No"/> (not an object) the reader has not moved.</summary>
    internal Fit ReadObject(ref Utf8JsonReader reader, out CloudTrailObject? value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            value = null;
            return Fit.No;
        }
        var result = (_prototype ??= _create()).NewEmpty() ?? _create();
        result.ReadFrom(ref reader);
        value = result;
        return Fit.Exact;
    }

    internal override Fit ReadBoxed(ref Utf8JsonReader reader, out object? value)
    {
        Fit fit = ReadObject(ref reader, out var result);
        value = result;
        return fit;
    }

    internal override void WriteBoxed(Utf8JsonWriter writer, object value) => ((CloudTrailObject)value).WriteTo(writer);

    internal override void WriteQuotedBoxed(Utf8JsonWriter writer, object value) => WriteBoxed(writer, value);
}
