using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace CloudTrailGen.Benchmarks;

/// <summary>
/// Benchmark inputs: real records from ../shared/corpus (only those a hand-written System.Text.Json
/// model can read, so every contender reads the same bytes), or the repository's own seed records
/// when the corpus is absent, repeated into a log file <c>{"Records":[...]}</c>.
/// </summary>
internal static class Inputs
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudTrailGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run the benchmarks from inside the repository (CloudTrailGen.sln not found above " + AppContext.BaseDirectory + ").");
    }

    /// <summary>The distinct records used, compact JSON, and where they came from.</summary>
    public static (List<string> Records, string Source) Records()
    {
        string root = RepositoryRoot();
        string corpus = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpus"));
        var records = new List<string>();
        string source;
        if (Directory.Exists(corpus))
        {
            source = "../shared/corpus";
            foreach (var file in Directory.GetFiles(corpus, "*.ndjson").OrderBy(f => f, StringComparer.Ordinal))
            {
                records.AddRange(File.ReadLines(file).Where(l => l.Trim().Length > 0));
            }
        }
        else
        {
            source = "tests/CloudTrailGen.Consumer.Tests/TestData/seed";
            foreach (var file in Directory.GetFiles(Path.Combine(root, source), "*.json").OrderBy(f => f, StringComparer.Ordinal))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                records.Add(JsonSerializer.Serialize(doc.RootElement));
            }
        }
        var readable = records.Where(r =>
        {
            try
            {
                return JsonSerializer.Deserialize(r, PocoContext.Default.PocoRecord) is not null;
            }
            catch (JsonException)
            {
                return false;
            }
        }).ToList();
        return (readable, source);
    }

    /// <summary>A log file of about <paramref name="targetBytes"/> bytes, and how many records it holds.</summary>
    public static (byte[] Log, int Count) LogFile(IReadOnlyList<string> records, long targetBytes)
    {
        var builder = new StringBuilder("{\"Records\":[");
        int count = 0;
        while (builder.Length < targetBytes)
        {
            if (count > 0) builder.Append(',');
            builder.Append(records[count % records.Count]);
            count++;
        }
        builder.Append("]}");
        return (Encoding.UTF8.GetBytes(builder.ToString()), count);
    }
}
