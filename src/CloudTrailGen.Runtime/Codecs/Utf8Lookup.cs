using System;
using System.Buffers.Binary;
using System.Text;

namespace CloudTrailGen;

/// <summary>
/// A read-only map from UTF-8 names to small integers, built once per generated type or enum.
/// Looks a name up without allocating: by its exact bytes first, then ignoring ASCII case, since
/// CloudTrail keys come in any letter case (<c>eventname</c>, <c>ARN</c>/<c>arn</c>).
/// </summary>
internal sealed class Utf8Lookup
{
    private readonly KeyBytes[] _keyBytes;
    private readonly byte[] _utf8;      // every key's bytes, one after another
    private readonly string[] _keyStrings;
    private readonly int[] _values;
    private readonly int[] _exact;   // open addressing: slot -> entry index + 1, 0 when empty
    private readonly int[] _folded;  // the same, hashed with ASCII letters lowered
    private readonly int _mask;

    public Utf8Lookup(string[] keys, int[] values)
    {
        _keyStrings = keys;
        _values = values;
        int size = 4;
        while (size < keys.Length * 2) size <<= 1;
        _mask = size - 1;
        _exact = new int[size];
        _folded = new int[size];
        _keyBytes = new KeyBytes[keys.Length];
        var utf8 = new System.Collections.Generic.List<byte>();
        for (int i = 0; i < keys.Length; i++)
        {
            byte[] key = Encoding.UTF8.GetBytes(keys[i]);
            _keyBytes[i] = new KeyBytes(key, utf8.Count);
            utf8.AddRange(key);
        }
        _utf8 = utf8.ToArray();
        for (int i = 0; i < keys.Length; i++)
        {
            Insert(_exact, Hash(Key(i), fold: false), i, fold: false);
            Insert(_folded, Hash(Key(i), fold: true), i, fold: true);
        }
    }

    /// <summary>The bytes of key <paramref name="entry"/>.</summary>
    private ReadOnlySpan<byte> Key(int entry) => _utf8.AsSpan(_keyBytes[entry].Start, _keyBytes[entry].Length);

    /// <summary>
    /// A key's length and its first and last eight bytes, held in one array for all keys: a key
    /// is confirmed from memory that lies together (a byte array per key is a load more, and
    /// anywhere in the heap). The middle of a key longer than 16 bytes is compared in <see cref="_utf8"/>.
    /// </summary>
    private readonly struct KeyBytes
    {
        public readonly ulong Head;   // the first 8 bytes (all of a shorter key, zero-filled)
        public readonly ulong Tail;   // the last 8 bytes
        public readonly int Length;
        public readonly int Start;    // where the key starts in _utf8

        public KeyBytes(ReadOnlySpan<byte> key, int start)
        {
            Head = HeadOf(key);
            Tail = key.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]) : 0;
            Length = key.Length;
            Start = start;
        }
    }

    /// <summary>Whether <paramref name="name"/> is exactly the bytes of key <paramref name="entry"/> (false for an entry out of range).</summary>
    public bool IsKey(int entry, ReadOnlySpan<byte> name)
    {
        var keys = _keyBytes;
        if ((uint)entry >= (uint)keys.Length) return false;
        ref readonly KeyBytes key = ref keys[entry];
        int n = name.Length;
        if (n != key.Length) return false;
        if (n < 8) return HeadOf(name) == key.Head;
        if (BinaryPrimitives.ReadUInt64LittleEndian(name) != key.Head
            || BinaryPrimitives.ReadUInt64LittleEndian(name[(n - 8)..]) != key.Tail)
        {
            return false;
        }
        return n <= 16 || name[8..(n - 8)].SequenceEqual(_utf8.AsSpan(key.Start + 8, n - 16));
    }

    private static ulong HeadOf(ReadOnlySpan<byte> key)
    {
        if (key.Length >= 8) return BinaryPrimitives.ReadUInt64LittleEndian(key);
        ulong head = 0;
        for (int i = 0; i < key.Length; i++) head |= (ulong)key[i] << (8 * i);
        return head;
    }

    private void Insert(int[] slots, uint hash, int entry, bool fold)
    {
        int slot = (int)(hash & (uint)_mask);
        while (slots[slot] != 0)
        {
            // The first of two keys that differ only in case keeps the case-insensitive slot.
            if (fold && EqualsFolded(Key(slots[slot] - 1), Key(entry))) return;
            slot = (slot + 1) & _mask;
        }
        slots[slot] = entry + 1;
    }

    /// <summary>Finds a name; <paramref name="exact"/> tells whether its case matched too.</summary>
    /// <returns>The value stored for the name, or -1.</returns>
    public int Find(ReadOnlySpan<byte> name, out bool exact) => Find(name, out exact, out _);

    /// <summary>Finds a name and also returns the key it matched exactly (null unless <paramref name="exact"/>).</summary>
    public int Find(ReadOnlySpan<byte> name, out bool exact, out string? exactKey)
    {
        exactKey = null;
        int slot = (int)(Hash(name, fold: false) & (uint)_mask);
        int entry;
        while ((entry = _exact[slot]) != 0)
        {
            if (IsKey(entry - 1, name))
            {
                exact = true;
                exactKey = _keyStrings[entry - 1];
                return _values[entry - 1];
            }
            slot = (slot + 1) & _mask;
        }

        exact = false;
        slot = (int)(Hash(name, fold: true) & (uint)_mask);
        while ((entry = _folded[slot]) != 0)
        {
            if (EqualsFolded(name, Key(entry - 1))) return _values[entry - 1];
            slot = (slot + 1) & _mask;
        }
        return -1;
    }

    // Length and three 8-byte words (start, middle, end) rather than every byte: names are short,
    // and a collision only costs one more comparison. Folding sets bit 0x20 of every byte, which
    // gives names that differ only in ASCII letter case the same hash.
    private static uint Hash(ReadOnlySpan<byte> name, bool fold)
    {
        ulong mask = fold ? 0x2020202020202020UL : 0;
        int n = name.Length;
        ulong h;
        if (n >= 8)
        {
            ulong a = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(name) | mask;
            ulong b = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(name[((n >> 1) - 4)..]) | mask;
            ulong c = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(name[(n - 8)..]) | mask;
            h = (a * 0x9E3779B97F4A7C15UL) ^ System.Numerics.BitOperations.RotateLeft(b * 0xC2B2AE3D27D4EB4FUL, 23)
                ^ System.Numerics.BitOperations.RotateLeft(c * 0x165667B19E3779F9UL, 41);
        }
        else
        {
            h = 0;
            for (int i = 0; i < n; i++) h = (h << 8) | (byte)(name[i] | (byte)mask);
            h *= 0x9E3779B97F4A7C15UL;
        }
        h ^= (ulong)n * 0xD6E8FEB86659FD93UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return (uint)(h >> 32);
    }

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;

    private static bool EqualsFolded(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (Lower(a[i]) != Lower(b[i])) return false;
        }
        return true;
    }
}
