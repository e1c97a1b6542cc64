using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using CloudTrailGen;
using DuckDB.NET.Data;
using TrailScan.Aws;
using TrailScan.Reading;
using Xunit;

namespace TrailScan.Tests;

/// <summary>
/// trailscan export, read back by DuckDB (an independent reader: trailscan writes Parquet with its
/// own writer): rows per partition, every typed column against the value CloudTrailLog reads, the
/// JSON columns against the parts as read, timestamps in UTC; byte-identical output for the same
/// input; and trailscan-query's answers against the same counts computed from the records.
/// </summary>
public partial class ExportTests
{
    private static string SampleLogs => Inputs.SampleLogFolder;

    [Fact]
    public void Export_to_a_file_is_a_usage_error_before_anything_is_read()
    {
        using var temp = new TempFolder();
        string log = temp.Write("log.ndjson", Fixture.Ndjson());
        string file = temp.Write("x.json.gz", "not a folder");
        var run = App.Run("export", log, "--out", file);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal($"trailscan: --out: '{file}' is a file; export writes a folder{Environment.NewLine}trailscan: see 'trailscan export --help'{Environment.NewLine}", run.Stderr);

        string under = Path.Combine(file, "tables");
        run = App.Run("export", log, "--out", under);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"trailscan: --out: '{file}' is a file, so the folder '{under}' cannot be made in it{Environment.NewLine}", run.Stderr);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void Fixture_records_read_back_equal_with_per_event_tables()
    {
        using var temp = new TempFolder();
        string log = temp.Write("in/log.json", Fixture.LogFile());
        string output = temp.File("out");
        var run = App.Run("export", log, "--out", output, "--table", "iam:CreateUser", "--table", "sts");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("records: 9 rows", run.Stdout);
        CheckRecords(output, [log]);

        using var db = Open();
        var createUser = Rows(db, $"SELECT eventID, request.userName, request.path, typeof(eventTime) FROM {Table(output, "iam_CreateUser")}");
        Assert.Equal(new object?[] { "21111111-1111-4111-8111-111111111111", "build-bot", "/", "TIMESTAMP WITH TIME ZONE" }, Assert.Single(createUser));
        // durationSeconds "nine hundred" does not fit the integer member: null in the typed column.
        var assumeRole = Assert.Single(Rows(db, $"SELECT request.roleArn, request.roleSessionName, request.durationSeconds, response.assumedRoleUser.arn, typeof(request.durationSeconds) FROM {Table(output, "sts_AssumeRole")}"));
        Assert.Equal(new object?[] { "arn:aws:iam::111122223333:role/thumbnailer-role", "thumbnailer", null, "arn:aws:sts::111122223333:assumed-role/thumbnailer-role/thumbnailer", "BIGINT" }, assumeRole);
        // resources: a list of structs; sessionContext: nested structs.
        var getObject = Assert.Single(Rows(db, $"SELECT resources[1].arn, resources[1].type, len(resources), readOnly, managementEvent, errorCode FROM {Table(output, "records")} WHERE eventName = 'GetObject'"));
        Assert.Equal(new object?[] { "arn:aws:s3:::example-payroll-exports/2024/02/payroll.csv", "AWS::S3::Object", 1L, true, false, "AccessDenied" }, getObject);
        var created = Assert.Single(Rows(db, $"SELECT userIdentity.sessionContext.sessionIssuer.arn, userIdentity.sessionContext.attributes.creationDate, userIdentity.sessionContext.attributes.mfaAuthenticated FROM {Table(output, "records")} WHERE eventName = 'CreateUser'"));
        Assert.Equal("arn:aws:iam::111122223333:role/DeployRole", created[0]);
        Assert.Equal(new DateTime(2024, 3, 4, 9, 15, 21, DateTimeKind.Utc), Utc(created[1]));
        Assert.Equal(false, created[2]);
    }

