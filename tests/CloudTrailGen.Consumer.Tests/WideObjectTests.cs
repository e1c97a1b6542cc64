using System.Linq;
using System.Text.Json;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// Objects with many members: the object loop keeps one bit per member read (to tell a repeated
/// key from a first one), in four words on the stack for up to 256 members and in an array past
/// that. Repeated keys, and keys in another letter case, must behave the same for every member,
/// whichever word its bit is in. (No catalog shape that the tests select has more than 64
/// members, so these types are written by hand, as the generator would write them.)
/// </summary>
public class WideObjectTests
{
    [Theory]
    [InlineData(100, 70)]  // second word of the four on the stack
    [InlineData(256, 255)] // last bit of the fourth word
    [InlineData(300, 6)]   // more than 256 members: the bits are in an array
    [InlineData(300, 270)]
    public void A_repeated_key_takes_the_last_value_and_another_spelling_of_it_is_kept_apart(int members, int m)
    {
        var wide = Read(members, $$"""{"m{{m}}":"first","m{{m}}":"last","M{{m}}":"other spelling"}""");

        Assert.Equal("last", wide.Get(m));
        Assert.Equal([("M" + m, "\"other spelling\"")], wide.GetUnknownMembers().Select(u => (u.Key, u.Value.ToString())));
        Assert.Equal($$"""{"m{{m}}":"last","M{{m}}":"other spelling"}""", Json.WriteObject(wide));
    }

    [Theory]
    [InlineData(100, 6, 70, """{"m6":"a","M70":"b"}""")]      // bit 6 of the first and of the second word
    [InlineData(256, 1, 193, """{"m1":"a","M193":"b"}""")]    // bit 1 of the first and of the fourth word
    [InlineData(300, 6, 262, """{"m6":"a","M262":"b"}""")]    // bit 6 of the first and of the fifth word
    [InlineData(300, 262, 6, """{"M6":"b","m262":"a"}""")]
    public void Members_whose_bits_share_a_position_in_different_words_are_told_apart(int members, int first, int second, string written)
    {
        // A key in another letter case matches a member not read yet; had the two members'
        // bits been confused, the second key would count as a repeat and be kept as unknown.
        var wide = Read(members, $$"""{"m{{first}}":"a","M{{second}}":"b"}""");

        Assert.Equal("a", wide.Get(first));
        Assert.Equal("b", wide.Get(second));
        Assert.Empty(wide.GetUnknownMembers());
        Assert.Equal(written, Json.WriteObject(wide)); // member order, each key as it was spelled
    }

    [Fact]
    public void Every_member_of_a_wide_object_is_read_and_written_in_member_order()
    {
        const int members = 300;
        string json = "{" + string.Join(",", Enumerable.Range(0, members).Reverse().Select(i => $"\"m{i}\":\"v{i}\"")) + "}";
        var wide = Read(members, json);

        for (int i = 0; i < members; i++) Assert.Equal("v" + i, wide.Get(i));
        Assert.Empty(wide.GetUnknownMembers());
        Assert.Equal("{" + string.Join(",", Enumerable.Range(0, members).Select(i => $"\"m{i}\":\"v{i}\"")) + "}", Json.WriteObject(wide));
    }

    private static Wide Read(int members, string json) => members switch
    {
        100 => Deserialize<Wide100>(json),
        256 => Deserialize<Wide256>(json),
        300 => Deserialize<Wide300>(json),
        _ => throw new System.ArgumentOutOfRangeException(nameof(members)),
    };

    private static T Deserialize<T>(string json)
        where T : Wide, new() =>
        JsonSerializer.Deserialize<T>(json, new JsonSerializerOptions { Converters = { new CloudTrailObjectConverter<T>() } })!;

    /// <summary>A type of string members named m0, m1, ...</summary>
    public abstract class Wide : CloudTrailCompactObject
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, JsonMemberTable> s_tables = new();

        private readonly JsonMemberTable _table;

        protected Wide(int members) => _table = s_tables.GetOrAdd(members, n => new JsonMemberTable(
            Enumerable.Range(0, n).Select(i => "m" + i).ToArray(),
            Enumerable.Range(0, n).Select(_ => (JsonCodecBase)JsonCodec.String).ToArray()));

        public string? Get(int member) => Slot<string>(member);

        protected override JsonMemberTable GetMemberTable() => _table;
    }

    public sealed class Wide100 : Wide
    {
        public Wide100() : base(100) { }
    }

    public sealed class Wide256 : Wide
    {
        public Wide256() : base(256) { }
    }

    public sealed class Wide300 : Wide
    {
        public Wide300() : base(300) { }
    }
}
