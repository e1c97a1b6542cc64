using System;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// The JSON names of a generated type's members, in catalog order, and for types that keep their
/// values in the base class, each member's codec. Generated code builds one per type; the base
/// class uses it to find a member by its UTF-8 name, to write names without encoding them again
/// and, with codecs, to read and write the members itself.
/// </summary>
public sealed class JsonMemberTable
{
    private readonly JsonEncodedText[] _encoded;
    private readonly string[] _names;
    private readonly Utf8Lookup _lookup;
    private readonly JsonCodecBase[]? _codecs;

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
    }

    /// <summary>How many members the type has.</summary>
    public int Count => _names.Length;

    /// <summary>The JSON name of member <paramref name="index"/>.</summary>
    public string GetName(int index) => _names[index];

    internal JsonEncodedText GetEncodedName(int index) => _encoded[index];

    /// <summary>Whether the table has codecs: the base class then reads and writes the members.</summary>
    internal bool HasCodecs => _codecs is not null;

    internal JsonCodecBase GetCodec(int index) =>
        _codecs is { } codecs ? codecs[index] : throw NoCodecs();

    private static InvalidOperationException NoCodecs() =>
        new("This member table has no codecs: its type must read and write its members itself.");

    internal int Find(ReadOnlySpan<byte> utf8Name, out bool exactCase) => _lookup.Find(utf8Name, out exactCase);
}
