using System;
using System.IO;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CloudTrailGen.Benchmarks;

/// <summary>
/// Reading a ~50 MB log file held in memory, every contender over the same bytes: the tokenizer
/// floor, JsonDocument, System.Text.Json (reflection and source generator) and Newtonsoft.Json on
/// hand-written envelope POCOs, and CloudTrailGen (envelope only with no service selected, and
/// with ten services typed and every typed request/response parsed).
/// </summary>
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private static readonly Newtonsoft.Json.JsonSerializer s_newtonsoft = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
    {
        // Keep strings inside JToken parts as strings (the default turns date-like ones into DateTime).
        DateParseHandling = Newtonsoft.Json.DateParseHandling.None,
    });

    private byte[] _log = Array.Empty<byte>();
    private string? _lastName;

    /// <summary>Which log: <c>synthetic</c> (trailscan synth) or <c>corpus</c> (../shared/corpus records, repeated).</summary>
    [Params(Inputs.Synthetic, Inputs.Corpus, Inputs.Mixed)]
    public string Input { get; set; } = Inputs.Synthetic;

    [GlobalSetup]
    public void Setup()
    {
        var input = Inputs.Get(Input);
        _log = input.Log;
        Console.WriteLine($"// input {Input}: {_log.Length} bytes, {input.Count} records ({input.Source})");
    }

    [Benchmark(Description = "Utf8JsonReader floor")]
    public int Floor()
    {
        var reader = new Utf8JsonReader(_log);
        int tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    /// <summary>
    /// The floor plus a new .NET string for every string value (not keys), and nothing else: what a
    /// reader that decodes each value anew pays for its strings before it builds a single object.
    /// (CloudTrailGen shares strings that repeat, so a hit costs it a hash and a compare instead.)
    /// Returns how many non-empty strings it made.
    /// </summary>
    [Benchmark(Description = "Utf8JsonReader + every string")]
    public int FloorWithStrings()
    {
        var reader = new Utf8JsonReader(_log);
        int strings = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 }) strings++;
        }
        return strings;
    }

    [Benchmark(Description = "JsonDocument.Parse")]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(_log);
        return document.RootElement.GetProperty("Records").GetArrayLength();
    }

    [Benchmark(Description = "STJ reflection POCOs")]
    public int StjReflection() => JsonSerializer.Deserialize<PocoLogFile>(_log)!.Records!.Count;

    [Benchmark(Baseline = true, Description = "STJ source-generated POCOs")]
    public int StjSourceGenerated() => JsonSerializer.Deserialize(_log, PocoContext.Default.PocoLogFile)!.Records!.Count;

    [Benchmark(Description = "Newtonsoft.Json POCOs")]
    public int NewtonsoftJson()
    {
        using var text = new StreamReader(new MemoryStream(_log, writable: false));
        using var json = new Newtonsoft.Json.JsonTextReader(text);
        return s_newtonsoft.Deserialize<NsLogFile>(json)!.Records!.Count;
    }

    [Benchmark(Description = "CloudTrailGen envelope (no services)")]
    public int CloudTrailGenEnvelope()
    {
        int count = 0;
        foreach (var record in Bench.Envelope.CloudTrailLog.Read(new MemoryStream(_log, writable: false)))
        {
            _lastName = record.EventName; // a member, as a user would read one
            count++;
        }
        return count;
    }

    [Benchmark(Description = "CloudTrailGen typed (10 services)")]
    public int CloudTrailGenTyped()
    {
        int typed = 0;
        foreach (var record in Bench.Ct.CloudTrailLog.Read(new MemoryStream(_log, writable: false)))
        {
            typed += Typed.ReadAll(record);
        }
        return typed;
    }
}
