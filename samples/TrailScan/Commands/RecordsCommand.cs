using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using TrailScan.Aws;
using TrailScan.Reading;
using TrailScan.Reports;

namespace TrailScan.Commands;

/// <summary>
/// <c>trailscan records</c>: the matching records as NDJSON written from the typed model, or as a
/// table or CSV of the columns asked for; as read, or sorted by time; all, or the first N.
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
        var command = new Command("records", "Writes the matching records: as NDJSON, each serialized from the typed model (not copied from the input), or as a table or CSV of the columns asked for.");
        var input = new InputOptions(pathsRequired: true);
        var format = new Option<string>("--format") { Description = "Output: ndjson (the records), table (for people) or csv (for spreadsheets).", DefaultValueFactory = _ => "ndjson", HelpName = "ndjson|table|csv" };
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
        var sort = new Option<string?>("--sort") { Description = "time: sorted by eventTime (records without one last; ties in input order). Keeps the matching records in memory. Default: as read.", HelpName = "time" };
        sort.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "time");
        input.AddTo(command, format, columns, limit, sort);
        command.SetAction(result =>
        {
            string chosen = result.GetValue(format)!.ToLowerInvariant();
            if (result.GetValue(columns) is not null && chosen == "ndjson")
            {
                console.Message("--columns is for --format table or csv: ndjson writes whole records");
                console.Message("see 'trailscan records --help'");
                return ExitCodes.Usage;
            }
            var selected = Parse(result.GetValue(columns) ?? DefaultColumns, out _)!;
            return Run(result, input, console, chosen, selected, result.GetValue(limit), result.GetValue(sort) is not null);
        });
        return command;
    }

    private static int Run(ParseResult result, InputOptions input, AppConsole console, string format, Column[] columns, int? limit, bool sortByTime)
    {
        var records = input.Open(result, console, keepOriginalJson: false, out int openCode, views: true);
        if (records is null) return openCode;
        try
        {
            var writer = format switch
            {
                "table" => (RecordWriter)new TableWriter(console, columns),
                "csv" => new CsvWriter(console, columns),
                _ => new NdjsonWriter(console),
            };
            using (writer)
            {
                if (sortByTime)
                {
                    var kept = new List<(DateTimeOffset Time, long Index, object Row)>();
                    records.ForEach(scanned => kept.Add((scanned.Record.EventTime ?? DateTimeOffset.MaxValue, kept.Count, writer.Keep(scanned.Record))));
                    if (records.Interrupted) return ExitCodes.Interrupted;
                    kept.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Index.CompareTo(b.Index));
                    for (int i = 0; i < kept.Count && i < (limit ?? int.MaxValue); i++) writer.WriteKept(kept[i].Row);
                }
                else
                {
                    records.ForEach(scanned => writer.Write(scanned.Record), stopAfter: limit);
                }
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
        public abstract void Write(CloudTrailRecord record);

        /// <summary>What to keep of a record to write it later (only what the format needs).</summary>
        public abstract object Keep(CloudTrailRecord record);

        public abstract void WriteKept(object kept);

        public virtual void Dispose()
        {
        }
    }

    private sealed class NdjsonWriter(AppConsole console) : RecordWriter
    {
        private readonly BufferedStream _stdout = new(console.OpenStdout(), 1 << 16);
        private Utf8JsonWriter? _json;

        public override void Write(CloudTrailRecord record)
        {
            _json ??= new Utf8JsonWriter(_stdout, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Serialize(_json, record);
            _stdout.WriteByte((byte)'\n');
        }

        public override object Keep(CloudTrailRecord record)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) Serialize(json, record);
            return buffer.ToArray();
        }

        public override void WriteKept(object kept)
        {
            _stdout.Write((byte[])kept);
            _stdout.WriteByte((byte)'\n');
        }

        private static void Serialize(Utf8JsonWriter json, CloudTrailRecord record)
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

        public CsvWriter(AppConsole console, Column[] columns)
        {
            _console = console;
            _columns = columns;
            WriteRow(Array.ConvertAll(columns, c => c.Name));
        }

        public override void Write(CloudTrailRecord record) => WriteRow(Cells(_columns, record));

        public override object Keep(CloudTrailRecord record) => Cells(_columns, record);

        public override void WriteKept(object kept) => WriteRow((string[])kept);

        private void WriteRow(string[] cells)
        {
            _line.Clear();
            for (int i = 0; i < cells.Length; i++)
            {
                if (i > 0) _line.Append(',');
                string cell = cells[i] == "-" ? "" : cells[i];
                if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0) _line.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                else _line.Append(cell);
            }
            _line.Append("\r\n");
            _console.Out.Write(_line);
        }

        public override void Dispose() => _console.Out.Flush();
    }

    /// <summary>A table for people (it is drawn once every row is in: use --limit on large inputs).</summary>
    private sealed class TableWriter : RecordWriter
    {
        private readonly AppConsole _console;
        private readonly Column[] _columns;
        private readonly Table _table = ReportOutput.NewTable("Records");

        public TableWriter(AppConsole console, Column[] columns)
        {
            _console = console;
            _columns = columns;
            foreach (var column in columns)
            {
                _table.AddColumn(column.Name is "time" or "ip" or "account" or "id" ? new TableColumn(column.Name).NoWrap() : new TableColumn(column.Name));
            }
        }

        public override void Write(CloudTrailRecord record) => WriteKept(Cells(_columns, record));

        public override object Keep(CloudTrailRecord record) => Cells(_columns, record);

        public override void WriteKept(object kept) => _table.AddRow(Array.ConvertAll((string[])kept, ReportOutput.Plain));

        public override void Dispose()
        {
            var renderer = _console.CreateOutRenderer();
            renderer.Write(_table);
            _console.Out.Flush();
        }
    }

    private static string[] Cells(Column[] columns, CloudTrailRecord record)
    {
        var cells = new string[columns.Length];
        for (int i = 0; i < cells.Length; i++) cells[i] = columns[i].Read(record);
        return cells;
    }
}
