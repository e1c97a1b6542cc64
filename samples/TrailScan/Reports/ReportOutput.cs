using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TrailScan.Reading;

namespace TrailScan.Reports;

/// <summary>What <see cref="SummaryOutput"/> and <see cref="CoverageOutput"/> write the same way: table cells and titles, the JSON object and the input counts in it.</summary>
internal static class ReportOutput
{
    /// <summary><paramref name="part"/> of <paramref name="whole"/> as a percentage ("-" of nothing).</summary>
    public static string Percent(long part, long whole) =>
        whole == 0 ? "-" : (100.0 * part / whole).ToString(part == whole || part == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Bold text (not read as markup).</summary>
    public static IRenderable Bold(string text) => new Markup($"[bold]{Markup.Escape(text)}[/]");

    /// <summary>Text (not read as markup).</summary>
    public static IRenderable Plain(string text) => new Text(text);

    /// <summary>A table with a bold title.</summary>
    public static Table NewTable(string title) =>
        new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]");

    /// <summary>Writes one indented JSON object, its members written by <paramref name="writeMembers"/>, and a line end to standard output.</summary>
    public static void WriteJsonObject(AppConsole app, Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            writeMembers(json);
            json.WriteEndObject();
        }
        app.Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>What reading passed over: <c>malformed</c>, <c>skipped</c>, <c>files</c>, <c>failedFiles</c>, and <c>duplicates</c> with --dedupe.</summary>
    public static void WriteInputCounts(Utf8JsonWriter json, RecordSource source)
    {
        json.WriteNumber("malformed", source.Malformed);
        json.WriteNumber("skipped", source.Skipped);
        json.WriteNumber("files", source.FilesRead);
        json.WriteNumber("failedFiles", source.FailedFiles);
        if (source.Dedupes) json.WriteNumber("duplicates", source.Duplicates);
    }
}
