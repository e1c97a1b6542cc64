using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudTrailGen.Reliability;

// Shared by the property tests (tests/CloudTrailGen.Consumer.Tests) and the fuzzing harness
// (tests/CloudTrailGen.Fuzz links this file): a JSON tree that keeps what JsonNode cannot
// (repeated keys, every escape and number exactly as written, lone surrogate escapes), the
// mutations applied to it, and the "expected" JSON built with the rule the runtime follows.

/// <summary>A JSON value as written: objects keep repeated keys, scalars keep their exact text.</summary>
internal abstract class MNode
{
    public abstract MNode Clone();
}

internal sealed class MObject : MNode
{
    public List<MProperty> Properties { get; } = new();

    public override MNode Clone()
    {
        var copy = new MObject();
        foreach (var p in Properties) copy.Properties.Add(new MProperty(p.RawKey, p.Value.Clone()));
        return copy;
    }
}

/// <summary>A key (its text between the quotes, escapes as written) and its value.</summary>
internal sealed class MProperty
{
    public MProperty(string rawKey, MNode value)
    {
        RawKey = rawKey;
        Value = value;
    }

    public string RawKey { get; set; }
    public MNode Value { get; set; }
}

internal sealed class MArray : MNode
{
    public List<MNode> Items { get; } = new();

    public override MNode Clone()
    {
        var copy = new MArray();
        foreach (var item in Items) copy.Items.Add(item.Clone());
        return copy;
    }
}

/// <summary>A string (with its quotes), number or literal, exactly as written.</summary>
internal sealed class MScalar : MNode
{
    public MScalar(string raw) => Raw = raw;

    public string Raw { get; set; }

    public bool IsString => Raw.Length > 0 && Raw[0] == '"';

    public override MNode Clone() => new MScalar(Raw);
}

/// <summary>The kinds of mutation that keep a record valid JSON.</summary>
internal enum ValidMutation
{
    ChangeType,
    Null,
    Delete,
    AddUnknownKey,
    ChangeKeyCase,
    Reorder,
    NestDeeper,
    Lengthen,
    OddUnicodeInValue,
    OddUnicodeInKey,
    EmbedJson,
    RepeatKey,
}

/// <summary>The kinds of mutation that break the JSON.</summary>
internal enum InvalidMutation
{
    Truncate,
    InsertGarbage,
    DeleteByte,
    InvalidUtf8,
}

/// <summary>One mutation: what, where (an index reduced modulo the candidates), and a choice among its variants.</summary>
internal readonly record struct Mutation(ValidMutation Kind, int Target, int Variant);

internal readonly record struct BreakingMutation(InvalidMutation Kind, int Position, int Variant);

internal static class JsonMutator
{
    // ------------------------------------------------------------------ palettes

    /// <summary>Values of every JSON type, and the odd ones CloudTrail logs (redaction strings, string numbers, odd times).</summary>
    public static readonly string[] Values =
    {
        "\"x\"", "\"\"", "0", "-1", "1.5", "-0", "1E+2", "9.48587e-05", "1e400", "-1e400", "123456789012345678901234567890",
        "9223372036854775808", "true", "false", "null", "{}", "[]", "{\"a\":1}", "[1,\"a\",null,{}]", "[[[]]]",
        "\"HIDDEN_DUE_TO_SECURITY_REASONS\"", "\"true\"", "\"True\"", "\"900\"", "\" 900\"", "\"1e5\"", "\"NaN\"", "\"Infinity\"",
        "\"2023-01-01T00:00:00Z\"", "\"Jan 19, 2023 5:55:08 PM\"", "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00Z\"",
        "1726046908000", "-62135596800001", "1e20", "\"...\"", "\"\\u0000\"", "\"\\ud800\"", "{\"\":\"\"}",
    };

