using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace CloudTrailGen.Benchmarks;

/// <summary>
/// What a contender allocates, by type (<c>allocations METHOD INPUT [RUNS]</c>): the runtime's
/// GC allocation-tick events (one about every 100 KB allocated, naming the type that crossed the
/// mark) tallied over a few runs. A sample, not an exact count, but enough to see where the bytes
/// per record go.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private bool _on;

    public static int Run(string[] args)
    {
        string method = args.Length > 0 ? args[0] : nameof(ReadBenchmarks.CloudTrailGenTyped);
        string input = args.Length > 1 ? args[1] : Inputs.Corpus;
        int runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var (bench, run) = Program.Contender(method, input);
        run.Invoke(bench, null); // warm-up: type loading and first-use tables are not counted

        using var profile = new AllocationProfile();
        long before = GC.GetAllocatedBytesForCurrentThread();
        profile._on = true;
        for (int i = 0; i < runs; i++) run.Invoke(bench, null);
        profile._on = false;
        long total = GC.GetAllocatedBytesForCurrentThread() - before;
        long records = (long)Inputs.Get(input).Count * runs;
        long sampled = profile._bytes.Values.Sum();
        Console.WriteLine($"{method} on {input}: {total / (double)records:F0} B/record allocated; by type (sampled, scaled to the total):");
        foreach (var (type, bytes) in profile._bytes.OrderByDescending(p => p.Value).Take(25))
        {
            Console.WriteLine($"  {bytes * (double)total / sampled / records,7:F1} B/record  {type}");
        }
        return 0;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        int nameAt = e.PayloadNames!.IndexOf("TypeName");
        int amountAt = e.PayloadNames.IndexOf("AllocationAmount64");
        if (nameAt < 0) return;
        string type = e.Payload[nameAt] as string ?? "?";
        long amount = amountAt >= 0 ? Convert.ToInt64(e.Payload[amountAt], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }
}
