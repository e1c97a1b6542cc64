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
        Assert.True(log.Length > 8 * HoppingStream.Chunk, "the log spans many reads");

        async Task<(List<string> Records, HashSet<int> Threads, int Reads, int[] StreamThreads)> ReadAsync()
        {
            var list = new List<string>();
            var threads = new HashSet<int>();
            using var stream = new HoppingStream(log);
            await foreach (var record in CloudTrailLog.ReadAsync(stream))
            {
                threads.Add(Environment.CurrentManagedThreadId);
                list.Add(Write(record));
                if (list.Count % 50 == 0) await Task.Yield();
            }
            return (list, threads, stream.Reads, stream.ThreadIds);
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(ReadAsync)));
        Assert.All(runs, r => Assert.Equal(serial, r.Records));
        // The continuations did move between threads: every read completed on the other of the
        // stream's two threads than the read before it, and records came on both of them. Which
        // read completes which record depends only on the bytes, so this holds on every run.
        Assert.All(runs, r =>
        {
            Assert.True(r.Reads > 8, $"{r.Reads} reads");
            Assert.Subset(r.Threads, new HashSet<int>(r.StreamThreads));
            Assert.True(r.Threads.Count > 1, $"records came on {r.Threads.Count} thread(s)");
        });
    }

    /// <summary>
    /// Hands out at most <see cref="Chunk"/> bytes per read and completes every read asynchronously,
    /// on one of two threads of its own, taking turns: the reader's continuations (which do not
    /// capture a context) run on the thread that completes the read, so they change threads at every
    /// read, whatever the thread pool does.
    /// </summary>
    private sealed class HoppingStream : MemoryStream
    {
        public const int Chunk = 997;

        private readonly CompletionThread[] _threads = [new("hopping stream A"), new("hopping stream B")];
        private int _reads;

        public HoppingStream(byte[] data)
            : base(data)
        {
        }

        public int Reads => _reads;

        public int[] ThreadIds => _threads.Select(t => t.ManagedThreadId).ToArray();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var thread = _threads[_reads++ % 2];
            // Without RunContinuationsAsynchronously: the awaiting code resumes on the completing thread.
            var completion = new TaskCompletionSource<int>();
            thread.Post(() =>
            {
                try
                {
                    completion.SetResult(ReadChunk(buffer));
                }
                catch (Exception e)
                {
                    completion.SetException(e);
                }
            });
            return new ValueTask<int>(completion.Task);
        }

        private int ReadChunk(Memory<byte> buffer) => base.Read(buffer.Span[..Math.Min(buffer.Length, Chunk)]);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var thread in _threads) thread.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>A thread of its own that runs what is posted to it, in order.</summary>
    private sealed class CompletionThread : IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<Action> _work = new();
        private readonly Thread _thread;

        public CompletionThread(string name)
        {
            _thread = new Thread(() =>
            {
                foreach (var action in _work.GetConsumingEnumerable()) action();
            })
            { IsBackground = true, Name = name };
            _thread.Start();
        }

        public int ManagedThreadId => _thread.ManagedThreadId;

        public void Post(Action action) => _work.Add(action);

        public void Dispose() => _work.CompleteAdding();
    }
}
