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
/// A field of a Parquet schema: a value (every value is optional: null is always allowed), a list
/// (the three-level LIST layout every engine reads), or a struct of fields.
/// </summary>
public sealed class ParquetField
{
    private ParquetField(string name, ParquetType? type, bool isList, IReadOnlyList<ParquetField> children)
    {
        Name = name;
        Type = type;
        IsList = isList;
        Children = children;
    }

    /// <summary>The field's name.</summary>
    public string Name { get; }

    /// <summary>The value type of a value field; null for a list or struct.</summary>
    public ParquetType? Type { get; }

    /// <summary>Whether this is a list (its one child is the element).</summary>
    public bool IsList { get; }

    /// <summary>The element of a list, or the fields of a struct; empty for a value.</summary>
    public IReadOnlyList<ParquetField> Children { get; }

    /// <summary>An optional value.</summary>
    public static ParquetField Value(string name, ParquetType type) => new(name, type, false, []);

    /// <summary>An optional list of <paramref name="element"/>s (the element is named "element" whatever it is called).</summary>
    public static ParquetField List(string name, ParquetField element) =>
        new(name, null, true, [element.Name == "element" ? element : element.Renamed("element")]);

    /// <summary>An optional struct of <paramref name="fields"/>.</summary>
    public static ParquetField Struct(string name, params ParquetField[] fields)
    {
        if (fields.Length == 0) throw new ArgumentException("A struct needs at least one field.", nameof(fields));
        return new(name, null, false, fields);
    }

    private ParquetField Renamed(string name) => new(name, Type, IsList, Children);

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
        def++; // every field is optional
        if (field.Type is { } type)
        {
            columns.Add(new ParquetColumn(path, type, def, rep));
        }
        else if (field.IsList)
        {
            // <name> (optional, LIST) / list (repeated) / element (optional)
            Walk(field.Children[0], [.. path, "list"], def + 1, rep + 1, columns);
        }
        else
        {
            foreach (var child in field.Children) Walk(child, path, def, rep, columns);
        }
    }
}

/// <summary>A leaf column: its path in the schema, its type, and its highest definition and repetition levels.</summary>
public sealed record ParquetColumn(string[] Path, ParquetType Type, int MaxDefinition, int MaxRepetition);
