using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace TrailScan.Export;

/// <summary>
/// Writes one Parquet file: row groups as they are handed over, then the footer. A small writer of
/// the format's core (data pages v1, PLAIN values, RLE levels, GZIP pages), so that the Native AOT
/// tool takes no dependency for it (docs/parquet.md has the choice and its evidence). The bytes
/// depend on the rows only: the same rows give the same file.
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private const int CodecGzip = 2, EncodingPlain = 0, EncodingRle = 3, PageTypeData = 0;
    private static readonly byte[] s_magic = "PAR1"u8.ToArray();

    private readonly Stream _output;
    private readonly IReadOnlyList<ParquetField> _schema;
    private readonly ParquetColumn[] _columns;
    private readonly List<RowGroup> _rowGroups = [];
    private readonly ArrayBufferWriter<byte> _page;
    private readonly ArrayBufferWriter<byte> _scratch;
    private readonly MemoryStream _compressed;
    private long _position;
    private bool _finished;

    private sealed record ColumnChunk(long Offset, long Values, long Uncompressed, long Compressed);

    private sealed record RowGroup(ColumnChunk[] Columns, long Rows);

    /// <summary>
    /// Buffers for building a page: one set can serve every writer of a thread, so that many open
    /// files do not each keep buffers the size of their largest column chunk.
    /// </summary>
    public sealed class Scratch
    {
        internal ArrayBufferWriter<byte> Page { get; } = new();

        internal ArrayBufferWriter<byte> Thrift { get; } = new();

        internal MemoryStream Compressed { get; } = new();
    }

    /// <summary>Starts a file on <paramref name="output"/> (written from its start, never sought).</summary>
    /// <param name="output">Where the file is written.</param>
    /// <param name="schema">The top-level fields.</param>
    /// <param name="scratch">Page buffers to use (shared by writers used on one thread), or null for its own.</param>
    public ParquetFileWriter(Stream output, IReadOnlyList<ParquetField> schema, Scratch? scratch = null)
    {
        scratch ??= new Scratch();
        _page = scratch.Page;
        _scratch = scratch.Thrift;
        _compressed = scratch.Compressed;
        _output = output;
        _schema = schema;
        _columns = ParquetField.Columns(schema);
        Write(s_magic);
    }

    /// <summary>The leaf columns, in the order <see cref="WriteRowGroup"/> takes their buffers.</summary>
    public IReadOnlyList<ParquetColumn> Columns => _columns;

    /// <summary>Bytes written so far.</summary>
    public long Length => _position;

    /// <summary>Writes a row group of <paramref name="rows"/> rows from one buffer per column (left as they are).</summary>
    public void WriteRowGroup(IReadOnlyList<ColumnBuffer> buffers, long rows)
    {
        if (buffers.Count != _columns.Length) throw new ArgumentException($"{_columns.Length} columns, {buffers.Count} buffers.", nameof(buffers));
        var chunks = new ColumnChunk[buffers.Count];
        for (int i = 0; i < buffers.Count; i++) chunks[i] = WriteChunk(buffers[i]);
        _rowGroups.Add(new RowGroup(chunks, rows));
    }

    private ColumnChunk WriteChunk(ColumnBuffer buffer)
    {
        // The page: repetition levels, definition levels (each RLE with a 4-byte length), values.
        _page.Clear();
        if (buffer.Column.MaxRepetition > 0) Levels(buffer.Repetitions, buffer.Column.MaxRepetition);
        if (buffer.Column.MaxDefinition > 0) Levels(buffer.Definitions, buffer.Column.MaxDefinition);
        _page.Write(buffer.Values);

        _compressed.SetLength(0);
        using (var gzip = new GZipStream(_compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(_page.WrittenSpan);
        }

        _scratch.Clear();
        var thrift = new ThriftCompactWriter(_scratch);
        thrift.BeginStruct(); // PageHeader
        thrift.FieldI32(1, PageTypeData);
        thrift.FieldI32(2, _page.WrittenCount);
        thrift.FieldI32(3, (int)_compressed.Length);
        thrift.FieldStruct(5); // DataPageHeader
        thrift.FieldI32(1, buffer.Count);
        thrift.FieldI32(2, EncodingPlain);
        thrift.FieldI32(3, EncodingRle);
        thrift.FieldI32(4, EncodingRle);
        thrift.EndStruct();
        thrift.EndStruct();

        long offset = _position;
        Write(_scratch.WrittenSpan);
        Write(_compressed.GetBuffer().AsSpan(0, (int)_compressed.Length));
        return new ColumnChunk(offset, buffer.Count, _scratch.WrittenCount + _page.WrittenCount, _position - offset);
    }

    /// <summary>Levels in the RLE/bit-packing hybrid, as runs only, after their length in 4 bytes.</summary>
    private void Levels(ReadOnlySpan<byte> levels, int maxLevel)
    {
        int width = (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxLevel) + 7) / 8; // bytes per run value
        var lengthAt = _page.WrittenCount;
        _page.GetSpan(4);
        _page.Advance(4);
        int start = _page.WrittenCount;
        for (int i = 0; i < levels.Length;)
        {
            int run = 1;
            while (i + run < levels.Length && levels[i + run] == levels[i]) run++;
            VarInt(_page, (ulong)run << 1);
            var span = _page.GetSpan(width);
            span[0] = levels[i];
            for (int b = 1; b < width; b++) span[b] = 0;
            _page.Advance(width);
            i += run;
        }
        int length = _page.WrittenCount - start;
        // ArrayBufferWriter has no random access: patch the length through its written memory.
        BinaryPrimitives.WriteInt32LittleEndian(System.Runtime.InteropServices.MemoryMarshal.AsMemory(_page.WrittenMemory).Span[lengthAt..], length);
    }

    private static void VarInt(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        int n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        output.Advance(n);
    }

    /// <summary>Writes the footer; the file is complete once this returns (the stream is left open).</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        _scratch.Clear();
        var thrift = new ThriftCompactWriter(_scratch);
        long rows = 0;
        foreach (var group in _rowGroups) rows += group.Rows;
        thrift.BeginStruct(); // FileMetaData
        thrift.FieldI32(1, 1);
        int count = 1 + CountElements(_schema);
        thrift.FieldList(2, ThriftCompactWriter.ElementStruct, count);
        thrift.BeginStruct(); // the root
        thrift.FieldString(4, "schema");
        thrift.FieldI32(5, _schema.Count);
        thrift.EndStruct();
        foreach (var field in _schema) WriteElement(thrift, field);
        thrift.FieldI64(3, rows);
        thrift.FieldList(4, ThriftCompactWriter.ElementStruct, _rowGroups.Count);
        for (int g = 0; g < _rowGroups.Count; g++)
        {
            var group = _rowGroups[g];
            long compressed = 0, uncompressed = 0;
            foreach (var chunk in group.Columns)
            {
                compressed += chunk.Compressed;
                uncompressed += chunk.Uncompressed;
            }
            thrift.BeginStruct(); // RowGroup
            thrift.FieldList(1, ThriftCompactWriter.ElementStruct, group.Columns.Length);
            for (int c = 0; c < group.Columns.Length; c++)
            {
                var chunk = group.Columns[c];
                var column = _columns[c];
                thrift.BeginStruct(); // ColumnChunk
                thrift.FieldI64(2, chunk.Offset);
                thrift.FieldStruct(3); // ColumnMetaData
                thrift.FieldI32(1, PhysicalType(column.Type));
                thrift.FieldList(2, ThriftCompactWriter.ElementI32, 2);
                thrift.ElementI32Value(EncodingPlain);
                thrift.ElementI32Value(EncodingRle);
                thrift.FieldList(3, ThriftCompactWriter.ElementBinary, column.Path.Length);
                foreach (string part in column.Path) thrift.Binary(part);
                thrift.FieldI32(4, CodecGzip);
                thrift.FieldI64(5, chunk.Values);
                thrift.FieldI64(6, chunk.Uncompressed);
                thrift.FieldI64(7, chunk.Compressed);
                thrift.FieldI64(9, chunk.Offset);
                thrift.EndStruct();
                thrift.EndStruct();
            }
            thrift.FieldI64(2, uncompressed);
            thrift.FieldI64(3, group.Rows);
            thrift.FieldI64(5, group.Columns.Length > 0 ? group.Columns[0].Offset : 0);
            thrift.FieldI64(6, compressed);
            thrift.FieldI16(7, (short)g);
            thrift.EndStruct();
        }
        thrift.FieldString(6, "CloudTrailGen TrailScan");
        thrift.EndStruct();
        Write(_scratch.WrittenSpan);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, _scratch.WrittenCount);
        Write(length);
        Write(s_magic);
        _output.Flush();
    }

    private static int CountElements(IReadOnlyList<ParquetField> fields)
    {
        int count = 0;
        foreach (var field in fields)
        {
            // A list or map has its repeated group between it and its children.
            count += 1 + (field.IsList || field.IsMap ? 1 : 0) + CountElements(field.Children);
        }
        return count;
    }

    private static void WriteElement(ThriftCompactWriter thrift, ParquetField field)
    {
        thrift.BeginStruct(); // SchemaElement
        if (field.Type is { } type) thrift.FieldI32(1, PhysicalType(type));
        thrift.FieldI32(3, field.IsRequired ? 0 : 1); // REQUIRED or OPTIONAL
        thrift.FieldString(4, field.Name);
        if (field.Type is null) thrift.FieldI32(5, field.IsList || field.IsMap ? 1 : field.Children.Count);
        switch (field.Type)
        {
            case ParquetType.String:
                thrift.FieldI32(6, 0); // UTF8
                thrift.FieldStruct(10);
                thrift.FieldStruct(1); // StringType
                thrift.EndStruct();
                thrift.EndStruct();
                break;
            case ParquetType.Timestamp:
                thrift.FieldI32(6, 9); // TIMESTAMP_MILLIS
                thrift.FieldStruct(10);
                thrift.FieldStruct(8); // TimestampType
                thrift.FieldBool(1, true); // isAdjustedToUTC
                thrift.FieldStruct(2); // TimeUnit
                thrift.FieldStruct(1); // MILLIS
                thrift.EndStruct();
                thrift.EndStruct();
                thrift.EndStruct();
                thrift.EndStruct();
                break;
            case null when field.IsList:
                thrift.FieldI32(6, 3); // LIST
                thrift.FieldStruct(10);
                thrift.FieldStruct(3); // ListType
                thrift.EndStruct();
                thrift.EndStruct();
                break;
            case null when field.IsMap:
                thrift.FieldI32(6, 1); // MAP
                thrift.FieldStruct(10);
                thrift.FieldStruct(2); // MapType
                thrift.EndStruct();
                thrift.EndStruct();
                break;
        }
        thrift.EndStruct();
        if (field.IsList || field.IsMap)
        {
            thrift.BeginStruct(); // the repeated group
            thrift.FieldI32(3, 2); // REPEATED
            thrift.FieldString(4, field.IsList ? "list" : "key_value");
            thrift.FieldI32(5, field.Children.Count);
            thrift.EndStruct();
        }
        foreach (var child in field.Children) WriteElement(thrift, child);
    }

    private static int PhysicalType(ParquetType type) => type switch
    {
        ParquetType.Boolean => 0,
        ParquetType.Int64 or ParquetType.Timestamp => 2,
        ParquetType.Double => 5,
        _ => 6, // BYTE_ARRAY
    };

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }

    /// <summary>Finishes the file if it was not, and closes the stream.</summary>
    public void Dispose()
    {
        _output.Dispose();
    }
}
