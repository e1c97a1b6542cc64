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

    // Without a factory: one object made by new T(), whose CreateEmpty makes the others with a
    // direct new (new T() here is a call into Activator under the JIT); never read into.
    private T? _prototype;

    public ObjectCodec(Func<T>? create) => _create = create;

    internal override Fit Read(ref Utf8JsonReader reader, out T value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            value = null!;
            return Fit.No;
        }
        value = _create is { } create ? create() : (_prototype ??= new T()).NewEmpty() as T ?? new T();
        value.ReadFrom(ref reader);
        return Fit.Exact;
    }

    internal override void Write(Utf8JsonWriter writer, T value) => value.WriteTo(writer);
}
