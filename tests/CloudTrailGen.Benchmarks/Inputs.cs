using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TrailScan.Synth;

namespace CloudTrailGen.Benchmarks;

/// <summary>
/// Benchmark inputs: a synthetic log written by TrailScan's synth code, and real records from ../shared/corpus (only those a hand-written System.Text.Json
/// model can read, so every contender reads the same bytes), or the repository's own seed records
/// when the corpus is absent, repeated into a log file <c>{"Records":[...]}</c>.
/// </summary>
internal static class Inputs
{
    /// <summary>The names the benchmarks' <c>Input</c> parameter takes.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>The corpus input (or the seed records when the corpus is absent).</summary>
    public const string Corpus = "corpus";

    // Records of the synthetic log: about 50 MB with seed 7.
    private const int SyntheticRecordCount = 35_700;
    private const int SyntheticSeed = 7;

    private static readonly Dictionary<string, Input> s_inputs = new(StringComparer.Ordinal);

    /// <summary>One benchmark input: a log file held in memory.</summary>
    public sealed record Input(string Name, byte[] Log, int Count, string Source);

    /// <summary>The input of that name, made on first use (in each process that asks).</summary>
    public static Input Get(string name)
    {
        lock (s_inputs)
        {
            if (s_inputs.TryGetValue(name, out var input)) return input;
            if (name == Synthetic)
            {
                byte[] log = SyntheticLog(SyntheticRecordCount, SyntheticSeed);
                input = new Input(name, log, SyntheticRecordCount, $"trailscan synth --records {SyntheticRecordCount} --seed {SyntheticSeed}");
            }
            else if (name == Corpus)
            {
                var (records, source) = Records();
                var (log, count) = LogFile(records, 50L * 1024 * 1024);
                input = new Input(name, log, count, $"{records.Count} distinct records from {source}, repeated");
            }
            else
            {
                throw new ArgumentException($"No benchmark input named '{name}'.", nameof(name));
            }
            s_inputs[name] = input;
            return input;
        }
    }

    /// <summary>
    /// The log <c>trailscan synth --records N --seed S --out log.json</c> writes, made in memory by
    /// the same code (samples/TrailScan/Synth) over the catalog files of TrailScan's services.
    /// </summary>
    public static byte[] SyntheticLog(int records, int seed)
    {
        var catalog = SynthCatalog.Load(Path.Combine(AppContext.BaseDirectory, "synth-catalog"));
        using var output = new MemoryStream();
        new Synthesizer(catalog, new SynthOptions { Records = records, Seed = seed }).Write(output, SynthFormat.LogFile);
        return output.ToArray();
    }

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
