using System.Globalization;
using Spectre.Console;
using TrailScan.Reading;
using static TrailScan.Reports.ReportOutput;

namespace TrailScan.Reports;

/// <summary>Writes a <see cref="Coverage"/> as tables, or as one JSON object (field names are a contract: scripts read them).</summary>
public static class CoverageOutput
{
    /// <summary>Tables for people.</summary>
    public static void WriteTable(IAnsiConsole console, Coverage coverage, RecordSource source, int top)
    {
        long keys = coverage.KeysTyped + coverage.KeysUntyped;
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        grid.AddRow(Bold("records"), Plain($"{coverage.Records:N0} read from {Words.Count(source.FilesRead, "file", "files")} ({source.Malformed:N0} malformed, {source.Skipped:N0} skipped, {Words.Count(source.FailedFiles, "file", "files")} not read to the end)"));
        grid.AddRow(Bold("round trip"), Plain($"{Words.Count(coverage.RoundTripEqual, "record", "records")} written back equal to the input ({Percent(coverage.RoundTripEqual, coverage.Records)})"));
        grid.AddRow(Bold("typed events"), Plain($"{Words.Count(coverage.TypedEvents, "record", "records")} typed, by a generated class or the schema ({Percent(coverage.TypedEvents, coverage.Records - coverage.InsightRecords)} of {Words.Count(coverage.Records - coverage.InsightRecords, "API record", "API records")}; {Words.Count(coverage.InsightRecords, "Insights record", "Insights records")})"));
        grid.AddRow(Bold("keys"), Plain($"{coverage.KeysTyped:N0} of {keys:N0} requestParameters/responseElements keys typed ({Percent(coverage.KeysTyped, keys)}); {coverage.KeysUntyped:N0} untyped"));
        console.Write(new Rule("[bold]trailscan coverage[/]").LeftJustified());
        console.Write(grid);
        console.WriteLine();

        if (coverage.UnmappedEvents.Count > 0)
        {
            var table = NewTable("Events without a typed class");
            table.AddColumn("eventSource");
            table.AddColumn("eventName");
            table.AddColumn(new TableColumn("records").RightAligned().NoWrap());
            foreach (var (key, count) in coverage.UnmappedEvents.Top(top))
            {
                var parts = key.Split('\t');
                AddTextRow(table, parts[0], parts[1], count.ToString("N0", CultureInfo.InvariantCulture));
            }
            if (coverage.UnmappedEvents.Count > top) AddTextRow(table, "", $"... {coverage.UnmappedEvents.Count - top:N0} more", "");
            console.Write(table);
        }
        if (coverage.UnmappedKeys.Count > 0)
        {
            var table = NewTable("Where typing stops inside typed events");
            table.AddColumn("eventName");
            table.AddColumn("key");
            table.AddColumn("why");
            table.AddColumn(new TableColumn("records").RightAligned().NoWrap());
            foreach (var (key, count) in coverage.UnmappedKeys.Top(top))
            {
                var parts = key.Split('\t');
                AddTextRow(table, $"{RecordFacts.ServiceId(parts[0])}:{parts[1]}", parts[2], parts[3], count.ToString("N0", CultureInfo.InvariantCulture));
            }
            if (coverage.UnmappedKeys.Count > top) AddTextRow(table, "", $"... {coverage.UnmappedKeys.Count - top:N0} more", "", "");
            console.Write(table);
        }
        if (coverage.Mismatches.Count > 0)
        {
            var table = NewTable("Records not written back equal");
            table.AddColumn("file");
            table.AddColumn(new TableColumn("record").RightAligned().NoWrap());
            table.AddColumn("eventName");
            table.AddColumn("first difference");
            foreach (var mismatch in coverage.Mismatches)
            {
                AddTextRow(table, mismatch.File, mismatch.Index.ToString(CultureInfo.InvariantCulture), $"{RecordFacts.ServiceId(mismatch.EventSource)}:{mismatch.EventName}", mismatch.Path);
            }
            console.Write(table);
        }
    }

    // Cells are plain text: keys such as "items[]" must not be read as Spectre markup.
    private static void AddTextRow(Table table, params string[] cells)
    {
        var row = new Spectre.Console.Rendering.IRenderable[cells.Length];
        for (int i = 0; i < cells.Length; i++) row[i] = new Text(cells[i]);
        table.AddRow(row);
    }

    /// <summary>One JSON object for scripts.</summary>
    public static void WriteJson(AppConsole app, Coverage coverage, RecordSource source, int top)
    {
        WriteJsonObject(app, json =>
        {
            json.WriteNumber("records", coverage.Records);
            WriteInputCounts(json, source);
            json.WriteNumber("roundTripEqual", coverage.RoundTripEqual);
            json.WriteNumber("typedEvents", coverage.TypedEvents);
            json.WriteNumber("insightRecords", coverage.InsightRecords);
            json.WriteNumber("keysTyped", coverage.KeysTyped);
            json.WriteNumber("keysUntyped", coverage.KeysUntyped);

            json.WriteStartArray("topUnmappedEvents");
            foreach (var (key, count) in coverage.UnmappedEvents.Top(top))
            {
                var parts = key.Split('\t');
                json.WriteStartObject();
                json.WriteString("eventSource", parts[0]);
                json.WriteString("eventName", parts[1]);
                json.WriteNumber("count", count);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("topUnmappedKeys");
            foreach (var (key, count) in coverage.UnmappedKeys.Top(top))
            {
                var parts = key.Split('\t');
                json.WriteStartObject();
                json.WriteString("eventSource", parts[0]);
                json.WriteString("eventName", parts[1]);
                json.WriteString("key", parts[2]);
                json.WriteString("kind", parts[3]);
                json.WriteNumber("count", count);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("roundTripMismatches");
            foreach (var mismatch in coverage.Mismatches)
            {
                json.WriteStartObject();
                json.WriteString("file", mismatch.File);
                json.WriteNumber("record", mismatch.Index);
                json.WriteString("eventSource", mismatch.EventSource);
                json.WriteString("eventName", mismatch.EventName);
                json.WriteString("difference", mismatch.Path);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }
}
