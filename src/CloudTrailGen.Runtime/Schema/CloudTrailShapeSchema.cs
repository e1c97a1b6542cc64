using System;
using System.Collections.Generic;

namespace CloudTrailGen;

/// <summary>
/// A structure of the schema: its members in catalog order. Its member table (names and codecs,
/// what a generated class would be compiled with) is built when an object of it is first read.
/// </summary>
public sealed class CloudTrailShapeSchema
{
    private readonly CloudTrailServiceSchema _service;
    private readonly CloudTrailMemberSchema[] _members;
    private Dictionary<string, int>? _indexes;
    private JsonMemberTable? _table;

    internal CloudTrailShapeSchema(CloudTrailServiceSchema service, string name, CloudTrailMemberSchema[] members)
    {
        _service = service;
        Name = name;
        _members = members;
    }

    /// <summary>The shape's name: the catalog's, or for an event's parts the eventName followed by <c>Request</c> or <c>Response</c>.</summary>
    public string Name { get; }

    /// <summary>The members, in the order the catalog lists them (and serialization writes them).</summary>
    public IReadOnlyList<CloudTrailMemberSchema> Members => _members;

    /// <summary>The index of the member with this JSON key (exact spelling); -1 when the shape has none.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var indexes = _indexes;
        if (indexes is null)
        {
            indexes = new Dictionary<string, int>(_members.Length, StringComparer.Ordinal);
            for (int i = 0; i < _members.Length; i++) indexes.TryAdd(_members[i].Name, i);
            _indexes = indexes; // two threads may both build it: they are equal
        }
        return indexes.TryGetValue(name, out int index) ? index : -1;
    }

    internal CloudTrailServiceSchema Service => _service;

    /// <summary>The member table, built on first use (two threads may both build one: they are equal).</summary>
    internal JsonMemberTable Table => _table ??= BuildTable();

    private JsonMemberTable BuildTable()
    {
        var names = new string[_members.Length];
        var codecs = new JsonCodecBase[_members.Length];
        for (int i = 0; i < _members.Length; i++)
        {
            names[i] = _members[i].Name;
            codecs[i] = _service.CodecOf(_members[i].Type, slot: true);
        }
        return new JsonMemberTable(names, codecs);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
