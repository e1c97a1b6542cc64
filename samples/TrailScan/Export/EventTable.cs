using System;
using System.Collections;
using System.Collections.Generic;
using CloudTrailGen;
using TrailScan.Aws;

namespace TrailScan.Export;

/// <summary>
/// A table of one event: <c>eventID</c> (to join <c>records</c>), <c>eventTime</c>, and the typed
/// request and response members as the structs <c>request</c> and <c>response</c>. The columns come
/// from the event's schema (<see cref="CloudTrailEventSchema"/>, which every selected event has,
/// with a class or not); the values from <see cref="CloudTrailObject.GetTypedMembers"/> of the
/// record's typed parts, the same for generated classes and schema objects: no reflection.
/// Strings, booleans, integers, doubles, timestamps and enums are typed columns; a structure is a
/// struct of its members one level down; a list of those values is a list; anything deeper (a
/// structure in a structure, a list of structures, a map, a <c>json</c> member) is JSON text.
/// </summary>
internal sealed class EventTable
{
    private enum Kind
    {
        Value,
        List,
        Json,
        Struct,
    }

    private sealed record Member(string Name, Kind Kind, ParquetType Type, Member[] Children);

    private readonly Member[] _request;
    private readonly Member[] _response;

    private EventTable(string name, CloudTrailEventSchema schema)
    {
        TableName = name;
        Event = schema;
        _request = Plan(schema.Service, schema.Request, depth: 0);
        _response = Plan(schema.Service, schema.Response, depth: 0);
        var fields = new List<ParquetField>
        {
            ParquetField.Value("eventID", ParquetType.String),
            ParquetField.Value("eventTime", ParquetType.Timestamp),
        };
        if (_request.Length > 0) fields.Add(ParquetField.Struct("request", Fields(_request)));
        if (_response.Length > 0) fields.Add(ParquetField.Struct("response", Fields(_response)));
        Schema = fields;
    }

    /// <summary>The table's folder name: service id and event name (iam_AttachRolePolicy).</summary>
    public string TableName { get; }

    /// <summary>The event.</summary>
    public CloudTrailEventSchema Event { get; }

    /// <summary>The table's schema.</summary>
    public IReadOnlyList<ParquetField> Schema { get; }

    /// <summary>The table of <paramref name="schema"/>'s event.</summary>
    public static EventTable For(CloudTrailEventSchema schema) => new(schema.Service.Id + "_" + schema.Name, schema);

    private static Member[] Plan(CloudTrailServiceSchema service, CloudTrailShapeSchema? shape, int depth)
    {
        if (shape is null) return [];
        var members = new List<Member>();
        foreach (var member in shape.Members)
        {
            members.Add(PlanMember(service, member.Name, member.Type, depth));
        }
        return members.ToArray();
    }

    private static Member PlanMember(CloudTrailServiceSchema service, string name, string type, int depth)
    {
        if (Scalar(service, type) is { } scalar) return new Member(name, Kind.Value, scalar, []);
        if (type.EndsWith("[]", StringComparison.Ordinal) && Scalar(service, type[..^2]) is { } element)
        {
            return new Member(name, Kind.List, element, []);
        }
        if (depth == 0 && !type.EndsWith("[]", StringComparison.Ordinal) && !type.StartsWith("map<", StringComparison.Ordinal)
            && service.FindShape(type) is { Members.Count: > 0 } shape)
        {
            var children = new List<Member>();
            foreach (var child in shape.Members) children.Add(PlanMember(service, child.Name, child.Type, depth + 1));
            return new Member(name, Kind.Struct, ParquetType.String, children.ToArray());
        }
        return new Member(name, Kind.Json, ParquetType.String, []);
    }

    /// <summary>The column type of a value type; null for structures, lists, maps and json.</summary>
    private static ParquetType? Scalar(CloudTrailServiceSchema service, string type) => type switch
    {
        "string" => ParquetType.String,
        "boolean" => ParquetType.Boolean,
        "integer" or "long" => ParquetType.Int64,
        "double" or "float" => ParquetType.Double,
        "timestamp" => ParquetType.Timestamp,
        "json" => null,
        _ when type.EndsWith("[]", StringComparison.Ordinal) || type.StartsWith("map<", StringComparison.Ordinal) => null,
        _ => service.FindShape(type) is null ? ParquetType.String : null, // an enum: its value as logged
    };

    private static ParquetField[] Fields(Member[] members)
    {
        var fields = new ParquetField[members.Length];
        for (int i = 0; i < members.Length; i++)
        {
            var member = members[i];
            fields[i] = member.Kind switch
            {
                Kind.Value => ParquetField.Value(member.Name, member.Type),
                Kind.List => ParquetField.List(member.Name, ParquetField.Value("element", member.Type)),
                Kind.Struct => ParquetField.Struct(member.Name, Fields(member.Children)),
                _ => ParquetField.Value(member.Name, ParquetType.String),
            };
        }
        return fields;
    }

    /// <summary>Adds <paramref name="record"/>'s row to the buffers.</summary>
    public void Fill(ColumnBuffer[] columns, CloudTrailRecord record)
    {
        int i = 0;
        Columns.String(columns[i++], record.EventID, 0);
        Columns.Timestamp(columns[i++], record.EventTime, 0);
        if (_request.Length > 0) Part(columns, ref i, _request, record.TypedRequest, 0);
        if (_response.Length > 0) Part(columns, ref i, _response, record.TypedResponse, 0);
        if (i != columns.Length) throw new InvalidOperationException($"{TableName}: {i} columns filled of {columns.Length}.");
    }

    /// <summary>The columns of a struct of <paramref name="plan"/>, from <paramref name="part"/> (null: the struct is null).</summary>
    private static void Part(ColumnBuffer[] columns, ref int i, Member[] plan, CloudTrailObject? part, int reached)
    {
        var members = Columns.Members(part);
        int here = part is null ? reached : reached + 1;
        foreach (var member in plan)
        {
            object? value = part is null ? null : members.GetValueOrDefault(member.Name);
            switch (member.Kind)
            {
                case Kind.Value:
                    Columns.Typed(columns[i++], value, here);
                    break;
                case Kind.Json:
                    Columns.String(columns[i++], value is null ? null : Columns.JsonText(value), here);
                    break;
                case Kind.Struct:
                    Part(columns, ref i, member.Children, value as CloudTrailObject, here);
                    break;
                case Kind.List:
                    var column = columns[i++];
                    if (value is not IList list) column.AddNull(here);
                    else if (list.Count == 0) column.AddNull(here + 1);
                    else for (int n = 0; n < list.Count; n++) Columns.Typed(column, list[n], here + 2, n == 0 ? 0 : 1);
                    break;
            }
        }
    }
}
