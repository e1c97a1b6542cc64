using System;
using System.Collections.Generic;

namespace TrailScan.Export;

/// <summary>The value types a column holds, and how each is stored in Parquet.</summary>
public enum ParquetType
{
    /// <summary>UTF-8 text: BYTE_ARRAY, logical type STRING (Athena, Spark: string).</summary>
    String,

    /// <summary>A signed 64-bit integer: INT64 (Athena, Spark: bigint).</summary>
    Int64,

    /// <summary>A double: DOUBLE.</summary>
    Double,

    /// <summary>A boolean: BOOLEAN.</summary>
    Boolean,

    /// <summary>
    /// A point in time in UTC: INT64 milliseconds since the epoch, logical type TIMESTAMP(MILLIS,
    /// isAdjustedToUTC) with the converted type TIMESTAMP_MILLIS (Athena, Spark: timestamp;
    /// DuckDB: timestamp with time zone).
    /// </summary>
    Timestamp,
}

/// <summary>
/// A field of a Parquet schema: a value (optional: null is always allowed, except for a map's key),
/// a list (the three-level LIST layout every engine reads), a map (the MAP layout: a repeated
/// <c>key_value</c> group of a required string <c>key</c> and an optional <c>value</c>), or a
/// struct of fields.
/// </summary>
public sealed class ParquetField
{
    private ParquetField(string name, ParquetType? type, ParquetFieldKind kind, bool required, IReadOnlyList<ParquetField> children)
    {
        Name = name;
        Type = type;
        Kind = kind;
        IsRequired = required;
        Children = children;
    }

    /// <summary>The field's name.</summary>
    public string Name { get; }

    /// <summary>The value type of a value field; null for a list, map or struct.</summary>
    public ParquetType? Type { get; }

    /// <summary>What the field is.</summary>
    public ParquetFieldKind Kind { get; }

    /// <summary>Whether this is a list (its one child is the element).</summary>
    public bool IsList => Kind == ParquetFieldKind.List;

    /// <summary>Whether this is a map (its children are the key and the value).</summary>
    public bool IsMap => Kind == ParquetFieldKind.Map;

    /// <summary>Whether the field can never be null (only a map's key).</summary>
    public bool IsRequired { get; }

    /// <summary>The element of a list, the key and value of a map, or the fields of a struct; empty for a value.</summary>
    public IReadOnlyList<ParquetField> Children { get; }

    /// <summary>An optional value.</summary>
    public static ParquetField Value(string name, ParquetType type) => new(name, type, ParquetFieldKind.Value, false, []);

    /// <summary>An optional list of <paramref name="element"/>s (the element is named "element" whatever it is called).</summary>
    public static ParquetField List(string name, ParquetField element) =>
        new(name, null, ParquetFieldKind.List, false, [element.Renamed("element")]);

    /// <summary>An optional map from strings to <paramref name="value"/>s (the value is named "value" whatever it is called).</summary>
    public static ParquetField Map(string name, ParquetField value) =>
        new(name, null, ParquetFieldKind.Map, false, [new ParquetField("key", ParquetType.String, ParquetFieldKind.Value, true, []), value.Renamed("value")]);

    /// <summary>An optional struct of <paramref name="fields"/>.</summary>
    public static ParquetField Struct(string name, params ParquetField[] fields)
    {
        if (fields.Length == 0) throw new ArgumentException("A struct needs at least one field.", nameof(fields));
        return new(name, null, ParquetFieldKind.Struct, false, fields);
    }

    private ParquetField Renamed(string name) => name == Name ? this : new(name, Type, Kind, IsRequired, Children);

    /// <summary>The leaf columns of <paramref name="fields"/>, in schema order (the order a row group stores them in).</summary>
    public static ParquetColumn[] Columns(IReadOnlyList<ParquetField> fields)
    {
        var columns = new List<ParquetColumn>();
        foreach (var field in fields) Walk(field, [], 0, 0, columns);
        return columns.ToArray();
    }

    private static void Walk(ParquetField field, string[] parent, int def, int rep, List<ParquetColumn> columns)
    {
        string[] path = [.. parent, field.Name];
        if (!field.IsRequired) def++;
        switch (field.Kind)
        {
            case ParquetFieldKind.Value:
                columns.Add(new ParquetColumn(path, field.Type!.Value, def, rep));
                break;
            case ParquetFieldKind.List:
                // <name> (optional, LIST) / list (repeated) / element (optional)
                Walk(field.Children[0], [.. path, "list"], def + 1, rep + 1, columns);
                break;
            case ParquetFieldKind.Map:
                // <name> (optional, MAP) / key_value (repeated) / key (required), value (optional)
                foreach (var child in field.Children) Walk(child, [.. path, "key_value"], def + 1, rep + 1, columns);
                break;
            default:
                foreach (var child in field.Children) Walk(child, path, def, rep, columns);
                break;
        }
    }
}

/// <summary>What a <see cref="ParquetField"/> is.</summary>
public enum ParquetFieldKind
{
    /// <summary>A value of a <see cref="ParquetType"/>.</summary>
    Value,

    /// <summary>A struct (a group) of fields.</summary>
    Struct,

    /// <summary>A list of an element field.</summary>
    List,

    /// <summary>A map from strings to a value field.</summary>
    Map,
}

/// <summary>A leaf column: its path in the schema, its type, and its highest definition and repetition levels.</summary>
public sealed record ParquetColumn(string[] Path, ParquetType Type, int MaxDefinition, int MaxRepetition);
