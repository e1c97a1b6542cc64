using System;
using System.Text;
using CloudTrailGen;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>The string table shared by every read: values as decoded, repeats shared, unique values not kept.</summary>
public class StringCacheTests
{
    // Each test has a table of its own: other tests' strings must not fill the slots it looks at.
    private readonly StringCache _cache = new();

    [Fact]
    public void A_string_read_a_second_time_is_kept_and_shared_from_the_third_read()
    {
        byte[] utf8 = "arn:aws:iam::123456789012:role/Admin"u8.ToArray();
        string first = _cache.Get(utf8);
        string second = _cache.Get(utf8);
        string third = _cache.Get(utf8);
        Assert.Equal("arn:aws:iam::123456789012:role/Admin", first);
        Assert.NotSame(first, second); // the first read only marks the slot
        Assert.Same(second, third);
        Assert.Same(second, _cache.Get(Encoding.UTF8.GetBytes("arn:aws:iam::123456789012:role/Admin")));
    }

    [Fact]
    public void Strings_that_share_a_slot_come_back_as_their_own_text()
    {
        // Many distinct strings, each read three times in turn with the others: whatever the
        // slots hold, every read gives its own text.
        var texts = new string[20_000];
        for (int i = 0; i < texts.Length; i++) texts[i] = $"value-{i}-{(i * 7919) % 1000:D3}";
        for (int round = 0; round < 3; round++)
        {
            foreach (string text in texts) Assert.Equal(text, _cache.Get(Encoding.ASCII.GetBytes(text)));
        }
    }

    [Fact]
    public void Threads_reading_through_one_table_at_once_each_get_their_own_text()
    {
        // Four threads, each reading strings of its own and strings they all read, many times over:
        // slots written by one thread while another reads them never give a wrong string.
        var shared = new string[500];
        for (int i = 0; i < shared.Length; i++) shared[i] = $"arn:aws:iam::123456789012:role/shared-{i}";
        var threads = new System.Threading.Thread[4];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        for (int t = 0; t < threads.Length; t++)
        {
            int id = t;
            threads[t] = new System.Threading.Thread(() =>
            {
                for (int round = 0; round < 200; round++)
                {
                    for (int i = 0; i < shared.Length; i++)
                    {
                        string own = $"event-{id}-{round}-{i}";
                        foreach (string text in new[] { shared[i], own })
                        {
                            string read = _cache.Get(Encoding.ASCII.GetBytes(text));
                            if (read != text) failures.Enqueue($"{text} read as {read}");
                        }
                    }
                }
            });
        }
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        Assert.Empty(failures);
        string kept = _cache.Get(Encoding.ASCII.GetBytes(shared[7]));
        Assert.Same(kept, _cache.Get(Encoding.ASCII.GetBytes(shared[7])));
    }

    [Fact]
    public void Values_that_are_not_ascii_or_are_long_are_decoded_and_not_kept()
    {
        byte[] accented = Encoding.UTF8.GetBytes("Jos\u00e9 \u00d1u\u00f1ez \u2603");
        _cache.Get(accented);
        string b = _cache.Get(accented);
        string c = _cache.Get(accented);
        Assert.Equal("Jos\u00e9 \u00d1u\u00f1ez \u2603", c);
        Assert.NotSame(b, c);

        byte[] longText = Encoding.ASCII.GetBytes(new string('x', 600));
        _cache.Get(longText);
        string l2 = _cache.Get(longText);
        string l3 = _cache.Get(longText);
        Assert.Equal(600, l3.Length);
        Assert.NotSame(l2, l3);
        Assert.Same(string.Empty, _cache.Get(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => _cache.Get(new byte[] { 0x61, 0xC3, 0x28 }));
    }

    [Fact]
    public void The_short_string_compare_tells_every_differing_byte_at_every_length()
    {
        // Lengths 0 to 20 cover the byte loop (under 4), the two words (4-7), the two vectors
        // (8-15) and the library compare (16 and more). Each byte is changed in turn, to another
        // ASCII letter and to a byte that is not ASCII.
        for (int n = 0; n <= 20; n++)
        {
            string text = "0123456789abcdefghijk"[..n];
            byte[] utf8 = Encoding.ASCII.GetBytes(text);
            Assert.True(StringCache.SameAscii(utf8, text), $"length {n}");
            for (int i = 0; i < n; i++)
            {
                foreach (byte other in new byte[] { (byte)'Z', 0x80 | (byte)'0', 0xC3 })
                {
                    byte[] changed = (byte[])utf8.Clone();
                    changed[i] = other;
                    Assert.False(StringCache.SameAscii(changed, text), $"length {n}, byte {i} changed to 0x{other:X2}");
                }
            }
        }
    }
}
