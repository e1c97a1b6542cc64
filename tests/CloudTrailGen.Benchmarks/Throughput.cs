using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CloudTrailGen.Benchmarks;

/// <summary>
/// MB/s, records/s, bytes allocated per record, and speed relative to the floor and to System.Text.Json's
/// source generator, computed from BenchmarkDotNet's results for the case's <c>Input</c>.
/// </summary>
internal sealed class Throughput : IColumn
{
    private const string FloorMethod = nameof(ReadBenchmarks.Floor);
    private const string StjMethod = nameof(ReadBenchmarks.StjSourceGenerated);

    private readonly string _kind;

    private Throughput(string kind) => _kind = kind;

    public static IColumn[] All => new IColumn[]
    {
        new Throughput("MB/s"), new Throughput("records/s"), new Throughput("B alloc/record"),
        new Throughput("speed vs floor"), new Throughput("speed vs STJ-SG"),
    };

    public string Id => "Throughput." + _kind;
    public string ColumnName => _kind;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => _kind switch
    {
        "MB/s" => "Input megabytes (10^6 bytes) read per second, from the mean time",
        "records/s" => "Records read per second, from the mean time",
        "B alloc/record" => "Bytes allocated per record read",
        "speed vs floor" => "Throughput as a fraction of the Utf8JsonReader floor's on the same input (floor mean / mean)",
        _ => "Throughput relative to System.Text.Json's source-generated POCOs on the same input (STJ-SG mean / mean)",
    };

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null) return "?";
        string name = benchmarkCase.Parameters["Input"] as string ?? Inputs.Corpus;
        var input = Inputs.Get(name); // made again in the host process: the same bytes
        double mean = report.ResultStatistics.Mean;
        double seconds = mean / 1e9;
        return _kind switch
        {
            "MB/s" => (input.Log.Length / 1e6 / seconds).ToString("F0", CultureInfo.InvariantCulture),
            "records/s" => (input.Count / seconds).ToString("N0", CultureInfo.InvariantCulture),
            "B alloc/record" => report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is long b ? (b / (double)input.Count).ToString("F0", CultureInfo.InvariantCulture) : "?",
            "speed vs floor" => Relative(summary, benchmarkCase, FloorMethod, mean),
            _ => Relative(summary, benchmarkCase, StjMethod, mean),
        };
    }

    private static string Relative(Summary summary, BenchmarkCase benchmarkCase, string method, double mean)
    {
        var other = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.WorkloadMethod.Name == method
            && Equals(c.Parameters["Input"], benchmarkCase.Parameters["Input"]));
        var stats = other is null ? null : summary[other]?.ResultStatistics;
        return stats is null ? "?" : (stats.Mean / mean).ToString("F2", CultureInfo.InvariantCulture);
    }
}
