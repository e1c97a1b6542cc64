using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailGen;

/// <summary>
/// A JSON value kept as it was read, as UTF-8 bytes: every string with its escapes and every
/// number with its text (a value laid out over several lines is kept without the whitespace
/// between its tokens). Used for free-form parts of a record (<c>requestParameters</c>, <c>additionalEventData</c>, ...)
/// and for anything that did not fit its typed member, so that nothing read is ever lost.
/// </summary>
public readonly struct RawJson : IEquatable<RawJson>
{
    private readonly byte[]? _utf8;

    /// <summary>Wraps UTF-8 JSON bytes, which are not checked: they must be one JSON value, and the caller must not change the array afterwards.</summary>
    /// <exception cref="ArgumentException">The bytes are empty.</exception>
    public RawJson(byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        if (utf8Json.Length == 0) throw new ArgumentException("A JSON value cannot be empty.", nameof(utf8Json));
        _utf8 = utf8Json;
    }

    /// <summary>The JSON text as UTF-8 (<c>null</c> for <c>default(RawJson)</c>).</summary>
    public ReadOnlyMemory<byte> Utf8 => _utf8 ?? s_null;

    internal byte[] Bytes => _utf8 ?? s_null;

    /// <summary>Whether this is <c>default(RawJson)</c>, which generated fields use for "absent".</summary>
    internal bool IsUnset => _utf8 is null;

    private static readonly byte[] s_null = "null"u8.ToArray();

    /// <summary>The kind of value, from its first byte.</summary>
    public JsonValueKind ValueKind => Bytes[0] switch
    {
        (byte)'{' => JsonValueKind.Object,
        (byte)'[' => JsonValueKind.Array,
        (byte)'"' => JsonValueKind.String,
        (byte)'t' => JsonValueKind.True,
        (byte)'f' => JsonValueKind.False,
        (byte)'n' => JsonValueKind.Null,
        _ => JsonValueKind.Number,
    };

    /// <summary>Parses JSON text into a raw value (whitespace is removed, everything else kept).</summary>
    /// <remarks>Nesting is limited as <see cref="CloudTrailReadOptions.MaxDepth"/> limits it by default (128).</remarks>
    /// <exception cref="JsonException">The text is not one valid JSON value, or is nested deeper than 128.</exception>
    public static RawJson Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Parses UTF-8 JSON into a raw value (whitespace is removed, everything else kept).</summary>
    /// <remarks>
    /// Nesting is limited as <see cref="CloudTrailReadOptions.MaxDepth"/> limits it by default
    /// (128); the log reader parses a record's original JSON with the reader's own limit.
    /// </remarks>
    /// <exception cref="JsonException">The bytes are not one valid JSON value, or are nested deeper than 128.</exception>
    public static RawJson Parse(ReadOnlySpan<byte> utf8Json) => Parse(utf8Json, s_readerOptions);

    private static readonly JsonReaderOptions s_readerOptions = new() { MaxDepth = CloudTrailReadOptions.DefaultMaxDepth };

    /// <summary>Parses UTF-8 JSON into a raw value, with the limits of <paramref name="options"/>.</summary>
    /// <exception cref="JsonException">The bytes are not one valid JSON value within those limits.</exception>
    internal static RawJson Parse(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(utf8Json, options);
        if (!reader.Read()) throw new JsonException("The input holds no JSON value.");
        var value = RawJsonCopier.Copy(ref reader);
        if (reader.Read()) throw new JsonException($"Unexpected data after the JSON value at byte {reader.TokenStartIndex}.");
        return value;
    }

    /// <summary>A <see cref="JsonElement"/> over a copy of the value.</summary>
    /// <remarks>
    /// Nesting is limited as <see cref="CloudTrailReadOptions.MaxDepth"/> limits it by default
    /// (128, where <see cref="JsonDocument"/>'s own default is 64), so that any value the log
    /// reader reads with the default options can be seen as an element.
    /// </remarks>
    /// <exception cref="JsonException">The value is nested deeper than 128 (or is not JSON: bytes given by hand).</exception>
    public JsonElement ToJsonElement()
    {
        using var doc = JsonDocument.Parse(Utf8, new JsonDocumentOptions { MaxDepth = CloudTrailReadOptions.DefaultMaxDepth });
        return doc.RootElement.Clone();
    }

    /// <summary>Deserializes the value with the given (AOT-safe) type information.</summary>
    public T? Deserialize<T>(JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(Bytes, typeInfo);

    /// <summary>
    /// The string when the value is a JSON string, otherwise <see langword="null"/>; also null for
    /// a string that no .NET string can hold as System.Text.Json decodes it (a lone surrogate
    /// escape such as <c>"\ud800"</c>, or bytes given by hand that are not UTF-8).
    /// </summary>
    public string? GetStringValue()
    {
        if (ValueKind != JsonValueKind.String) return null;
        try
        {
            var reader = new Utf8JsonReader(Bytes);
            reader.Read();
            return reader.GetString();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Writes the value, unchanged, at the writer's current position.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(Bytes, skipInputValidation: true);
    }

    /// <summary>The JSON text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Bytes);

    /// <summary>Byte-wise equality of the JSON text.</summary>
    public bool Equals(RawJson other) => Bytes.AsSpan().SequenceEqual(other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RawJson other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    /// <summary>Byte-wise equality.</summary>
    public static bool operator ==(RawJson left, RawJson right) => left.Equals(right);

    /// <summary>Byte-wise inequality.</summary>
    public static bool operator !=(RawJson left, RawJson right) => !left.Equals(right);
}
