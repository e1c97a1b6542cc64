using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CloudTrailGen;

/// <summary>
/// An IP address as a number, to compare and to test against address blocks without an
/// <see cref="IPAddress"/> per record: the common forms (<c>203.0.113.7</c>, <c>2001:db8::7</c>)
/// are read from UTF-8 here, any other form the same way <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/>
/// reads it (by it).
/// </summary>
internal readonly record struct IpAddressValue(bool IsV6, UInt128 Value, long ScopeId)
{
    public static IpAddressValue From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        UInt128 value = 0;
        for (int i = 0; i < written; i++) value = (value << 8) | bytes[i];
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        return new IpAddressValue(v6, value, v6 ? address.ScopeId : 0);
    }

    /// <summary>Reads an address as <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> does.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out IpAddressValue address)
    {
        if (TryParseV4(utf8, out uint v4))
        {
            address = new IpAddressValue(false, v4, 0);
            return true;
        }
        if (TryParseV6(utf8, out var v6))
        {
            address = new IpAddressValue(true, v6, 0);
            return true;
        }
        address = default;
        if (utf8.IsEmpty) return false;
        // Other forms (127.1, 0x7f.0.0.1, ::ffff:1.2.3.4, fe80::1%3): rare in sourceIPAddress, read by .NET.
        char[]? rented = null;
        Span<char> chars = utf8.Length <= 128 ? stackalloc char[128] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            int length = Encoding.UTF8.GetChars(utf8, chars);
            if (!IPAddress.TryParse(chars[..length], out var parsed)) return false;
            address = From(parsed);
            return true;
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Four decimal numbers 0-255 without leading zeros (which .NET reads as octal), dotted.</summary>
    private static bool TryParseV4(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        int parts = 0, i = 0;
        while (true)
        {
            int start = i, part = 0;
            while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9' && i - start < 3) part = (part * 10) + (text[i++] - '0');
            int digits = i - start;
            if (digits == 0 || part > 255 || (digits > 1 && text[start] == (byte)'0')) return false;
            value = (value << 8) | (uint)part;
            parts++;
            if (parts == 4) return i == text.Length;
            if (i >= text.Length || text[i] != (byte)'.') return false;
            i++;
        }
    }

    /// <summary>Eight groups of 1-4 hex digits, or fewer with one "::"; no embedded IPv4, no zone.</summary>
    private static bool TryParseV6(ReadOnlySpan<byte> text, out UInt128 value)
    {
        value = 0;
        if (text.Length < 2) return false;
        Span<ushort> groups = stackalloc ushort[8];
        int count = 0, gap = -1, i = 0;
        if (text[0] == (byte)':')
        {
            if (text[1] != (byte)':') return false;
            gap = 0;
            i = 2;
            if (i == text.Length) return true; // "::"
        }
        while (true)
        {
            int start = i, group = 0;
            while (i < text.Length && i - start < 4 && HexValue(text[i]) is int digit and >= 0)
            {
                group = (group << 4) | digit;
                i++;
            }
            if (i == start || count == 8) return false;
            if (i < text.Length && HexValue(text[i]) >= 0) return false; // more than 4 digits
            groups[count++] = (ushort)group;
            if (i == text.Length) break;
            if (text[i] != (byte)':') return false;
            i++;
            if (i < text.Length && text[i] == (byte)':')
            {
                if (gap >= 0) return false;
                gap = count;
                i++;
                if (i == text.Length) break;
            }
            else if (i == text.Length)
            {
                return false; // ends with one ':'
            }
        }
        if (gap < 0 ? count != 8 : count > 7) return false;
        int zeros = 8 - count;
        for (int g = 0; g < count; g++)
        {
            int position = gap >= 0 && g >= gap ? g + zeros : g;
            value |= (UInt128)groups[g] << (16 * (7 - position));
        }
        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}

/// <summary>An address block (CIDR): the addresses whose first <see cref="PrefixLength"/> bits are the base address's.</summary>
internal readonly record struct IpBlock(IpAddressValue Base, int PrefixLength)
{
    public static IpBlock From(IPNetwork network) => new(IpAddressValue.From(network.BaseAddress), network.PrefixLength);

    /// <summary>As <see cref="IPNetwork.Contains"/>: an address of the same family with the same first bits (zones aside).</summary>
    public bool Contains(IpAddressValue address)
    {
        if (address.IsV6 != Base.IsV6) return false;
        int bits = Base.IsV6 ? 128 : 32;
        int shift = bits - PrefixLength;
        return shift >= bits || (address.Value >> shift) == (Base.Value >> shift);
    }
}
