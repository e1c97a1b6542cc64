using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace TrailScan.Tests;

/// <summary>export reads standard input as it reads files: the same rows (s3:// is in CloudTrailGen.S3.Tests, against s3rver).</summary>
public partial class ExportTests
{
    [Fact]
    public void Export_of_standard_input_writes_the_rows_of_the_same_files()
    {
        using var temp = new TempFolder();
        string folder = temp.File("in");
        Directory.CreateDirectory(folder);
        Assert.Equal(0, App.Run("synth", "--records", "1500", "--seed", "41", "--out", Path.Combine(folder, "a.json.gz")).ExitCode);
        Assert.Equal(0, App.Run("synth", "--records", "1000", "--seed", "42", "--days", "2", "--out", Path.Combine(folder, "b.json.gz")).ExitCode);
        string[] tables = ["--table", "iam", "--table", "ec2", "--table", "sts", "--table", "ssm"];

        var fromFiles = App.Run(["export", folder, "--out", temp.File("files"), .. tables]);
        Assert.True(fromFiles.ExitCode == 0, fromFiles.ToString());
        // cat a.json.gz b.json.gz | trailscan export - : two gzip members, two log documents.
        byte[] piped = [.. File.ReadAllBytes(Path.Combine(folder, "a.json.gz")), .. File.ReadAllBytes(Path.Combine(folder, "b.json.gz"))];
        var fromStdin = App.RunWithStdin(piped, piped: true, ["export", "-", "--out", temp.File("stdin"), .. tables]);
        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        Assert.Equal(fromFiles.Stdout, fromStdin.Stdout); // rows and files per table

        // The per-event tables: the same files, with the same rows but for the input they name
        // (sourceObject and recordIndex, as the records table names it).
        var files = Files(temp.File("files"));
        var stdin = Files(temp.File("stdin"));
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), stdin.Keys.Order(StringComparer.Ordinal));
        Assert.True(files.Keys.Count(k => !k.StartsWith("records", StringComparison.Ordinal)) > 20);
        foreach (string table in new DirectoryInfo(temp.File("files")).GetDirectories().Select(d => d.Name).Where(t => t != "records"))
        {
            Assert.Equal(EventRows(temp.File("files"), table), EventRows(temp.File("stdin"), table));
        }

        // records: the same rows in the same order; sourceObject is "-" and recordIndex counts on across the two documents.
        var byFile = RecordRows(temp.File("files"));
        var byStdin = RecordRows(temp.File("stdin"));
        Assert.Equal(2500, byFile.Count);
        Assert.Equal(byFile.Count, byStdin.Count);
        long a = byFile.Count(r => r.Source.EndsWith("a.json.gz", StringComparison.Ordinal));
        Assert.Equal(1500, a);
        for (int i = 0; i < byFile.Count; i++)
        {
            Assert.Equal("-", byStdin[i].Source);
            Assert.Equal(byFile[i].Source.EndsWith("a.json.gz", StringComparison.Ordinal) ? byFile[i].Index : a + byFile[i].Index, byStdin[i].Index);
            Assert.True(JsonNode.DeepEquals(byFile[i].Row, byStdin[i].Row), $"row {i}: {byFile[i].Row.ToJsonString()}\n{byStdin[i].Row.ToJsonString()}");
        }
    }

    /// <summary>A per-event table's rows as JSON text, but for the input each names (sourceObject, recordIndex), sorted.</summary>
    private static List<string> EventRows(string output, string table)
    {
        using var db = Open();
        var rows = Rows(db, $"SELECT to_json(t)::VARCHAR AS row FROM (SELECT * EXCLUDE (sourceObject, recordIndex) FROM {Table(output, table)}) t ORDER BY row");
        return rows.Select(r => (string)r[0]!).ToList();
    }

    /// <summary>The records table's rows in input order: sourceObject, recordIndex, and every other column as JSON.</summary>
    private static List<(string Source, long Index, JsonObject Row)> RecordRows(string output)
    {
        using var db = Open();
        var rows = Rows(db, $"SELECT sourceObject, recordIndex, to_json(t)::VARCHAR FROM {Table(output, "records")} t ORDER BY sourceObject, recordIndex");
        return rows.Select(r =>
        {
            var row = JsonNode.Parse((string)r[2]!)!.AsObject();
            row.Remove("sourceObject");
            row.Remove("recordIndex");
            return ((string)r[0]!, (long)r[1]!, row);
        }).ToList();
    }
}
