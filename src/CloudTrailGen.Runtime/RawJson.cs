using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailGen;

/// <summary>
/// A JSON value kept exactly as it was read, as UTF-8 bytes (line breaks and tabs between tokens removed).
/// Used for free-form parts of a record (<c>requestParameters</c>, <c>additionalEventData</c>, ...)
/// and for anything that did not fit its typed member, so that nothing read is ever lost.
/// </summary>
public readonly struct RawJson : IEquatable<RawJson>
{
    private readonly byte[]? _utf8;

    /// <summary>Wraps UTF-8 JSON bytes; the caller must not change the array afterwards.</summary>
    /// <exception cref="ArgumentException">The bytes are empty.</exception>
    public RawJson(byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        if (utf8Json.Length == 0) throw new ArgumentException("A JSON value cannot be empty.", nameof(utf8Json));
        _utf8 = utf8Json;
    }

    /// <summary>The JSON text as UTF-8.</summary>
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

    /// <summary>Parses JSON text into a raw value.</summary>
    /// <exception cref="JsonException">The text is not one valid JSON value.</exception>
    public static RawJson Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Parses UTF-8 JSON into a raw value (whitespace is removed, everything else kept).</summary>
    /// <exception cref="JsonException">The bytes are not one valid JSON value.</exception>
    public static RawJson Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read()) throw new JsonException("The input holds no JSON value.");
        var value = RawJsonCopier.Copy(ref reader);
        if (reader.Read()) throw new JsonException($"Unexpected data after the JSON value at byte {reader.TokenStartIndex}.");
        return value;
    }

    /// <summary>A <see cref="JsonElement"/> over a copy of the value.</summary>
    public JsonElement ToJsonElement()
    {
        using var doc = JsonDocument.Parse(Utf8);
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

/// <summary>
/// Copies the JSON value under a reader as compact UTF-8, token by token, keeping every string's
/// escapes and every number's text exactly as they were written.
/// </summary>
internal static class RawJsonCopier
{
    // One growing scratch buffer per thread; each copy allocates only its exact-size result.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    // The bytes the current record is read from, when the log reader knows them: a composite value
    // is then sliced out of them instead of being copied token by token.
    [ThreadStatic]
    private static ReadOnlyMemory<byte> t_source;

    /// <summary>Declares the bytes that readers created over exactly them read from, until disposed.</summary>
    public static Scope ReadingFrom(ReadOnlyMemory<byte> source)
    {
        var previous = t_source;
        t_source = source;
        return new Scope(previous);
    }

    internal readonly struct Scope : IDisposable
    {
        private readonly ReadOnlyMemory<byte> _previous;

        public Scope(ReadOnlyMemory<byte> previous) => _previous = previous;

        public void Dispose() => t_source = _previous;
    }

    /// <summary>Copies the value whose first token the reader is on, leaving the reader on its last token.</summary>
    public static RawJson Copy(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return new RawJson(CopyScalar(ref reader));
        }

        var source = t_source;
        if (!source.IsEmpty && !reader.HasValueSequence)
        {
            var start = reader;
            int from = checked((int)reader.TokenStartIndex);
            // TrySkip, not Skip: Skip throws on any reader over partial input, complete value or not.
            int to = reader.TrySkip() ? checked((int)reader.BytesConsumed) : int.MaxValue;
            if (to <= source.Length)
            {
                var slice = source.Span[from..to];
                // Spaces are kept; line breaks and tabs (pretty-printed input) are compacted away,
                // so that a record always writes as one line.
                if (slice.IndexOfAny((byte)'\n', (byte)'\r', (byte)'\t') < 0) return new RawJson(Utf8Checked(slice.ToArray()));
            }
            reader = start;
        }

        var buffer = t_scratch ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        int depth = reader.CurrentDepth;
        bool comma = false;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (comma) Put(buffer, (byte)',');
                    Put(buffer, reader.TokenType == JsonTokenType.StartObject ? (byte)'{' : (byte)'[');
                    comma = false;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    Put(buffer, reader.TokenType == JsonTokenType.EndObject ? (byte)'}' : (byte)']');
                    comma = true;
                    if (reader.CurrentDepth == depth)
                    {
                        return new RawJson(Utf8Checked(buffer.WrittenSpan.ToArray()));
                    }
                    break;
                case JsonTokenType.PropertyName:
                    if (comma) Put(buffer, (byte)',');
                    PutString(buffer, ref reader);
                    Put(buffer, (byte)':');
                    comma = false;
                    break;
                case JsonTokenType.String:
                    if (comma) Put(buffer, (byte)',');
                    PutString(buffer, ref reader);
                    comma = true;
                    break;
                default:
                    if (comma) Put(buffer, (byte)',');
                    PutValue(buffer, ref reader);
                    comma = true;
                    break;
            }

            if (!reader.Read())
            {
                throw new JsonException("The JSON value ends before it is complete.");
            }
        }
    }

    private static byte[] CopyScalar(ref Utf8JsonReader reader)
    {
        int length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        bool quoted = reader.TokenType == JsonTokenType.String;
        var bytes = new byte[length + (quoted ? 2 : 0)];
        var target = quoted ? bytes.AsSpan(1, length) : bytes.AsSpan();
        if (reader.HasValueSequence) reader.ValueSequence.CopyTo(target);
        else reader.ValueSpan.CopyTo(target);
        if (quoted)
        {
            bytes[0] = (byte)'"';
            bytes[^1] = (byte)'"';
            Utf8Checked(bytes);
        }
        return bytes;
    }

    /// <summary>
    /// Raw values are written back byte for byte, so they must be UTF-8 like all JSON text:
    /// Utf8JsonReader does not check the bytes inside strings, this does (vectorized, so cheap).
    /// </summary>
    private static byte[] Utf8Checked(byte[] json) =>
        System.Text.Unicode.Utf8.IsValid(json) ? json : throw JsonStrings.InvalidUtf8(null);

    private static void Put(ArrayBufferWriter<byte> buffer, byte b)
    {
        buffer.GetSpan(1)[0] = b;
        buffer.Advance(1);
    }

    private static void PutString(ArrayBufferWriter<byte> buffer, ref Utf8JsonReader reader)
    {
        Put(buffer, (byte)'"');
        PutValue(buffer, ref reader);
        Put(buffer, (byte)'"');
    }

    private static void PutValue(ArrayBufferWriter<byte> buffer, ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence)
        {
            int length = checked((int)reader.ValueSequence.Length);
            reader.ValueSequence.CopyTo(buffer.GetSpan(length));
            buffer.Advance(length);
        }
        else
        {
            buffer.Write(reader.ValueSpan);
        }
    }
}
