using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace TrailScan.Export;

/// <summary>
/// Rows of every table into Hive-style partition folders (<c>TABLE/account=A/region=R/date=D/part-00000.parquet</c>),
/// in bounded memory: each partition buffers the row group it is filling; a row group is written
/// when it reaches <see cref="RowGroupBytes"/> or <see cref="RowGroupRows"/>, the largest buffers
/// are written early when all of them together pass <see cref="BufferBudget"/>, and at most
/// <see cref="MaxOpenFiles"/> files are open (the least recently used is finished; a later row of
/// its partition starts the next part). Every decision depends on the rows alone, so the same
/// input gives the same files.
/// </summary>
public sealed class PartitionedWriter(string directory)
{
    /// <summary>A partition's row group is written once its buffers hold this many bytes.</summary>
    public long RowGroupBytes { get; init; } = 8 << 20;

    /// <summary>...or this many rows.</summary>
    public long RowGroupRows { get; init; } = 128 * 1024;

    /// <summary>What the buffers of every partition may hold together before the largest are written early.</summary>
    public long BufferBudget { get; init; } = 32 << 20;

    /// <summary>How many files may be open at once.</summary>
    public int MaxOpenFiles { get; init; } = 64;

    private readonly Dictionary<(string Table, string Partition), Partition> _partitions = new();
    private readonly Dictionary<string, IReadOnlyList<ParquetField>> _schemas = new(StringComparer.Ordinal);
    private readonly List<Partition> _open = [];
    private readonly ParquetFileWriter.Scratch _scratch = new();
    private long _buffered;
    private long _clock;

    /// <summary>Rows written (or buffered) per table.</summary>
    public SortedDictionary<string, long> RowsByTable { get; } = new(StringComparer.Ordinal);

    /// <summary>Files finished so far, with their sizes.</summary>
    public List<(string Path, long Bytes)> Files { get; } = [];

    private sealed class Partition(string table, string path, ColumnBuffer[] buffers)
    {
        public string Table { get; } = table;
        public string Path { get; } = path;
        public ColumnBuffer[] Buffers { get; } = buffers;
        public long Rows;
        public long Bytes;
        public ParquetFileWriter? Writer;
        public string? FilePath;
        public int NextPart;
        public long LastUse;
    }

    /// <summary>Declares a table (a folder under the output folder) and its schema.</summary>
    public void AddTable(string table, IReadOnlyList<ParquetField> schema)
    {
        _schemas.Add(table, schema);
        RowsByTable.Add(table, 0);
    }

    /// <summary>Whether <paramref name="table"/> was declared.</summary>
    public bool HasTable(string table) => _schemas.ContainsKey(table);

    /// <summary>
    /// Adds a row to <paramref name="table"/> in the partition of these values: <paramref name="fill"/>
    /// adds one entry (or the entries of one row, for list columns) to each column buffer.
    /// </summary>
    public void Add(string table, string account, string region, string date, Action<ColumnBuffer[]> fill)
    {
        string path = $"account={Escape(account)}/region={Escape(region)}/date={Escape(date)}";
        if (!_partitions.TryGetValue((table, path), out var partition))
        {
            var columns = ParquetField.Columns(_schemas[table]);
            var buffers = new ColumnBuffer[columns.Length];
            for (int i = 0; i < columns.Length; i++) buffers[i] = new ColumnBuffer(columns[i]);
            partition = new Partition(table, path, buffers);
            _partitions.Add((table, path), partition);
        }
        fill(partition.Buffers);
        partition.Rows++;
        RowsByTable[table]++;
        long bytes = 0;
        foreach (var buffer in partition.Buffers) bytes += buffer.Bytes;
        _buffered += bytes - partition.Bytes;
        partition.Bytes = bytes;
        partition.LastUse = ++_clock;
        if (partition.Bytes >= RowGroupBytes || partition.Rows >= RowGroupRows) WriteRowGroup(partition);
        while (_buffered > BufferBudget) WriteRowGroup(Largest());
    }

    /// <summary>Writes every buffered row and finishes every file.</summary>
    public void Finish()
    {
        var all = new List<Partition>(_partitions.Values);
        all.Sort((a, b) => string.CompareOrdinal(a.Table + "/" + a.Path, b.Table + "/" + b.Path));
        foreach (var partition in all)
        {
            if (partition.Rows > 0) WriteRowGroup(partition);
            Close(partition);
        }
    }

    private Partition Largest()
    {
        Partition? largest = null;
        foreach (var partition in _partitions.Values)
        {
            if (largest is null || partition.Bytes > largest.Bytes
                || (partition.Bytes == largest.Bytes && string.CompareOrdinal(partition.Table + "/" + partition.Path, largest.Table + "/" + largest.Path) < 0))
            {
                largest = partition;
            }
        }
        return largest!;
    }

    private void WriteRowGroup(Partition partition)
    {
        if (partition.Writer is null)
        {
            if (_open.Count >= MaxOpenFiles)
            {
                Partition oldest = _open[0];
                foreach (var open in _open) if (open.LastUse < oldest.LastUse) oldest = open;
                Close(oldest);
            }
            string folder = Path.Combine(directory, partition.Table, partition.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(folder);
            partition.FilePath = Path.Combine(folder, $"part-{partition.NextPart++.ToString("D5", CultureInfo.InvariantCulture)}.parquet");
            var stream = new FileStream(partition.FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            partition.Writer = new ParquetFileWriter(stream, _schemas[partition.Table], _scratch);
            _open.Add(partition);
        }
        partition.Writer.WriteRowGroup(partition.Buffers, partition.Rows);
        // New buffers rather than cleared ones: a partition keeps no more memory than its rows need.
        for (int i = 0; i < partition.Buffers.Length; i++) partition.Buffers[i] = new ColumnBuffer(partition.Buffers[i].Column);
        _buffered -= partition.Bytes;
        partition.Bytes = 0;
        partition.Rows = 0;
    }

    private void Close(Partition partition)
    {
        if (partition.Writer is null) return;
        partition.Writer.Finish();
        Files.Add((partition.FilePath!, partition.Writer.Length));
        partition.Writer.Dispose();
        partition.Writer = null;
        _open.Remove(partition);
    }

    /// <summary>
    /// A partition value as a folder name, escaped the way Hive escapes partition values: letters,
    /// digits and <c>-_.</c> as they are (a leading dot escaped), anything else as %XX of its UTF-8 bytes;
    /// an empty or missing value is Hive's default partition.
    /// </summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "__HIVE_DEFAULT_PARTITION__";
        var text = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && i > 0))
            {
                text.Append(c);
                continue;
            }
            int length = char.IsHighSurrogate(c) && i + 1 < value.Length
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            for (int b = 0; b < length; b++) text.Append('%').Append(utf8[b].ToString("X2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
