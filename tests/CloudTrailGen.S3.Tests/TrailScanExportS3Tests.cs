using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using DuckDB.NET.Data;
using TrailScan;
using Xunit;
using static CloudTrailGen.S3.Tests.TrailScanRun;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// trailscan export over s3:// (s3rver) against the same objects in a local folder and on standard
/// input: the same tables, row for row (sourceObject names the object each way, and standard input's
/// recordIndex counts on across the objects; read back with DuckDB).
/// </summary>
[Collection(S3ServerCollection.Name)]
public sealed class TrailScanExportS3Tests(S3ServerFixture server)
{
    private const string Bucket = "trail-export";
    private static readonly string[] s_tables = ["--table", "iam", "--table", "ec2", "--table", "sts", "--table", "s3"];

    [Fact]
    public async Task Export_of_a_bucket_equals_the_export_of_a_local_copy_and_of_standard_input()
    {
        var temp = Path.Combine(Path.GetTempPath(), "trailscan-export-s3-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Synthetic logs of two regions in the AWSLogs layout, uploaded and kept as a local copy (keys as paths).
            var local = Path.Combine(temp, "copy");
            var keys = new List<string>();
            foreach (var (region, seed, records) in new[] { ("eu-west-1", 51, 800), ("us-east-1", 52, 1200), ("us-east-1", 53, 600) })
            {
                string stamp = $"20250106T{seed - 40:D2}00Z";
                string key = $"AWSLogs/111122223333/CloudTrail/{region}/2025/01/06/111122223333_CloudTrail_{region}_{stamp}_{seed}.json.gz";
                string path = Path.Combine(local, key);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                Assert.Equal(0, Run(["synth", "--records", records.ToString(), "--seed", seed.ToString(), "--start", "2025-01-05T12:00:00Z", "--out", path]).Code);
                keys.Add(key);
            }
            keys.Sort(StringComparer.Ordinal);
            await server.Client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
            foreach (string key in keys)
            {
                await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, FilePath = Path.Combine(local, key), UseChunkEncoding = false });
            }

            var fromFolder = Run(["export", local, "--out", Path.Combine(temp, "folder"), .. s_tables]);
            var fromS3 = WithCredentials(() => Run(["export", $"s3://{Bucket}", "--endpoint-url", server.Endpoint.ToString(), "--out", Path.Combine(temp, "s3"), .. s_tables]));
            byte[] piped = keys.SelectMany(k => File.ReadAllBytes(Path.Combine(local, k))).ToArray();
            var fromStdin = Run(["export", "-", "--out", Path.Combine(temp, "stdin"), .. s_tables], piped);
            Assert.True(fromFolder.Code == 0, fromFolder.Stderr);
            Assert.True(fromS3.Code == 0, fromS3.Stderr);
            Assert.True(fromStdin.Code == 0, fromStdin.Stderr);
            Assert.Contains("records: 2,600 rows", fromFolder.Stdout, StringComparison.Ordinal);
            Assert.Equal(fromFolder.Stdout, fromS3.Stdout);
            Assert.Equal(fromFolder.Stdout, fromStdin.Stdout);

            // The per-event tables: the same files, with the same rows but for the input each row
            // names as the records table does (sourceObject; and recordIndex for standard input).
            var folderFiles = Files(Path.Combine(temp, "folder"));
            var eventTables = folderFiles.Keys.Where(f => !f.StartsWith("records", StringComparison.Ordinal)).Select(f => f[..f.IndexOf(Path.DirectorySeparatorChar)]).Distinct().ToList();
            Assert.True(eventTables.Count > 10, $"{eventTables.Count} event tables");
            Assert.Equal(folderFiles.Keys.Order(StringComparer.Ordinal), Files(Path.Combine(temp, "stdin")).Keys.Order(StringComparer.Ordinal));
            Assert.Equal(folderFiles.Keys.Order(StringComparer.Ordinal), Files(Path.Combine(temp, "s3")).Keys.Order(StringComparer.Ordinal));
            foreach (string table in eventTables)
            {
                var expected = TableRows(Path.Combine(temp, "folder", table), "sourceObject");
                Assert.NotEmpty(expected);
                Assert.Equal(expected, TableRows(Path.Combine(temp, "s3", table), "sourceObject"));
                Assert.Equal(TableRows(Path.Combine(temp, "folder", table), "sourceObject, recordIndex"), TableRows(Path.Combine(temp, "stdin", table), "sourceObject, recordIndex"));
            }

            // records: row for row; sourceObject is the object's path, its s3:// address, or "-".
            var folderRows = RecordRows(Path.Combine(temp, "folder"));
            var s3Rows = RecordRows(Path.Combine(temp, "s3"));
            var stdinRows = RecordRows(Path.Combine(temp, "stdin"));
            Assert.Equal(2600, folderRows.Count);
            Assert.Equal(folderRows.Count, s3Rows.Count);
            Assert.Equal(folderRows.Count, stdinRows.Count);
            var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
            long offset = 0;
            foreach (string key in keys)
            {
                offsets[key] = offset;
                offset += folderRows.Count(r => r.Source == Path.Combine(local, key));
            }
            for (int i = 0; i < folderRows.Count; i++)
            {
                string key = Path.GetRelativePath(local, folderRows[i].Source).Replace(Path.DirectorySeparatorChar, '/');
                Assert.Equal($"s3://{Bucket}/{key}", s3Rows[i].Source);
                Assert.Equal(folderRows[i].Index, s3Rows[i].Index);
                Assert.True(JsonNode.DeepEquals(folderRows[i].Row, s3Rows[i].Row), $"s3 row {i} differs");
                Assert.Equal("-", stdinRows[i].Source);
                Assert.Equal(offsets[key] + folderRows[i].Index, stdinRows[i].Index);
                Assert.True(JsonNode.DeepEquals(folderRows[i].Row, stdinRows[i].Row), $"stdin row {i} differs");
            }
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The records table's rows in input order (by sourceObject, then recordIndex; standard input's by recordIndex): every other column as JSON.</summary>
    private static List<(string Source, long Index, JsonObject Row)> RecordRows(string output)
    {
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = $$"""
            SET TimeZone = 'UTC';
            SELECT sourceObject, recordIndex, to_json(t)::VARCHAR
            FROM read_parquet('{{Path.Combine(output, "records").Replace("'", "''")}}/**/*.parquet', hive_partitioning = true, hive_types = {'account': 'VARCHAR', 'region': 'VARCHAR', 'date': 'DATE'}) t
            ORDER BY sourceObject, recordIndex
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, JsonObject)>();
        while (reader.Read())
        {
            var row = JsonNode.Parse(reader.GetString(2))!.AsObject();
            row.Remove("sourceObject");
            row.Remove("recordIndex");
            rows.Add((reader.GetString(0), reader.GetInt64(1), row));
        }
        return rows;
    }

    /// <summary>A table's rows as JSON text (with their partition), but for the columns <paramref name="excluded"/> lists, sorted.</summary>
    internal static List<string> TableRows(string table, string excluded)
    {
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = $$"""
            SET TimeZone = 'UTC';
            SELECT to_json(t)::VARCHAR AS row
            FROM (SELECT * EXCLUDE ({{excluded}}) FROM read_parquet('{{table.Replace("'", "''")}}/**/*.parquet', hive_partitioning = true, hive_types = {'account': 'VARCHAR', 'region': 'VARCHAR', 'date': 'DATE'})) t
            ORDER BY row
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);
}
