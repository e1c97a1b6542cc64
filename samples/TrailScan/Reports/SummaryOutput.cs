using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TrailScan.Reading;
using static TrailScan.Reports.ReportOutput;

namespace TrailScan.Reports;

/// <summary>Writes a <see cref="Summary"/> as tables and a chart, or as one JSON object.</summary>
public static class SummaryOutput
{
    /// <summary>Tables for people.</summary>
    public static void WriteTable(IAnsiConsole console, Summary summary, RecordSource source, int top, RecordFilter? filter = null)
    {
        var overview = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        // Of the API records (calls), as coverage counts them: Insights records are not calls, so none is typed.
        long calls = summary.Records - summary.InsightRecords;
        string insights = summary.InsightRecords > 0 ? $"; {Words.Count(summary.InsightRecords, "Insights record", "Insights records")}" : "";
        // No records, no shares: "0", not "0 (- of 0 API records typed)".
        overview.AddRow(Bold("records"), Plain(summary.Records == 0 ? "0" : $"{summary.Records:N0} ({Percent(summary.TypedEvents, calls)} of {Words.Count(calls, "API record", "API records")} typed{insights})"));
        if (filter is { IsEmpty: false })
        {
            // Lines break between filters, never between an option and its value (an account id,
            // a time), as the cell's own wrapping at spaces would.
            var words = new List<string>(filter.Describe());
            words.AddRange($"({summary.Records:N0} of the {Words.Count(source.Records, "record", "records")} read)".Split(' '));
            overview.AddRow(Bold("filters"), Plain(Wrapped(words, console.Profile.Width - OverviewLabelWidth)));
        }
        overview.AddRow(Bold("files"), Plain($"{source.FilesRead:N0}{Issues(source)}"));
        overview.AddRow(Bold("time range"), Plain(summary.First is null ? "-" : $"{RecordFacts.Time(summary.First)} to {RecordFacts.Time(summary.Last)}"));
        overview.AddRow(Bold("errors"), Plain(summary.Records == 0 ? "0" : $"{Words.Count(summary.ErrorRecords, "record", "records")} with an errorCode ({Percent(summary.ErrorRecords, summary.Records)})"));
        console.Write(new Rule("[bold]trailscan summary[/]").LeftJustified());
        console.Write(overview);
        console.WriteLine();
        if (summary.Records == 0) return;

        console.Write(CountTable("Event categories", "category", summary.Categories, summary.Records, top));
        console.Write(CountTable("Services", "service", summary.Services, summary.Records, top));
        console.Write(EventTable(summary, top));
        console.Write(CountTable("Identity types", "userIdentity.type", summary.IdentityTypes, summary.Records, top));
        console.Write(PrincipalTable(summary, top));
        console.Write(CountTable("Source IP addresses", "sourceIPAddress", summary.SourceIps, calls, top));
        console.Write(CountTable("Regions", "awsRegion", summary.Regions, calls, top));
        console.Write(CountTable("Accounts", "recipientAccountId", summary.Accounts, calls, top));
        console.Write(CountTable("User agents", "userAgent", summary.UserAgents, calls, top));
        if (summary.ErrorCodes.Count > 0) console.Write(CountTable("Error codes", "errorCode", summary.ErrorCodes, summary.ErrorRecords, top));
        if (summary.Insights.Count > 0) console.Write(InsightTable(summary, top));
        if (summary.Notable.Count > 0) console.Write(NotableTable(summary, top));

        var (width, bars) = summary.Timeline.GetBars();
        if (bars.Count > 0)
        {
            var chart = new BarChart()
                .Label($"[bold]Records per {width}[/] (UTC)")
                .LeftAlignLabel()
                .Width(Math.Min(console.Profile.Width, 100));
            foreach (var (start, count) in bars)
            {
                chart.AddItem(Timeline.Label(start, width), count, Color.SteelBlue);
            }
            console.WriteLine();
            console.Write(chart);
        }
    }

    // The overview's first column: its longest label ("time range") and the column's padding.
    private const int OverviewLabelWidth = 10 + 2;

