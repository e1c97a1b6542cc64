using System;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// The JSON names of a generated type's members, in catalog order. Generated code builds one per
/// type; the base class uses it to find a member by its UTF-8 name and to write names without
/// encoding them again.
/// </summary>
public sealed class JsonMemberTable
{
    private readonly JsonEncodedText[] _encoded;
    private readonly string[] _names;
    private readonly Utf8Lookup _lookup;

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

    internal int Find(ReadOnlySpan<byte> utf8Name, out bool exactCase) => _lookup.Find(utf8Name, out exactCase);
}
