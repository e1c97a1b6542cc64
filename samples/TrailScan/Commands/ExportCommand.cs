using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using CloudTrailGen;
using TrailScan.Aws;
using TrailScan.Export;
using TrailScan.Reading;

namespace TrailScan.Commands;

/// <summary>
/// <c>trailscan export</c>: the records read as Parquet tables in Hive-style partition folders
/// (<c>account=/region=/date=</c>) that Athena, Glue, Spark, Trino and DuckDB discover: the
/// <c>records</c> table of the envelope, and a table per event for the events <c>--table</c> names.
/// docs/parquet.md has the tables, the Athena and Spark definitions, and the figures.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The export command.</summary>
    public static Command Create(AppConsole console)
    {
        var command = new Command("export", "Write the records read as Parquet tables, partitioned account=/region=/date= the way Athena, Spark, Trino and DuckDB read them: 'records' (the envelope, typed; requestParameters, responseElements and additionalEventData as JSON text; the input and index of each record) and a table per event named with --table (its typed request and response members).");
        var input = new InputOptions(console, sampleLogs: false);
        var output = new Option<string>("--out") { Description = "The folder to write the tables to (one folder per table in it).", HelpName = "DIR", Required = true };
        // Said before anything is read (else: a .NET message about a part of the path, once every record is read).
        output.Validators.Add(r =>
        {
            if (SharedOptions.Token(r) is not { } text || SharedOptions.FileInTheWay(text) is not { } file) return;
            r.AddError(file == Path.GetFullPath(text) ? $"--out: '{text}' is a file; export writes a folder" : $"--out: '{file}' is a file, so the folder '{text}' cannot be made in it");
        });
        var tables = new Option<string[]>("--table") { Description = "Also write a table per event of typed request and response members: SERVICE:EVENT (iam:AttachRolePolicy) for one event, SERVICE (iam) for every event of a service. Repeat for more.", HelpName = "SERVICE[:EVENT]" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the folders of the tables written when they exist in DIR (else export refuses to write over them)." };
        input.AddTo(command, output, tables, overwrite);
        command.SetAction(result => Run(result, input, output, tables, overwrite, console));
        return command;
    }

    private static int Run(ParseResult result, InputOptions input, Option<string> outputOption, Option<string[]> tablesOption, Option<bool> overwrite, AppConsole console)
    {
        string directory = result.GetValue(outputOption)!;
        if (!Selection.TryParse(result.GetValue(tablesOption) ?? [], out var selection, out string? problem))
        {
            console.Message(problem!);
            console.Message("see 'trailscan export --help'");
            return ExitCodes.Usage;
        }
        if (Directory.Exists(Path.Combine(directory, RecordsTable.Name)) || selection.Existing(directory) is not null)
        {
            string existing = Directory.Exists(Path.Combine(directory, RecordsTable.Name)) ? RecordsTable.Name : selection.Existing(directory)!;
            if (!result.GetValue(overwrite))
            {
                console.Message($"{Path.Combine(directory, existing)} exists: choose another --out, or give --overwrite to replace the tables' folders");
                return ExitCodes.Usage;
            }
            if (Directory.Exists(Path.Combine(directory, RecordsTable.Name))) Directory.Delete(Path.Combine(directory, RecordsTable.Name), recursive: true);
            selection.DeleteExisting(directory);
        }

        var records = input.Open(result, console, keepOriginalJson: false, out int openCode);
        if (records is null) return openCode;
        var clock = Stopwatch.StartNew();
        var writer = new PartitionedWriter(directory);
        writer.AddTable(RecordsTable.Name, RecordsTable.Schema);
        var eventTables = new Dictionary<CloudTrailEventSchema, EventTable>(ReferenceEqualityComparer.Instance);
        try
        {
            records.ForEach(scanned =>
            {
                var record = scanned.Record;
                string account = record.RecipientAccountId ?? record.UserIdentity?.AccountId ?? "";
                string region = record.AwsRegion ?? "";
                string date = record.EventTime is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
                writer.Add(RecordsTable.Name, account, region, date, c => RecordsTable.Fill(c, record, scanned.File.Name, scanned.Index));
                if (selection.IsEmpty || record.InsightDetails is not null) return;
                var schema = CloudTrailLog.Schema.FindEvent(record.EventSource, record.EventName);
                if (schema is null || !selection.Includes(schema)) return;
                if (!eventTables.TryGetValue(schema, out var table))
                {
                    table = EventTable.For(schema);
                    eventTables.Add(schema, table);
                    writer.AddTable(table.TableName, table.Schema);
                }
                writer.Add(table.TableName, account, region, date, c => table.Fill(c, record, scanned.File.Name, scanned.Index));
            });
            writer.Finish();
        }
        catch (IOException e)
        {
            console.Message($"{directory}: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            console.Message($"{directory}: {e.Message}");
            return ExitCodes.BadInput;
        }
        if (records.Failed) return records.ExitCode;
        if (records.Interrupted)
        {
            console.Message($"interrupted: the files in {directory} are complete Parquet files, but hold only the records read before the interruption");
            return ExitCodes.Interrupted;
        }
        long bytes = 0;
        foreach (var (_, size) in writer.Files) bytes += size;
        foreach (var (table, rows) in writer.RowsByTable)
        {
            int files = 0;
            string prefix = Path.Combine(directory, table) + Path.DirectorySeparatorChar;
            foreach (var (path, _) in writer.Files) if (path.StartsWith(prefix, StringComparison.Ordinal)) files++;
            console.Out.WriteLine($"{table}: {Words.Count(rows, "row", "rows")} in {Words.Count(files, "file", "files")}");
        }
        foreach (string missing in selection.NotSeen(eventTables.Keys)) console.Message($"--table {missing}: no record of it in the input, so no table");
        double seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
        if (!console.Quiet) console.Message($"exported {Words.Count(records.Matched, "record", "records")} to {directory} ({bytes / 1048576.0:F1} MiB of Parquet, {Words.Count(writer.Files.Count, "file", "files")}) in {seconds:F1} s: {records.Matched / seconds:N0} records/s, {records.Source.BytesRead / 1048576.0 / seconds:F1} MiB/s of input");
        return records.ExitCode;
    }

    /// <summary>What --table names: whole services and single events.</summary>
    private sealed class Selection
    {
        private readonly HashSet<string> _services = new(StringComparer.Ordinal);
        private readonly List<CloudTrailEventSchema> _events = [];

        public bool IsEmpty => _services.Count == 0 && _events.Count == 0;

        public bool Includes(CloudTrailEventSchema schema) => _services.Contains(schema.Service.Id) || _events.Contains(schema);

        public static bool TryParse(string[] values, out Selection selection, out string? problem)
        {
            selection = new Selection();
            problem = null;
            foreach (string value in values)
            {
                string[] parts = value.Split(':', 2);
                CloudTrailServiceSchema? service = null;
                foreach (var known in CloudTrailLog.Schema.Services) if (string.Equals(known.Id, parts[0], StringComparison.OrdinalIgnoreCase)) service = known;
                if (service is null)
                {
                    var near = CatalogIndex.Closest(parts[0], CatalogIndex.ServiceIds);
                    problem = $"--table {value}: '{parts[0]}' is not a service id{(near.Count > 0 ? $"; did you mean '{near[0]}'?" : "")} (give SERVICE or SERVICE:EVENT, such as iam or iam:AttachRolePolicy)";
                    return false;
                }
                if (parts.Length == 1)
                {
                    selection._services.Add(service.Id);
                    continue;
                }
                CloudTrailEventSchema? found = null;
                foreach (var candidate in service.Events) if (string.Equals(candidate.Name, parts[1], StringComparison.OrdinalIgnoreCase)) found = candidate;
                if (found is null)
                {
                    var names = new List<string>();
                    foreach (var candidate in service.Events) names.Add(candidate.Name);
                    var near = CatalogIndex.Closest(parts[1], names);
                    problem = $"--table {value}: {service.Id} has no event '{parts[1]}'{(near.Count > 0 ? $"; did you mean '{near[0]}'?" : "")}";
                    return false;
                }
                if (!selection._events.Contains(found)) selection._events.Add(found);
            }
            return true;
        }

        private IEnumerable<string> TableNames()
        {
            foreach (var schema in _events) yield return schema.Service.Id + "_" + schema.Name;
            foreach (var service in CloudTrailLog.Schema.Services)
            {
                if (!_services.Contains(service.Id)) continue;
                foreach (var schema in service.Events) yield return service.Id + "_" + schema.Name;
            }
        }

        /// <summary>A table this selection writes whose folder exists in <paramref name="directory"/>.</summary>
        public string? Existing(string directory)
        {
            foreach (string name in TableNames()) if (Directory.Exists(Path.Combine(directory, name))) return name;
            return null;
        }

        public void DeleteExisting(string directory)
        {
            foreach (string name in TableNames())
            {
                if (Directory.Exists(Path.Combine(directory, name))) Directory.Delete(Path.Combine(directory, name), recursive: true);
            }
        }

        /// <summary>The events named one by one that had no record.</summary>
        public IEnumerable<string> NotSeen(ICollection<CloudTrailEventSchema> seen)
        {
            foreach (var schema in _events) if (!seen.Contains(schema)) yield return schema.Service.Id + ":" + schema.Name;
        }
    }
}
