using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace TrailScan.Reading;

/// <summary>
/// Reads the items of a list (files) on several threads at once, one whole item per thread, and
/// hands what each one gave on in list order on the calling thread: first the chunks it emitted
/// while it was read (output to stream on), then its result. Memory stays bounded: a thread
/// blocks when its item's chunks are not taken fast enough (<c>chunkCapacity</c>), and no thread
/// starts an item more than <c>window</c> items ahead of the one being handed on.
/// </summary>
/// <typeparam name="TChunk">What an item emits while it is read.</typeparam>
/// <typeparam name="TResult">What reading an item gives at its end.</typeparam>
internal static class OrderedParallel<TChunk, TResult>
{
    /// <summary>Reads one item: <c>emit</c> hands a chunk on (and blocks while the item's chunks are full); stop when the token is canceled.</summary>
    public delegate TResult ReadItem(int index, Action<TChunk> emit, CancellationToken stop);

    /// <summary>Reads items 0 to <paramref name="count"/>-1 (see the other <c>Run</c>).</summary>
    public static void Run(
        int count,
        int workers,
        ReadItem read,
        Action<int, TChunk> onChunk,
        Action<int, TResult> onResult,
        Func<bool> shouldStop,
        int chunkCapacity = 16,
        int? window = null)
    {
        if (count == 0) return;
        Run((index, _) => index < count, Math.Min(workers, count), read, onChunk, onResult, shouldStop, chunkCapacity, window);
    }

    /// <summary>
    /// Reads the items whose index <paramref name="exists"/> says there is (0, 1, ... up to the
    /// first it says there is not; it may wait for the item to be known, until its token is
    /// canceled, and is called from several threads) on <paramref name="workers"/> threads. The
    /// handlers run on the calling thread, in item order. When <paramref name="shouldStop"/>
    /// says so (checked between chunks and items, and every few tenths of a second), the reading
    /// threads are stopped and the items not handed on yet are left. An exception thrown by a
    /// reading thread is thrown here, when its item's turn comes; the threads are all ended
    /// before this returns.
    /// </summary>
    public static void Run(
        Func<int, CancellationToken, bool> exists,
        int workers,
        ReadItem read,
        Action<int, TChunk> onChunk,
        Action<int, TResult> onResult,
        Func<bool> shouldStop,
        int chunkCapacity = 16,
        int? window = null)
    {
        workers = Math.Max(workers, 1);
        var slots = new System.Collections.Concurrent.ConcurrentDictionary<int, Slot>();
        Slot SlotOf(int index) => slots.GetOrAdd(index, _ => new Slot(chunkCapacity));
        using var ahead = new SemaphoreSlim(Math.Max(workers, window ?? workers * 2));
        using var stop = new CancellationTokenSource();
        int next = -1;
        var threads = new Thread[workers];
        for (int w = 0; w < workers; w++)
        {
            threads[w] = new Thread(() =>
            {
                while (true)
                {
                    try
                    {
                        ahead.Wait(stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    int index = Interlocked.Increment(ref next);
                    if (!exists(index, stop.Token)) return;
                    var slot = SlotOf(index);
                    try
                    {
                        slot.Complete(read(index, chunk => slot.Put(chunk, stop.Token), stop.Token));
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        slot.Fail(null);
                        return;
                    }
                    catch (Exception e)
                    {
                        slot.Fail(ExceptionDispatchInfo.Capture(e));
                    }
                }
            })
            { IsBackground = true, Name = $"trailscan reader {w + 1}" };
            threads[w].Start();
        }

        try
        {
            for (int i = 0; exists(i, stop.Token); i++)
            {
                var slot = SlotOf(i);
                while (true)
                {
                    if (shouldStop()) return;
                    var (state, chunk) = slot.Take(TimeSpan.FromMilliseconds(200));
                    if (state == Slot.Chunk) onChunk(i, chunk!);
                    else if (state == Slot.Done) break;
                }
                if (shouldStop()) return;
                slot.Error?.Throw();
                onResult(i, slot.Result!);
                slots.TryRemove(i, out _); // its result is handed on: let it go
                ahead.Release();
            }
        }
        finally
        {
            stop.Cancel();
            // A thread waiting for room in its item's chunks sees the stop at once, not at its next look.
            foreach (var (_, slot) in slots) slot.Wake();
            foreach (var thread in threads) thread.Join();
        }
    }

    /// <summary>One item's chunks (a bounded queue) and its end.</summary>
    private sealed class Slot(int capacity)
    {
        public const int Waiting = 0;
        public const int Chunk = 1;
        public const int Done = 2;

        private readonly Queue<TChunk> _chunks = new();
        private bool _done;

        public TResult? Result { get; private set; }

        public ExceptionDispatchInfo? Error { get; private set; }

        /// <summary>Adds a chunk; blocks while the queue is full (until taken, or <paramref name="stop"/>).</summary>
        public void Put(TChunk chunk, CancellationToken stop)
        {
            lock (_chunks)
            {
                while (_chunks.Count >= capacity)
                {
                    stop.ThrowIfCancellationRequested();
                    Monitor.Wait(_chunks, 100);
                }
                _chunks.Enqueue(chunk);
                Monitor.PulseAll(_chunks);
            }
        }

        /// <summary>The next chunk, or that the item is done (chunks taken first), or nothing yet within <paramref name="wait"/>.</summary>
        public (int State, TChunk? Chunk) Take(TimeSpan wait)
        {
            lock (_chunks)
            {
                if (_chunks.Count == 0 && !_done) Monitor.Wait(_chunks, wait);
                if (_chunks.TryDequeue(out var chunk))
                {
                    Monitor.PulseAll(_chunks);
                    return (Chunk, chunk);
                }
                return (_done ? Done : Waiting, default);
            }
        }

        /// <summary>Wakes a thread waiting in <see cref="Put"/> (to see that it is stopped).</summary>
        public void Wake()
        {
            lock (_chunks) Monitor.PulseAll(_chunks);
        }

        public void Complete(TResult result)
        {
            lock (_chunks)
            {
                Result = result;
                _done = true;
                Monitor.PulseAll(_chunks);
            }
        }

        /// <summary>Ends the item with an error (null: stopped).</summary>
        public void Fail(ExceptionDispatchInfo? error)
        {
            lock (_chunks)
            {
                Error = error;
                _done = true;
                Monitor.PulseAll(_chunks);
            }
        }
    }
}
