using System;
using System.Collections;
using System.Collections.Generic;
using CloudTrailGen;
using TrailScan.Aws;

namespace TrailScan.Export;

/// <summary>
/// A table of one event: <c>eventID</c>, <c>eventTime</c>, <c>sourceObject</c> and <c>recordIndex</c>
/// (the <c>records</c> table's columns of the same names: together the last two are the exact key to
/// join it on, where eventID repeats when a log was read twice), and the typed request and response
/// members as the structs <c>request</c> and <c>response</c>. The columns come
/// from the event's schema (<see cref="CloudTrailEventSchema"/>, which every selected event has,
/// with a class or not); the values from <see cref="CloudTrailObject.GetTypedMembers"/> of the
/// record's typed parts, the same for generated classes and schema objects: no reflection.
/// Strings, booleans, integers, doubles, timestamps and enums are typed columns; a structure is a
/// struct of its members, a list a Parquet list and a map a Parquet map, nested down to
/// <see cref="MaxNesting"/> levels below <c>request</c> and <c>response</c>. A structure, list or
/// map deeper than that, a structure inside itself (a recursive shape) and a <c>json</c> member
/// are JSON text.
/// </summary>
internal sealed class EventTable
{
    /// <summary>
    /// How many levels of structs, lists and maps a member may nest below <c>request</c> and
    /// <c>response</c> (each struct, list and map is one level): enough for EC2's
    /// <c>tagSpecificationSet.items[].tagSet.items[].key</c>. The widest table of the catalog has
    /// 1,416 columns (mediaconvert's CreatePreset), the median 6.
    /// </summary>
    public const int MaxNesting = 6;

    private enum Kind
    {
        Value,
        Json,
        Struct,
        List,
        Map,
    }

    /// <summary>
    /// A field of the table and how its values are written: <see cref="First"/> and
    /// <see cref="Count"/> are its leaf columns (a map's first is its key), <see cref="Repetition"/>
    /// the repetition level of a list's or map's entries.
    /// </summary>
    private sealed class Node(string name, Kind kind, ParquetType type, Node[] members, Node? element)
    {
        public string Name { get; } = name;
        public Kind Kind { get; } = kind;
        public ParquetType Type { get; } = type;
        public Node[] Members { get; } = members;
        public Node? Element { get; } = element;
        public int First;
        public int Count;
        public int Repetition;
    }

    private readonly Node? _request;
    private readonly Node? _response;
    private readonly int _columns;

    private EventTable(string name, CloudTrailEventSchema schema)
    {
        TableName = name;
        Event = schema;
        _request = Part("request", schema.Service, schema.Request);
        _response = Part("response", schema.Service, schema.Response);
        var fields = new List<ParquetField>
        {
            ParquetField.Value("eventID", ParquetType.String),
            ParquetField.Value("eventTime", ParquetType.Timestamp),
            ParquetField.Value("sourceObject", ParquetType.String),
            ParquetField.Value("recordIndex", ParquetType.Int64),
        };
        int column = 4;
        if (_request is not null)
        {
            fields.Add(Field(_request));
            Number(_request, ref column, 0);
        }
        if (_response is not null)
        {
            fields.Add(Field(_response));
            Number(_response, ref column, 0);
        }
        Schema = fields;
        _columns = column;
        if (ParquetField.Columns(fields).Length != column) throw new InvalidOperationException($"{name}: the plan has {column} columns, the schema {ParquetField.Columns(fields).Length}.");
    }

    /// <summary>The table's folder name: service id and event name (iam_AttachRolePolicy).</summary>
    public string TableName { get; }

    /// <summary>The event.</summary>
    public CloudTrailEventSchema Event { get; }

    /// <summary>The table's schema.</summary>
    public IReadOnlyList<ParquetField> Schema { get; }

    /// <summary>The table of <paramref name="schema"/>'s event.</summary>
    public static EventTable For(CloudTrailEventSchema schema) => new(schema.Service.Id + "_" + schema.Name, schema);

    /// <summary>The struct of an event's request or response; null when it has no members.</summary>
    private static Node? Part(string name, CloudTrailServiceSchema service, CloudTrailShapeSchema? shape)
    {
        if (shape is null || shape.Members.Count == 0) return null;
        var members = new Node[shape.Members.Count];
        for (int i = 0; i < members.Length; i++) members[i] = Plan(service, shape.Members[i].Name, shape.Members[i].Type, 0, []);
        return new Node(name, Kind.Struct, ParquetType.String, members, null);
    }

