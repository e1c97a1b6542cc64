using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace CloudTrailGen.Benchmarks;

/// <summary>
/// The two tiers side by side on the same log: ten services read through a generated class per
/// event, and the same ten services read by schema (no class), every typed request and response
/// parsed in both through <c>TypedRequest</c>/<c>TypedResponse</c>.
/// </summary>
[MemoryDiagnoser]
public class SchemaTierBenchmarks
{
    private byte[] _log = Array.Empty<byte>();

    /// <summary>Which log: <c>synthetic</c> (trailscan synth) or <c>corpus</c> (../shared/corpus records, repeated).</summary>
    [Params(Inputs.Synthetic, Inputs.Corpus)]
    public string Input { get; set; } = Inputs.Synthetic;

    [GlobalSetup]
    public void Setup()
    {
        var input = Inputs.Get(Input);
        _log = input.Log;
        Console.WriteLine($"// input {Input}: {_log.Length} bytes, {input.Count} records ({input.Source})");
    }

    [Benchmark(Baseline = true, Description = "classes (10 services)")]
    public int Classes()
    {
        int typed = 0;
        foreach (var record in Bench.Ct.CloudTrailLog.Read(new MemoryStream(_log, writable: false))) typed += Parts(record);
        return typed;
    }

    [Benchmark(Description = "schema (the same 10 services)")]
    public int Schema()
    {
        int typed = 0;
        foreach (var record in Bench.Schema.CloudTrailLog.Read(new MemoryStream(_log, writable: false))) typed += Parts(record);
        return typed;
    }

    private static int Parts(CloudTrailRecordBase record) => (record.TypedRequest is null ? 0 : 1) + (record.TypedResponse is null ? 0 : 1);
}
