using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CloudTrailGen.Benchmarks;

/// <summary>MB/s, records/s and bytes allocated per record, computed from BenchmarkDotNet's results.</summary>
internal sealed class Throughput : IColumn
{
    private static long s_bytes;
    private static int s_records;
    private readonly string _kind;

    private Throughput(string kind) => _kind = kind;

    public static IColumn[] All => new IColumn[] { new Throughput("MB/s"), new Throughput("records/s"), new Throughput("B alloc/record") };

    // The benchmark process sets these in its GlobalSetup; the host process reads them from the
    // environment, which the launcher passes on (see Program).
    public static void Set(long bytes, int records)
    {
        s_bytes = bytes;
        s_records = records;
    }

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
        _ => "Bytes allocated per record read",
    };

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null || s_bytes == 0) return "?";
        double seconds = report.ResultStatistics.Mean / 1e9;
        return _kind switch
        {
            "MB/s" => (s_bytes / 1e6 / seconds).ToString("F0", CultureInfo.InvariantCulture),
            "records/s" => (s_records / seconds).ToString("N0", CultureInfo.InvariantCulture),
            _ => report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is long b ? (b / (double)s_records).ToString("F0", CultureInfo.InvariantCulture) : "?",
        };
    }
}