    /// <summary>
    /// <paramref name="words"/> joined by spaces, in lines of at most <paramref name="width"/>
    /// characters that break between words only (a word longer than a line has a line of its own).
    /// </summary>
    private static string Wrapped(IEnumerable<string> words, int width)
    {
        var text = new System.Text.StringBuilder();
        int lineStart = 0;
        foreach (string word in words)
        {
            if (text.Length > lineStart && text.Length - lineStart + 1 + word.Length > width)
            {
                text.Append('\n');
                lineStart = text.Length;
            }
            else if (text.Length > lineStart)
            {
                text.Append(' ');
            }
            text.Append(word);
        }
        return text.ToString();
    }

    /// <summary>One JSON object for scripts (every count, not only the top ones).</summary>
    public static void WriteJson(AppConsole app, Summary summary, RecordSource source, RecordFilter? filter = null)
    {
        WriteJsonObject(app, json =>
        {
            json.WriteNumber("records", summary.Records);
            json.WriteNumber("recordsRead", source.Records);
            json.WriteStartArray("filters");
            foreach (string part in filter?.Describe() ?? []) json.WriteStringValue(part);
            json.WriteEndArray();
            json.WriteNumber("typedEvents", summary.TypedEvents);
            json.WriteNumber("errorRecords", summary.ErrorRecords);
            WriteInputCounts(json, source);
            json.WriteStartObject("timeRange");
            WriteTime(json, "first", summary.First);
            WriteTime(json, "last", summary.Last);
            json.WriteEndObject();

            WriteCounts(json, "categories", summary.Categories);
            WriteCounts(json, "services", summary.Services);
            json.WriteStartArray("events");
            foreach (var (key, count) in summary.Events.Top())
            {
                var (eventSource, eventName) = Split(key);
                json.WriteStartObject();
                json.WriteString("service", RecordFacts.ServiceId(eventSource));
                json.WriteString("eventSource", eventSource);
                json.WriteString("eventName", eventName);
                json.WriteNumber("count", count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteCounts(json, "identityTypes", summary.IdentityTypes);
            json.WriteStartArray("principals");
            foreach (var (key, count) in summary.Principals.Top())
            {
                var (type, name, account) = SplitPrincipal(key);
                json.WriteStartObject();
                json.WriteString("type", type);
                json.WriteString("name", name);
                json.WriteString("account", account);
                json.WriteNumber("count", count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteCounts(json, "errorCodes", summary.ErrorCodes);
            WriteCounts(json, "sourceIps", summary.SourceIps);
            WriteCounts(json, "regions", summary.Regions);
            WriteCounts(json, "accounts", summary.Accounts);
            WriteCounts(json, "userAgents", summary.UserAgents);

            json.WriteStartArray("insights");
            foreach (var pair in summary.Insights)
            {
                json.WriteStartObject();
                json.WriteString("eventSource", pair.EventSource);
                json.WriteString("eventName", pair.EventName);
                json.WriteString("insightType", pair.InsightType);
                if (pair.ErrorCode is not null) json.WriteString("errorCode", pair.ErrorCode);
                WriteTime(json, "start", pair.Start);
                WriteTime(json, "end", pair.End);
                if (pair.BaselineAverage is { } baseline) json.WriteNumber("baselineAverage", baseline);
                if (pair.InsightAverage is { } average) json.WriteNumber("insightAverage", average);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteNumber("notableCount", summary.Notable.Count);
            json.WriteStartArray("notable");
            foreach (var notable in summary.Notable)
            {
                json.WriteStartObject();
                WriteTime(json, "time", notable.Time);
                json.WriteString("service", notable.Service);
                json.WriteString("eventName", notable.EventName);
                json.WriteString("principal", notable.Principal);
                json.WriteString("detail", notable.Detail);
                if (notable.Technique is not null) json.WriteString("technique", notable.Technique);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            var (width, bars) = summary.Timeline.GetBars();
            json.WriteStartObject("timeline");
            json.WriteString("bucket", width);
            json.WriteStartArray("counts");
            foreach (var (start, count) in bars)
            {
                json.WriteStartObject();
                WriteTime(json, "start", start);
                json.WriteNumber("count", count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void AddCountColumns(Table table, long whole)
    {
        // Numbers are never wrapped: a count cut in two reads as two numbers.
        table.AddColumn(new TableColumn("records").RightAligned().NoWrap());
        if (whole > 0) table.AddColumn(new TableColumn("%").RightAligned().NoWrap());
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t) json.WriteString(name, RecordFacts.Time(t));
        else json.WriteNull(name);
    }

    private static string Issues(RecordSource source)
    {
        var parts = new List<string>();
        if (source.FailedFiles > 0) parts.Add($"{source.FailedFiles} could not be read to the end");
        if (source.Malformed > 0) parts.Add($"{Words.Count(source.Malformed, "malformed record", "malformed records")} passed over");
        if (source.Skipped > 0) parts.Add($"{Words.Count(source.Skipped, "non-record", "non-records")} skipped");
        if (source.Dedupes) parts.Add($"{Words.Count(source.Duplicates, "duplicate record", "duplicate records")} (eventID read before) left out");
        return parts.Count == 0 ? "" : $" ({string.Join("; ", parts)})";
    }

    private static Table CountTable(string title, string column, Counter counter, long whole, int top)
    {
        var table = NewTable(title);
        table.AddColumn(column);
        AddCountColumns(table, whole);
        foreach (var (key, count) in counter.Top(top))
        {
            table.AddRow(Cells(key, count, whole));
        }
        AddMore(table, counter, top, 1);
        return table;
    }

    private static Table EventTable(Summary summary, int top)
    {
        var table = NewTable("Events");
        table.AddColumn("service");
        table.AddColumn("eventName");
        AddCountColumns(table, summary.Records);
        foreach (var (key, count) in summary.Events.Top(top))
        {
            var (eventSource, eventName) = Split(key);
            table.AddRow(Cells(RecordFacts.ServiceId(eventSource), eventName, count, summary.Records));
        }
        AddMore(table, summary.Events, top, 2);
        return table;
    }

    private static Table PrincipalTable(Summary summary, int top)
    {
        var table = NewTable("Principals");
        table.AddColumn("type");
        table.AddColumn("principal");
        // The caller's account only when there is more than one: the same user name in two
        // accounts (an organization's trail) is two principals.
        bool accounts = PrincipalAccounts(summary.Principals) > 1;
        if (accounts) table.AddColumn("account");
        AddCountColumns(table, summary.Records);
        foreach (var (key, count) in summary.Principals.Top(top))
        {
            var (type, name, account) = SplitPrincipal(key);
            var cells = Cells(type, RecordFacts.Display(name), count, summary.Records);
            table.AddRow(accounts ? [.. cells[..2], Plain(account), .. cells[2..]] : cells);
        }
        AddMore(table, summary.Principals, top, 2);
        return table;
    }

    /// <summary>How many accounts the principals called from (up to 2: enough to know whether to show them); "-" (none logged, as for AWS services) is not one.</summary>
    private static int PrincipalAccounts(Counter principals)
    {
        string? first = null;
        foreach (var (key, _) in principals.Top())
        {
            string account = SplitPrincipal(key).Account;
            if (account == "-") continue;
            if (first is null) first = account;
            else if (account != first) return 2;
        }
        return first is null ? 0 : 1;
    }

    private static Table InsightTable(Summary summary, int top)
    {
        // Narrow enough for 80 columns: text columns wrap at spaces, numbers never wrap.
        var table = NewTable("Insights").Caption("[dim]baseline and insight: calls (or errors) per minute[/]");
        table.AddColumn("event");
        table.AddColumn("type");
        table.AddColumn("when (UTC)");
        table.AddColumn(new TableColumn("baseline").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("insight").RightAligned().NoWrap());
        for (int i = 0; i < summary.Insights.Count && i < top; i++)
        {
            var pair = summary.Insights[i];
            table.AddRow(
                Plain($"{RecordFacts.ServiceId(pair.EventSource)}:{pair.EventName}"),
                Plain(InsightType(pair)),
                Plain(Span(pair.Start, pair.End)),
                Plain(Number(pair.BaselineAverage)),
                Plain(Number(pair.InsightAverage)));
        }
        if (summary.Insights.Count > top)
        {
            table.AddRow(new Markup($"[dim]... {summary.Insights.Count - top:N0} more[/]"), Plain(""), Plain(""), Plain(""), Plain(""));
        }
        return table;
    }

    /// <summary>"call rate", "error rate: AccessDenied", or the type as logged.</summary>
    private static string InsightType(InsightPair pair)
    {
        string type = pair.InsightType switch
        {
            "ApiCallRateInsight" => "call rate",
            "ApiErrorRateInsight" => "error rate",
            _ => pair.InsightType,
        };
        return pair.ErrorCode is null ? type : $"{type}: {pair.ErrorCode}";
    }

    /// <summary>"2025-01-06 09:20 to 09:35", the end's date only when it differs; "(open)" without an end.</summary>
    private static string Span(DateTimeOffset? start, DateTimeOffset? end)
    {
        string from = start is { } s ? s.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";
        if (end is not { } e) return $"{from} to (open)";
        string format = start is { } d && d.UtcDateTime.Date == e.UtcDateTime.Date ? "HH:mm" : "yyyy-MM-dd HH:mm";
        return $"{from} to {e.UtcDateTime.ToString(format, CultureInfo.InvariantCulture)}";
    }

    private static Table NotableTable(Summary summary, int top)
    {
        var notable = summary.Notable;
        var table = NewTable("Notable changes");
        table.AddColumn(new TableColumn("time").NoWrap());
        table.AddColumn("service");
        table.AddColumn("principal");
        table.AddColumn("what");
        for (int i = 0; i < notable.Count && i < top; i++)
        {
            var change = notable[i];
            table.AddRow(Plain(ShortTime(change.Time)), Plain(change.Service), Plain(RecordFacts.Display(change.Principal)), Plain(change.Detail));
        }
        if (notable.Count > top)
        {
            table.AddRow(Plain(""), Plain(""), Plain(""), new Markup($"[dim]... and {notable.Count - top:N0} more ({notable.Count:N0} in all; --top shows more, --format json lists every one)[/]"));
        }
        return table;
    }

    private static IRenderable[] Cells(string key, long count, long whole) =>
        whole > 0 ? [Plain(key), Plain(count.ToString("N0", CultureInfo.InvariantCulture)), Plain(Percent(count, whole))]
                  : [Plain(key), Plain(count.ToString("N0", CultureInfo.InvariantCulture))];

    private static IRenderable[] Cells(string first, string second, long count, long whole) =>
        whole > 0 ? [Plain(first), Plain(second), Plain(count.ToString("N0", CultureInfo.InvariantCulture)), Plain(Percent(count, whole))]
                  : [Plain(first), Plain(second), Plain(count.ToString("N0", CultureInfo.InvariantCulture))];

    private static void AddMore(Table table, Counter counter, int top, int keyColumns)
    {
        if (counter.Count <= top) return;
        var cells = new IRenderable[table.Columns.Count];
        for (int i = 0; i < cells.Length; i++) cells[i] = Plain("");
        cells[keyColumns - 1] = new Markup($"[dim]... {counter.Count - top:N0} more[/]");
        table.AddRow(cells);
    }

    /// <summary>A principals key: the identity type, the principal and the caller's account (see <see cref="RecordFacts.PrincipalKey"/>).</summary>
    private static (string Type, string Name, string Account) SplitPrincipal(string key)
    {
        var (type, rest) = Split(key);
        int tab = rest.LastIndexOf('\t');
        return tab < 0 ? (type, rest, "-") : (type, rest[..tab], rest[(tab + 1)..]);
    }

    private static (string, string) Split(string key)
    {
        int tab = key.IndexOf('\t', StringComparison.Ordinal);
        return tab < 0 ? (key, "") : (key[..tab], key[(tab + 1)..]);
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, Counter counter)
    {
        json.WriteStartArray(name);
        foreach (var (key, count) in counter.Top())
        {
            json.WriteStartObject();
            json.WriteString("name", key);
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>"2025-01-06 09:20:03" (UTC): narrower than ISO-8601 in a table.</summary>
    private static string ShortTime(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    private static string Number(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
