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

    /// <summary>
    /// The corpus records as a real log holds them: shuffled, each copy with its own eventID,
    /// requestID and eventTime (see <see cref="MixedLog"/>).
    /// </summary>
    public const string Mixed = "mixed";

    /// <summary>The event sources of the ten services the benchmark project selects (its csproj).</summary>
    public static readonly string[] TypedSources =
        ["ec2", "s3", "iam", "sts", "kms", "lambda", "dynamodb", "sns", "cloudtrail", "signin"];

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
            else if (name == Mixed || name.StartsWith(Mixed + ":", StringComparison.Ordinal))
            {
                var (records, source) = Records();
                string subset = name.Length > Mixed.Length ? name[(Mixed.Length + 1)..] : "";
                var chosen = records.Where(r => InSubset(r, subset)).ToList();
                if (chosen.Count == 0) throw new ArgumentException($"No record of {source} is in the subset '{subset}'.", nameof(name));
                var (log, count) = MixedLog(chosen, 50L * 1024 * 1024, seed: 26);
                input = new Input(name, log, count, $"{chosen.Count} distinct records from {source}{(subset.Length > 0 ? $" ({subset})" : "")}, shuffled, ids and times made unique");
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

    /// <summary>
    /// Whether a record is in a subset of the mixed input (for looking inside one contender with the
    /// <c>loop</c> and <c>allocations</c> helpers): <c>""</c> every record, <c>typed</c> the records
    /// of the ten selected services, <c>untyped</c> the others, or an eventSource prefix such as
    /// <c>ec2</c>.
    /// </summary>
    private static bool InSubset(string record, string subset)
    {
        if (subset.Length == 0) return true;
        string source = "";
        using (var doc = JsonDocument.Parse(record))
        {
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("eventSource", out var s) && s.ValueKind == JsonValueKind.String)
            {
                source = s.GetString()!;
            }
        }
        bool typed = TypedSources.Any(t => source == t + ".amazonaws.com");
        return subset switch
        {
            "typed" => typed,
            "untyped" => !typed,
            _ => source == subset + ".amazonaws.com",
        };
    }

    private static readonly System.Text.RegularExpressions.Regex s_unique = new(
        "\"(eventID|requestID|sharedEventID)\":\"[^\"]*\"|\"eventTime\":\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z\"",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// A log file of about <paramref name="targetBytes"/> bytes made of <paramref name="records"/>
    /// as a real log holds them: each pass over the records in a new shuffled order, and every
    /// copy with its own eventID, requestID and sharedEventID (new GUIDs) and its own eventTime (one
    /// second after the last), as in a real trail, where those never repeat. Other values are kept
    /// verbatim, so what repeats across records of a real account (sources, names, ARNs, agents)
    /// repeats here too. The same records and seed give the same bytes.
    /// </summary>
    public static (byte[] Log, int Count) MixedLog(IReadOnlyList<string> records, long targetBytes, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder("{\"Records\":[");
        var order = Enumerable.Range(0, records.Count).ToArray();
        var time = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        byte[] guid = new byte[16];
        int count = 0;
        while (builder.Length < targetBytes)
        {
            random.Shuffle(order);
            foreach (int i in order)
            {
                if (builder.Length >= targetBytes) break;
                if (count > 0) builder.Append(',');
                time = time.AddSeconds(1);
                string stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                builder.Append(s_unique.Replace(records[i], m =>
                {
                    if (m.Value.StartsWith("\"eventTime\"", StringComparison.Ordinal)) return $"\"eventTime\":\"{stamp}\"";
                    random.NextBytes(guid);
                    string key = m.Value[..(m.Value.IndexOf(':') + 1)];
                    return $"{key}\"{new Guid(guid)}\"";
                }));
                count++;
            }
        }
        builder.Append("]}");
        return (Encoding.UTF8.GetBytes(builder.ToString()), count);
    }
}
