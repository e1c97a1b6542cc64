using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using CloudTrailGen.Helpers;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>How CloudTrail spells the keys of one service's requestParameters and responseElements.</summary>
internal enum KeyStyle
{
    /// <summary>The API member name with its first letter lowered (query and json services; <c>TopicArn</c> → <c>topicArn</c>).</summary>
    LowerFirst,
    /// <summary>The name on the wire: the member's <c>locationName</c> when it has one, else its name as written (rest-json).</summary>
    Wire,
    /// <summary>EC2: XML <c>locationName</c>s, lists wrapped as <c>{"xSet":{"items":[...]}}</c>, <c>requestId</c> and <c>_return</c> in every response.</summary>
    Ec2,
    /// <summary>S3: <c>bucketName</c>, <c>key</c>, <c>Host</c>, header and query names as sent, subresource flags, XML bodies by element name.</summary>
    S3,
}

/// <summary>Settings for converting one API model.</summary>
/// <param name="UnwrapResponse">Whether responseElements hold the members of a response's only structure (RDS logs the DB instance itself, not {"dBInstance": ...}).</param>
/// <param name="JsonMembers">String members whose names match are typed json: CloudTrail logs policy documents as objects.</param>
internal sealed record ConvertOptions(KeyStyle Style, int MaxEnumValues, IReadOnlyDictionary<string, string> Ec2ListKeys, bool UnwrapResponse = false, System.Text.RegularExpressions.Regex? JsonMembers = null);

/// <summary>
/// Converts one aws-sdk API model (<c>apis/*.min.json</c>, with names and enum values from its
/// <c>clients/*.d.ts</c>) into catalog events and shapes. The min.json file abbreviates shared
/// shapes (<c>"shape": "S3"</c>) and inlines the rest, so shapes are named by walking each
/// operation's input and output in step with the d.ts interfaces, which carry the real names.
/// </summary>
internal sealed class ModelConverter
{
    private readonly JsonObject _model;
    private readonly JsonObject _shapes;
    private readonly Dts _dts;
    private readonly ConvertOptions _options;
    private readonly SortedDictionary<string, CatShape> _out = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _signatureToName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved;
    private readonly List<string> _notes;
    private string _operation = "";

    public ModelConverter(JsonObject model, Dts dts, ConvertOptions options, List<string> notes)
    {
        _model = model;
        _shapes = model["shapes"] as JsonObject ?? new JsonObject();
        _dts = dts;
        _options = options;
        _notes = notes;
        // Names that d.ts shapes (interfaces and enums) may take: shapes the builder makes avoid them.
        _reserved = new HashSet<string>(dts.Interfaces.Keys.Concat(dts.Aliases.Where(a => a.Value.StartsWith("\"", StringComparison.Ordinal)).Select(a => a.Key)), StringComparer.Ordinal);
    }

    public string Protocol => _model["metadata"]?["protocol"]?.GetValue<string>() ?? "json";

    /// <summary>Converts every operation into an event, and returns the events with the shapes they use.</summary>
    public (SortedDictionary<string, CatEvent> Events, SortedDictionary<string, CatShape> Shapes) Convert()
    {
        var events = new SortedDictionary<string, CatEvent>(StringComparer.Ordinal);
        var operations = (_model["operations"] as JsonObject ?? new JsonObject()).OrderBy(p => p.Key, StringComparer.Ordinal);
        foreach (var (name, node) in operations)
        {
            if (node is not JsonObject op) continue;
            _dts.Operations.TryGetValue(name.ToLowerInvariant(), out var dtsOp);
            _operation = name;
            var ev = new CatEvent { Doc = dtsOp.Doc };
            var input = op["input"] as JsonObject;
            var output = op["output"] as JsonObject;
            string requestUri = op["http"]?["requestUri"]?.GetValue<string>() ?? "";
            ev.Request = Members(input, dtsOp.Input, Part.Request, requestUri);
            ev.Response = Members(output, dtsOp.Output, Part.Response, requestUri);
            if (_options.UnwrapResponse && ev.Response is [var only] && _out.TryGetValue(only.Type, out var inner) && inner.Members is not null)
            {
                // Both forms are seen: keep the wrapper member, and add the inner members beside it.
                foreach (var m in inner.Members) ev.Response.TryAdd(m.Clone());
            }
            if (_options.Style == KeyStyle.Ec2)
            {
                // Every EC2 response carries the request ID, and most carry "_return".
                ev.Response ??= new CatMembers();
                ev.Response.Insert(0, new CatMember("requestId", "string") { Doc = "Request ID that EC2 returned." });
                ev.Response.TryAdd(new CatMember("_return", "boolean") { Name = "Return", Doc = "True when the request succeeded." });
            }
            events[name] = ev;
        }
        return (events, _out);
    }

