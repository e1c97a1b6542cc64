using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace TrailScan.Export;

/// <summary>
/// One column's values for the row group being filled: the definition and repetition levels of
/// every entry, and the non-null values already in Parquet's PLAIN encoding, so that writing the
/// page is a copy and <see cref="Bytes"/> is what the buffer holds.
/// </summary>
public sealed class ColumnBuffer(ParquetColumn column)
{
    private readonly ArrayBufferWriter<byte> _values = new(256);
    private byte[] _definitions = new byte[64];
    private byte[] _repetitions = column.MaxRepetition > 0 ? new byte[64] : [];
    private byte[] _booleans = column.Type == ParquetType.Boolean ? new byte[8] : [];
    private int _booleanCount;

    /// <summary>The column.</summary>
    public ParquetColumn Column { get; } = column;

    /// <summary>Entries (values and nulls, and the empty or null lists of a list column) so far.</summary>
    public int Count { get; private set; }

    /// <summary>About how many bytes the buffer holds.</summary>
    public long Bytes => _values.WrittenCount + Count * 2L + _booleanCount / 8;

    /// <summary>An entry with no value: a null at <paramref name="definition"/> (below the column's highest level).</summary>
    public void AddNull(int definition, int repetition = 0) => Levels(definition, repetition);

    /// <summary>A string value.</summary>
    public void Add(string value, int repetition = 0)
    {
        Levels(Column.MaxDefinition, repetition);
        int length = Encoding.UTF8.GetByteCount(value);
        var span = _values.GetSpan(4 + length);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        Encoding.UTF8.GetBytes(value, span[4..]);
        _values.Advance(4 + length);
    }

    /// <summary>An integer value (also a timestamp's milliseconds since the epoch).</summary>
    public void Add(long value, int repetition = 0)
    {
        Levels(Column.MaxDefinition, repetition);
        BinaryPrimitives.WriteInt64LittleEndian(_values.GetSpan(8), value);
        _values.Advance(8);
    }

    /// <summary>A double value.</summary>
    public void Add(double value, int repetition = 0)
    {
        Levels(Column.MaxDefinition, repetition);
        BinaryPrimitives.WriteDoubleLittleEndian(_values.GetSpan(8), value);
        _values.Advance(8);
    }

    /// <summary>A boolean value.</summary>
    public void Add(bool value, int repetition = 0)
    {
        Levels(Column.MaxDefinition, repetition);
        if (_booleanCount / 8 >= _booleans.Length) Array.Resize(ref _booleans, _booleans.Length * 2);
        if (value) _booleans[_booleanCount / 8] |= (byte)(1 << (_booleanCount % 8));
        _booleanCount++;
    }

    /// <summary>A timestamp value, stored as milliseconds since the epoch in UTC.</summary>
    public void Add(DateTimeOffset value, int repetition = 0) => Add(value.ToUnixTimeMilliseconds(), repetition);

    /// <summary>The PLAIN-encoded values.</summary>
    public ReadOnlySpan<byte> Values => Column.Type == ParquetType.Boolean
        ? _booleans.AsSpan(0, (_booleanCount + 7) / 8)
        : _values.WrittenSpan;

    /// <summary>The definition levels of every entry.</summary>
    public ReadOnlySpan<byte> Definitions => _definitions.AsSpan(0, Count);

    /// <summary>The repetition levels of every entry (empty when the column repeats nothing).</summary>
    public ReadOnlySpan<byte> Repetitions => Column.MaxRepetition > 0 ? _repetitions.AsSpan(0, Count) : default;

    private void Levels(int definition, int repetition)
    {
        if (Count == _definitions.Length)
        {
            Array.Resize(ref _definitions, Count * 2);
            if (Column.MaxRepetition > 0) Array.Resize(ref _repetitions, Count * 2);
        }
        _definitions[Count] = (byte)definition;
        if (Column.MaxRepetition > 0) _repetitions[Count] = (byte)repetition;
        else if (repetition != 0) throw new InvalidOperationException($"Column {string.Join('.', Column.Path)} does not repeat.");
        Count++;
    }
}
