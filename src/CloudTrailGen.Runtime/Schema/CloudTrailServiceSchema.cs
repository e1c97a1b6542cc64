using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// One service of the schema: its eventSources and, once a record of it is read, its events and
/// shapes, parsed from the text the generator compiled into the app.
/// </summary>
/// <remarks>
/// The text is UTF-8, one entry per line, fields separated by tabs. The first line is the
/// format (<c>CTGS1</c>). Then: <c>E</c> name, category, readOnly (<c>1</c>, <c>0</c> or
/// <c>-</c>) and the event's aliases; <c>Q</c> and <c>R</c> after an <c>E</c> line, the members
/// of its request and response as key and type pairs; <c>S</c> a structure's name and its
/// members; <c>N</c> an enum's name and its values, each followed by its aliases after
/// <c>|</c>. Types use the catalog's notation (<see cref="CloudTrailMemberSchema.Type"/>).
/// The generator compiles that text in compressed: the line <c>CTGZ1</c>, then the text's raw
/// DEFLATE stream in base64 (a UTF-8 literal must be text), expanded when the service is first
/// parsed. Compressed, the whole catalog is about a fifth of the plain text's size, in the
/// consumer's compilation (each build compiles it) and in its binary.
/// </remarks>
public sealed class CloudTrailServiceSchema
{
    private const string Format = "CTGS1";
    private const string CompressedFormat = "CTGZ1";

    private readonly CloudTrailSchemaText _text;
    private readonly int _index;
    private readonly object _gate = new();
    private Parsed? _parsed;

    private sealed class Parsed
    {
        public readonly Dictionary<string, CloudTrailEventSchema> Events = new(StringComparer.Ordinal);
        public readonly List<CloudTrailEventSchema> EventList = new();
        public readonly Dictionary<string, CloudTrailShapeSchema> Shapes = new(StringComparer.Ordinal);
        public readonly Dictionary<string, SchemaEnumTable> Enums = new(StringComparer.Ordinal);
        public readonly Dictionary<(string Type, bool Slot), JsonCodecBase> Codecs = new();
        public readonly Dictionary<CloudTrailShapeSchema, ObjectFactoryCodec> Factories = new();
    }

    internal CloudTrailServiceSchema(string id, string[] eventSources, CloudTrailSchemaText text, int index)
    {
        Id = id;
        EventSources = eventSources;
        _text = text;
        _index = index;
    }

    /// <summary>The service id (the catalog file's name: <c>iam</c>, <c>s3</c>, ...).</summary>
    public string Id { get; }

    /// <summary>The eventSources the service's records carry.</summary>
    public IReadOnlyList<string> EventSources { get; }

    /// <summary>Every event of the service, in catalog order.</summary>
    public IReadOnlyList<CloudTrailEventSchema> Events => Parse().EventList;

    /// <summary>The event of this name or alias; null when the service has none.</summary>
    public CloudTrailEventSchema? FindEvent(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        return Parse().Events.TryGetValue(eventName, out var ev) ? ev : null;
    }

    /// <summary>The structure of this name; null when the service has none (enums are not structures).</summary>
    public CloudTrailShapeSchema? FindShape(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Parse().Shapes.TryGetValue(name, out var shape) ? shape : null;
    }

    /// <inheritdoc/>
    public override string ToString() => Id;

    internal bool IsStructure(string name) => Parse().Shapes.ContainsKey(name);

    private Parsed Parse()
    {
        var parsed = _parsed;
        if (parsed is not null) return parsed;
        lock (_gate)
        {
            return _parsed ??= ParseText(Expand(_text(_index)));
        }
    }

