using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CloudTrailGen.Benchmarks;

/// <summary>
/// A spike, not a reader: finding the records of a log file and counting each record's top-level
/// keys, with <c>Utf8JsonReader</c> and with a vectorized pass over the bytes (simdjson's first
/// stage, simplified: <c>Vector256</c> masks of quotes, backslashes and structural characters, a
/// prefix XOR for what is inside strings, then the structural characters walked bit by bit). It
/// does not validate JSON, so it could only frame input that a reader checks later.
/// </summary>
[MemoryDiagnoser]
public class FramingSpike
{
    private byte[] _log = Array.Empty<byte>();

    /// <summary>Which log: <c>synthetic</c> or <c>corpus</c> (see <see cref="Inputs"/>).</summary>
    [Params(Inputs.Synthetic, Inputs.Corpus)]
    public string Input { get; set; } = Inputs.Synthetic;

    [GlobalSetup]
    public void Setup()
    {
        _log = Inputs.Get(Input).Log;
        var (a, b) = (Reader(), Vectorized());
        if (a != b) throw new InvalidOperationException($"the two passes disagree: {a} against {b}");
        Console.WriteLine($"// input {Input}: {_log.Length} bytes, records and keys {a}");
    }

    [Benchmark(Baseline = true, Description = "Utf8JsonReader floor")]
    public int Floor()
    {
        var reader = new Utf8JsonReader(_log);
        int tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    /// <summary>Records (objects at depth 2) and their top-level keys, with Utf8JsonReader.</summary>
    [Benchmark(Description = "Utf8JsonReader: records and their keys")]
    public long Reader()
    {
        var reader = new Utf8JsonReader(_log);
        long records = 0, keys = 0;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 2 && reader.TokenType == JsonTokenType.StartObject) records++;
            else if (reader.CurrentDepth == 3 && reader.TokenType == JsonTokenType.PropertyName) keys++;
        }
        return records << 32 | keys;
    }

    /// <summary>The same, from Vector256 masks (64 bytes a step).</summary>
    [Benchmark(Description = "Vector256: records and their keys")]
    public long Vectorized()
    {
        var data = _log.AsSpan();
        long records = 0, keys = 0;
        int depth = 0;
        ulong inString = 0;        // all ones when the previous block ended inside a string
        bool escapeCarry = false;  // the previous block ended with an odd run of backslashes
        var quote = Vector256.Create((byte)'"');
        var backslash = Vector256.Create((byte)'\\');
        var colon = Vector256.Create((byte)':');
        var openBrace = Vector256.Create((byte)'{');
        var closeBrace = Vector256.Create((byte)'}');
        var openBracket = Vector256.Create((byte)'[');
        var closeBracket = Vector256.Create((byte)']');
        var tail = new byte[64];
        for (int at = 0; at < data.Length; at += 64)
        {
            ReadOnlySpan<byte> block;
            if (data.Length - at >= 64)
            {
                block = data.Slice(at, 64);
            }
            else
            {
                Array.Fill(tail, (byte)' ');
                data[at..].CopyTo(tail);
                block = tail;
            }
            var lo = Vector256.Create(block);
            var hi = Vector256.Create(block[32..]);
            ulong quotes = Mask(lo, hi, quote);
            ulong backslashes = Mask(lo, hi, backslash);
            ulong escaped = 0;
            if (backslashes != 0 || escapeCarry) escaped = Escaped(backslashes, ref escapeCarry);
            quotes &= ~escaped;
            ulong strings = PrefixXor(quotes) ^ inString;
            inString = (ulong)((long)strings >> 63);
            ulong opens = (Mask(lo, hi, openBrace) | Mask(lo, hi, openBracket)) & ~strings;
            ulong closes = (Mask(lo, hi, closeBrace) | Mask(lo, hi, closeBracket)) & ~strings;
            ulong colons = Mask(lo, hi, colon) & ~strings;
            ulong structural = opens | closes | colons;
            while (structural != 0)
            {
                int bit = BitOperations.TrailingZeroCount(structural);
                ulong one = 1UL << bit;
                structural &= structural - 1;
                if ((opens & one) != 0)
                {
                    depth++;
                    if (depth == 3) records++;
                }
                else if ((closes & one) != 0)
                {
                    depth--;
                }
                else if (depth == 3)
                {
                    keys++;
                }
            }
        }
        return records << 32 | keys;
    }

    private static ulong Mask(Vector256<byte> lo, Vector256<byte> hi, Vector256<byte> value) =>
        Vector256.Equals(lo, value).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(hi, value).ExtractMostSignificantBits() << 32);

    /// <summary>The positions escaped by a backslash: those after an odd run of backslashes (rare: done bit by bit).</summary>
    private static ulong Escaped(ulong backslashes, ref bool carry)
    {
        ulong escaped = 0;
        bool odd = carry;
        for (int i = 0; i < 64; i++)
        {
            ulong one = 1UL << i;
            if (odd)
            {
                escaped |= one;
                odd = false;
                continue;
            }
            if ((backslashes & one) != 0) odd = true;
        }
        carry = odd;
        return escaped;
    }

    /// <summary>Bit i is set when an odd number of quotes are at or before i: inside a string (or on its opening quote).</summary>
    private static ulong PrefixXor(ulong x)
    {
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        return x;
    }
}