    private enum Part { Request, Response }

    private CatMembers? Members(JsonObject? inputRef, string? dtsName, Part part, string requestUri)
    {
        var members = new CatMembers();
        if (part == Part.Request && _options.Style == KeyStyle.S3)
        {
            members.Add(new CatMember("Host", "string") { Doc = "Host the request was sent to; older records log a one-element array under \"host\"." });
        }
        if (inputRef is not null)
        {
            var shape = Resolve(inputRef);
            if (shape["members"] is JsonObject list)
            {
                string? payload = shape["payload"]?.GetValue<string>();
                var dtsMembers = dtsName is not null && _dts.Interfaces.TryGetValue(dtsName, out var m) ? m : null;
                foreach (var (memberName, node) in list)
                {
                    if (node is not JsonObject memberRef) continue;
                    if (_options.Style == KeyStyle.S3 && memberRef["location"]?.GetValue<string>() == "headers") continue; // x-amz-meta-* maps
                    string? dtsType = dtsMembers is not null && dtsMembers.TryGetValue(memberName, out var t) ? t : null;
                    var member = Member(memberName, memberRef, dtsType, top: true, isPayload: memberName == payload);
                    if (member is not null) members.TryAdd(member);
                }
            }
        }
        if (part == Part.Request && _options.Style == KeyStyle.S3)
        {
            // Subresource flags of the request URL (?acl, ?versioning, ...), logged as "" or [""].
            int q = requestUri.IndexOf('?');
            if (q >= 0)
            {
                foreach (var pair in requestUri.Substring(q + 1).Split('&'))
                {
                    string flag = pair.Split('=')[0];
                    if (flag.Length == 0) continue;
                    members.TryAdd(new CatMember(flag, "json") { Doc = "Subresource flag of the request URL; logged as \"\" or [\"\"]." });
                }
            }
        }
        return members.Count == 0 ? null : members;
    }

    private JsonObject Resolve(JsonObject reference)
    {
        if (reference["shape"]?.GetValue<string>() is { } id && _shapes[id] is JsonObject shared) return shared;
        return reference;
    }

    private static string TypeOf(JsonObject shape) => shape["type"]?.GetValue<string>() ?? "string";

    private CatMember? Member(string memberName, JsonObject memberRef, string? dtsType, bool top, bool isPayload)
    {
        var shape = Resolve(memberRef);
        string kind = TypeOf(shape);
        string? locationName = memberRef["locationName"]?.GetValue<string>() ?? (memberRef["shape"] is null ? null : shape["locationName"]?.GetValue<string>());
        string? location = memberRef["location"]?.GetValue<string>();
        string key;
        switch (_options.Style)
        {
            case KeyStyle.LowerFirst:
                key = LowerFirst(memberName);
                break;
            case KeyStyle.Wire:
                key = location is null ? locationName ?? memberName : memberName;
                break;
            case KeyStyle.S3:
                if (top && location == "uri") key = memberName == "Bucket" ? "bucketName" : memberName == "Key" ? "key" : LowerFirst(memberName);
                else key = locationName ?? memberName;
                break;
            default: // Ec2
                if (kind == "list" && top && _options.Ec2ListKeys.TryGetValue(_operation + "." + memberName, out var special)) key = special;
                else if (kind == "list" && locationName is not null && char.IsUpper(locationName[0])) key = Ec2ListKey(locationName);
                else key = locationName is not null ? LowerFirst(locationName) : LowerFirst(memberName);
                if (key == "return") key = "_return";
                break;
        }
        string type = TypeExpression(memberRef, shape, dtsType, memberName);
        if (isPayload && _options.Style == KeyStyle.S3 && _out.TryGetValue(type, out var payloadShape) && payloadShape.Members is not null)
        {
            payloadShape.Members.TryAdd(new CatMember("xmlns", "string") { Doc = "XML namespace of the request body." });
        }
        var member = new CatMember(key, type);
        if (key == "_return") member.Name = "Return";
        if (memberRef["sensitive"]?.GetValue<bool>() == true || shape["sensitive"]?.GetValue<bool>() == true) member.Redacted = true;
        return member;
    }

