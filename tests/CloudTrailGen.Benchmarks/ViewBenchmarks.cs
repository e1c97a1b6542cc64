using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CloudTrailGen.Benchmarks;

/// <summary>
/// Reading only what is asked for, side by side with the floor and the full reads, on the same
/// two inputs as <see cref="ReadBenchmarks"/>: a filter pass over record views (one eventName
/// matched, nothing built), views materializing 1% of the records, the full typed read, and
/// System.Text.Json's source generator on envelope classes.
/// </summary>
[MemoryDiagnoser]
public class ViewBenchmarks
{
    private byte[] _log = Array.Empty<byte>();
    private CloudTrailFilter _filter = CloudTrailFilter.All();

    /// <summary>Which log: <c>synthetic</c> or <c>corpus</c> (see <see cref="Inputs"/>).</summary>
    [Params(Inputs.Synthetic, Inputs.Corpus)]
    public string Input { get; set; } = Inputs.Synthetic;

    /// <summary>The eventName the filter pass matches: of the names in the input, the one whose share is nearest 1%.</summary>
    public string EventName { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var input = Inputs.Get(Input);
        _log = input.Log;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var view in Bench.Ct.CloudTrailLog.ReadViews(new MemoryStream(_log, writable: false)))
        {
            string name = view.EventName ?? "";
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
        double target = input.Count / 100.0;
        var chosen = counts.Where(c => c.Key.Length > 0).OrderBy(c => Math.Abs(c.Value - target)).ThenBy(c => c.Key, StringComparer.Ordinal).First();
        EventName = chosen.Key;
        _filter = CloudTrailFilter.EventName(EventName);
        Console.WriteLine($"// input {Input}: {_log.Length} bytes, {input.Count} records; filter eventName {EventName} ({chosen.Value} records)");
    }

    [Benchmark(Baseline = true, Description = "Utf8JsonReader floor")]
    public int Floor()
    {
        var reader = new Utf8JsonReader(_log);
        int tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    /// <summary>Views through a filter on one eventName, nothing materialized: returns how many matched.</summary>
    [Benchmark(Description = "views: filter pass (1 eventName)")]
    public int FilterPass()
    {
        int matched = 0;
        foreach (var view in Bench.Ct.CloudTrailLog.ReadViews(new MemoryStream(_log, writable: false)))
        {
            if (_filter.Matches(view)) matched++;
        }
        return matched;
    }

    /// <summary>Views, every hundredth record materialized (its typed parts read, as the typed contender does).</summary>
    [Benchmark(Description = "views: materialize 1%")]
    public int MaterializeOnePercent()
    {
        int typed = 0;
        foreach (var view in Bench.Ct.CloudTrailLog.ReadViews(new MemoryStream(_log, writable: false)))
        {
            if (view.RecordIndex % 100 == 0) typed += Typed.ReadAll(view.Materialize()) + 1;
        }
        return typed;
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

    [Benchmark(Description = "STJ source-generated POCOs")]
    public int StjSourceGenerated() => JsonSerializer.Deserialize(_log, PocoContext.Default.PocoLogFile)!.Records!.Count;
}