    [Fact]
    public void Sample_logs_read_back_equal()
    {
        using var temp = new TempFolder();
        string output = temp.File("out");
        var run = App.Run("export", SampleLogs, "--out", output, "--table", "iam");
        Assert.True(run.ExitCode == 0, run.ToString());
        CheckRecords(output, Directory.GetFiles(SampleLogs, "*", SearchOption.AllDirectories));
        // One table per iam event seen, each row joined to records by its input and index there.
        using var db = Open();
        long iam = (long)Rows(db, $"SELECT count(*) FROM {Table(output, "records")} WHERE eventSource = 'iam.amazonaws.com'")[0][0]!;
        long tables = 0;
        foreach (string folder in Directory.GetDirectories(output, "iam_*"))
        {
            tables += (long)Rows(db, $"SELECT count(*) FROM {Table(output, Path.GetFileName(folder))} e JOIN {Table(output, "records")} r USING (sourceObject, recordIndex) WHERE r.eventName = '{Path.GetFileName(folder)[4..]}'")[0][0]!;
        }
        Assert.True(iam > 0);
        Assert.Equal(iam, tables);
    }

    [Fact]
    public void Per_event_tables_join_records_one_to_one_when_a_log_was_read_twice()
    {
        // The same log delivered twice (an organization trail and an account trail overlapping):
        // every eventID is in two records, so joining on eventID doubles the rows. sourceObject and
        // recordIndex are the records table's key, and each per-event row names its record by them.
        using var temp = new TempFolder();
        temp.Write("logs/organization/log.json", Fixture.LogFile());
        temp.Write("logs/account/log.json", Fixture.LogFile());
        string output = temp.File("out");
        var run = App.Run("export", temp.File("logs"), "--out", output, "--table", "iam", "--table", "sts", "--table", "s3");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var db = Open();
        var tables = new DirectoryInfo(output).GetDirectories().Select(d => d.Name).Where(t => t != "records").ToList();
        Assert.Equal(["iam_CreateUser", "s3_GetObject", "sts_AssumeRole"], tables.Order(StringComparer.Ordinal));
        foreach (string table in tables)
        {
            string events = Table(output, table), records = Table(output, "records");
            long rows = (long)Rows(db, $"SELECT count(*) FROM {events}")[0][0]!;
            Assert.Equal(2L, rows);
            var joined = Rows(db, $"SELECT e.eventID = r.eventID, r.eventName, r.sourceObject FROM {events} e JOIN {records} r USING (sourceObject, recordIndex) ORDER BY r.sourceObject");
            Assert.Equal(rows, joined.Count);
            Assert.All(joined, row => Assert.Equal(true, row[0]));
            Assert.All(joined, row => Assert.Equal(table[(table.IndexOf('_') + 1)..], row[1]));
            Assert.Equal([Path.Combine(temp.File("logs"), "account", "log.json"), Path.Combine(temp.File("logs"), "organization", "log.json")], joined.Select(row => (string)row[2]!));
            // What joining on eventID alone gives: each row twice.
            Assert.Equal(2 * rows, (long)Rows(db, $"SELECT count(*) FROM {events} e JOIN {records} r USING (eventID)")[0][0]!);
        }
    }

    [CorpusFact]
    public void Corpus_records_read_back_equal()
    {
        using var temp = new TempFolder();
        string output = temp.File("out");
        var files = Corpus.RecordFiles();
        var run = App.Run(["export", .. files, "--out", output]);
        Assert.True(run.ExitCode is 0 or 1, run.ToString()); // 1: a corpus file with a malformed line
        CheckRecords(output, files);
    }

