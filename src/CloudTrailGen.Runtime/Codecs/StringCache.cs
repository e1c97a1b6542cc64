using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace CloudTrailGen;

/// <summary>
/// Reuses the strings that repeat from record to record (eventSource, eventName, awsRegion,
/// account ids, ARNs, user agents, ...), so that reading them allocates nothing after the first
/// time. A small direct-mapped table that never grows: a string that misses twice in a row
/// replaces the slot, so unique values (event ids) cost one hash and take no slot. Only ASCII
/// strings up to <see cref="MaxLength"/> bytes are cached (user agents are often longer than 256
/// and repeat all the same).
/// </summary>
/// <remarks>
/// Reads share <see cref="Shared"/>, from any number of threads, without locks: a slot is only
/// ever a guess, and a hit is confirmed by comparing the kept string with the bytes, so a slot
/// torn by two threads writing it at once costs a miss, never a wrong string. (One table for all
/// threads rather than one per thread also spares a thread-local look-up per string, which jitted
/// code on Linux makes through a call.)
/// </remarks>
internal sealed class StringCache
{
    private const int MaxLength = 512;
    private const int SlotCount = 4096;

    /// <summary>The table every read uses.</summary>
    public static readonly StringCache Shared = new();

    private readonly Slot[] _slots = new Slot[SlotCount];

    /// <summary>
    /// One slot: the string kept, its hash, and the hash of the last string that missed the slot.
    /// The kept string's hash is compared first, so a miss (a unique value) does not touch the
    /// kept string, which can be anywhere in the heap; one slot is one memory access.
    /// </summary>
    private struct Slot
    {
        public string? Value;
        public uint Hash;
        public uint Seen;
    }

    /// <summary>The string of an unescaped JSON string value.</summary>
    /// <exception cref="System.Text.Json.JsonException">The bytes are not UTF-8 (then they are not JSON text).</exception>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return string.Empty;
        if (utf8.Length > MaxLength) return JsonStrings.Decode(utf8);
        uint hash = Hash(utf8);
        ref Slot slot = ref _slots[(int)(hash & (SlotCount - 1))];

        // Only ASCII strings are kept, and SameAscii is false for bytes that are not ASCII, so a
        // hit needs no separate check of the bytes.
        if (slot.Hash == hash && slot.Value is { } cached && cached.Length == utf8.Length && SameAscii(utf8, cached)) return cached;
        string value = JsonStrings.Decode(utf8);
        if (value.Length != utf8.Length) return value; // not ASCII: not kept

        // A string takes a slot only the second time it is seen: unique values (event and request
        // ids, a few per record) then never evict the strings that do repeat, and are not kept
        // alive by the table long enough to be promoted out of the youngest generation.
        if (slot.Seen == hash)
        {
            slot.Value = value;
            slot.Hash = hash;
        }
        else
        {
            slot.Seen = hash;
        }
        return value;
    }

    /// <summary>
    /// Whether <paramref name="utf8"/> is the text of <paramref name="ascii"/>, an ASCII string of
    /// the same length: <see cref="Ascii.Equals(ReadOnlySpan{byte}, ReadOnlySpan{char})"/>, with
    /// strings shorter than 16 (regions, account ids, event types) compared in two overlapping
    /// words instead of a byte at a time. Bytes that are not ASCII never equal an ASCII string.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool SameAscii(ReadOnlySpan<byte> utf8, string ascii)
    {
        int n = utf8.Length;
        if (n >= 16 || !Vector128.IsHardwareAccelerated || !BitConverter.IsLittleEndian) return Ascii.Equals(utf8, ascii);
        ref byte bytes = ref MemoryMarshal.GetReference(utf8);
        ref byte chars = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(ascii.AsSpan()));
        if (n >= 8)
        {
            var first = Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref bytes)).AsByte());
            var last = Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, n - 8))).AsByte());
            var diff = (first ^ Vector128.LoadUnsafe(ref chars).AsUInt16())
                | (last ^ Vector128.LoadUnsafe(ref Unsafe.Add(ref chars, 2 * (n - 8))).AsUInt16());
            return diff == Vector128<ushort>.Zero;
        }
        if (n >= 4)
        {
            ulong first = Widen(Unsafe.ReadUnaligned<uint>(ref bytes));
            ulong last = Widen(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bytes, n - 4)));
            return ((first ^ Unsafe.ReadUnaligned<ulong>(ref chars)) | (last ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref chars, 2 * (n - 4))))) == 0;
        }
        for (int i = 0; i < n; i++)
        {
            if (Unsafe.Add(ref bytes, i) != ascii[i]) return false;
        }
        return true;

        static ulong Widen(uint four) => Vector128.WidenLower(Vector128.CreateScalarUnsafe(four).AsByte()).AsUInt64().ToScalar();
    }

    /// <summary>
    /// A cheap hash of a short byte string: its length and three 8-byte words (the start, the
    /// middle and the end), not every byte. A collision only costs a miss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Hash(ReadOnlySpan<byte> bytes)
    {
        ulong h;
        int n = bytes.Length;
        if (n >= 8)
        {
            ulong a = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            ulong b = BinaryPrimitives.ReadUInt64LittleEndian(bytes[((n >> 1) - 4 < 0 ? 0 : (n >> 1) - 4)..]);
            ulong c = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(n - 8)..]);
            h = (a * 0x9E3779B97F4A7C15UL) ^ BitOperationsRotate(b * 0xC2B2AE3D27D4EB4FUL, 23) ^ BitOperationsRotate(c * 0x165667B19E3779F9UL, 41);
        }
        else
        {
            h = 0;
            for (int i = 0; i < n; i++) h = (h << 8) | bytes[i];
            h *= 0x9E3779B97F4A7C15UL;
        }
        h ^= (ulong)n * 0xD6E8FEB86659FD93UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return (uint)(h >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BitOperationsRotate(ulong value, int offset) => System.Numerics.BitOperations.RotateLeft(value, offset);
}
