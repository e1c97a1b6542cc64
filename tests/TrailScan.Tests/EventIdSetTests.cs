using System;
using System.Linq;
using TrailScan.Reading;
using Xunit;

namespace TrailScan.Tests;

/// <summary>The eventIDs --dedupe keeps: UUIDs as 16 bytes, anything else as text, the same answers either way.</summary>
public class EventIdSetTests
{
    private const string Uuid = "3fcfb0e6-3b8d-4a19-a1b5-0d1a7c2d0e5b";

    [Fact]
    public void A_lower_case_UUID_is_kept_as_a_UUID_and_found_again_by_its_text()
    {
        var set = new EventIdSet();
        Assert.True(set.Add(Uuid));
        Assert.False(set.Add(Uuid));
        Assert.False(set.Add(new string(Uuid.ToCharArray()))); // the same text, another string
        Assert.True(set.Contains(Uuid));
        Assert.Equal(1, set.Count);
        Assert.Equal(0, set.TextCount);
        Assert.True(set.Remove(Uuid));
        Assert.False(set.Contains(Uuid));
        Assert.Equal(0, set.Count);
    }

    [Theory]
    [InlineData("3FCFB0E6-3B8D-4A19-A1B5-0D1A7C2D0E5B")] // upper case
    [InlineData("3fcfb0e6-3b8d-4a19-a1b5-0d1a7c2d0E5b")] // one upper-case digit
    [InlineData("3fcfb0e63b8d4a19a1b50d1a7c2d0e5b")] // no hyphens
    [InlineData("{3fcfb0e6-3b8d-4a19-a1b5-0d1a7c2d0e5b}")] // braces
    [InlineData(" 3fcfb0e6-3b8d-4a19-a1b5-0d1a7c2d0e5")] // a space, 36 characters
    [InlineData("3fcfb0e6-3b8d-4a19-a1b5-0d1a7c2d0e5g")] // not hex
    [InlineData("example-event-id")]
    [InlineData("0")]
    public void Any_other_text_is_kept_as_text_and_is_not_the_same_eventID_as_a_UUID_it_spells(string text)
    {
        var set = new EventIdSet();
        Assert.True(set.Add(Uuid));
        Assert.True(set.Add(text));
        Assert.False(set.Add(text));
        Assert.Equal(2, set.Count);
        Assert.Equal(1, set.TextCount);
        Assert.True(set.Contains(text));
        Assert.True(set.Remove(text));
        Assert.True(set.Contains(Uuid));
        Assert.False(set.Contains(text));
    }

    [Fact]
    public void CountIn_and_UnionWith_answer_as_sets_of_text_would()
    {
        var uuids = Enumerable.Range(0, 200).Select(i => new Guid(i, 0, 0, new byte[8]).ToString("D")).ToArray();
        var texts = Enumerable.Range(0, 50).Select(i => "id-" + i).ToArray();
        var earlier = new EventIdSet();
        foreach (string id in uuids.Take(120).Concat(texts.Take(30))) earlier.Add(id);
        var file = new EventIdSet();
        foreach (string id in uuids.Skip(100).Concat(texts.Skip(20))) file.Add(id);

        // uuids 100-119 and texts 20-29 are in both.
        Assert.Equal(30, file.CountIn(earlier));
        Assert.Equal(30, earlier.CountIn(file));
        Assert.Equal(0, file.CountIn(new EventIdSet()));

        earlier.UnionWith(file);
        Assert.Equal(250, earlier.Count);
        Assert.Equal(50, earlier.TextCount);
        Assert.All(uuids.Concat(texts), id => Assert.True(earlier.Contains(id), id));
        Assert.False(earlier.Contains(new Guid(200, 0, 0, new byte[8]).ToString("D")));
    }
}
