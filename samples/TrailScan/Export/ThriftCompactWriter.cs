using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace TrailScan.Export;

/// <summary>
/// Thrift's compact protocol, writing only: what Parquet's page headers and file footer are
/// encoded in. Fields are written in increasing id order within a struct, as the protocol's
/// short field headers (id deltas) require.
/// </summary>
internal sealed class ThriftCompactWriter(IBufferWriter<byte> output)
{
    private const byte TypeTrue = 1, TypeFalse = 2, TypeI16 = 4, TypeI32 = 5, TypeI64 = 6, TypeBinary = 8, TypeList = 9, TypeStruct = 12;

    /// <summary>The list element types the footer uses.</summary>
    public const byte ElementI32 = TypeI32, ElementBinary = TypeBinary, ElementStruct = TypeStruct;

    private readonly Stack<short> _lastIds = new();
    private short _lastId;

    public void BeginStruct()
    {
        _lastIds.Push(_lastId);
        _lastId = 0;
    }

    public void EndStruct()
    {
        WriteByte(0); // stop
        _lastId = _lastIds.Pop();
    }

    public void FieldI32(short id, int value)
    {
        FieldHeader(id, TypeI32);
        VarInt(ZigZag(value));
    }

    public void FieldI16(short id, short value)
    {
        FieldHeader(id, TypeI16);
        VarInt(ZigZag(value));
    }

    public void FieldI64(short id, long value)
    {
        FieldHeader(id, TypeI64);
        VarInt(ZigZag(value));
    }

    public void FieldBool(short id, bool value) => FieldHeader(id, value ? TypeTrue : TypeFalse);

    public void FieldString(short id, string value)
    {
        FieldHeader(id, TypeBinary);
        Binary(value);
    }

    /// <summary>A struct field: call <see cref="EndStruct"/> after its fields.</summary>
    public void FieldStruct(short id)
    {
        FieldHeader(id, TypeStruct);
        BeginStruct();
    }

    /// <summary>A list field's header: then its <paramref name="count"/> elements.</summary>
    public void FieldList(short id, byte elementType, int count)
    {
        FieldHeader(id, TypeList);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | elementType));
            VarInt((ulong)count);
        }
    }

    /// <summary>An i32 list element.</summary>
    public void ElementI32Value(int value) => VarInt(ZigZag(value));

    /// <summary>A string list element.</summary>
    public void Binary(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        VarInt((ulong)length);
        var span = output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        output.Advance(length);
    }

    private void FieldHeader(short id, byte type)
    {
        int delta = id - _lastId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            WriteByte(type);
            VarInt(ZigZag(id));
        }
        _lastId = id;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private void VarInt(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        WriteByte((byte)value);
    }

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
