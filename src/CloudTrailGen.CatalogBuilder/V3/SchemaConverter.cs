using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace CloudTrailGen.CatalogBuilder.V3;

/// <summary>
/// Turns an SDK v3 package's schemas (<c>dist-es/schemas/*.js</c>, read as data by
/// <see cref="JsLiterals"/>) into the two inputs the aws-sdk v2 path already has: a model in the
/// <c>apis/*.min.json</c> form (operations, shapes, members with <c>locationName</c>,
/// <c>location</c>, <c>sensitive</c>, ...) and a <see cref="Dts"/> with the shape names, enum
/// values and documentation. <see cref="ModelConverter"/> then spells keys per protocol exactly as
/// it does for v2 models.
/// </summary>
/// <remarks>
/// The schema format (Smithy's static schemas for TypeScript): every schema is an array whose
/// first number says its kind: <c>[0, ns, name, traits, target]</c> a simple shape with traits,
/// <c>[1, ns, name, traits, member]</c> a list, <c>[2, ns, name, traits, key, value]</c> a map,
/// <c>[3, ns, name, traits, memberNames, memberSchemas, required?]</c> a structure (4 a union, -3
/// an error), <c>[9, ns, name, traits, input, output]</c> an operation. A member schema is a
/// number (0 string, 1 number, 2 boolean, 4-7 timestamps, 15 document, 17/19 big numbers, 21 and
/// 42 blobs; <c>64 |</c> a list of, <c>128 |</c> a map of), a reference to a schema, or
/// <c>[schema, traits]</c>. Traits are a bit set (1 httpLabel, 2 idempotent, 4 idempotencyToken,
/// 8 sensitive, 16 httpPayload, 32 httpResponseCode, 64 httpQueryParams) or an object keyed by
/// trait name (<c>jsonName</c>, <c>xmlName</c>, <c>ec2QueryName</c>, <c>httpHeader</c>,
/// <c>httpQuery</c>, <c>httpPrefixHeaders</c>, <c>http</c>, ...).
/// </remarks>
internal sealed class SchemaConverter
{
    private readonly Dictionary<string, JsValue> _decls;
    private readonly V3Types _types;
    private readonly List<string> _notes;
    private readonly string _where;
    private readonly JsonObject _shapes = new();
    private readonly Dts _dts = new();
    private readonly HashSet<string> _converting = new(StringComparer.Ordinal);

    private SchemaConverter(Dictionary<string, JsValue> decls, V3Types types, List<string> notes, string where)
    {
        _decls = decls;
        _types = types;
        _notes = notes;
        _where = where;
    }

    /// <summary>The model and d.ts stand-in of a package; a package without schemas gives its operations without members.</summary>
    public static (JsonObject Model, Dts Dts) Convert(V3Package package, List<string> notes)
    {
        var decls = new Dictionary<string, JsValue>(StringComparer.Ordinal);
        foreach (var text in package.Schemas.Values)
        {
            foreach (var (name, value) in JsLiterals.ReadDeclarations(text)) decls[name] = value;
        }
        var types = V3Types.Parse(package.ModelTypes.Values);
        var converter = new SchemaConverter(decls, types, notes, $"{package.Name} {package.Version}");
        var metadata = new JsonObject
        {
            ["protocol"] = package.Protocol ?? "json",
            ["serviceId"] = package.ServiceId,
            ["serviceFullName"] = package.ServiceId,
            ["apiVersion"] = package.ApiVersion,
        };
        if (package.SigningName is not null) metadata["signingName"] = package.SigningName;
        metadata["endpointPrefix"] = package.EndpointPrefix ?? package.SigningName ?? package.ShortName;
        var operations = converter.Operations(package);
        foreach (var (op, doc) in package.Docs)
        {
            string key = op.ToLowerInvariant();
            var (input, output, _) = converter._dts.Operations.GetValueOrDefault(key);
            converter._dts.Operations[key] = (input, output, doc);
        }
        var model = new JsonObject { ["metadata"] = metadata, ["operations"] = operations, ["shapes"] = converter._shapes };
        return (model, converter._dts);
    }