    /// <summary>Keys no catalog has; none of them makes the reader take a record for a wrapper.</summary>
    public static readonly string[] UnknownKeys =
    {
        "p_any", "zz", "newField", "\u00e9clair", "\\u00e9t\\u00e9", "", " ", "a b", "eventName2", "\\\"", "\\ud83d\\ude00", "\\ud800", "x\\u0000y",
        "\u65e5\u672c", "$type", "$ref", "__proto__", "constructor",
    };

    /// <summary>Text inserted into strings: non-ASCII, escapes, invisible and direction characters, lone and reversed surrogates.</summary>
    public static readonly string[] OddText =
    {
        "\u00e9", "\u65e5\u672c\u8a9e", "\ud83d\ude00", "\\ud83d\\ude00", "\\u0000", "\\u001f", "\\u2028\\u2029", "\u2028", "\\ufeff", "\ufeff",
        "\\\"", "\\\\", "\\/", "\\b\\f\\n\\r\\t", "\u202e", "e\u0301", "\u200b", "\\ud800", "\\udc00", "\\udc00\\ud800", "\\uDBFF", "\\uD800x",
        "\uffff", "\\uffff", "<script>", "%00", "\u0085", "\\u00e9",
    };

    // ------------------------------------------------------------------ parse and write

    /// <summary>Parses JSON into a tree that keeps repeated keys and every token's text.</summary>
    /// <exception cref="JsonException">The text is not one JSON value.</exception>
    public static MNode Parse(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 1000 });
        if (!reader.Read()) throw new JsonException("no value");
        var node = ReadNode(ref reader);
        if (reader.Read()) throw new JsonException("more than one value");
        return node;
    }

    private static MNode ReadNode(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new MObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string key = Encoding.UTF8.GetString(reader.ValueSpan);
                    reader.Read();
                    obj.Properties.Add(new MProperty(key, ReadNode(ref reader)));
                }
                return obj;
            case JsonTokenType.StartArray:
                var array = new MArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) array.Items.Add(ReadNode(ref reader));
                return array;
            case JsonTokenType.String:
                return new MScalar("\"" + Encoding.UTF8.GetString(reader.ValueSpan) + "\"");
            default:
                return new MScalar(Encoding.UTF8.GetString(reader.ValueSpan));
        }
    }

    /// <summary>Compact JSON text of the tree.</summary>
    public static string Write(MNode node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    private static void Write(MNode node, StringBuilder builder)
    {
        switch (node)
        {
            case MObject obj:
                builder.Append('{');
                for (int i = 0; i < obj.Properties.Count; i++)
                {
                    if (i > 0) builder.Append(',');
                    builder.Append('"').Append(obj.Properties[i].RawKey).Append("\":");
                    Write(obj.Properties[i].Value, builder);
                }
                builder.Append('}');
                break;
            case MArray array:
                builder.Append('[');
                for (int i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0) builder.Append(',');
                    Write(array.Items[i], builder);
                }
                builder.Append(']');
                break;
            case MScalar scalar:
                builder.Append(scalar.Raw);
                break;
        }
    }

    // ------------------------------------------------------------------ the expected JSON

    /// <summary>
    /// The JSON a reader that takes the last value of a repeated key sees: keys and strings
    /// decoded (a lone surrogate escape stays a lone UTF-16 code unit), numbers by their text.
    /// Built by hand because JsonNode.Parse rejects both repeated keys and lone surrogates.
    /// </summary>
    public static JsonNode? Expected(MNode node)
    {
        switch (node)
        {
            case MObject obj:
                var result = new JsonObject();
                foreach (var property in obj.Properties)
                {
                    string key = Unescape(property.RawKey);
                    result.Remove(key);
                    result[key] = Expected(property.Value);
                }
                return result;
            case MArray array:
                var list = new JsonArray();
                foreach (var item in array.Items) list.Add(Expected(item));
                return list;
            case MScalar scalar:
                if (scalar.IsString) return JsonValue.Create(Unescape(scalar.Raw.Substring(1, scalar.Raw.Length - 2)));
                if (scalar.Raw == "null") return null;
                if (scalar.Raw is "true" or "false") return JsonValue.Create(scalar.Raw == "true");
                // Numbers by their text: the runtime writes every number back as it was written
                // (JsonElement.DeepEquals throws for exponents such as 1e99999999999).
                return JsonValue.Create(NumberMark + scalar.Raw);
            default:
                throw new ArgumentOutOfRangeException(nameof(node));
        }
    }

    private const string NumberMark = "\u0000number:";

    /// <summary>Equality of two JSON texts under the last-value-wins rule.</summary>
    public static bool JsonEquals(string expected, string actual) =>
        JsonNode.DeepEquals(Expected(Parse(expected)), Expected(Parse(actual)));

    /// <summary>Decodes a JSON string's content (without quotes), keeping lone surrogates as they are.</summary>
    public static string Unescape(string raw)
    {
        if (raw.IndexOf('\\') < 0) return raw;
        var builder = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            char e = raw[++i];
            switch (e)
            {
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    builder.Append((char)int.Parse(raw.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: builder.Append(e); break;
            }
        }
        return builder.ToString();
    }

    /// <summary>Whether decoding the text gives a lone surrogate (System.Text.Json cannot make a string of it).</summary>
    public static bool HasLoneSurrogate(string decoded)
    {
        for (int i = 0; i < decoded.Length; i++)
        {
            if (char.IsHighSurrogate(decoded[i]) && i + 1 < decoded.Length && char.IsLowSurrogate(decoded[i + 1])) i++;
            else if (char.IsSurrogate(decoded[i])) return true;
        }
        return false;
    }

    /// <summary>Whether the bytes are one valid JSON value in valid UTF-8 (what the runtime must read).</summary>
    public static bool IsValidJson(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8)) return false;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 1000 });
            if (!reader.Read()) return false;
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The deepest nesting of the tree (a scalar is 0).</summary>
    public static int Depth(MNode node) => node switch
    {
        MObject o => 1 + (o.Properties.Count == 0 ? 0 : o.Properties.Max(p => Depth(p.Value))),
        MArray a => 1 + (a.Items.Count == 0 ? 0 : a.Items.Max(Depth)),
        _ => 0,
    };

    // ------------------------------------------------------------------ mutations that keep JSON valid

    /// <summary>Applies a mutation to a copy of the record (the root stays an object, so it stays a record).</summary>
    public static MNode Apply(MNode record, Mutation mutation)
    {
        var root = record.Clone();
        int v = mutation.Variant;
        switch (mutation.Kind)
        {
            case ValidMutation.ChangeType:
                if (PickValue(root, mutation.Target) is { } slot) slot.Set(Parse(Values[v % Values.Length]));
                break;
            case ValidMutation.Null:
                if (PickValue(root, mutation.Target) is { } nulled) nulled.Set(new MScalar("null"));
                break;
            case ValidMutation.Delete:
                if (PickProperty(root, mutation.Target) is { } deleted) deleted.Owner.Properties.Remove(deleted.Property);
                break;
            case ValidMutation.AddUnknownKey:
                if (PickObject(root, mutation.Target) is { } extended)
                {
                    var property = new MProperty(UnknownKeys[v % UnknownKeys.Length], Parse(Values[(v / UnknownKeys.Length) % Values.Length]));
                    extended.Properties.Insert((v / 7) % (extended.Properties.Count + 1), property);
                }
                break;
            case ValidMutation.ChangeKeyCase:
                if (PickProperty(root, mutation.Target) is { } cased && cased.Property.RawKey.IndexOf('\\') < 0)
                {
                    string key = cased.Property.RawKey;
                    cased.Property.RawKey = (v % 4) switch
                    {
                        0 => key.ToUpperInvariant(),
                        1 => key.ToLowerInvariant(),
                        2 => key.Length == 0 ? key : (char.IsUpper(key[0]) ? char.ToLowerInvariant(key[0]) : char.ToUpperInvariant(key[0])) + key.Substring(1),
                        _ => new string(key.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray()),
                    };
                }
                break;
            case ValidMutation.Reorder:
                if (PickObject(root, mutation.Target) is { } shuffled)
                {
                    var random = new Random(v);
                    var order = shuffled.Properties.OrderBy(_ => random.Next()).ToList();
                    shuffled.Properties.Clear();
                    shuffled.Properties.AddRange(order);
                }
                break;
            case ValidMutation.NestDeeper:
                if (PickValue(root, mutation.Target) is { } nested && Depth(root) < 40)
                {
                    MNode value = nested.Get();
                    for (int i = 0; i <= v % 6; i++)
                    {
                        if (((v >> i) & 1) == 0)
                        {
                            var wrapper = new MArray();
                            wrapper.Items.Add(value);
                            value = wrapper;
                        }
                        else
                        {
                            var wrapper = new MObject();
                            wrapper.Properties.Add(new MProperty("v", value));
                            value = wrapper;
                        }
                    }
                    nested.Set(value);
                }
                break;
            case ValidMutation.Lengthen:
                if (PickString(root, mutation.Target) is { } lengthened)
                {
                    string content = lengthened.Raw.Substring(1, lengthened.Raw.Length - 2);
                    if (content.Length == 0) content = "ab";
                    int times = Math.Max(2, Math.Min(1 + v % 200, 40_000 / content.Length));
                    lengthened.Raw = "\"" + string.Concat(Enumerable.Repeat(content, times)) + "\"";
                }
                break;
            case ValidMutation.OddUnicodeInValue:
                if (PickString(root, mutation.Target) is { } odd)
                {
                    odd.Raw = "\"" + Insert(odd.Raw.Substring(1, odd.Raw.Length - 2), OddText[v % OddText.Length], v / OddText.Length) + "\"";
                }
                break;
            case ValidMutation.OddUnicodeInKey:
                if (PickProperty(root, mutation.Target) is { } oddKey)
                {
                    oddKey.Property.RawKey = Insert(oddKey.Property.RawKey, OddText[v % OddText.Length], v / OddText.Length);
                }
                break;
            case ValidMutation.EmbedJson:
                if (PickValue(root, mutation.Target) is { } embedded)
                {
                    string text = (v % 4) switch
                    {
                        0 => Write(embedded.Get()),
                        1 => "{\"a\":1,\"b\":[true,null]}",
                        2 => "{\"a\":",
                        _ => "  {\"eventName\":\"Nested\",\"k\":\"\\ud800\"}",
                    };
                    embedded.Set(new MScalar(JsonSerializer.Serialize(text)));
                }
                break;
            case ValidMutation.RepeatKey:
                if (PickProperty(root, mutation.Target) is { } repeated)
                {
                    var list = repeated.Owner.Properties;
                    int at = list.IndexOf(repeated.Property);
                    MNode value = (v % 3) == 0 ? repeated.Property.Value.Clone() : Parse(Values[v % Values.Length]);
                    list.Insert((v & 4) == 0 ? at + 1 : at, new MProperty(repeated.Property.RawKey, value));
                }
                break;
        }
        return root;
    }

    /// <summary>Inserts text into a string's raw content at a place that is not inside an escape.</summary>
    private static string Insert(string raw, string text, int where)
    {
        var boundaries = new List<int> { 0 };
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\') i += raw[i + 1] == 'u' ? 5 : 1;
            else if (char.IsHighSurrogate(raw[i])) i++;
            boundaries.Add(i + 1);
        }
        int at = boundaries[where % boundaries.Count];
        return raw.Substring(0, at) + text + raw.Substring(at);
    }

    /// <summary>A place that holds a value: an object's property or an array's element.</summary>
    private sealed class Slot
    {
        private readonly Func<MNode> _get;
        private readonly Action<MNode> _set;

        public Slot(Func<MNode> get, Action<MNode> set)
        {
            _get = get;
            _set = set;
        }

        public MNode Get() => _get();

        public void Set(MNode value) => _set(value);
    }

    private static List<(MNode Node, Slot? Slot, MObject? Owner, MProperty? Property)> Walk(MNode root)
    {
        var all = new List<(MNode, Slot?, MObject?, MProperty?)>();
        void Visit(MNode node, Slot? slot, MObject? owner, MProperty? property)
        {
            all.Add((node, slot, owner, property));
            if (node is MObject obj)
            {
                foreach (var p in obj.Properties)
                {
                    var captured = p;
                    Visit(p.Value, new Slot(() => captured.Value, value => captured.Value = value), obj, p);
                }
            }
            else if (node is MArray array)
            {
                for (int i = 0; i < array.Items.Count; i++)
                {
                    int index = i;
                    Visit(array.Items[i], new Slot(() => array.Items[index], value => array.Items[index] = value), null, null);
                }
            }
        }
        Visit(root, null, null, null);
        return all;
    }

    private static Slot? PickValue(MNode root, int target)
    {
        var slots = Walk(root).Where(n => n.Slot is not null).ToList();
        return slots.Count == 0 ? null : slots[target % slots.Count].Slot;
    }

    private static (MObject Owner, MProperty Property)? PickProperty(MNode root, int target)
    {
        var properties = Walk(root).Where(n => n.Property is not null).ToList();
        if (properties.Count == 0) return null;
        var chosen = properties[target % properties.Count];
        return (chosen.Owner!, chosen.Property!);
    }

    private static MObject? PickObject(MNode root, int target)
    {
        var objects = Walk(root).Select(n => n.Node).OfType<MObject>().ToList();
        return objects.Count == 0 ? null : objects[target % objects.Count];
    }

    private static MScalar? PickString(MNode root, int target)
    {
        var strings = Walk(root).Select(n => n.Node).OfType<MScalar>().Where(s => s.IsString).ToList();
        return strings.Count == 0 ? null : strings[target % strings.Count];
    }

    // ------------------------------------------------------------------ mutations that break JSON

    private static readonly string[] s_garbage =
    {
        "x", "}", "]", ",", ":", "\"", "{", "[", "\\", "\u0000", "\u0001", "'", "NaN", "tru", "\\uZZZZ", "01", "--1", "1.", ".5", "+1",
        "/*c*/", "//", "undefined", "\"a\":", ",,", "{]", "\u00a0",
    };

    private static readonly byte[][] s_badUtf8 =
    {
        new byte[] { 0xFF }, new byte[] { 0xC0, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0x80 }, new byte[] { 0xE2, 0x82 },
        new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xFE, 0xFF },
    };

    /// <summary>Breaks the record's bytes; the result may occasionally still be valid JSON (check with <see cref="IsValidJson"/>).</summary>
    public static byte[] Break(byte[] utf8, BreakingMutation mutation)
    {
        int at = mutation.Position % utf8.Length;
        switch (mutation.Kind)
        {
            case InvalidMutation.Truncate:
                return utf8.AsSpan(0, at).ToArray();
            case InvalidMutation.InsertGarbage:
                return Splice(utf8, at, 0, Encoding.UTF8.GetBytes(s_garbage[mutation.Variant % s_garbage.Length]));
            case InvalidMutation.DeleteByte:
                return Splice(utf8, at, 1, Array.Empty<byte>());
            default:
                // Inside a string when one is near, so the bad bytes are not simply a syntax error.
                int quote = utf8.AsSpan(at).IndexOf((byte)'"');
                int place = quote < 0 ? at : at + quote + 1;
                return Splice(utf8, Math.Min(place, utf8.Length), 0, s_badUtf8[mutation.Variant % s_badUtf8.Length]);
        }
    }

    private static byte[] Splice(byte[] utf8, int at, int remove, byte[] insert)
    {
        var result = new byte[utf8.Length - remove + insert.Length];
        utf8.AsSpan(0, at).CopyTo(result);
        insert.CopyTo(result.AsSpan(at));
        utf8.AsSpan(at + remove).CopyTo(result.AsSpan(at + insert.Length));
        return result;
    }
}