    private string Ec2ListKey(string locationName)
    {
        if (_options.Ec2ListKeys.TryGetValue(locationName, out var key)) return key;
        string stem = locationName.EndsWith("Id", StringComparison.Ordinal) && locationName.Length > 2 ? locationName.Substring(0, locationName.Length - 2) : locationName;
        return LowerFirst(stem) + "Set";
    }

    private string TypeExpression(JsonObject memberRef, JsonObject shape, string? dtsType, string context)
    {
        string kind = TypeOf(shape);
        switch (kind)
        {
            case "boolean": return "boolean";
            case "integer":
            case "long": return "integer";
            case "float":
            case "double": return "double";
            case "timestamp": return "timestamp";
            case "blob": return "string";
            case "string":
                if (memberRef["jsonvalue"]?.GetValue<bool>() == true || shape["jsonvalue"]?.GetValue<bool>() == true) return "json";
                if (_options.JsonMembers?.IsMatch(context) == true) return "json";
                return EnumOrString(dtsType);
            case "structure":
                if (shape["document"]?.GetValue<bool>() == true) return "json";
                return Structure(shape, DtsName(dtsType), context);
            case "map":
            {
                var value = shape["value"] as JsonObject ?? new JsonObject();
                string valueType = TypeExpression(value, Resolve(value), DtsMapValue(dtsType), context + "Value");
                return $"map<{valueType}>";
            }
            case "list":
            {
                var element = shape["member"] as JsonObject ?? new JsonObject();
                var elementShape = Resolve(element);
                string elementType = TypeExpression(element, elementShape, DtsListElement(dtsType), context + "Item");
                if (_options.Style != KeyStyle.Ec2) return elementType + "[]";
                string? listName = memberRef["locationName"]?.GetValue<string>() ?? shape["locationName"]?.GetValue<string>();
                return Ec2Wrapper(element, elementShape, elementType, listName);
            }
            default:
                _notes.Add($"unknown shape type '{kind}' in {context}: typed as json");
                return "json";
        }
    }

    // EC2 logs every list as {"items":[...]}, and a list of scalars as items of one-member objects
    // named after the list member's locationName: {"items":[{"instanceId":"i-1"}]}.
    private string Ec2Wrapper(JsonObject element, JsonObject elementShape, string elementType, string? listName)
    {
        string? itemName = element["locationName"]?.GetValue<string>() ?? elementShape["locationName"]?.GetValue<string>();
        // Request lists name their items after the list's singular query name (Filter.Value → {"value": ...}).
        if ((itemName is null || itemName == "item") && listName is { Length: > 0 } && char.IsUpper(listName[0])) itemName = listName;
        string itemsType;
        string baseName;
        bool scalar = TypeOf(elementShape) is not ("structure" or "list" or "map");
        if (scalar && itemName is not null && itemName != "item")
        {
            string key = LowerFirst(itemName);
            baseName = Identifiers.ToPascalCase(itemName);
            var item = new CatShape { Members = new CatMembers { new CatMember(key, elementType) } };
            itemsType = Register(baseName + "Item", item) + "[]";
        }
        else
        {
            itemsType = elementType + "[]";
            baseName = elementType.EndsWith("[]", StringComparison.Ordinal) || elementType.StartsWith("map<", StringComparison.Ordinal)
                ? "Nested" : Identifiers.ToPascalCase(elementType);
        }
        var wrapper = new CatShape { Members = new CatMembers { new CatMember("items", itemsType) } };
        return Register(baseName + "Set", wrapper);
    }

