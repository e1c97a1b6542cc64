using System;
using System.Collections;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace TrailScan.Query;

/// <summary>
/// <c>trailscan-query "SQL" [DIR|PATH...]</c>: SQL over the tables <c>trailscan export</c> writes,
/// with DuckDB embedded. Each table folder of an export folder is a view of its name
/// (<c>records</c>, <c>iam_AttachRolePolicy</c>, ...) with the partition columns <c>account</c>,
/// <c>region</c> (strings) and <c>date</c>; log files and folders given instead are exported first
/// to a temporary folder by trailscan's export command, in-process.
/// </summary>
public static partial class Program
{
    /// <summary>Runs the tool.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected, width: TableWidth());

    /// <summary>
    /// The width <c>--format table</c> fits: <c>COLUMNS</c> when it is set to a width, else the
    /// terminal's when standard output is one; null (values whole) when output goes to a file or a pipe.
    /// </summary>
    private static int? TableWidth()
    {
        if (AppConsole.WidthFor(Environment.GetEnvironmentVariable("COLUMNS"), outIsTerminal: true) is { } columns) return columns;
        if (Console.IsOutputRedirected) return null;
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Runs the tool on these writers (tests run it in-process).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">The query's answer.</param>
    /// <param name="stderr">Problems; and the progress of exporting logs given as PATHs, when <paramref name="stderrIsTerminal"/>.</param>
    /// <param name="stderrIsTerminal">Whether standard error is a terminal: then exporting logs shows trailscan's progress bar (cleared when done).</param>
    /// <param name="width">The width <c>--format table</c> fits, cutting the longest values (marked …) when the whole ones do not fit; null: values whole.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal = false, int? width = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var sql = new Argument<string>("SQL") { Description = "The query: tables are views named after the export's folders (records, iam_AttachRolePolicy, ...), with the partition columns account, region and date." };
        var paths = new Argument<string[]>("PATH") { Description = "Folders written by 'trailscan export' (their table folders become views), or logs (files, folders, s3:// paths: whatever trailscan reads), exported first to a temporary folder. Default: trailscan's sample logs.", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format") { Description = "Output: table (for people: values whole when they fit the terminal's width or COLUMNS, else the longest cut, ending in …), json (an array of objects) or csv.", DefaultValueFactory = _ => "table", HelpName = "table|json|csv" };
        format.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "table", "json", "csv");
        var tables = new Option<string[]>("--table") { Description = "For logs given as PATHs: the per-event tables to export too (as trailscan export --table: iam, iam:AttachRolePolicy).", HelpName = "SERVICE[:EVENT]" };
        var root = new RootCommand("trailscan-query: SQL (DuckDB) over the Parquet tables trailscan export writes, or over CloudTrail logs exported on the fly. The options after --table are trailscan export's, for logs given as PATHs: the filters (--service, --since, ...), --dedupe, -j and the S3 options (--profile, --endpoint-url, --s3-timeout). Exit code: 0; 1 when the query fails, or when logs given as PATHs could not all be read (as trailscan export exits; the answer, over the records read, is printed all the same); 2 for a usage error.") { sql, paths, format, tables };
        // Export's own report (tables written, the temporary folder, speed) is not the query's
        // output: only its problems are shown, and its progress bar when stderr is a terminal, as
        // trailscan shows it.
        var console = new AppConsole(TextWriter.Null, stderr, () => Console.OpenStandardInput(), () => Stream.Null, stderrIsTerminal: stderrIsTerminal) { Quiet = true };
        var reading = Cli.ExportReadingOptions(console);
        foreach (var option in reading) root.Add(option);
        var result = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr };
        // Help asked for after -- (trailscan-query -- "SELECT 1" --help) is read as the SQL or a PATH: it is help all the same.
        if (result.Action is null && result.Tokens.Any(t => t.Type == TokenType.Argument && t.Value is "--help" or "-h" or "-?"))
        {
            return root.Parse(["--help"]).Invoke(invocation);
        }
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors) stderr.WriteLine("trailscan-query: " + error.Message);
            stderr.WriteLine("see 'trailscan-query --help'");
            return 2;
        }
        // Help and --version: the root command has no action of its own (the query is run below).
        if (result.Action is not null) return result.Invoke(invocation);
        string query = result.GetValue(sql)!;
        string[] given = result.GetValue(paths) ?? [];
        if (given.Length == 0) given = [Path.Combine(AppContext.BaseDirectory, "SampleLogs")];

        var exports = new List<string>();
        var logs = new List<string>();
        foreach (string path in given)
        {
            if (Directory.Exists(path) && TableFolders(path).Count > 0) exports.Add(path);
            else logs.Add(path);
        }
        if (logs.Count == 0 && reading.FirstOrDefault(option => result.GetResult(option) is { Implicit: false }) is { } unused)
        {
            stderr.WriteLine($"trailscan-query: {unused.Name} is an option of trailscan export, for logs given as PATHs: an export folder is queried as it was written (export the logs again with it)");
            stderr.WriteLine("see 'trailscan-query --help'");
            return 2;
        }
        string? temporary = null;
        // Logs that could not be read in full (a corrupt file, a malformed record) are exported's exit
        // code, as trailscan export gives it: the answer is still printed, over the records read.
        int exportCode = ExitCodes.Success;
        try
        {
            if (logs.Count > 0)
            {
                temporary = Path.Combine(Path.GetTempPath(), "trailscan-query-" + Guid.NewGuid().ToString("N"));
                var exportArgs = new List<string> { "export" };
                exportArgs.AddRange(logs);
                exportArgs.Add("--out");
                exportArgs.Add(temporary);
                foreach (string table in result.GetValue(tables) ?? []) exportArgs.AddRange(["--table", table]);
                foreach (var option in reading) exportArgs.AddRange(AsGiven(result, option));
                exportCode = Cli.Run(exportArgs.ToArray(), console);
                if (exportCode != ExitCodes.Success && !Directory.Exists(Path.Combine(temporary, "records"))) return exportCode;
                exports.Add(temporary);
            }
            int queryCode = Execute(query, exports, fromLogs: logs.Count > 0, result.GetValue(format)!.ToLowerInvariant(), width, stdout, stderr);
            return queryCode != ExitCodes.Success ? queryCode : exportCode;
        }
        finally
        {
            if (temporary is not null && Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>An option as it was given, to hand on to export: its name before each of its values, or alone (a flag).</summary>
    private static IEnumerable<string> AsGiven(ParseResult result, Option option)
    {
        if (result.GetResult(option) is not { Implicit: false } given) yield break;
        if (given.Tokens.Count == 0) yield return option.Name;
        foreach (var token in given.Tokens)
        {
            yield return option.Name;
            yield return token.Value;
        }
    }

    /// <summary>The table folders of an export folder: its folders that hold Parquet files.</summary>
    public static List<string> TableFolders(string directory)
    {
        var tables = new List<string>();
        foreach (string folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Any()) tables.Add(folder);
        }
        return tables;
    }

    private static int Execute(string query, List<string> exports, bool fromLogs, string format, int? width, TextWriter stdout, TextWriter stderr)
    {
        var globs = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string export in exports)
        {
            foreach (string folder in TableFolders(export))
            {
                string name = Path.GetFileName(folder);
                if (!globs.TryGetValue(name, out var list)) globs[name] = list = [];
                list.Add(Path.Combine(Path.GetFullPath(folder), "**", "*.parquet"));
            }
        }
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            var text = new StringBuilder("SET TimeZone = 'UTC';\n").Append(PrincipalMacro);
            foreach (var (name, list) in globs)
            {
                string files = "[" + string.Join(", ", list.Select(Literal)) + "]";
                // account stays text (an account id may start with 0); date is a DATE.
                text.Append(CultureInfo.InvariantCulture, $"CREATE VIEW \"{name.Replace("\"", "\"\"")}\" AS SELECT * FROM read_parquet({files}, hive_partitioning = true, union_by_name = true, hive_types = {{'account': 'VARCHAR', 'region': 'VARCHAR', 'date': 'DATE'}});\n");
            }
            setup.CommandText = text.ToString();
            setup.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = query;
        DuckDBDataReader reader;
        try
        {
            reader = (DuckDBDataReader)command.ExecuteReader();
        }
        catch (DuckDBException e)
        {
            stderr.WriteLine("trailscan-query: " + WithoutOtherTables(e.Message, globs.Keys));
            stderr.WriteLine("tables: " + (globs.Count == 0 ? "none" : string.Join(", ", globs.Keys)));
            if (MissingTable().Match(e.Message) is { Success: true } missing) stderr.WriteLine(PerEventTableHint(missing.Groups[1].Value, fromLogs));
            return 1;
        }
        using (reader)
        {
            var names = new string[reader.FieldCount];
            for (int i = 0; i < names.Length; i++) names[i] = reader.GetName(i);
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[names.Length];
                for (int i = 0; i < names.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            switch (format)
            {
                case "json":
                    WriteJson(stdout, names, rows);
                    break;
                case "csv":
                    WriteCsv(stdout, names, rows);
                    break;
                default:
                    WriteTable(stdout, names, rows, width);
                    break;
            }
        }
        return 0;
    }

    [GeneratedRegex("Table with name (\\S+) does not exist")]
    private static partial Regex MissingTable();

    /// <summary>
    /// DuckDB's error without its "Did you mean" of a table that is none of the export's (its own
    /// catalog's sqlite_master, pg_collation, ...), which would send the reader the wrong way.
    /// </summary>
    private static string WithoutOtherTables(string message, ICollection<string> tables) =>
        string.Join('\n', message.Split('\n').Where(line => !(line.StartsWith("Did you mean \"", StringComparison.Ordinal) && line.EndsWith("\"?", StringComparison.Ordinal) && !tables.Contains(line[14..^2]))));

    /// <summary>How to get the per-event table <paramref name="name"/> (SERVICE_EVENT): it is exported only when --table asks for it.</summary>
    private static string PerEventTableHint(string name, bool fromLogs)
    {
        string How(string table) => fromLogs ? $"give trailscan-query --table {table} with the logs" : $"export the logs again with trailscan export --table {table}";
        int cut = name.IndexOf('_');
        return cut > 0 && cut < name.Length - 1
            ? $"{name} would be a per-event table, and those are exported only when asked for: {How(name[..cut] + ":" + name[(cut + 1)..])} (or --table {name[..cut]} for every event of the service)"
            : $"per-event tables (SERVICE_EVENT, such as iam_AttachRolePolicy) are exported only when asked for: {How("SERVICE[:EVENT]")}";
    }

    /// <summary>
    /// <c>principal(userIdentity)</c>: who made a call, named as <c>trailscan summary</c> names it
    /// (RecordFacts.Principal): "root", the user name, "Role/session" for an assumed role, the
    /// role for a session without one, the service for AWS services, the account for another
    /// account, else the principal id or ARN; "-" without a userIdentity.
    /// </summary>
    public const string PrincipalMacro = """
        CREATE MACRO principal(u) AS CASE
          WHEN u IS NULL THEN '-'
          WHEN u.type = 'Root' THEN 'root'
          WHEN coalesce(u.userName, '') <> '' THEN u.userName
          WHEN contains(coalesce(u.arn, ''), ':assumed-role/') THEN substr(u.arn, position(':assumed-role/' IN u.arn) + 14)
          WHEN coalesce(u.sessionContext.sessionIssuer.userName, '') <> '' THEN u.sessionContext.sessionIssuer.userName
          WHEN coalesce(u.invokedBy, '') <> '' THEN u.invokedBy
          WHEN u.type = 'AWSAccount' AND coalesce(u.accountId, '') <> '' THEN u.accountId
          WHEN coalesce(u.principalId, '') <> '' THEN u.principalId
          WHEN coalesce(u.arn, '') <> '' THEN u.arn
          ELSE '-' END;

        """;

    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>A value as text: timestamps in ISO-8601 UTC, lists and structs as JSON.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        DateTime time => Time(time),
        DateTimeOffset time => Time(time.UtcDateTime),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable number when value is not IEnumerable => number.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonText(value),
    };

    private static string Time(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString(time.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string JsonText(object value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) WriteValue(writer, value);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case DateTime or DateTimeOffset or DateOnly:
                writer.WriteStringValue(Text(value));
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!);
                    WriteValue(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (object? item in list) WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteJson(TextWriter output, string[] names, List<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                for (int i = 0; i < names.Length; i++)
                {
                    writer.WritePropertyName(names[i]);
                    WriteValue(writer, row[i]);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteCsv(TextWriter output, string[] names, List<object?[]> rows)
    {
        output.WriteLine(string.Join(',', names.Select(Csv)));
        foreach (var row in rows) output.WriteLine(string.Join(',', row.Select(v => Csv(Text(v)))));
    }

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    // A column is not cut narrower than this to fit the width (the line wraps instead): narrower, it says little.
    private const int NarrowestCut = 12;

    private static void WriteTable(TextWriter output, string[] names, List<object?[]> rows, int? width)
    {
        var cells = rows.Select(row => row.Select(Text).ToArray()).ToList();
        var whole = names.Select((name, i) => Math.Max(name.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        // The longest values are cut, all to the same length, as little as the width asks.
        int longest = whole.Length == 0 ? 0 : whole.Max();
        int cut = longest;
        while (width is { } fit && cut > NarrowestCut && whole.Sum(w => Math.Min(w, cut)) + 2 * (whole.Length - 1) > fit) cut--;
        var widths = whole.Select(w => Math.Min(w, cut)).ToArray();
        string Line(IReadOnlyList<string> values) => string.Join("  ", values.Select((v, i) => (v.Length > widths[i] ? v[..(widths[i] - 1)] + "…" : v).PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(names));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells) output.WriteLine(Line(row));
        string note = cut < longest ? $"; values longer than {cut} characters cut to fit {width} columns: --format csv or json prints them whole" : "";
        output.WriteLine($"({rows.Count:N0} {(rows.Count == 1 ? "row" : "rows")}{note})");
    }
}
