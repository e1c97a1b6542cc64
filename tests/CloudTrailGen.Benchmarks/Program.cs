using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Bench.Ct;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace CloudTrailGen.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "memory") return Memory(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "check") return Check();
        if (args.Length > 0 && args[0] == "loop") return Loop(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "pairs") return Pairs(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "allocations") return AllocationProfile.Run(args.Skip(1).ToArray());

        // The host process makes the inputs again (on first use) to compute MB/s and B/record.
        var config = DefaultConfig.Instance.AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median).AddColumn(Throughput.All);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    /// <summary>
    /// Runs one contender over and over for a while (<c>loop METHOD INPUT SECONDS</c>), to profile it
    /// from outside, e.g. with <c>perf record</c> and <c>DOTNET_PerfMapEnabled=1</c>.
    /// </summary>
    private static int Loop(string[] args)
    {
        string method = args.Length > 0 ? args[0] : nameof(ReadBenchmarks.CloudTrailGenEnvelope);
        string input = args.Length > 1 ? args[1] : Inputs.Corpus;
        double seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
        var (bench, run) = Contender(method, input);
        bool trace = Environment.GetEnvironmentVariable("LOOP_TRACE") == "1";

        // A quarter of the time (at least one run) warms up (tiering, first-use tables) and is not counted.
        var warmup = Stopwatch.StartNew();
        do run.Invoke(bench, null);
        while (warmup.Elapsed.TotalSeconds < seconds / 4);

        var stopwatch = Stopwatch.StartNew();
        var times = new System.Collections.Generic.List<double>();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var paused = GC.GetTotalPauseDuration();
        int collections = GC.CollectionCount(0);
        while (stopwatch.Elapsed.TotalSeconds < seconds)
        {
            var t = stopwatch.Elapsed;
            run.Invoke(bench, null);
            times.Add((stopwatch.Elapsed - t).TotalMilliseconds);
            if (trace) Console.Error.Write($"{times[^1]:F0} ");
        }
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        double pauseMs = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds / times.Count;
        double gen0 = (GC.CollectionCount(0) - collections) / (double)times.Count;
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds / times.Count;
        times.Sort();
        double median = times[times.Count / 2];
        var data = Inputs.Get(input);
        Console.WriteLine($"{method} on {input}: {times.Count} runs, median {median:F1} ms ({data.Log.Length / 1e3 / median:F0} MB/s), process CPU {cpuMs:F1} ms per run, {allocated / (double)times.Count / data.Count:F0} B/record, GC pauses {pauseMs:F1} ms and {gen0:F1} collections per run");
        return 0;
    }

    /// <summary>
    /// Runs two contenders in turn, one run each per pair (<c>pairs METHOD-A METHOD-B INPUT PAIRS</c>),
    /// and reports the median of the pairs' time ratios (B's time over A's) with each one's median.
    /// The two runs of a pair are back to back, so a slow phase of a shared machine slows both; on
    /// such a machine this ratio moves much less from run to run than a ratio of two contenders
    /// measured one after the other (as BenchmarkDotNet does, every iteration of one, then the other).
    /// </summary>
    private static int Pairs(string[] args)
    {
        if (args.Length < 3) throw new ArgumentException("usage: pairs METHOD-A METHOD-B INPUT [PAIRS]");
        var (benchA, runA) = Contender(args[0], args[2]);
        var (benchB, runB) = Contender(args[1], args[2]);
        int pairs = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 30;

        // Warm-up: five runs each (tiering, first-use tables), not counted.
        for (int i = 0; i < 5; i++)
        {
            runA.Invoke(benchA, null);
            runB.Invoke(benchB, null);
        }
        var a = new double[pairs];
        var b = new double[pairs];
        var ratios = new double[pairs];
        for (int i = 0; i < pairs; i++)
        {
            // Alternate which one goes first, so neither always runs after the other's garbage.
            bool aFirst = i % 2 == 0;
            if (aFirst) a[i] = Time(runA, benchA);
            b[i] = Time(runB, benchB);
            if (!aFirst) a[i] = Time(runA, benchA);
            ratios[i] = b[i] / a[i];
        }
        Array.Sort(a);
        Array.Sort(b);
        Array.Sort(ratios);
        Console.WriteLine($"{args[2]}: {args[0]} median {a[pairs / 2]:F1} ms, {args[1]} median {b[pairs / 2]:F1} ms; " +
            $"{args[1]} / {args[0]} per pair: median {ratios[pairs / 2]:F2}, quartiles {ratios[pairs / 4]:F2}-{ratios[pairs * 3 / 4]:F2} ({pairs} pairs)");
        return 0;

        static double Time(System.Reflection.MethodInfo run, object bench)
        {
            // A full collection first, as BenchmarkDotNet does between iterations: else one
            // contender's garbage (STJ-SG keeps every record of the log until it returns) is
            // collected during the other's run.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long start = Stopwatch.GetTimestamp();
            run.Invoke(bench, null);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }

    /// <summary>A benchmark instance set up on <paramref name="input"/>, and its method <paramref name="method"/>.</summary>
    /// <remarks><paramref name="method"/> is a method of <see cref="ReadBenchmarks"/>, or <c>Class.Method</c> of another benchmark class with an <c>Input</c> and a <c>Setup</c>.</remarks>
    internal static (object Bench, System.Reflection.MethodInfo Run) Contender(string method, string input)
    {
        var type = typeof(ReadBenchmarks);
        int dot = method.LastIndexOf('.');
        if (dot > 0)
        {
            type = typeof(Program).Assembly.GetType($"{typeof(Program).Namespace}.{method[..dot]}") ?? throw new ArgumentException($"no benchmark class {method[..dot]}");
            method = method[(dot + 1)..];
        }
        object bench = Activator.CreateInstance(type)!;
        type.GetProperty("Input")!.SetValue(bench, input);
        type.GetMethod("Setup")!.Invoke(bench, null);
        var run = type.GetMethod(method) ?? throw new ArgumentException($"no benchmark method {method} in {type.Name}");
        return (bench, run);
    }

    /// <summary>Makes each input and runs every contender once on it: sizes, and what each one counted.</summary>
    private static int Check()
    {
        int status = 0;
        foreach (string name in new[] { Inputs.Synthetic, Inputs.Corpus, Inputs.Mixed })
        {
            var stopwatch = Stopwatch.StartNew();
            var input = Inputs.Get(name);
            Console.WriteLine($"{name}: {input.Log.Length:N0} bytes, {input.Count:N0} records ({input.Source}), made in {stopwatch.Elapsed.TotalSeconds:F1} s");
            var bench = new ReadBenchmarks { Input = name };
            bench.Setup();
            var counts = new (string, int)[]
            {
                ("JsonDocument.Parse", bench.JsonDocumentParse()),
                ("STJ reflection", bench.StjReflection()),
                ("STJ source generator", bench.StjSourceGenerated()),
                ("Newtonsoft.Json", bench.NewtonsoftJson()),
                ("CloudTrailGen envelope", bench.CloudTrailGenEnvelope()),
            };
            foreach (var (what, count) in counts)
            {
                Console.WriteLine($"  {what}: {count:N0} records");
                if (count != input.Count) status = 1;
            }
            Console.WriteLine($"  CloudTrailGen typed: {bench.CloudTrailGenTyped():N0} typed request/response parts");
            Console.WriteLine($"  Utf8JsonReader + every string: {bench.FloorWithStrings():N0} non-empty string values");
        }
        return status;
    }

    /// <summary>
    /// Writes a gzip log of <c>--size-mb</c> decompressed megabytes (default 1024) to a temporary
    /// file, reads it with CloudTrailLog, and reports the peak working set above the baseline.
    /// </summary>
    private static int Memory(string[] args)
    {
        long megabytes = 1024;
        for (int i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--size-mb") megabytes = long.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
        }
        var (records, source) = Inputs.Records();
        string path = Path.Combine(Path.GetTempPath(), $"cloudtrailgen-memory-{Environment.ProcessId}.json.gz");
        long written = 0;
        int count = 0;
        var stopwatch = Stopwatch.StartNew();
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            void Write(string s)
            {
                var bytes = Encoding.UTF8.GetBytes(s);
                gzip.Write(bytes);
                written += bytes.Length;
            }
            Write("{\"Records\":[");
            while (written < megabytes * 1024 * 1024)
            {
                if (count > 0) Write(",");
                Write(records[count % records.Count]);
                count++;
            }
            Write("]}");
        }
        Console.WriteLine($"wrote {path}: {written:N0} bytes decompressed, {new FileInfo(path).Length:N0} compressed, {count:N0} records from {source} ({stopwatch.Elapsed.TotalSeconds:F1} s)");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baseline = Environment.WorkingSet;
        long peak = baseline, peakManaged = GC.GetTotalMemory(false);
        stopwatch.Restart();
        int read = 0, typed = 0;
        try
        {
            foreach (var record in CloudTrailLog.ReadFile(path))
            {
                if (Typed.Touch(record)) typed++;
                if (++read % 2000 == 0)
                {
                    peak = Math.Max(peak, Environment.WorkingSet);
                    peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
        peak = Math.Max(peak, Environment.WorkingSet);
        double seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"read {read:N0} records ({typed:N0} typed parts read) in {seconds:F1} s: {written / 1e6 / seconds:F0} MB/s");
        Console.WriteLine($"working set: baseline {baseline / 1048576.0:F1} MiB, peak {peak / 1048576.0:F1} MiB, peak above baseline {(peak - baseline) / 1048576.0:F1} MiB; peak managed heap {peakManaged / 1048576.0:F1} MiB");
        return read == count ? 0 : 1;
    }
}
