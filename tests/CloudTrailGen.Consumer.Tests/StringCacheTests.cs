using System;
using System.Text;
using System.Threading.Tasks;
using CloudTrailGen;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>The string table shared by every read: values as decoded, repeats shared, unique values not kept.</summary>
public class StringCacheTests
{
    // Each test runs on a thread of its own: the table is per thread, and other tests' strings
    // must not fill the slots these tests look at.
    private static void OnNewThread(Action test) => Task.Factory.StartNew(test, TaskCreationOptions.LongRunning).GetAwaiter().GetResult();

    [Fact]
    public void A_string_read_a_second_time_is_kept_and_shared_from_the_third_read()
    {
        OnNewThread(() =>
        {
            byte[] utf8 = "arn:aws:iam::123456789012:role/Admin"u8.ToArray();
            string first = StringCache.Get(utf8);
            string second = StringCache.Get(utf8);
            string third = StringCache.Get(utf8);
            Assert.Equal("arn:aws:iam::123456789012:role/Admin", first);
            Assert.NotSame(first, second); // the first read only marks the slot
            Assert.Same(second, third);
            Assert.Same(second, StringCache.Get(Encoding.UTF8.GetBytes("arn:aws:iam::123456789012:role/Admin")));
        });
    }

    [Fact]
    public void Strings_that_share_a_slot_come_back_as_their_own_text()
    {
        OnNewThread(() =>
        {
            // Many distinct strings, each read three times in turn with the others: whatever the
            // slots hold, every read gives its own text.
            var texts = new string[20_000];
            for (int i = 0; i < texts.Length; i++) texts[i] = $"value-{i}-{(i * 7919) % 1000:D3}";
            for (int round = 0; round < 3; round++)
            {
                foreach (string text in texts) Assert.Equal(text, StringCache.Get(Encoding.ASCII.GetBytes(text)));
            }
        });
    }

    [Fact]
    public void Values_that_are_not_ascii_or_are_long_are_decoded_and_not_kept()
    {
        OnNewThread(() =>
        {
            byte[] accented = Encoding.UTF8.GetBytes("Jos\u00e9 \u00d1u\u00f1ez \u2603");
            StringCache.Get(accented);
            string b = StringCache.Get(accented);
            string c = StringCache.Get(accented);
            Assert.Equal("Jos\u00e9 \u00d1u\u00f1ez \u2603", c);
            Assert.NotSame(b, c);

            byte[] longText = Encoding.ASCII.GetBytes(new string('x', 600));
            StringCache.Get(longText);
            string l2 = StringCache.Get(longText);
            string l3 = StringCache.Get(longText);
            Assert.Equal(600, l3.Length);
            Assert.NotSame(l2, l3);
            Assert.Same(string.Empty, StringCache.Get(ReadOnlySpan<byte>.Empty));
        });
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        OnNewThread(() => Assert.Throws<System.Text.Json.JsonException>(() => StringCache.Get(new byte[] { 0x61, 0xC3, 0x28 })));
    }
}
