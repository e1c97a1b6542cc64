using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TrailScan.Aws;
using TrailScan.Reading;
using TrailScan.Reports;

namespace TrailScan.Commands;

/// <summary>
/// <c>trailscan records</c>: the matching records as NDJSON, each record's JSON as it is in the
/// input (or, with --from-model, written from the typed model), or as a table or CSV of the
/// columns asked for; as read, or sorted by time; all, or the first N.
/// </summary>
internal static class RecordsCommand
{
    /// <summary>A column of the table and CSV: its name and how to read it from a record.</summary>
    private sealed record Column(string Name, string Description, Func<CloudTrailRecord, string> Read);

    private static readonly Column[] s_columns =
    [
        new("time", "eventTime (UTC)", r => RecordFacts.Time(r.EventTime)),
        new("service", "service id", RecordFacts.Service),
        new("event", "eventName", r => RecordFacts.EventName(r) ?? "-"),
        new("source", "eventSource", r => RecordFacts.EventSource(r) ?? "-"),
        new("category", "eventCategory", RecordFacts.Category),
        new("type", "userIdentity.type", RecordFacts.IdentityType),
        new("principal", "who, as the summary shows it", r => RecordFacts.Display(RecordFacts.Principal(r.UserIdentity))),
        new("arn", "userIdentity.arn", r => r.UserIdentity?.Arn ?? "-"),
        new("ip", "sourceIPAddress", r => Or(r.SourceIPAddress)),
        new("region", "awsRegion", r => Or(r.AwsRegion)),
        new("account", "recipientAccountId", r => Or(r.RecipientAccountId)),
        new("agent", "userAgent", r => Or(r.UserAgent)),
        new("error", "errorCode", r => Or(r.ErrorCode)),
        new("message", "errorMessage", r => Or(r.ErrorMessage)),
        new("id", "eventID", r => Or(r.EventID)),
        new("notable", "what the summary lists it for, if it does", r => NotableEvents.Describe(r) ?? "-"),
    ];

    private const string DefaultColumns = "time,service,event,principal,ip,region,error";

