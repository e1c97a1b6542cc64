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
                FROM sts_AssumeRole a JOIN records r USING (eventID) WHERE a.request.roleArn = '{role}' GROUP BY ALL
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
        Assert.True(code is 0 or 1, $"exit {code}: {stderr}");
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
        Assert.DoesNotContain("answer", stdout.ToString(), StringComparison.Ordinal);
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
