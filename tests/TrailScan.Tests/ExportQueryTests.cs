using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace TrailScan.Tests;

/// <summary>
/// trailscan-query's answers to the first questions (docs/parquet.md) over an export equal the
/// counts <c>trailscan summary --format json</c> gives over the same logs with its filters.
/// </summary>
public partial class ExportTests
{
    [Fact]
    public void Query_answers_equal_the_counts_of_trailscan_summary()
    {
        using var temp = new TempFolder();
        string log = temp.File("synth.json.gz");
        Assert.Equal(0, App.Run("synth", "--records", "6000", "--seed", "31", "--days", "2", "--out", log).ExitCode);
        string[] inputs = [SampleLogs, log, temp.Write("fixture.ndjson", Fixture.Ndjson())];
        string output = temp.File("out");
        var export = App.Run(["export", .. inputs, "--out", output, "--table", "sts:AssumeRole"]);
        Assert.True(export.ExitCode == 0, export.ToString());

        // Top callers of a service: summary --service's principals, by identity type, name and the caller's account.
        foreach (string service in new[] { "iam", "sts", "s3" })
        {
            var callers = Query(output, $"""
                SELECT coalesce(nullif(userIdentity.type, ''), '-') AS type, principal(userIdentity) AS caller,
                    coalesce(nullif(userIdentity.accountId, ''), '-') AS account, count(*) AS calls
                FROM records WHERE eventSource = '{service}.amazonaws.com' GROUP BY ALL ORDER BY calls DESC, type, caller
                """);
            var summary = Summary([.. inputs, "--service", service]);
            var expected = summary["principals"]!.AsArray().Select(p => $"{p!["type"]},{Csv((string)p["name"]!)},{p["account"]},{p["count"]}").ToList();
            Assert.True(expected.Count > 1, $"{service}: {expected.Count} callers");
            Assert.Equal(expected.Order(StringComparer.Ordinal), callers.Order(StringComparer.Ordinal));
            Assert.Equal((long)summary["records"]!, callers.Sum(c => long.Parse(c[(c.LastIndexOf(',') + 1)..])));
        }

        // Failed console logins by source IP: summary's notable failed sign-ins, with --ip for each address.
        var failed = Query(output, """
            SELECT sourceIPAddress, count(*) AS failures FROM records
            WHERE eventName = 'ConsoleLogin' AND json_extract_string(responseElements, '$.ConsoleLogin') = 'Failure'
            GROUP BY 1 ORDER BY 2 DESC, 1
            """);
        Assert.True(failed.Count > 1, $"{failed.Count} addresses with failed console logins");
        Assert.Equal(FailedSignIns(Summary([.. inputs, "--event", "ConsoleLogin"])), failed.Sum(f => long.Parse(f[(f.LastIndexOf(',') + 1)..])));
        foreach (string row in failed)
        {
            string ip = row[..row.IndexOf(',')];
            long count = long.Parse(row[(row.IndexOf(',') + 1)..]);
            Assert.True(FailedSignIns(Summary([.. inputs, "--event", "ConsoleLogin", "--ip", ip])) == count, $"{ip}: {count} failed in the export");
        }

        // Who assumed a given role: the typed AssumeRole table joined to records, against summary --resource.
        var roles = Query(output, "SELECT request.roleArn, count(*) FROM sts_AssumeRole GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3");
        Assert.Equal(3, roles.Count);
        foreach (string row in roles)
        {
            string role = row[..row.LastIndexOf(',')];
            var who = Query(output, $"""
                SELECT coalesce(nullif(r.userIdentity.type, ''), '-') AS type, principal(r.userIdentity) AS who,
                    coalesce(nullif(r.userIdentity.accountId, ''), '-') AS account, count(*) AS times
                FROM sts_AssumeRole a JOIN records r USING (sourceObject, recordIndex) WHERE a.request.roleArn = '{role}' GROUP BY ALL
                """);
            var summary = Summary([.. inputs, "--event", "AssumeRole", "--resource", role]);
            var expected = summary["principals"]!.AsArray().Select(p => $"{p!["type"]},{Csv((string)p["name"]!)},{p["account"]},{p["count"]}").ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Order(StringComparer.Ordinal), who.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Query_over_logs_writes_only_problems_to_a_redirected_stderr()
    {
        using var temp = new TempFolder();
        string good = temp.Write("good/log.ndjson", Fixture.Ndjson());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, TrailScan.Query.Program.Run(["SELECT count(*) AS n FROM records", good, "--format", "csv"], stdout, stderr));
        Assert.Equal("n\n9\n", stdout.ToString().ReplaceLineEndings("\n"));
        Assert.Equal("", stderr.ToString()); // no report of the export to a temporary folder, no progress

        // A malformed line is still reported (and the query answers over the records read).
        string bad = temp.Write("bad/log.ndjson", Fixture.Ndjson() + "{\"eventVersion\": \n" + Fixture.CreateUser + "\n");
        stdout = new StringWriter();
        stderr = new StringWriter();
        int code = TrailScan.Query.Program.Run(["SELECT count(*) AS n FROM records", bad, "--format", "csv"], stdout, stderr);
        Assert.Contains("log.ndjson", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("exported", stderr.ToString(), StringComparison.Ordinal);
        Assert.True(code == 1, $"exit {code}: {stderr}");
    }

    [Fact]
    public void Query_over_logs_that_could_not_all_be_read_exits_as_export_does_with_the_answer()
    {
        // A folder of logs with a corrupt .json.gz beside a good log.
        using var temp = new TempFolder();
        string folder = temp.File("logs");
        temp.Write("logs/good.ndjson", Fixture.Ndjson());
        File.WriteAllBytes(temp.File("logs/corrupt.json.gz"), [0x1f, 0x8b, 0x08, 0x00, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc]);
        var export = App.Run("export", folder, "--out", temp.File("out"));
        Assert.True(export.ExitCode == ExitCodes.BadInput, export.ToString());

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TrailScan.Query.Program.Run(["SELECT count(*) AS n FROM records", folder, "--format", "csv"], stdout, stderr);
        Assert.True(code == export.ExitCode, $"exit {code}: {stderr}");
        Assert.Equal("n\n9\n", stdout.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("corrupt.json.gz", stderr.ToString(), StringComparison.Ordinal);

        // A query that fails is 1 whatever was read.
        stdout = new StringWriter();
        Assert.Equal(1, TrailScan.Query.Program.Run(["SELECT nothing FROM records", temp.File("logs/good.ndjson")], stdout, new StringWriter()));
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void The_sql_docs_give_for_errors_counts_what_summary_errors_counts()
    {
        // errorCode "" stays "" in the table (lossless); --errors, as the SQL docs/parquet.md gives
        // for it, counts an errorCode that is a string with at least one character.
        using var temp = new TempFolder();
        string emptyError = Fixture.CreateUser.Replace("\"eventSource\":", "\"errorCode\":\"\",\"eventSource\":", StringComparison.Ordinal);
        string log = temp.Write("log.ndjson", Fixture.Ndjson([.. Fixture.All, emptyError]));
        long errors = (long)Summary([log, "--errors"])["records"]!;
        Assert.True(errors > 0);
        string docs = File.ReadAllText(Path.Combine(Repository.Folder!, "docs", "parquet.md"));
        const string Rule = "WHERE errorCode <> ''";
        Assert.Contains(Rule, docs, StringComparison.Ordinal);
        var counts = JsonNode.Parse(QueryRun([$"SELECT count(*) FILTER ({Rule[6..]}) AS rule, count(*) FILTER (errorCode IS NOT NULL) AS notNull, count(*) FILTER (errorCode = '') AS empty FROM records", log, "--format", "json"]))![0]!;
        Assert.Equal(errors, (long)counts["rule"]!);
        Assert.Equal(errors + 1, (long)counts["notNull"]!);
        Assert.Equal(1L, (long)counts["empty"]!);
    }

    [Fact]
    public void Query_table_shows_whole_values_when_they_fit_and_says_when_it_cuts_them()
    {
        // Two role ARNs that differ after their 60th character.
        const string Blue = "arn:aws:iam::111122223333:role/service-role/deployments-pipeline-production-blue";
        const string Green = "arn:aws:iam::111122223333:role/service-role/deployments-pipeline-production-green";
        using var temp = new TempFolder();
        string log = temp.Write("log.ndjson", Fixture.Ndjson());
        string[] Table(int? width)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = TrailScan.Query.Program.Run([$"SELECT * FROM (VALUES ('{Blue}'), ('{Green}')) t(arn)", log], stdout, stderr, width: width);
            Assert.True(code == 0, $"exit {code}: {stderr}");
            return stdout.ToString().ReplaceLineEndings("\n").Split('\n');
        }

        // COLUMNS=200, and output to a file or pipe (no width): whole.
        foreach (int? width in new int?[] { 200, null })
        {
            Assert.Equal(["arn", new string('-', Green.Length), Blue, Green, "(2 rows)", ""], Table(width));
        }
        // 70 columns: cut, marked, and said.
        Assert.Equal(["arn", new string('-', 70), Blue[..69] + "…", Green[..69] + "…", "(2 rows; values longer than 70 characters cut to fit 70 columns: --format csv or json prints them whole)", ""], Table(70));
    }

    [Fact]
    public void Query_of_a_table_not_exported_names_the_tables_and_how_to_export_it()
    {
        using var temp = new TempFolder();
        string log = temp.Write("log.ndjson", Fixture.Ndjson());
        string output = temp.File("out");
        Assert.Equal(0, App.Run("export", log, "--out", output).ExitCode);
        (int Code, string Stderr) Run(params string[] args)
        {
            var stderr = new StringWriter();
            int code = TrailScan.Query.Program.Run(args, new StringWriter(), stderr);
            return (code, stderr.ToString().ReplaceLineEndings("\n"));
        }

        // Over logs: --table of trailscan-query; DuckDB's "Did you mean" of a table of its own catalog is left out.
        var fromLogs = Run("SELECT * FROM iam_AttachRolePolicy", log);
        Assert.Equal(1, fromLogs.Code);
        Assert.StartsWith("trailscan-query: Catalog Error: Table with name iam_AttachRolePolicy does not exist!\n", fromLogs.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", fromLogs.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("\ntables: records\niam_AttachRolePolicy would be a per-event table, and those are exported only when asked for: give trailscan-query --table iam:AttachRolePolicy with the logs (or --table iam for every event of the service)\n", fromLogs.Stderr, StringComparison.Ordinal);

        // Over an export folder: trailscan export --table.
        var fromExport = Run("SELECT * FROM iam_AttachRolePolicy", output);
        Assert.Contains("\niam_AttachRolePolicy would be a per-event table, and those are exported only when asked for: export the logs again with trailscan export --table iam:AttachRolePolicy (or --table iam for every event of the service)\n", fromExport.Stderr, StringComparison.Ordinal);

        // A "Did you mean" of a table there is kept.
        var misspelt = Run("SELECT * FROM recods", output);
        Assert.Contains("Did you mean \"records\"?", misspelt.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("\nper-event tables (SERVICE_EVENT, such as iam_AttachRolePolicy) are exported only when asked for: export the logs again with trailscan export --table SERVICE[:EVENT]\n", misspelt.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_over_logs_takes_the_options_export_reads_them_with()
    {
        using var temp = new TempFolder();
        string log = temp.Write("log.ndjson", Fixture.Ndjson());
        string[][] options = [["--service", "iam"], ["--service", "iam", "--service", "sts"], ["--errors"], ["--since", "2024-03-04T09:30:00Z", "-j", "1", "--dedupe"], ["--not-service", "s3", "--verbose"]];
        var counts = new List<long>();
        foreach (string[] given in options)
        {
            long expected = (long)Summary([log, .. given])["records"]!;
            counts.Add(expected);
            Assert.Equal($"n\n{expected}\n", QueryRun(["SELECT count(*) AS n FROM records", log, .. given, "--format", "csv"]).ReplaceLineEndings("\n"));
        }
        Assert.True(counts.Distinct().Count() > 2, string.Join(", ", counts));
        // With no PATH: the sample logs, filtered.
        long iam = (long)Summary([SampleLogs, "--service", "iam"])["records"]!;
        Assert.Equal($"n\n{iam}\n", QueryRun(["SELECT count(*) AS n FROM records", "--service", "iam", "--format", "csv"]).ReplaceLineEndings("\n"));

        // Help lists them; over an export folder they are a usage error (it is queried as written).
        var help = new StringWriter();
        Assert.Equal(0, TrailScan.Query.Program.Run(["--help"], help, new StringWriter()));
        foreach (string option in new[] { "--service", "--since", "--errors", "--dedupe", "--parallel", "--endpoint-url", "--profile", "--s3-timeout" }) Assert.Contains(option + " ", help.ToString(), StringComparison.Ordinal);
        string output = temp.File("out");
        Assert.Equal(0, App.Run("export", log, "--out", output).ExitCode);
        var stderr = new StringWriter();
        Assert.Equal(2, TrailScan.Query.Program.Run(["SELECT 1", output, "--service", "iam"], new StringWriter(), stderr));
        Assert.StartsWith("trailscan-query: --service is an option of trailscan export, for logs given as PATHs", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--", "SELECT 42 AS answer", "--help")] // after --, where it would be read as a PATH
    [InlineData("--", "-h")] // or as the SQL
    public void Query_help_is_printed_with_exit_code_0_and_runs_no_query(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TrailScan.Query.Program.Run(args, stdout, stderr);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Equal("", stderr.ToString());
        Assert.Contains("Usage:", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("<SQL> [<PATH>...] [options]", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(1 row)", stdout.ToString(), StringComparison.Ordinal);
    }

    private static JsonObject Summary(string[] args)
    {
        var run = App.Run(["summary", .. args, "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Json;
    }

    /// <summary>The failed console sign-ins among summary's notable changes.</summary>
    private static long FailedSignIns(JsonObject summary) =>
        summary["notable"]!.AsArray().Count(n => (string?)n!["eventName"] == "ConsoleLogin" && ((string?)n["detail"])!.StartsWith("console sign-in FAILED", StringComparison.Ordinal));

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