    /// <summary>The plain text of a compressed text (<c>CTGZ1</c>, then base64 of raw DEFLATE); a plain text as it is.</summary>
    private ReadOnlySpan<byte> Expand(ReadOnlySpan<byte> text)
    {
        ReadOnlySpan<byte> header = "CTGZ1\n"u8;
        if (!text.StartsWith(header)) return text;
        var base64 = text[header.Length..];
        var compressed = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        if (Base64.DecodeFromUtf8(base64, compressed, out _, out int length) != OperationStatus.Done)
        {
            throw Invalid($"its {CompressedFormat} text is not base64");
        }
        try
        {
            using var inflate = new DeflateStream(new MemoryStream(compressed, 0, length, writable: false), CompressionMode.Decompress);
            using var plain = new MemoryStream(length * 6);
            inflate.CopyTo(plain);
            return plain.GetBuffer().AsSpan(0, (int)plain.Length);
        }
        catch (InvalidDataException e)
        {
            throw Invalid($"its {CompressedFormat} text does not inflate ({e.Message})");
        }
    }

    private Parsed ParseText(ReadOnlySpan<byte> text)
    {
        var parsed = new Parsed();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new List<string>();
        int line = 0;
        (string Name, string Category, bool? ReadOnly, List<string> Aliases)? pending = null;
        CloudTrailShapeSchema? request = null, response = null;

        void FlushEvent()
        {
            if (pending is not { } p) return;
            var ev = new CloudTrailEventSchema(this, p.Name, p.Category, p.ReadOnly, request, response);
            parsed.EventList.Add(ev);
            parsed.Events.TryAdd(p.Name, ev);
            foreach (var alias in p.Aliases) parsed.Events.TryAdd(alias, ev);
            pending = null;
            request = response = null;
        }

        while (!text.IsEmpty)
        {
            int end = text.IndexOf((byte)'\n');
            var current = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[(end + 1)..];
            Split(current, fields, strings);
            if (line++ == 0)
            {
                if (fields.Count != 1 || fields[0] != Format) throw Invalid($"it starts with '{(fields.Count > 0 ? fields[0] : "")}', not '{Format}'");
                continue;
            }
            if (fields.Count == 0) continue;
            switch (fields[0])
            {
                case "E":
                    FlushEvent();
                    if (fields.Count < 4) throw Invalid($"line {line} is an event with {fields.Count - 1} fields");
                    pending = (fields[1], fields[2], fields[3] == "1" ? true : fields[3] == "0" ? false : null, fields.GetRange(4, fields.Count - 4));
                    break;
                case "Q" when pending is not null:
                    request = new CloudTrailShapeSchema(this, pending.Value.Name + "Request", Members(fields, 1, line));
                    break;
                case "R" when pending is not null:
                    response = new CloudTrailShapeSchema(this, pending.Value.Name + "Response", Members(fields, 1, line));
                    break;
                case "S" when fields.Count >= 2:
                    parsed.Shapes[fields[1]] = new CloudTrailShapeSchema(this, fields[1], Members(fields, 2, line));
                    break;
                case "N" when fields.Count >= 2:
                    var names = new string[fields.Count - 2];
                    string[][]? aliases = null;
                    for (int i = 2; i < fields.Count; i++)
                    {
                        var parts = fields[i].Split('|');
                        names[i - 2] = parts[0];
                        if (parts.Length > 1) (aliases ??= new string[names.Length][])[i - 2] = parts[1..];
                    }
                    parsed.Enums[fields[1]] = new SchemaEnumTable(names, aliases);
                    break;
                default:
                    throw Invalid($"line {line} starts with '{fields[0]}'");
            }
        }
        FlushEvent();
        return parsed;
    }

    private CloudTrailMemberSchema[] Members(List<string> fields, int start, int line)
    {
        if ((fields.Count - start) % 2 != 0) throw Invalid($"line {line} has a member without a type");
        var members = new CloudTrailMemberSchema[(fields.Count - start) / 2];
        for (int i = 0; i < members.Length; i++) members[i] = new CloudTrailMemberSchema(fields[start + 2 * i], fields[start + 2 * i + 1]);
        return members;
    }

    private static void Split(ReadOnlySpan<byte> line, List<string> fields, Dictionary<string, string> strings)
    {
        fields.Clear();
        if (line.IsEmpty) return;
        while (true)
        {
            int tab = line.IndexOf((byte)'\t');
            var field = tab < 0 ? line : line[..tab];
            string value = Encoding.UTF8.GetString(field);
            // Type names and member keys repeat across shapes: one string each.
            if (strings.TryGetValue(value, out var shared)) value = shared;
            else strings[value] = value;
            fields.Add(value);
            if (tab < 0) return;
            line = line[(tab + 1)..];
        }
    }

