using System;
using System.Buffers;
using System.Text.Json;

namespace CloudTrailGen;

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
