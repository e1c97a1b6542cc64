using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrailGen;

/// <summary>The System.Text.Json converter of a generated CloudTrail type (no reflection).</summary>
/// <typeparam name="T">The generated type.</typeparam>
/// <remarks>Called by the code CloudTrailGen generates, and hidden from completion lists: not meant for other code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CloudTrailObjectConverter<T> : JsonConverter<T>, ICloudTrailTypeInfoSource
    where T : CloudTrailObject, new()
{
    Type ICloudTrailTypeInfoSource.Type => typeof(T);

    System.Text.Json.Serialization.Metadata.JsonTypeInfo ICloudTrailTypeInfoSource.CreateTypeInfo(JsonSerializerOptions options) =>
        System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<T>(options, this);

    /// <inheritdoc/>
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"{typeof(T).Name} must be a JSON object, not {reader.TokenType}.");
        }
        var value = new T();
        value.ReadFrom(ref reader);
        return value;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(writer);
    }
}