    /// <summary>Registers a builder-made shape under a free name, or returns the name of an equal one.</summary>
    private string Register(string name, CatShape shape)
    {
        string signature = shape.Signature();
        if (_signatureToName.TryGetValue(name + "\n" + signature, out var existing)) return existing;
        string candidate = name;
        for (int i = 2; _out.ContainsKey(candidate) || _reserved.Contains(candidate); i++)
        {
            if (_out.TryGetValue(candidate, out var other) && other.Signature() == signature) break;
            candidate = name + i;
        }
        _out[candidate] = shape;
        _signatureToName[name + "\n" + signature] = candidate;
        return candidate;
    }

    private string EnumOrString(string? dtsType)
    {
        string? name = DtsName(dtsType);
        if (name is null) return "string";
        if (_out.TryGetValue(name, out var known)) return known.IsEnum ? name : "string";
        var values = _dts.EnumValues(name);
        if (values is null || values.Count > _options.MaxEnumValues) return "string";
        _out[name] = new CatShape { Enum = EnumValues(values) };
        return name;
    }

    /// <summary>Enum values with C# names only where the generator's default would be invalid or taken.</summary>
    internal static List<CatEnumValue> EnumValues(IEnumerable<string> values)
    {
        var result = new List<CatEnumValue>();
        var names = new HashSet<string>(StringComparer.Ordinal) { "Unrecognized" };
        var spellings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (!spellings.Add(value)) continue;
            string name = Identifiers.ToPascalCase(value);
            if (Identifiers.IsValid(name) && names.Add(name))
            {
                result.Add(new CatEnumValue(value));
                continue;
            }
            string stem = Identifiers.IsValid(name) ? name : "Value" + name;
            if (!Identifiers.IsValid(stem)) stem = "Value";
            string unique = stem;
            for (int i = 2; !names.Add(unique); i++) unique = stem + i;
            result.Add(new CatEnumValue(value, unique));
        }
        return result;
    }

    private string Structure(JsonObject shape, string? dtsName, string context)
    {
        string name;
        if (dtsName is not null && _dts.Interfaces.ContainsKey(dtsName))
        {
            name = dtsName;
            if (_out.TryGetValue(name, out var existing))
            {
                if (!existing.IsEnum) return name;
                name += "Structure";
                if (_out.ContainsKey(name)) return name;
            }
        }
        else
        {
            // No d.ts name: a name of our own, never one that another shape has.
            string stem = Identifiers.ToPascalCase(context);
            if (!Identifiers.IsValid(stem)) stem = "Shape" + stem;
            name = stem;
            for (int i = 2; _out.ContainsKey(name) || _reserved.Contains(name); i++) name = stem + i;
        }
        var result = new CatShape { Members = new CatMembers() };
        _out[name] = result; // before the members: a shape may contain itself
        var dtsMembers = _dts.Interfaces.TryGetValue(name, out var m) ? m : null;
        if (shape["members"] is JsonObject members)
        {
            foreach (var (memberName, node) in members)
            {
                if (node is not JsonObject memberRef) continue;
                string? dtsType = dtsMembers is not null && dtsMembers.TryGetValue(memberName, out var t) ? t : null;
                var member = Member(memberName, memberRef, dtsType, top: false, isPayload: false);
                if (member is not null) result.Members.TryAdd(member);
            }
        }
        return name;
    }

    // d.ts type text helpers: a member's declared type names an alias or an interface, possibly
    // through list aliases (Tags = Tag[]) and map aliases (TagMap = {[key: string]: TagValue}).
    private string? DtsName(string? type)
    {
        if (type is null) return null;
        type = type.Trim();
        return type.All(c => char.IsLetterOrDigit(c) || c == '_') ? type : null;
    }

    private string? DtsListElement(string? type)
    {
        string? text = Expand(type);
        if (text is null || !text.EndsWith("[]", StringComparison.Ordinal)) return null;
        return text.Substring(0, text.Length - 2).Trim();
    }

    private string? DtsMapValue(string? type)
    {
        string? text = Expand(type);
        if (text is null || !text.StartsWith("{[key: string]: ", StringComparison.Ordinal) || !text.EndsWith("}", StringComparison.Ordinal)) return null;
        return text.Substring(16, text.Length - 17).Trim();
    }

    private string? Expand(string? type)
    {
        for (int i = 0; i < 5 && type is not null; i++)
        {
            if (DtsName(type) is { } name && _dts.Aliases.TryGetValue(name, out var next)) type = next;
            else break;
        }
        return type;
    }

    internal static string LowerFirst(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