    private InvalidOperationException Invalid(string what) =>
        new($"The schema text of service '{Id}' cannot be read: {what}. The generated code and the CloudTrailGen runtime must come from the same version.");

    /// <summary>The codec of a member type (<paramref name="slot"/>: for a member table's slot, else for a list element or map value).</summary>
    internal JsonCodecBase CodecOf(string type, bool slot)
    {
        var parsed = Parse();
        lock (parsed.Codecs)
        {
            return CodecOf(parsed, type, slot);
        }
    }

    private JsonCodecBase CodecOf(Parsed parsed, string type, bool slot)
    {
        if (parsed.Codecs.TryGetValue((type, slot), out var known)) return known;
        JsonCodecBase codec;
        switch (type)
        {
            case "string": codec = JsonCodec.String; break;
            case "boolean": codec = JsonCodec.Boolean; break;
            case "integer": codec = JsonCodec.Integer; break;
            case "double": codec = JsonCodec.Double; break;
            case "timestamp": codec = JsonCodec.Timestamp; break;
            case "json": codec = JsonCodec.Json; break;
            default:
                if (type.EndsWith("[]", StringComparison.Ordinal))
                {
                    string element = type[..^2];
                    // As a generated slot does: a list of objects read through one factory codec.
                    codec = slot && parsed.Shapes.TryGetValue(element, out var shape)
                        ? new ObjectListCodec(Factory(parsed, shape), s_newList)
                        : JsonCodec.ListOf(new BoxedCodec(CodecOf(parsed, element, slot: false)));
                }
                else if (type.StartsWith("map<", StringComparison.Ordinal) && type.EndsWith('>'))
                {
                    codec = JsonCodec.MapOf(new BoxedCodec(CodecOf(parsed, type[4..^1], slot: false)));
                }
                else if (parsed.Shapes.TryGetValue(type, out var shape))
                {
                    codec = Factory(parsed, shape);
                }
                else if (parsed.Enums.TryGetValue(type, out var table))
                {
                    codec = table.SlotCodec;
                }
                else
                {
                    throw Invalid($"the type '{type}' names no shape of the service");
                }
                break;
        }
        parsed.Codecs[(type, slot)] = codec;
        return codec;
    }

    private static readonly Func<System.Collections.IList> s_newList = static () => new List<object?>();

    private static ObjectFactoryCodec Factory(Parsed parsed, CloudTrailShapeSchema shape)
    {
        if (!parsed.Factories.TryGetValue(shape, out var factory))
        {
            parsed.Factories[shape] = factory = new ObjectFactoryCodec(() => new CloudTrailSchemaObject(shape));
        }
        return factory;
    }

    /// <summary>A codec seen as a codec of boxed values, so that lists and maps of any schema type share one codec type.</summary>
    private sealed class BoxedCodec : JsonCodec<object?>
    {
        private readonly JsonCodecBase _inner;

        public BoxedCodec(JsonCodecBase inner)
            : base(inner.MovesBeforeMismatch) => _inner = inner;

        internal override Fit Read(ref Utf8JsonReader reader, out object? value) => _inner.ReadBoxed(ref reader, out value);

        internal override void Write(Utf8JsonWriter writer, object? value)
        {
            if (value is null) writer.WriteNullValue();
            else _inner.WriteBoxed(writer, value);
        }

        internal override void WriteQuoted(Utf8JsonWriter writer, object? value)
        {
            if (value is null) writer.WriteNullValue();
            else _inner.WriteQuotedBoxed(writer, value);
        }
    }

    /// <summary>An enum of the schema: values read as their strings (the table's own string when spelt as the catalog spells it).</summary>
    private sealed class SchemaEnumTable : OpenEnumTableBase
    {
        public SchemaEnumTable(string[] names, string[][]? aliases)
            : base(names, aliases)
        {
        }

        internal override object BoxValue(int value, string raw) => raw;

        internal override string RawOf(object boxed) => (string)boxed;
    }
}
