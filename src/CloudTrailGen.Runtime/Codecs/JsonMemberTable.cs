using System;
using System.ComponentModel;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// The JSON names of a generated type's members, in catalog order, and for types that keep their
/// values in the base class, each member's codec. Generated code builds one per type; the base
/// class uses it to find a member by its UTF-8 name, to write names without encoding them again
/// and, with codecs, to read and write the members itself.
/// </summary>
/// <remarks>Called by the code CloudTrailGen generates, and hidden from completion lists: not meant for other code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonMemberTable
{
    private readonly JsonEncodedText[] _encoded;
    private readonly string[] _names;
    private readonly Utf8Lookup _lookup;
    private readonly JsonCodecBase[]? _codecs;

    // For the start of an object (slot 0) and after each member (slot member + 1): the member
    // whose key came next the last time. Records of one kind keep their keys in one order, so the
    // next key is usually this guess, confirmed with one comparison instead of a hash look-up.
    // Threads may race on a slot; any value there is only a guess.
    private readonly int[] _next;

    /// <summary>
    /// Creates the table of a type that stores its members in the base class: the members' JSON
    /// names and, at the same index, their codecs.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length or a codec is null.</exception>
    public JsonMemberTable(string[] names, JsonCodecBase[] codecs)
        : this(names)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        if (codecs.Length != names.Length)
        {
            throw new ArgumentException($"{codecs.Length} codecs were given for {names.Length} members.", nameof(codecs));
        }
        if (Array.IndexOf(codecs, null) is int missing and >= 0)
        {
            throw new ArgumentException($"The codec of member '{names[missing]}' is null.", nameof(codecs));
        }
        _codecs = codecs;
    }

    /// <summary>Creates the table from the members' JSON names.</summary>
    public JsonMemberTable(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = names;
        _encoded = new JsonEncodedText[names.Length];
        var indexes = new int[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            _encoded[i] = JsonEncodedText.Encode(names[i]);
            indexes[i] = i;
        }
        _lookup = new Utf8Lookup(names, indexes);
        _next = new int[names.Length + 1];
        Count = names.Length;
    }

    /// <summary>How many members the type has.</summary>
    /// <remarks>A field, not <c>_names.Length</c>: read at the start of every object read, one load fewer.</remarks>
    internal int Count { get; }

    /// <summary>The JSON name of member <paramref name="index"/>.</summary>
    internal string GetName(int index) => _names[index];

    internal JsonEncodedText GetEncodedName(int index) => _encoded[index];

    internal JsonCodecBase GetCodec(int index) =>
        _codecs is { } codecs ? codecs[index] : throw NoCodecs();

    private static InvalidOperationException NoCodecs() =>
        new("This member table has no codecs: its type must read and write its members itself.");

    internal int Find(ReadOnlySpan<byte> utf8Name, out bool exactCase) => _lookup.Find(utf8Name, out exactCase);

    /// <summary>
    /// Finds the member of an unescaped key that came after member <paramref name="previous"/>
    /// (-1 at the start of the object): the member that followed it last time is tried first.
    /// </summary>
    internal int FindAfter(ReadOnlySpan<byte> utf8Name, int previous, out bool exactCase)
    {
        ref int guess = ref _next[previous + 1];
        int member = guess;
        // The lookup's entry i is member i.
        if (_lookup.IsKey(member, utf8Name))
        {
            exactCase = true;
            return member;
        }
        member = _lookup.Find(utf8Name, out exactCase);
        if (member >= 0 && exactCase) guess = member;
        return member;
    }
}
