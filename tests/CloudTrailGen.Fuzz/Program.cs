using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CloudTrailGen;
using CloudTrailGen.Reliability;
using Fuzz.Ct;
using SharpFuzz;

namespace CloudTrailGen.Fuzz;

/// <summary>
/// Fuzz targets for the record converter and the log reader (see docs/fuzzing.md).
/// <list type="bullet">
/// <item><c>afl record|log</c>: one input per process run under AFL++ (SharpFuzz's out-of-process mode).</item>
/// <item><c>libfuzzer record|log</c>: under libFuzzer through libfuzzer-dotnet.</item>
/// <item><c>loop SECONDS [SEED] [CORPUS_DIR]</c>: a time-bounded mutation loop in this process. Not coverage-guided.</item>
/// <item><c>seeds DIR</c>: writes starting inputs made from our own records.</item>
/// <item><c>replay FILE...</c>: runs both targets on saved inputs (findings), showing any exception.</item>
/// </list>
/// A target fails (an exception escapes) when the converter throws anything but JsonException,
/// when a record it read does not write back equal, or when the reader throws anything but
/// CloudTrailFormatException.
/// </summary>
public static class Program
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> s_typed = new();

    public static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "";
        string target = args.Length > 1 ? args[1] : "";
        switch (mode)
        {
            case "afl":
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    Target(target)(buffer.ToArray());
                });
                return 0;
            case "libfuzzer":
                var run = Target(target);
                Fuzzer.LibFuzzer.Run(span => run(span.ToArray()));
                return 0;
            case "loop":
                return Loop(
                    TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60),
                    args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount,
                    args.Length > 3 ? args[3] : null);
            case "seeds":
                WriteSeeds(args.Length > 1 ? args[1] : "seeds");
                return 0;
            case "replay":
                int failed = 0;
                foreach (var file in args.Skip(1))
                {
                    byte[] data = File.ReadAllBytes(file);
                    foreach (var name in new[] { "record", "log" })
                    {
                        try
                        {
                            Target(name)(data);
                        }
                        catch (Exception e)
                        {
                            failed++;
                            Console.WriteLine($"{file} ({name}): {e}");
                        }
                    }
                }
                Console.WriteLine($"{args.Length - 1} inputs replayed, {failed} failures");
                return failed == 0 ? 0 : 1;
            default:
                Console.Error.WriteLine("usage: afl record|log | libfuzzer record|log | loop SECONDS [SEED] [CORPUS_DIR] | seeds DIR | replay FILE...");
                return 2;
        }
    }

    private static Action<byte[]> Target(string name) => name switch
    {
        "record" => Record,
        "log" => Log,
        _ => throw new ArgumentException($"unknown target '{name}': use record or log"),
    };

    /// <summary>The converter: JsonException or a record that writes back equal.</summary>
    public static void Record(byte[] data)
    {
        CloudTrailRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(data, CloudTrailJsonContext.Default.CloudTrailRecord);
        }
        catch (JsonException)
        {
            return;
        }
        if (record is null) return;
        string before = Json(record);
        Touch(record);
        string after = Json(record);
        string input = Encoding.UTF8.GetString(data).TrimStart('\uFEFF');
        if (!JsonMutator.JsonEquals(input, before)) throw new InvalidOperationException($"The round trip changed the record.\ninput:  {input}\noutput: {before}");
        if (!JsonMutator.JsonEquals(input, after)) throw new InvalidOperationException($"Writing from the typed request/response changed the record.\ninput:  {input}\noutput: {after}");
    }

    /// <summary>The reader, with small limits: CloudTrailFormatException, issues, or records that write.</summary>
    public static void Log(byte[] data)
    {
        var options = new CloudTrailReadOptions { MaxRecordBytes = 1024 * 1024, MaxDecompressedBytes = 16 * 1024 * 1024, MaxDepth = 64, OnIssue = issue => _ = issue.Message };
        try
        {
            foreach (var record in CloudTrailLog.Read(new MemoryStream(data), options))
            {
                Touch(record);
                Json(record);
            }
        }
        catch (CloudTrailFormatException)
        {
        }
    }

    private static string Json(CloudTrailRecord record) => JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);

    /// <summary>Reads the typed request and response (parsed on first use) and the unknown keys.</summary>
    private static void Touch(CloudTrailRecord record)
    {
        foreach (var property in s_typed.GetOrAdd(record.GetType(), t => new[] { t.GetProperty("Request"), t.GetProperty("Response") }.OfType<PropertyInfo>().ToArray()))
        {
            if (property.GetValue(record) is CloudTrailObject typed) typed.GetUnknownMembers();
        }
        record.GetUnknownMembers();
        record.TryGetRawValue("eventTime", out _);
    }

    // ------------------------------------------------------------------ inputs

    private static List<string> SeedRecords() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seed"), "*.json").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => JsonMutator.Write(JsonMutator.Parse(File.ReadAllText(f)))).ToList();

    /// <summary>Every wrapper the reader knows, around some records.</summary>
    private static byte[] Frame(IReadOnlyList<string> records, int kind) => Encoding.UTF8.GetBytes(kind switch
    {
        0 => "{\"Records\":[" + string.Join(",", records) + "]}",
        1 => string.Join("\n", records) + "\n",
        2 => "[" + string.Join(",", records) + "]",
        3 => string.Join("\n", records.Select(r => "{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"AWS API Call via CloudTrail\",\"time\":\"2023-08-21T16:48:37Z\",\"detail\":" + r + "}")),
        4 => "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logEvents\":[" + string.Join(",", records.Select(r => "{\"id\":\"1\",\"message\":" + JsonSerializer.Serialize(r) + "}")) + "]}",
        5 => "{\"Events\":[" + string.Join(",", records.Select(r => "{\"CloudTrailEvent\":" + JsonSerializer.Serialize(r) + "}")) + "]}",
        _ => string.Join("\n", records.Select(r => JsonSerializer.Serialize(r))),
    });

    private static void WriteSeeds(string dir)
    {
        Directory.CreateDirectory(dir);
        var records = SeedRecords();
        for (int i = 0; i < records.Count; i++) File.WriteAllText(Path.Combine(dir, $"record-{i}.json"), records[i]);
        for (int kind = 0; kind < 7; kind++) File.WriteAllBytes(Path.Combine(dir, $"framing-{kind}.json"), Frame(records.Take(2).ToList(), kind));
        File.WriteAllBytes(Path.Combine(dir, "log.json.gz"), Gzip(Frame(records.Take(1).ToList(), 0)));
        Console.WriteLine($"{Directory.GetFiles(dir).Length} seeds in {dir}");
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    // ------------------------------------------------------------------ the in-process loop

    /// <summary>
    /// Mutates records (JSON-aware mutations, then byte-level ones) and runs both targets on
    /// them until the time is up. Random, not coverage-guided: use AFL++ for that.
    /// </summary>
    private static int Loop(TimeSpan duration, int seed, string? corpusDir)
    {
        var sources = SeedRecords().Select(JsonMutator.Parse).ToList();
        if (corpusDir is not null)
        {
            foreach (var file in Directory.GetFiles(corpusDir, "*.ndjson"))
            {
                sources.AddRange(File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(JsonMutator.Parse));
            }
        }
        Console.WriteLine($"loop: {sources.Count} records, seed {seed}, {duration.TotalSeconds} s");
        var random = new Random(seed);
        var validKinds = Enum.GetValues<ValidMutation>();
        var breakingKinds = Enum.GetValues<InvalidMutation>();
        string findings = Path.Combine(Environment.CurrentDirectory, "fuzz-findings");
        long iterations = 0, failures = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var tree = sources[random.Next(sources.Count)];
            int count = random.Next(1, 6);
            for (int i = 0; i < count; i++) tree = JsonMutator.Apply(tree, new Mutation(validKinds[random.Next(validKinds.Length)], random.Next(), random.Next()));
            string json = JsonMutator.Write(tree);
            byte[] data = random.Next(4) switch
            {
                0 => Frame(new[] { json, JsonMutator.Write(sources[random.Next(sources.Count)]) }, random.Next(7)),
                1 => JsonMutator.Break(Encoding.UTF8.GetBytes(json), new BreakingMutation(breakingKinds[random.Next(breakingKinds.Length)], random.Next(), random.Next())),
                2 => FlipBytes(Encoding.UTF8.GetBytes(json), random),
                _ => Encoding.UTF8.GetBytes(json),
            };
            if (random.Next(16) == 0) data = Gzip(data);
            foreach (var (name, run) in new (string, Action<byte[]>)[] { ("record", Record), ("log", Log) })
            {
                try
                {
                    run(data);
                }
                catch (Exception e)
                {
                    failures++;
                    string key = name + ":" + e.GetType().Name + ":" + (e.StackTrace ?? "").Split('\n').FirstOrDefault(l => l.Contains("CloudTrailGen", StringComparison.Ordinal))?.Trim();
                    if (!seen.Add(key)) continue;
                    Directory.CreateDirectory(findings);
                    string file = Path.Combine(findings, $"{name}-{seen.Count}.bin");
                    File.WriteAllBytes(file, data);
                    Console.WriteLine($"FINDING ({name}) saved to {file}:\n{e}\n");
                }
            }
            iterations++;
        }
        Console.WriteLine($"loop: {iterations:N0} inputs in {clock.Elapsed.TotalSeconds:F0} s ({iterations / clock.Elapsed.TotalSeconds:N0}/s), {failures} failures, {seen.Count} distinct");
        return seen.Count == 0 ? 0 : 1;
    }

    private const string Structural = "{}[]\",:\\0123456789.eE-tfn \n";

    private static byte[] FlipBytes(byte[] data, Random random)
    {
        int flips = random.Next(1, 8);
        for (int i = 0; i < flips && data.Length > 0; i++)
        {
            int at = random.Next(data.Length);
            data[at] = random.Next(3) switch
            {
                0 => (byte)random.Next(256),
                1 => (byte)Structural[random.Next(Structural.Length)],
                _ => (byte)(data[at] ^ (1 << random.Next(8))),
            };
        }
        return data;
    }
}
