using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using CloudTrailGen;

namespace TrailScan.Export;

/// <summary>
/// Adding one row's entry to a column buffer, with the definition level Parquet needs for a null:
/// <c>reached</c> is how deep the value's enclosing structs are present (0 at the top level, or when
/// the outermost struct is null), so a null value is stored at that level.
/// </summary>
internal static class Columns
{
    public static void String(ColumnBuffer column, string? value, int reached)
    {
        if (value is null) column.AddNull(reached);
        else column.Add(value);
    }

    public static void Boolean(ColumnBuffer column, bool? value, int reached)
    {
        if (value is { } v) column.Add(v);
        else column.AddNull(reached);
    }

    public static void Timestamp(ColumnBuffer column, DateTimeOffset? value, int reached)
    {
        if (value is { } v) column.Add(v);
        else column.AddNull(reached);
    }

    /// <summary>The JSON text of a raw part (requestParameters, ...), exactly as it was read.</summary>
    public static void Json(ColumnBuffer column, RawJson? value, int reached)
    {
        if (value is { } json) column.Add(Encoding.UTF8.GetString(json.Utf8.Span));
        else column.AddNull(reached);
    }

    /// <summary>
    /// A typed value as the column's type, or null when it is not one (a value that did not fit
    /// its member's type is null in the typed column; the records table keeps it in the JSON text).
    /// </summary>
    public static void Typed(ColumnBuffer column, object? value, int reached, int repetition = 0)
    {
        switch (column.Column.Type)
        {
            case ParquetType.String when Text(value) is { } text:
                column.Add(text, repetition);
                return;
            case ParquetType.Int64 when value is long number:
                column.Add(number, repetition);
                return;
            case ParquetType.Double when value is double number:
                column.Add(number, repetition);
                return;
            case ParquetType.Double when value is long number:
                column.Add((double)number, repetition);
                return;
            case ParquetType.Boolean when value is bool flag:
                column.Add(flag, repetition);
                return;
            case ParquetType.Timestamp when value is DateTimeOffset time:
                column.Add(time, repetition);
                return;
        }
        column.AddNull(reached, repetition);
    }

    /// <summary>A string, an enum's value as logged, or null for anything else.</summary>
    private static string? Text(object? value) => value switch
    {
        string text => text,
        null or bool or long or double or DateTimeOffset or RawJson or CloudTrailObject or IList or IDictionary => null,
        _ => value.ToString(), // OpenEnum<T>: the value as logged
    };

    /// <summary>Any typed value (what <see cref="CloudTrailObject.GetTypedMembers"/> gives) as JSON text.</summary>
    public static string JsonText(object value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteJson(writer, value);
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset time:
                writer.WriteStringValue(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                break;
            case RawJson json:
                json.WriteTo(writer);
                break;
            case CloudTrailObject obj:
                obj.WriteTo(writer);
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName((string)entry.Key);
                    WriteJson(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case IList list:
                writer.WriteStartArray();
                foreach (object? item in list) WriteJson(writer, item);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    /// <summary>The members of a typed part by key (the first of a key that came twice in other letter cases).</summary>
    public static Dictionary<string, object?> Members(CloudTrailObject? part)
    {
        var members = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (part is null) return members;
        foreach (var member in part.GetTypedMembers()) members.TryAdd(member.Name, member.Value);
        return members;
    }
}
