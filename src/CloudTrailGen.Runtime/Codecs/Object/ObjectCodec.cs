using System;
using System.Text.Json;

namespace CloudTrailGen;

internal sealed class ObjectCodec<T> : JsonCodec<T>
    where T : CloudTrailObject, new()
{
    public static readonly ObjectCodec<T> Instance = new(null);

    // The codec of JsonCodec.Object(create), made on first use (two threads may both make one).
    public static ObjectCodec<T>? WithFactory;

    private readonly Func<T>? _create;

    public ObjectCodec(Func<T>? create) => _create = create;

    internal override Fit Read(ref Utf8JsonReader reader, out T value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            value = null!;
            return Fit.No;
        }
        value = _create is { } create ? create() : new T();
        value.ReadFrom(ref reader);
        return Fit.Exact;
    }

    internal override void Write(Utf8JsonWriter writer, T value) => value.WriteTo(writer);
}