    /// <summary>
    /// How a member of catalog type <paramref name="type"/> is stored, <paramref name="nesting"/>
    /// levels below request or response, inside the structures <paramref name="within"/>.
    /// </summary>
    private static Node Plan(CloudTrailServiceSchema service, string name, string type, int nesting, string[] within)
    {
        switch (type)
        {
            case "string":
                return new Node(name, Kind.Value, ParquetType.String, [], null);
            case "boolean":
                return new Node(name, Kind.Value, ParquetType.Boolean, [], null);
            case "integer" or "long":
                return new Node(name, Kind.Value, ParquetType.Int64, [], null);
            case "double" or "float":
                return new Node(name, Kind.Value, ParquetType.Double, [], null);
            case "timestamp":
                return new Node(name, Kind.Value, ParquetType.Timestamp, [], null);
            case "json":
                return Json(name);
        }
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            if (nesting >= MaxNesting) return Json(name);
            return new Node(name, Kind.List, ParquetType.String, [], Plan(service, "element", type[..^2], nesting + 1, within));
        }
        if (type.StartsWith("map<", StringComparison.Ordinal) && type.EndsWith('>'))
        {
            if (nesting >= MaxNesting) return Json(name);
            return new Node(name, Kind.Map, ParquetType.String, [], Plan(service, "value", type[4..^1], nesting + 1, within));
        }
        var shape = service.FindShape(type);
        if (shape is null) return new Node(name, Kind.Value, ParquetType.String, [], null); // an enum: its value as logged
        if (nesting >= MaxNesting || shape.Members.Count == 0 || Array.IndexOf(within, type) >= 0) return Json(name);
        string[] inside = [.. within, type];
        var members = new Node[shape.Members.Count];
        for (int i = 0; i < members.Length; i++) members[i] = Plan(service, shape.Members[i].Name, shape.Members[i].Type, nesting + 1, inside);
        return new Node(name, Kind.Struct, ParquetType.String, members, null);
    }

    private static Node Json(string name) => new(name, Kind.Json, ParquetType.String, [], null);

    private static ParquetField Field(Node node) => node.Kind switch
    {
        Kind.Value => ParquetField.Value(node.Name, node.Type),
        Kind.Json => ParquetField.Value(node.Name, ParquetType.String),
        Kind.List => ParquetField.List(node.Name, Field(node.Element!)),
        Kind.Map => ParquetField.Map(node.Name, Field(node.Element!)),
        _ => ParquetField.Struct(node.Name, Array.ConvertAll(node.Members, Field)),
    };

    /// <summary>Numbers the leaf columns of <paramref name="node"/> from <paramref name="column"/>, in schema order.</summary>
    private static void Number(Node node, ref int column, int repetition)
    {
        node.First = column;
        switch (node.Kind)
        {
            case Kind.Value or Kind.Json:
                column++;
                break;
            case Kind.Struct:
                foreach (var member in node.Members) Number(member, ref column, repetition);
                break;
            case Kind.List:
                node.Repetition = repetition + 1;
                Number(node.Element!, ref column, repetition + 1);
                break;
            case Kind.Map:
                node.Repetition = repetition + 1;
                column++; // the key
                Number(node.Element!, ref column, repetition + 1);
                break;
        }
        node.Count = column - node.First;
    }

    /// <summary>Adds <paramref name="record"/>'s row to the buffers: the record at <paramref name="recordIndex"/> of <paramref name="sourceObject"/>, as in <see cref="RecordsTable"/>.</summary>
    public void Fill(ColumnBuffer[] columns, CloudTrailRecord record, string sourceObject, long recordIndex)
    {
        if (columns.Length != _columns) throw new InvalidOperationException($"{TableName}: {columns.Length} buffers for {_columns} columns.");
        Columns.String(columns[0], record.EventID, 0);
        Columns.Timestamp(columns[1], record.EventTime, 0);
        Columns.String(columns[2], sourceObject, 0);
        columns[3].Add(recordIndex);
        if (_request is not null) Write(columns, _request, record.TypedRequest, 0, 0);
        if (_response is not null) Write(columns, _response, record.TypedResponse, 0, 0);
    }

    /// <summary>
    /// Adds <paramref name="value"/> as <paramref name="node"/>'s entries (Dremel's shredding):
    /// <paramref name="defined"/> is the definition level its parents reached, <paramref name="repetition"/>
    /// the repetition level of its first entry. A value that is not what the node holds is null.
    /// </summary>
    private static void Write(ColumnBuffer[] columns, Node node, object? value, int defined, int repetition)
    {
        switch (node.Kind)
        {
            case Kind.Value:
                Columns.Typed(columns[node.First], value, defined, repetition);
                return;
            case Kind.Json:
                if (value is null) columns[node.First].AddNull(defined, repetition);
                else columns[node.First].Add(Columns.JsonText(value), repetition);
                return;
            case Kind.Struct when value is CloudTrailObject part:
                var members = Columns.Members(part);
                foreach (var member in node.Members) Write(columns, member, members.GetValueOrDefault(member.Name), defined + 1, repetition);
                return;
            case Kind.List when value is IList list:
                if (list.Count == 0)
                {
                    Nulls(columns, node, defined + 1, repetition);
                    return;
                }
                for (int n = 0; n < list.Count; n++) Write(columns, node.Element!, list[n], defined + 2, n == 0 ? repetition : node.Repetition);
                return;
            case Kind.Map when value is IDictionary map:
                if (map.Count == 0)
                {
                    Nulls(columns, node, defined + 1, repetition);
                    return;
                }
                bool first = true;
                foreach (DictionaryEntry entry in map)
                {
                    int level = first ? repetition : node.Repetition;
                    first = false;
                    columns[node.First].Add((string)entry.Key, level);
                    Write(columns, node.Element!, entry.Value, defined + 2, level);
                }
                return;
        }
        Nulls(columns, node, defined, repetition);
    }

    /// <summary>One null entry at <paramref name="defined"/> in each of <paramref name="node"/>'s columns.</summary>
    private static void Nulls(ColumnBuffer[] columns, Node node, int defined, int repetition)
    {
        for (int i = node.First; i < node.First + node.Count; i++) columns[i].AddNull(defined, repetition);
    }
}
