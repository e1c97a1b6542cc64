using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CloudTrailGen;
using CloudTrailGen.Reliability;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests.Reliability;

/// <summary>
/// The generated converters and the reader are used from many threads at once: the results must
/// be those of a serial read. The runtime keeps per-thread caches ([ThreadStatic]: the string
/// cache, the raw-copy scratch buffer and source, the converter's scratch envelope); they are
/// only used inside one synchronous converter call, never across an await, so a continuation
/// that resumes on another thread cannot see a half-used cache. These tests run the readers
/// in parallel, and async readers whose continuations hop between threads.
/// </summary>
public class ConcurrencyTests
{
    private static List<string> Inputs()
    {
        var records = MutationPropertyTests.Sources.Select(s => JsonMutator.Write(s.Tree)).ToList();
        // Odd records too, so the slow paths (raw keys, kept values, typed requests) run in parallel.
        records.Add("{\"eventSource\":\"sns.amazonaws.com\",\"eventName\":\"Publish\",\"a\\ud800\":1,\"requestParameters\":{\"topicArn\":\"\\udc00\",\"x\":[1,2]},\"eventTime\":\"Jan 19, 2023 5:55:08 PM\"}");
        records.Add("{\"eventname\":\"AssumeRole\",\"EVENTSOURCE\":\"sts.amazonaws.com\",\"requestParameters\":\"{\\\"durationSeconds\\\":\\\"900\\\"}\",\"readOnly\":\"True\"}");
        return records;
    }

    private static string Write(CloudTrailRecord record)
    {
        // Touch the typed request and response (lazily parsed) before writing, as a consumer would.
        _ = record.GetType().GetProperty("Request")?.GetValue(record);
        _ = record.GetType().GetProperty("Response")?.GetValue(record);
        return record.GetType().Name + " " + Json.Write(record);
    }

    [Fact]
    public void Records_read_in_parallel_equal_a_serial_read()
    {
        var inputs = Inputs();
        var serial = inputs.Select(json => Write(Json.Read(json))).ToArray();
        for (int round = 0; round < 4; round++)
        {
            var parallel = new string[inputs.Count];
            Parallel.ForEach(Enumerable.Range(0, inputs.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Write(Json.Read(inputs[i])));
            Assert.Equal(serial, parallel);
        }
    }

    [Fact]
    public void Several_log_readers_at_once_equal_a_serial_read()
    {
        var inputs = Inputs();
        byte[] log = Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", inputs) + "]}");
        byte[] ndjson = Encoding.UTF8.GetBytes(string.Join("\n", inputs));
        var serial = CloudTrailLog.Read(new MemoryStream(log)).Select(Write).ToList();
        Assert.Equal(inputs.Count, serial.Count);
        Assert.Equal(serial, CloudTrailLog.Read(new MemoryStream(ndjson)).Select(Write).ToList());

        var results = new List<string>[12];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
            results[i] = CloudTrailLog.Read(new MemoryStream(i % 2 == 0 ? log : ndjson)).Select(Write).ToList());
        Assert.All(results, r => Assert.Equal(serial, r));
    }

    [Fact]
    public async Task Async_readers_whose_continuations_change_threads_equal_a_serial_read()
    {
        var inputs = Inputs();
        byte[] log = Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", inputs) + "]}");
        var serial = CloudTrailLog.Read(new MemoryStream(log)).Select(Write).ToList();

        async Task<(List<string> Records, int Threads)> ReadAsync()
        {
            var list = new List<string>();
            var threads = new HashSet<int>();
            await foreach (var record in CloudTrailLog.ReadAsync(new YieldingStream(log, 997)))
            {
                threads.Add(Environment.CurrentManagedThreadId);
                list.Add(Write(record));
                if (list.Count % 50 == 0) await Task.Yield();
            }
            return (list, threads.Count);
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(ReadAsync)));
        Assert.All(runs, r => Assert.Equal(serial, r.Records));
        Assert.Contains(runs, r => r.Threads > 1); // the continuations did move between threads
    }

    /// <summary>
    /// Hands out a few bytes per read and completes each read asynchronously: on the thread pool,
    /// and every seventh read on a new thread, so that the reader's continuations do move between
    /// threads however the pool schedules them.
    /// </summary>
    private sealed class YieldingStream : MemoryStream
    {
        private readonly int _chunk;
        private int _reads;

        public YieldingStream(byte[] data, int chunk)
            : base(data) => _chunk = chunk;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (++_reads % 7 == 0) await new ContinueOnNewThread();
            else await Task.Yield();
            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, _chunk)], cancellationToken);
        }
    }

    /// <summary>An awaitable whose continuation runs on a thread of its own.</summary>
    private readonly struct ContinueOnNewThread : System.Runtime.CompilerServices.INotifyCompletion
    {
        public ContinueOnNewThread GetAwaiter() => this;

        public bool IsCompleted => false;

        public void OnCompleted(Action continuation) => new Thread(() => continuation()) { IsBackground = true }.Start();

        public void GetResult()
        {
        }
    }
}