    /// <summary>The records command.</summary>
    public static Command Create(AppConsole console)
    {
        var command = new Command("records", "Writes the matching records: as NDJSON, each record's JSON byte for byte as it is in the input (--from-model: serialized from the typed model instead), or as a table or CSV of the columns asked for.");
        var input = new InputOptions(console, sampleLogs: false);
        var format = new Option<string>("--format") { Description = "Output: ndjson (the records), table (for people: it fits the width, values broken between words, long hex ids shortened) or csv (for spreadsheets).", DefaultValueFactory = _ => "ndjson", HelpName = "ndjson|table|csv" };
        format.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "ndjson", "table", "csv");
        var columns = new Option<string>("--columns")
        {
            Description = $"The columns of the table and CSV, separated by commas (default {DefaultColumns}): {ColumnList()}.",
            HelpName = "LIST",
        };
        columns.Validators.Add(r =>
        {
            if (SharedOptions.Token(r) is { } text && Parse(text, out string? problem) is null) r.AddError(problem!);
        });
        var limit = new Option<int?>("--limit")
        {
            Description = "Only the first N matching records (with --sort time: the N earliest). Reading stops there when not sorting.",
            HelpName = "N",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1) return n;
                r.AddError($"--limit takes a whole number of records, 1 or more: '{text}' is not one.");
                return null;
            },
        };
        var fromModel = new Option<bool>("--from-model")
        {
            Description = "NDJSON serialized from the typed model (its typed Request/Response read first) instead of each record's bytes as read. "
                + "By default a record is written as it is in the input, byte for byte (what a forwarder or a hash needs); one pretty-printed over several lines is written on one line, without the whitespace between its tokens.",
        };
        var sort = new Option<string?>("--sort") { Description = "time: sorted by eventTime (records without one last; ties in input order). Keeps the matching records in memory. Default: as read.", HelpName = "time" };
        sort.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "time");
        input.AddTo(command, format, columns, limit, sort, fromModel);
        command.SetAction(result =>
        {
            string chosen = result.GetValue(format)!.ToLowerInvariant();
            if (result.GetValue(columns) is not null && chosen == "ndjson")
            {
                console.Message("--columns is for --format table or csv: ndjson writes whole records");
                console.Message("see 'trailscan records --help'");
                return ExitCodes.Usage;
            }
            if (result.GetValue(fromModel) && chosen != "ndjson")
            {
                console.Message("--from-model is for --format ndjson: table and csv write columns");
                console.Message("see 'trailscan records --help'");
                return ExitCodes.Usage;
            }
            var selected = Parse(result.GetValue(columns) ?? DefaultColumns, out _)!;
            return Run(result, input, console, chosen, selected, result.GetValue(limit), result.GetValue(sort) is not null, result.GetValue(fromModel));
        });
        return command;
    }

    private static int Run(ParseResult result, InputOptions input, AppConsole console, string format, Column[] columns, int? limit, bool sortByTime, bool fromModel)
    {
        // The bytes as read: a view's own.
        bool original = format == "ndjson" && !fromModel;
        var records = input.Open(result, console, keepOriginalJson: original, out int openCode, views: true);
        if (records is null) return openCode;
        try
        {
            var writer = format switch
            {
                "table" => (RecordWriter)new TableWriter(console, columns),
                "csv" => new CsvWriter(console, columns),
                _ when fromModel => new NdjsonWriter(console.OpenStdout()),
                _ => new OriginalWriter(console.OpenStdout()),
            };
            using (writer)
            {
                if (sortByTime)
                {
                    var kept = new List<(DateTimeOffset Time, long Index, object Row)>();
                    if (records.ReadsInParallel)
                    {
                        // Every record is read anyway: the files at the same time, each record's row made on its file's thread, kept in input order.
                        records.ForEachInOrder(scanned => (scanned.Fields.EventTime ?? DateTimeOffset.MaxValue, writer.Keep(scanned)), (row, _, _) => kept.Add((row.Item1, kept.Count, row.Item2)));
                    }
                    else
                    {
                        records.ForEach(scanned => kept.Add((scanned.Fields.EventTime ?? DateTimeOffset.MaxValue, kept.Count, writer.Keep(scanned))));
                    }
                    if (records.Interrupted) return ExitCodes.Interrupted;
                    if (records.Failed)
                    {
                        writer.Discard();
                        return records.ExitCode;
                    }
                    kept.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Index.CompareTo(b.Index));
                    for (int i = 0; i < kept.Count && i < (limit ?? int.MaxValue); i++) writer.WriteKept(kept[i].Row);
                }
                else if (records.ReadsInParallel && (limit is not null || records.Source.Dedupes || writer is TableWriter))
                {
                    // Each record's output made on its file's thread and written here in input order: duplicates left
                    // out in order (--dedupe), the threads stopped once --limit records are written.
                    records.ForEachInOrder(writer.Keep, (row, _, _) => writer.WriteKept(row), stopAfter: limit);
                }
                else if (limit is null && records.ReadsInParallel && writer is NdjsonWriter or OriginalWriter)
                {
                    // Each file's records are written on its thread into chunks, and copied out in file order.
                    records.ReadInParallel<ChunkedOutput, byte[]>(
                        emit => new ChunkedOutput(buffer => fromModel ? new NdjsonWriter(buffer) : new OriginalWriter(buffer), emit),
                        static (part, scanned) => part.Write(scanned),
                        static part => part.End(),
                        writer.WriteChunk,
                        static _ => { },
                        filtered: true);
                }
                else if (limit is null && records.ReadsInParallel && writer is CsvWriter csv)
                {
                    records.ReadInParallel<ChunkedCsv, string>(
                        emit => new ChunkedCsv(columns, emit),
                        static (part, scanned) => part.Write(scanned.Record),
                        static part => part.End(),
                        csv.WriteChunk,
                        static _ => { },
                        filtered: true);
                }
                else
                {
                    records.ForEach(writer.Write, stopAfter: limit);
                }
                if (records.Failed) writer.Discard();
            }
        }
        catch (IOException e) when (AppConsole.IsClosedOutput(e))
        {
            // The reader went away (trailscan records | head -1): stop reading, nothing to report.
            return ExitCodes.Success;
        }
        catch (IOException e)
        {
            // Input errors are handled by RecordSource: this is the output (a full disk).
            console.Message($"cannot write the records: {e.Message}");
            return ExitCodes.BadInput;
        }
        return records.Interrupted ? ExitCodes.Interrupted : records.ExitCode;
    }

    /// <summary>The columns named in <paramref name="text"/>, or null with a problem.</summary>
    private static Column[]? Parse(string text, out string? problem)
    {
        var chosen = new List<Column>();
        foreach (string raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var column = Array.Find(s_columns, c => string.Equals(c.Name, raw, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                var near = CatalogIndex.Closest(raw, Array.ConvertAll(s_columns, c => c.Name));
                problem = $"--columns: no column '{raw}'{(near.Count > 0 ? $"; did you mean {near[0]}?" : "")} (columns: {ColumnList()})";
                return null;
            }
            chosen.Add(column);
        }
        problem = chosen.Count == 0 ? "--columns: name at least one column" : null;
        return chosen.Count == 0 ? null : chosen.ToArray();
    }

    private static string ColumnList() => string.Join(", ", Array.ConvertAll(s_columns, c => $"{c.Name} ({c.Description})"));

    private static string Or(string? value) => string.IsNullOrEmpty(value) ? "-" : value;

    /// <summary>Writes records in one format; <see cref="Keep"/> and <see cref="WriteKept"/> hold them for sorting.</summary>
    private abstract class RecordWriter : IDisposable
    {
        public abstract void Write(ScannedRecord scanned);

        /// <summary>What to keep of a record to write it later (only what the format needs).</summary>
        public abstract object Keep(ScannedRecord scanned);

        public abstract void WriteKept(object kept);

        /// <summary>Writes output another writer of the same kind made (<see cref="ChunkedOutput"/>).</summary>
        public virtual void WriteChunk(byte[] chunk) => throw new NotSupportedException();

        /// <summary>Hands what is buffered on to the stream written to.</summary>
        public virtual void FlushBuffer()
        {
        }

        /// <summary>
        /// An input could not be read (a fatal error, already reported): write nothing more, not
        /// even what a format writes for no records (a CSV header, an empty table).
        /// </summary>
        public virtual void Discard()
        {
        }

        public virtual void Dispose()
        {
        }
    }

    /// <summary>
    /// NDJSON of each record's JSON as it is in the input: its bytes, copied. A record with line
    /// breaks in it (pretty-printed) loses the whitespace between its tokens, to be one line.
    /// </summary>
    private sealed class OriginalWriter(Stream output) : RecordWriter
    {
        private readonly BufferedStream _stdout = new(output, 1 << 16);

        /// <inheritdoc/>
        public override void WriteChunk(byte[] chunk) => _stdout.Write(chunk);

        /// <inheritdoc/>
        public override void FlushBuffer() => _stdout.Flush();

        public override void Write(ScannedRecord scanned) => WriteLine(Bytes(scanned).Span);

        public override object Keep(ScannedRecord scanned) => Bytes(scanned).ToArray();

        public override void WriteKept(object kept) => WriteLine((byte[])kept);

        private void WriteLine(ReadOnlySpan<byte> json)
        {
            if (json.IndexOfAny((byte)'\n', (byte)'\r') < 0) _stdout.Write(json);
            else WriteOnOneLine(json);
            _stdout.WriteByte((byte)'\n');
        }

        private static ReadOnlyMemory<byte> Bytes(ScannedRecord scanned)
        {
            var json = scanned.Fields.Utf8;
            // A typed record without the bytes it was read from (not expected: the reader keeps them) is written from the model.
            return json.IsEmpty ? JsonSerializer.SerializeToUtf8Bytes(scanned.Record, CloudTrailJsonContext.Default.CloudTrailRecord) : json;
        }

        /// <summary>Writes JSON without the whitespace outside its strings (where a JSON string cannot hold a raw line break).</summary>
        private void WriteOnOneLine(ReadOnlySpan<byte> json)
        {
            bool inString = false;
            int start = 0;
            for (int i = 0; i < json.Length; i++)
            {
                byte b = json[i];
                if (inString)
                {
                    if (b == (byte)'\\') i++;
                    else if (b == (byte)'"') inString = false;
                    continue;
                }
                if (b == (byte)'"')
                {
                    inString = true;
                }
                else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    _stdout.Write(json[start..i]);
                    start = i + 1;
                }
            }
            _stdout.Write(json[start..]);
        }

        public override void Dispose() => _stdout.Flush(); // flushed, not disposed: standard output stays open
    }

    /// <summary>NDJSON serialized from the typed model (--from-model).</summary>
    private sealed class NdjsonWriter(Stream output) : RecordWriter
    {
        private readonly BufferedStream _stdout = new(output, 1 << 16);
        private Utf8JsonWriter? _json;

        /// <inheritdoc/>
        public override void WriteChunk(byte[] chunk) => _stdout.Write(chunk);

        /// <inheritdoc/>
        public override void FlushBuffer() => _stdout.Flush();

        public override void Write(ScannedRecord scanned)
        {
            _json ??= new Utf8JsonWriter(_stdout, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Serialize(_json, scanned.Record);
            _stdout.WriteByte((byte)'\n');
        }

        public override object Keep(ScannedRecord scanned)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) Serialize(json, scanned.Record);
            return buffer.ToArray();
        }

        public override void WriteKept(object kept)
        {
            _stdout.Write((byte[])kept);
            _stdout.WriteByte((byte)'\n');
        }

        internal static void Serialize(Utf8JsonWriter json, CloudTrailRecord record)
        {
            // Read the typed Request/Response first, so the record is written from the typed model.
            _ = record.TypedRequest;
            _ = record.TypedResponse;
            JsonSerializer.Serialize(json, record, CloudTrailJsonContext.Default.CloudTrailRecord);
            json.Flush();
            json.Reset();
        }

        public override void Dispose()
        {
            _json?.Dispose();
            // Flushed, not disposed: standard output stays open for the text writer over it.
            _stdout.Flush();
        }
    }

    /// <summary>RFC 4180: a header row, then a row per record; fields with commas, quotes or line ends quoted.</summary>
    private sealed class CsvWriter : RecordWriter
    {
        private readonly AppConsole _console;
        private readonly Column[] _columns;
        private readonly StringBuilder _line = new();
        private bool _headerWritten;
        private bool _discarded;

        public CsvWriter(AppConsole console, Column[] columns)
        {
            _console = console;
            _columns = columns;
        }

        public override void Write(ScannedRecord scanned) => WriteRow(Cells(_columns, scanned.Record));

        public override object Keep(ScannedRecord scanned) => Cells(_columns, scanned.Record);

        public override void WriteKept(object kept) => WriteRow((string[])kept);

        /// <summary>Writes rows another writer made (<see cref="ChunkedCsv"/>).</summary>
        public void WriteChunk(string rows)
        {
            WriteHeader();
            _console.Out.Write(rows);
        }

        public override void Discard() => _discarded = true;

        // The header goes out with the first row, or at the end when there were no records: not
        // before reading, so that an input that cannot be read leaves only its error.
        private void WriteHeader()
        {
            if (_headerWritten) return;
            _headerWritten = true;
            _line.Clear();
            AppendRow(_line, Array.ConvertAll(_columns, c => c.Name));
            _console.Out.Write(_line);
        }

        private void WriteRow(string[] cells)
        {
            WriteHeader();
            _line.Clear();
            AppendRow(_line, cells);
            _console.Out.Write(_line);
        }

        /// <summary>Appends a row of <paramref name="cells"/>, with its line end.</summary>
        public static void AppendRow(StringBuilder line, string[] cells)
        {
            for (int i = 0; i < cells.Length; i++)
            {
                if (i > 0) line.Append(',');
                string cell = cells[i] == "-" ? "" : cells[i];
                if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0) line.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                else line.Append(cell);
            }
            line.Append("\r\n");
        }

        public override void Dispose()
        {
            if (!_discarded) WriteHeader();
            _console.Out.Flush();
        }
    }

    /// <summary>
    /// A table for people (it is drawn once every row is in: use --limit on large inputs), its
    /// column widths planned to fit the output's width (<see cref="ColumnPlan"/>).
    /// </summary>
    private sealed class TableWriter : RecordWriter
    {
        private readonly AppConsole _console;
        private readonly Column[] _columns;
        private readonly List<string[]> _rows = [];
        private bool _discarded;

        public TableWriter(AppConsole console, Column[] columns)
        {
            _console = console;
            _columns = columns;
        }

        public override void Write(ScannedRecord scanned) => WriteKept(Cells(_columns, scanned.Record));

        public override object Keep(ScannedRecord scanned) => Cells(_columns, scanned.Record);

        public override void WriteKept(object kept) => _rows.Add((string[])kept);

        public override void Discard() => _discarded = true;

        public override void Dispose()
        {
            if (!_discarded)
            {
                var renderer = _console.CreateOutRenderer();
                renderer.Write(Build(renderer.Profile.Width));
            }
            _console.Out.Flush();
        }

        private Table Build(int width)
        {
            var table = ReportOutput.NewTable("Records");
            string[] headers = Array.ConvertAll(_columns, c => c.Name);
            var rows = ColumnPlan.FitsWhole(headers, _rows, width) ? _rows : _rows.ConvertAll(ShortenIds);
            if (ColumnPlan.Fit(headers, rows, width, Minimums(rows), Array.ConvertAll(headers, h => h == "time")) is not { } plan)
            {
                // Not even the headers fit: as Spectre.Console lays it out.
                foreach (string header in headers) table.AddColumn(header);
                foreach (string[] row in rows) table.AddRow(Array.ConvertAll(row, ReportOutput.Plain));
                return table;
            }
            for (int c = 0; c < headers.Length; c++) table.AddColumn(new TableColumn(headers[c]).Width(plan.Widths[c]).NoWrap());
            var cells = new IRenderable[headers.Length];
            foreach (string[] row in rows)
            {
                for (int c = 0; c < cells.Length; c++) cells[c] = ReportOutput.Plain(ColumnPlan.Wrap(row[c], plan.Widths[c]));
                table.AddRow(cells);
            }
            return table;
        }

        /// <summary>
        /// How narrow each column may be: an account and an event id are read whole; a time may be
        /// two lines, its date and its time of day; event names, principals and error codes are
        /// broken between their words only.
        /// </summary>
        private int[] Minimums(List<string[]> rows)
        {
            var minimum = new int[_columns.Length];
            foreach (string[] row in rows)
            {
                for (int c = 0; c < row.Length; c++)
                {
                    int needed = _columns[c].Name switch
                    {
                        "account" or "id" => row[c].Length,
                        "time" or "event" or "principal" or "error" => ColumnPlan.LongestWord(row[c]),
                        _ => 0,
                    };
                    minimum[c] = Math.Max(minimum[c], needed);
                }
            }
            return minimum;
        }

        /// <summary>
        /// The row with the long hex ids in its principal and ARN (an ECS task's session:
        /// orders-api-task/61ad508ea067a39445395295b2afb201) cut to their first 8 digits and "…",
        /// as git shortens a commit id, when the table does not fit whole: they would take a column's
        /// width of their own. CSV and NDJSON keep them whole.
        /// </summary>
        private string[] ShortenIds(string[] row)
        {
            string[]? shortened = null;
            for (int c = 0; c < row.Length; c++)
            {
                if (_columns[c].Name is not ("principal" or "arn")) continue;
                string cell = ShortHexIds(row[c]);
                if (ReferenceEquals(cell, row[c])) continue;
                shortened ??= (string[])row.Clone();
                shortened[c] = cell;
            }
            return shortened ?? row;
        }
    }

    // A run of this many hex digits or more is an id (an ECS task's has 32; an EC2 instance's 17 stays whole).
    private const int LongHexId = 24;

    /// <summary><paramref name="text"/> with its long hex ids cut to 8 digits and "…" (the same string when it has none).</summary>
    internal static string ShortHexIds(string text)
    {
        StringBuilder? shortened = null;
        int copied = 0;
        for (int i = 0; i < text.Length;)
        {
            int end = i;
            while (end < text.Length && char.IsAsciiHexDigit(text[end])) end++;
            if (end - i >= LongHexId && (end == text.Length || !char.IsAsciiLetterOrDigit(text[end])) && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                shortened ??= new StringBuilder(text.Length);
                shortened.Append(text, copied, i + 8 - copied).Append('…');
                copied = end;
            }
            i = Math.Max(end, i + 1);
        }
        return shortened is null ? text : shortened.Append(text, copied, text.Length - copied).ToString();
    }

    // Output of one file read on a thread of its own is handed on in chunks of about this size
    // (and at most OrderedParallel's few chunks per file wait to be written).
    private const int ChunkSize = 1 << 16;

    /// <summary>One file's NDJSON, written on its reader's thread by a writer of its own: handed on in chunks of about <see cref="ChunkSize"/> bytes.</summary>
    private sealed class ChunkedOutput
    {
        private readonly MemoryStream _buffer = new(ChunkSize + (ChunkSize >> 2));
        private readonly RecordWriter _writer;
        private readonly Action<byte[]> _emit;

        public ChunkedOutput(Func<Stream, RecordWriter> writer, Action<byte[]> emit)
        {
            _writer = writer(_buffer);
            _emit = emit;
        }

        public void Write(ScannedRecord scanned)
        {
            _writer.Write(scanned);
            _writer.FlushBuffer();
            if (_buffer.Length >= ChunkSize) Emit();
        }

        public void End()
        {
            _writer.Dispose();
            if (_buffer.Length > 0) Emit();
        }

        private void Emit()
        {
            _emit(_buffer.ToArray());
            _buffer.SetLength(0);
        }
    }

    /// <summary>One file's CSV rows, written on its reader's thread: handed on in chunks of about <see cref="ChunkSize"/> characters.</summary>
    private sealed class ChunkedCsv(Column[] columns, Action<string> emit)
    {
        private readonly StringBuilder _rows = new();

        public void Write(CloudTrailRecord record)
        {
            CsvWriter.AppendRow(_rows, Cells(columns, record));
            if (_rows.Length >= ChunkSize) Emit();
        }

        public void End()
        {
            if (_rows.Length > 0) Emit();
        }

        private void Emit()
        {
            emit(_rows.ToString());
            _rows.Clear();
        }
    }

    private static string[] Cells(Column[] columns, CloudTrailRecord record)
    {
        var cells = new string[columns.Length];
        for (int i = 0; i < cells.Length; i++) cells[i] = columns[i].Read(record);
        return cells;
    }
}
