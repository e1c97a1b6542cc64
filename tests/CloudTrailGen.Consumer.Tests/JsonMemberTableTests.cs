using System.Linq;
using System.Text;
using CloudTrailGen;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// Finding a member by its key after the member before it: the key that came next last time is
/// confirmed by the name's length and first and last eight bytes, and the middle of longer names.
/// </summary>
public class JsonMemberTableTests
{
    // Names of every length from 1 to 40, names that share their first and last eight bytes and
    // differ in the middle, names that differ in their last byte only, and a name that is not ASCII.
    private static readonly string[] s_names = Enumerable.Range(1, 40).Select(n => new string('k', n))
        .Concat(new[]
        {
            "aaaaaaaaXaaaaaaaa", "aaaaaaaaYaaaaaaaa",
            "sessionContextA", "sessionContextB",
            "recipientAccountId1", "recipientAccountId2",
            "typ", "tyq", "\u00e9v\u00e9nement",
        })
        .ToArray();

    [Fact]
    public void Every_key_finds_its_member_whatever_member_came_before()
    {
        var table = new JsonMemberTable(s_names);
        for (int round = 0; round < 3; round++)
        {
            // Keys in three orders, so that each guess is right in some reads and wrong in others.
            var order = round switch
            {
                0 => Enumerable.Range(0, s_names.Length),
                1 => Enumerable.Range(0, s_names.Length).Reverse(),
                _ => Enumerable.Range(0, s_names.Length).Select(i => (i * 7) % s_names.Length),
            };
            int previous = -1;
            foreach (int member in order)
            {
                Assert.Equal(member, table.FindAfter(Encoding.UTF8.GetBytes(s_names[member]), previous, out bool exact));
                Assert.True(exact);
                previous = member;
            }
        }
    }

    [Fact]
    public void A_key_that_only_shares_the_guess_ends_or_length_is_not_taken_for_it()
    {
        var table = new JsonMemberTable(s_names);
        int x = System.Array.IndexOf(s_names, "aaaaaaaaXaaaaaaaa");
        int y = System.Array.IndexOf(s_names, "aaaaaaaaYaaaaaaaa");
        int a = System.Array.IndexOf(s_names, "recipientAccountId1");
        int b = System.Array.IndexOf(s_names, "recipientAccountId2");
        int typ = System.Array.IndexOf(s_names, "typ");

        // Teach the table that x follows the start, then read y there: the guess (x) has the same
        // length and the same first and last eight bytes, and must not be taken.
        Assert.Equal(x, table.FindAfter(Encoding.UTF8.GetBytes(s_names[x]), -1, out _));
        Assert.Equal(y, table.FindAfter(Encoding.UTF8.GetBytes(s_names[y]), -1, out bool exact));
        Assert.True(exact);

        Assert.Equal(a, table.FindAfter(Encoding.UTF8.GetBytes(s_names[a]), typ, out _));
        Assert.Equal(b, table.FindAfter(Encoding.UTF8.GetBytes(s_names[b]), typ, out _));
        Assert.Equal(typ, table.FindAfter("typ"u8, a, out _));
        Assert.Equal(System.Array.IndexOf(s_names, "tyq"), table.FindAfter("tyq"u8, a, out _));

        // Not a name at all, though as long as the guess and sharing its ends; a short key that
        // is a prefix of the guess; another letter case (found, not exact).
        Assert.Equal(-1, table.FindAfter("aaaaaaaaZaaaaaaaa"u8, -1, out _));
        Assert.Equal(-1, table.FindAfter("ty"u8, a, out _));
        Assert.Equal(typ, table.FindAfter("TYP"u8, a, out bool exactCase));
        Assert.False(exactCase);
    }
}