    private JsonObject Operations(V3Package package)
    {
        var operations = new JsonObject();
        var byName = new Dictionary<string, JsArray>(StringComparer.Ordinal);
        foreach (var (_, value) in _decls)
        {
            if (value is JsArray { Items.Count: >= 6 } a && Kind(a) == 9 && Str(a.Items[2]) is { } name) byName.TryAdd(name, a);
        }
        // Every command is an operation; the schema adds its members. Packages made before the
        // schema format have commands only.
        foreach (var name in package.Operations.Union(byName.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            var op = new JsonObject();
            if (byName.TryGetValue(name, out var schema))
            {
                if (Deref(schema.Items[3]) is JsObject traits && Trait(traits, "http") is JsArray http && http.Items.Count >= 2 && Str(http.Items[1]) is { } uri)
                {
                    op["http"] = new JsonObject { ["method"] = Str(http.Items[0]), ["requestUri"] = uri };
                }
                if (TopLevel(schema.Items[4]) is { } input)
                {
                    op["input"] = new JsonObject { ["shape"] = input.Id };
                    _dtsInput[name] = input.Name;
                }
                if (TopLevel(schema.Items[5]) is { } output)
                {
                    op["output"] = new JsonObject { ["shape"] = output.Id };
                    _dtsOutput[name] = output.Name;
                }
                _dts.Operations[name.ToLowerInvariant()] = (_dtsInput.GetValueOrDefault(name), _dtsOutput.GetValueOrDefault(name), null);
            }
            operations[name] = op;
        }
        return operations;
    }

    private readonly Dictionary<string, string> _dtsInput = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _dtsOutput = new(StringComparer.Ordinal);

    /// <summary>An operation's input or output structure: its shape id and name, or null for none (<c>__Unit</c>).</summary>
    private (string Id, string Name)? TopLevel(JsValue reference)
    {
        if (reference is not JsRef r || Deref(reference) is not JsArray a || Kind(a) is not (3 or 4)) return null;
        string id = ShapeId(r.Name, a);
        return (id, Str(a.Items[2]) ?? id);
    }

    // ------------------------------------------------------------------ shapes

    /// <summary>Registers a named schema as a model shape (once) and returns its id: the declaration's name.</summary>
    private string ShapeId(string declName, JsArray schema)
    {
        if (_shapes.ContainsKey(declName) || !_converting.Add(declName)) return declName;
        _shapes[declName] = new JsonObject(); // placeholder: a structure may contain itself
        _shapes[declName] = Shape(schema);
        _converting.Remove(declName);
        return declName;
    }

    private JsonObject Shape(JsArray schema)
    {
        int kind = Kind(schema);
        string name = Str(schema.Items[2]) ?? "";
        var traits = schema.Items.Count > 3 ? schema.Items[3] : new JsNumber(0);
        JsonObject shape;
        switch (kind)
        {
            case 0:
                shape = Target(schema.Items.Count > 4 ? schema.Items[4] : new JsNumber(0));
                break;
            case 1:
            {
                shape = new JsonObject { ["type"] = "list", ["member"] = Member(schema.Items.Count > 4 ? schema.Items[4] : new JsNumber(0)) };
                _dts.Aliases.TryAdd(name, TypeText(schema.Items.Count > 4 ? schema.Items[4] : new JsNumber(0), null) + "[]");
                break;
            }
            case 2:
            {
                var value = schema.Items.Count > 5 ? schema.Items[5] : new JsNumber(0);
                shape = new JsonObject { ["type"] = "map", ["key"] = Member(schema.Items.Count > 4 ? schema.Items[4] : new JsNumber(0)), ["value"] = Member(value) };
                _dts.Aliases.TryAdd(name, "{[key: string]: " + TypeText(value, null) + "}");
                break;
            }
            case 3:
            case 4:
            case -3:
                shape = Structure(schema, name, kind == 4);
                break;
            default:
                _notes.Add($"{_where}: schema kind {kind} of {name} is not known: typed as json");
                shape = new JsonObject { ["type"] = "structure", ["document"] = true };
                break;
        }
        ApplyShapeTraits(shape, traits);
        return shape;
    }

    private JsonObject Structure(JsArray schema, string name, bool union)
    {
        var members = new JsonObject();
        var shape = new JsonObject { ["type"] = "structure", ["members"] = members };
        if (union) shape["union"] = true;
        var names = schema.Items.Count > 4 ? Deref(schema.Items[4]) as JsArray : null;
        var schemas = schema.Items.Count > 5 ? Deref(schema.Items[5]) as JsArray : null;
        var declared = _types.Members.GetValueOrDefault(name);
        var dtsMembers = new Dictionary<string, string>(StringComparer.Ordinal);
        _dts.Interfaces.TryAdd(name, dtsMembers);
        if (names is null) return shape;
        for (int i = 0; i < names.Items.Count; i++)
        {
            string? memberName = Str(names.Items[i]);
            if (memberName is null) continue;
            var memberSchema = schemas is not null && i < schemas.Items.Count ? schemas.Items[i] : new JsNumber(0);
            var member = Member(memberSchema);
            if (member["__payload"] is not null)
            {
                member.Remove("__payload");
                shape["payload"] = memberName;
            }
            members[memberName] = member;
            dtsMembers[memberName] = TypeText(memberSchema, declared?.GetValueOrDefault(memberName));
        }
        return shape;
    }

    /// <summary>A member (or list/map element) reference: <c>{"shape": id}</c> for named schemas, the shape inline otherwise, with the member's traits.</summary>
    private JsonObject Member(JsValue schema)
    {
        JsValue target = schema;
        JsValue? traits = null;
        if (Deref(schema) is JsArray { Items.Count: 2 } pair && !IsSchema(pair))
        {
            target = pair.Items[0];
            traits = pair.Items[1];
        }
        var member = Target(target);
        if (traits is not null) ApplyMemberTraits(member, traits);
        return member;
    }

    /// <summary>The shape a member points at: a named shape by id, or an inline one for numbers and unnamed lists and maps.</summary>
    private JsonObject Target(JsValue target)
    {
        if (target is JsRef r && _decls.TryGetValue(r.Name, out var decl))
        {
            var value = Deref(decl);
            if (value is JsArray a && IsSchema(a)) return new JsonObject { ["shape"] = ShapeId(r.Name, a) };
            if (value is JsString { Value: "unit" }) return new JsonObject { ["type"] = "structure", ["members"] = new JsonObject() };
            return Target(value);
        }
        if (target is JsNumber n) return Sentinel((int)n.Value);
        if (target is JsArray inline && IsSchema(inline)) return Shape(inline);
        _notes.Add($"{_where}: member schema {Describe(target)} is not known: typed as json");
        return new JsonObject { ["type"] = "structure", ["document"] = true };
    }

    /// <summary>The shapes numbers stand for.</summary>
    internal static JsonObject Sentinel(int value)
    {
        if ((value & 128) != 0) return new JsonObject { ["type"] = "map", ["key"] = new JsonObject { ["type"] = "string" }, ["value"] = Sentinel(value & ~128) };
        if ((value & 64) != 0) return new JsonObject { ["type"] = "list", ["member"] = Sentinel(value & ~64) };
        return value switch
        {
            0 => new JsonObject { ["type"] = "string" },
            1 or 17 => new JsonObject { ["type"] = "long" },
            19 => new JsonObject { ["type"] = "double" },
            2 => new JsonObject { ["type"] = "boolean" },
            >= 4 and <= 7 => new JsonObject { ["type"] = "timestamp" },
            15 => new JsonObject { ["type"] = "structure", ["document"] = true },
            21 or 42 => new JsonObject { ["type"] = "blob" },
            _ => new JsonObject { ["type"] = "string" },
        };
    }

    private void ApplyMemberTraits(JsonObject member, JsValue traits)
    {
        foreach (var (trait, value) in Traits(traits))
        {
            switch (trait)
            {
                case "httpLabel": member["location"] = "uri"; break;
                case "sensitive": member["sensitive"] = true; break;
                case "httpPayload": member["__payload"] = true; break;
                case "httpResponseCode": member["location"] = "statusCode"; break;
                case "httpQueryParams": member["location"] = "querystring"; break;
                case "httpHeader": member["location"] = "header"; member["locationName"] = Str(value); break;
                case "httpQuery": member["location"] = "querystring"; member["locationName"] = Str(value); break;
                case "httpPrefixHeaders": member["location"] = "headers"; member["locationName"] = Str(value); break;
                case "jsonName":
                case "xmlName":
                    if (member["location"] is null) member["locationName"] = Str(value);
                    break;
                case "ec2QueryName": member["queryName"] = Str(value); break;
                case "xmlFlattened": member["flattened"] = true; break;
                case "xmlAttribute": member["xmlAttribute"] = true; break;
                case "mediaType":
                    if (Str(value) is { } media && media.Contains("json", StringComparison.OrdinalIgnoreCase)) member["jsonvalue"] = true;
                    break;
            }
        }
    }

    private void ApplyShapeTraits(JsonObject shape, JsValue traits)
    {
        foreach (var (trait, value) in Traits(traits))
        {
            switch (trait)
            {
                case "sensitive": shape["sensitive"] = true; break;
                case "xmlName": shape["locationName"] = Str(value); break;
                case "xmlFlattened": shape["flattened"] = true; break;
                case "mediaType":
                    if (Str(value) is { } media && media.Contains("json", StringComparison.OrdinalIgnoreCase)) shape["jsonvalue"] = true;
                    break;
            }
        }
    }

    private static readonly string[] s_traitBits = { "httpLabel", "idempotent", "idempotencyToken", "sensitive", "httpPayload", "httpResponseCode", "httpQueryParams" };

    /// <summary>Trait name → value, from a bit set or an object keyed by (constants naming) trait names.</summary>
    private IEnumerable<(string Trait, JsValue Value)> Traits(JsValue traits)
    {
        var value = Deref(traits);
        if (value is JsNumber n)
        {
            int bits = (int)n.Value;
            for (int i = 0; i < s_traitBits.Length; i++)
            {
                if (((bits >> i) & 1) == 1) yield return (s_traitBits[i], new JsBool(true));
            }
        }
        else if (value is JsObject o)
        {
            foreach (var (key, v) in o.Properties)
            {
                if (Str(key) is { } name) yield return (name, Deref(v));
            }
        }
    }

    private JsValue? Trait(JsObject traits, string name)
    {
        foreach (var (key, value) in traits.Properties)
        {
            if (Str(key) == name) return Deref(value);
        }
        return null;
    }

    // ------------------------------------------------------------------ d.ts stand-in

    /// <summary>
    /// The d.ts type text of a member, as <see cref="ModelConverter"/> reads it: a structure's name,
    /// <c>T[]</c>, <c>{[key: string]: T}</c>, or the enum the package's d.ts declares for it.
    /// </summary>
    private string TypeText(JsValue schema, string? declared)
    {
        if (declared is not null && EnumText(declared) is { } enumText) return enumText;
        var target = schema;
        if (Deref(schema) is JsArray { Items.Count: 2 } pair && !IsSchema(pair)) target = pair.Items[0];
        if (target is JsRef r && _decls.TryGetValue(r.Name, out var decl))
        {
            var value = Deref(decl);
            if (value is JsArray a && IsSchema(a))
            {
                string name = Str(a.Items[2]) ?? r.Name;
                if (Kind(a) == 0) return TypeText(a.Items.Count > 4 ? a.Items[4] : new JsNumber(0), null);
                ShapeId(r.Name, a); // registers list aliases and interfaces
                return name;
            }
            return TypeText(value, null);
        }
        if (target is JsNumber n) return SentinelText((int)n.Value);
        return "String";
    }

    private static string SentinelText(int value)
    {
        if ((value & 128) != 0) return "{[key: string]: " + SentinelText(value & ~128) + "}";
        if ((value & 64) != 0) return SentinelText(value & ~64) + "[]";
        return value switch { 0 => "String", 2 => "Boolean", >= 4 and <= 7 => "Date", _ => "Number" };
    }

    /// <summary>A declared type that names an enum (<c>Mode</c>, <c>Mode[]</c>, <c>Record&lt;string, Mode&gt;</c>) in the d.ts form, with the enum's alias registered.</summary>
    private string? EnumText(string declared)
    {
        string text = declared.Trim();
        string? inner;
        Func<string, string> wrap;
        if (text.EndsWith("[]", StringComparison.Ordinal))
        {
            inner = text.Substring(0, text.Length - 2).Trim();
            wrap = s => s + "[]";
        }
        else if (text.StartsWith("Record<string, ", StringComparison.Ordinal) && text.EndsWith(">", StringComparison.Ordinal))
        {
            inner = text.Substring(15, text.Length - 16).Trim();
            wrap = s => "{[key: string]: " + s + "}";
        }
        else
        {
            inner = text;
            wrap = s => s;
        }
        if (inner is null || !_types.Enums.TryGetValue(inner, out var values) || values.Count == 0) return null;
        // The d.ts prefixes names that clash with TypeScript's own (InstanceType → _InstanceType): the model's name has no '_'.
        string name = inner.TrimStart('_');
        if (name.Length == 0) return null;
        _dts.Aliases.TryAdd(name, string.Join("|", values.Select(v => "\"" + v.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "|string");
        return wrap(name);
    }

    // ------------------------------------------------------------------ values

    private JsValue Deref(JsValue value)
    {
        for (int i = 0; i < 16 && value is JsRef r && _decls.TryGetValue(r.Name, out var next); i++) value = next;
        return value;
    }

    private string? Str(JsValue value) => Deref(value) is JsString s ? s.Value : null;

    private int Kind(JsArray schema) => schema.Items.Count > 0 && Deref(schema.Items[0]) is JsNumber n ? (int)n.Value : int.MinValue;

    /// <summary>A schema array (kind, namespace, name, ...), as opposed to a <c>[schema, traits]</c> member pair.</summary>
    private bool IsSchema(JsArray a) => a.Items.Count >= 5 && Deref(a.Items[0]) is JsNumber && Deref(a.Items[1]) is JsString && Deref(a.Items[2]) is JsString;

    private static string Describe(JsValue value) => value switch
    {
        JsRef r => r.Name,
        JsNumber n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsString s => "\"" + s.Value + "\"",
        _ => value.GetType().Name,
    };
}
