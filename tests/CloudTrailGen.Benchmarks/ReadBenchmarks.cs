using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Bench.Ct;

namespace CloudTrailGen.Benchmarks;

/// <summary>
/// Reading a ~50 MB log file held in memory: the tokenizer floor, System.Text.Json's source
/// generator on hand-written POCOs, and CloudTrailGen (envelope only, and with typed request and
/// response parts read for every typed event).
/// </summary>
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private byte[] _log = Array.Empty<byte>();

    /// <summary>Records in the log (for per-record figures).</summary>
    public int RecordCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var (records, source) = Inputs.Records();
        (_log, RecordCount) = Inputs.LogFile(records, 50L * 1024 * 1024);
        Console.WriteLine($"// input: {_log.Length} bytes, {RecordCount} records ({records.Count} distinct, from {source})");
        Throughput.Set(_log.Length, RecordCount);
    }

    [Benchmark(Description = "Utf8JsonReader floor")]
    public int Floor()
    {
        var reader = new Utf8JsonReader(_log);
        int tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    [Benchmark(Baseline = true, Description = "STJ source-generated POCOs")]
    public int StjSourceGenerated() => JsonSerializer.Deserialize(_log, PocoContext.Default.PocoLogFile)!.Records!.Count;

    [Benchmark(Description = "CloudTrailGen envelope")]
    public int CloudTrailGenEnvelope()
    {
        int count = 0;
        foreach (var record in CloudTrailLog.Read(new MemoryStream(_log, writable: false)))
        {
            if (record.EventName is not null) count++;
        }
        return count;
    }

    [Benchmark(Description = "CloudTrailGen typed request/response")]
    public int CloudTrailGenTyped()
    {
        int typed = 0;
        foreach (var record in CloudTrailLog.Read(new MemoryStream(_log, writable: false)))
        {
            if (Typed.Touch(record)) typed++;
        }
        return typed;
    }
}