    [Fact]
    public void The_same_input_gives_byte_identical_files()
    {
        using var temp = new TempFolder();
        string log = temp.Write("in/log.ndjson", Fixture.Ndjson());
        var first = App.Run("export", SampleLogs, log, "--out", temp.File("a"), "--table", "sts", "--table", "iam");
        var second = App.Run("export", SampleLogs, log, "--out", temp.File("b"), "--table", "sts", "--table", "iam");
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        var a = Files(temp.File("a"));
        var b = Files(temp.File("b"));
        Assert.True(a.Count > 10);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (name, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[name]), name + " differs");
    }

    [Fact]
    public void Small_row_groups_and_few_open_files_give_the_same_rows()
    {
        // The bounds (row group size, buffer budget, open files) change how rows are cut into row
        // groups and files, never which rows are written.
        using var temp = new TempFolder();
        string output = temp.File("out");
        var writer = new Export.PartitionedWriter(output) { RowGroupRows = 7, BufferBudget = 4096, MaxOpenFiles = 2 };
        writer.AddTable("records", Export.RecordsTable.Schema);
        var records = ReadAll(Directory.GetFiles(SampleLogs, "*", SearchOption.AllDirectories));
        foreach (var (file, index, record) in records)
        {
            writer.Add("records", record.RecipientAccountId!, record.AwsRegion!, record.EventTime!.Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c => Export.RecordsTable.Fill(c, record, file, index));
        }
        writer.Finish();
        Assert.Contains(writer.Files, f => f.Path.EndsWith("part-00001.parquet", StringComparison.Ordinal));
        using var db = Open();
        var rows = Rows(db, $"SELECT sourceObject, recordIndex, eventID FROM {Table(output, "records")} ORDER BY ALL");
        var expected = records.Select(r => new object?[] { r.File, r.Index, r.Record.EventID }).OrderBy(r => (string)r[0]!, StringComparer.Ordinal).ThenBy(r => (long)r[1]!).ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++) Assert.Equal(expected[i], rows[i]);
    }

    [Fact]
    public void Export_refuses_to_write_over_a_table_and_names_unknown_events()
    {
        using var temp = new TempFolder();
        string log = temp.Write("log.json", Fixture.LogFile());
        Assert.Equal(0, App.Run("export", log, "--out", temp.File("out")).ExitCode);
        var again = App.Run("export", log, "--out", temp.File("out"));
        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.Contains("--overwrite", again.Stderr);
        Assert.Equal(0, App.Run("export", log, "--out", temp.File("out"), "--overwrite").ExitCode);
        var unknown = App.Run("export", log, "--out", temp.File("x"), "--table", "iam:AttachRolePolicyy");
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("did you mean 'AttachRolePolicy'", unknown.Stderr);
        var service = App.Run("export", log, "--out", temp.File("x"), "--table", "iamm");
        Assert.Equal(ExitCodes.Usage, service.ExitCode);
        Assert.Contains("did you mean 'iam'", service.Stderr);
    }

    [Fact]
    public void Query_answers_the_first_questions_as_the_records_do()
    {
        using var temp = new TempFolder();
        string log = temp.Write("in/log.ndjson", Fixture.Ndjson());
        string output = temp.File("out");
        Assert.Equal(0, App.Run("export", SampleLogs, log, "--out", output).ExitCode);
        var records = ReadAll([.. Directory.GetFiles(SampleLogs, "*", SearchOption.AllDirectories), log]).Select(r => r.Record).ToList();

        // Top callers of a service.
        var callers = Query(output, "SELECT userIdentity.arn AS caller, count(*) AS calls FROM records WHERE eventSource = 'sts.amazonaws.com' GROUP BY 1 ORDER BY 2 DESC, 1 NULLS FIRST");
        var expectedCallers = records.Where(r => r.EventSource == "sts.amazonaws.com").GroupBy(r => r.UserIdentity?.Arn)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key is null ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key ?? ""},{g.Count()}").ToList();
        Assert.Equal(expectedCallers, callers);

        // Failed console logins by source IP.
        var failed = Query(output, "SELECT sourceIPAddress, count(*) FROM records WHERE eventName = 'ConsoleLogin' AND (errorMessage IS NOT NULL OR json_extract_string(responseElements, '$.ConsoleLogin') = 'Failure') GROUP BY 1 ORDER BY 2 DESC, 1");
        var expectedFailed = records.Where(r => r.EventName == "ConsoleLogin" && (r.ErrorMessage is not null || r.ResponseElements?.ToString().Contains("\"Failure\"", StringComparison.Ordinal) == true))
            .GroupBy(r => r.SourceIPAddress).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key},{g.Count()}").ToList();
        Assert.NotEmpty(expectedFailed);
        Assert.Equal(expectedFailed, failed);

        // Who assumed a given role.
        string role = "arn:aws:iam::111122223333:role/thumbnailer-role";
        var assumed = Query(output, $"SELECT coalesce(userIdentity.arn, userIdentity.invokedBy) AS who, count(*) FROM records WHERE eventName = 'AssumeRole' AND json_extract_string(requestParameters, '$.roleArn') = '{role}' GROUP BY 1 ORDER BY 2 DESC, 1");
        var expectedAssumed = records.Where(r => r.EventName == "AssumeRole" && r.TypedRequest is { } request && Columns(request).TryGetValue("roleArn", out var arn) && (string?)arn == role)
            .GroupBy(r => r.UserIdentity?.Arn ?? r.UserIdentity?.InvokedBy).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key},{g.Count()}").ToList();
        Assert.NotEmpty(expectedAssumed);
        Assert.Equal(expectedAssumed, assumed);

        // The same over the logs directly (exported to a temporary folder first).
        var direct = QueryRun(["SELECT count(*) AS n FROM records", SampleLogs, log, "--format", "json"]);
        Assert.Equal(records.Count, (long)JsonNode.Parse(direct)![0]!["n"]!);
    }

    private static Dictionary<string, object?> Columns(CloudTrailObject part) =>
        part.GetTypedMembers().ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase);

    private static List<string> Query(string export, string sql) =>
        QueryRun([sql, export, "--format", "csv"]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();

    private static string QueryRun(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TrailScan.Query.Program.Run(args, stdout, stderr);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        return stdout.ToString();
    }

    /// <summary>Every record as CloudTrailLog reads it, with its input and its index among that input's records.</summary>
    private static List<(string File, long Index, CloudTrailRecord Record)> ReadAll(IEnumerable<string> files)
    {
        var all = new List<(string, long, CloudTrailRecord)>();
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            byte[] bytes = File.ReadAllBytes(file);
            Stream stream = new MemoryStream(bytes);
            if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) stream = new GZipStream(stream, CompressionMode.Decompress);
            long index = 0;
            try
            {
                foreach (var record in CloudTrailLog.Read(stream))
                {
                    if (RecordFacts.IsCloudTrail(record)) all.Add((file, index++, record));
                }
            }
            catch (CloudTrailFormatException)
            {
                // export stops reading the file there too
            }
        }
        return all;
    }

    /// <summary>
    /// Every record of <paramref name="files"/> is a row of the records table, in its partition,
    /// with every typed column equal to the typed value and every JSON column equal to the part.
    /// </summary>
    private static void CheckRecords(string output, IEnumerable<string> files)
    {
        var records = ReadAll(files);
        var byKey = records.ToDictionary(r => (Path.GetFileName(r.File), r.Index), r => r.Record);
        using var db = Open();
        var partitions = Rows(db, $"SELECT account, region, CAST(date AS VARCHAR), count(*) FROM {Table(output, "records")} GROUP BY ALL");
        var expectedPartitions = records.GroupBy(r => (r.Record.RecipientAccountId ?? r.Record.UserIdentity?.AccountId ?? "__HIVE_DEFAULT_PARTITION__",
                r.Record.AwsRegion ?? "__HIVE_DEFAULT_PARTITION__", r.Record.EventTime?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expectedPartitions.Count, partitions.Count);
        foreach (var row in partitions)
        {
            var key = (Partition(row[0]) ?? "__HIVE_DEFAULT_PARTITION__", Partition(row[1]) ?? "__HIVE_DEFAULT_PARTITION__", Partition(row[2]));
            Assert.True(expectedPartitions.TryGetValue(key, out long count), $"partition {key} not expected");
            Assert.Equal(count, (long)row[3]!);
        }

        var rows = Rows(db, $"""
            SELECT sourceObject, recordIndex, eventID, eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent,
                   errorCode, errorMessage, readOnly, managementEvent, recipientAccountId, eventType, eventCategory, eventVersion,
                   userIdentity.type, userIdentity.arn, userIdentity.accountId, userIdentity.principalId, userIdentity.accessKeyId,
                   userIdentity.userName, userIdentity.invokedBy, userIdentity.sessionContext.sessionIssuer.arn,
                   userIdentity.sessionContext.attributes.mfaAuthenticated, userIdentity.sessionContext.attributes.creationDate,
                   requestParameters, responseElements, additionalEventData, serviceEventDetails,
                   [r.arn FOR r IN resources], tlsDetails.tlsVersion, sharedEventID, vpcEndpointId, sessionCredentialFromConsole, requestID, apiVersion
            FROM {Table(output, "records")}
            """);
        Assert.Equal(records.Count, rows.Count);
        foreach (var row in rows)
        {
            var key = (Path.GetFileName((string)row[0]!), (long)row[1]!);
            Assert.True(byKey.TryGetValue(key, out var r), $"row {key} is no record read");
            string where = $"{key}: ";
            var who = r!.UserIdentity;
            object?[] expected =
            [
                r.EventID, r.EventTime?.UtcDateTime, r.EventSource, r.EventName, r.AwsRegion, r.SourceIPAddress, r.UserAgent,
                r.ErrorCode, r.ErrorMessage, r.ReadOnly, r.ManagementEvent, r.RecipientAccountId, r.EventType?.ToString(), r.EventCategory?.ToString(), r.EventVersion,
                who?.Type?.ToString(), who?.Arn, who?.AccountId, who?.PrincipalId, who?.AccessKeyId,
                who?.UserName, who?.InvokedBy, who?.SessionContext?.SessionIssuer?.Arn,
                who?.SessionContext?.Attributes?.MfaAuthenticated, who?.SessionContext?.Attributes?.CreationDate?.UtcDateTime,
            ];
            for (int i = 0; i < expected.Length; i++)
            {
                object? actual = row[i + 2] is DateTime or DateTimeOffset ? Utc(row[i + 2]) : row[i + 2];
                Assert.True(Equals(expected[i], actual), $"{where}column {i + 2}: expected {expected[i] ?? "null"}, exported {actual ?? "null"}");
            }
            JsonEqual(where + "requestParameters", r.RequestParameters, row[27]);
            JsonEqual(where + "responseElements", r.ResponseElements, row[28]);
            JsonEqual(where + "additionalEventData", r.AdditionalEventData, row[29]);
            JsonEqual(where + "serviceEventDetails", r.ServiceEventDetails, row[30]);
            var arns = r.Resources?.Select(x => x?.Arn).ToList();
            var exported = (row[31] as System.Collections.IEnumerable)?.Cast<object?>().Select(x => (string?)x).ToList();
            Assert.Equal(arns, exported);
            Assert.Equal(r.TlsDetails?.TlsVersion, row[32]);
            Assert.Equal(r.SharedEventID, row[33]);
            Assert.Equal(r.VpcEndpointId, row[34]);
            Assert.Equal(r.SessionCredentialFromConsole, row[35]);
            Assert.Equal(r.RequestID, row[36]);
            Assert.Equal(r.ApiVersion, row[37]);
        }
    }

    private static void JsonEqual(string what, RawJson? part, object? exported)
    {
        if (part is null)
        {
            Assert.True(exported is null, $"{what}: expected null, exported {exported}");
            return;
        }
        Assert.True(exported is string, $"{what}: expected JSON text, exported {exported ?? "null"}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(part.Value.ToString()), JsonNode.Parse((string)exported!)), $"{what} differs");
    }

    /// <summary>A partition value as read back: unescaped, and null for Hive's default partition.</summary>
    private static string? Partition(object? value) =>
        value is string text && text != "__HIVE_DEFAULT_PARTITION__" ? Uri.UnescapeDataString(text) : null;

    private static DateTime? Utc(object? value) => value switch
    {
        DateTimeOffset time => time.UtcDateTime,
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc), // DuckDB gives TIMESTAMPTZ in the session's time zone, set to UTC
        _ => null,
    };

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    private static DuckDBConnection Open()
    {
        var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SET TimeZone = 'UTC'";
        command.ExecuteNonQuery();
        return db;
    }

    private static string Table(string output, string table) =>
        $"read_parquet('{Path.Combine(output, table).Replace("'", "''")}/**/*.parquet', hive_partitioning = true, hive_types = {{'account': 'VARCHAR', 'region': 'VARCHAR', 'date': 'DATE'}})";

    private static List<object?[]> Rows(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
