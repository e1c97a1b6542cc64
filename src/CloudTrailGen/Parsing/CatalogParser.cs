using System;
using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;

namespace CloudTrailGen.Parsing;

/// <summary>
/// Turns one catalog file's text into a <see cref="ServiceSpec"/> or <see cref="EnvelopeSpec"/>
/// plus diagnostics. Everything it reports points at the file, line and column of the cause.
/// It never throws for bad input: a broken part is reported and left out, the rest is kept.
/// </summary>
internal sealed class CatalogParser
{
    private static readonly string[] s_serviceFields = { "format", "service", "title", "namespace", "eventSources", "resourceTypes", "events", "shapes" };
    private static readonly string[] s_envelopeFields = { "format", "kind", "title", "record", "shapes" };
    private static readonly string[] s_recordFields = { "shape", "eventSource", "eventName", "request", "response", "eventCategory", "additionalEventData" };
    private static readonly string[] s_eventFields = { "doc", "category", "eventSource", "readOnly", "resourceTypes", "aliases", "request", "response", "additionalEventData" };
    private static readonly string[] s_shapeFields = { "doc", "members", "enum" };
    private static readonly string[] s_memberFields = { "type", "doc", "name", "redacted" };
    private static readonly string[] s_enumValueFields = { "value", "name", "aliases", "doc" };
    private static readonly string[] s_categories = { "Management", "Data", "NetworkActivity", "Insight" };

    /// <summary>The primitive type names, also offered as "did you mean" for a misspelt type.</summary>
    internal static readonly string[] Primitives = { "string", "boolean", "integer", "double", "timestamp", "json" };

    private readonly string _path;
    private readonly string _text;
    private readonly TextPositions _positions;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly List<ExternalReference> _external = new();
    private HashSet<string> _localShapes = new(StringComparer.Ordinal);

    // The structures of this service file, shape name → class name (what an event's additionalEventData may name).
    private Dictionary<string, string> _structures = new(StringComparer.Ordinal);
    private bool _isEnvelope;
    private string? _recordConverter;

    private CatalogParser(string path, string text)
    {
        _path = path;
        _text = text;
        _positions = new TextPositions(text);
    }

    /// <summary>Parses a catalog file. <paramref name="fileId"/> is the file name without ".json".</summary>
    public static CatalogFileResult Parse(string path, string fileId, CatalogKind kind, string text)
    {
        var parser = new CatalogParser(path, text);
        try
        {
            return parser.ParseFile(fileId, kind);
        }
        catch (CatalogJsonException e)
        {
            parser._diagnostics.Clear();
            parser.Report(DiagnosticDescriptors.InvalidJson, Math.Min(e.Offset, text.Length), 1, e.Message);
            return parser.Result(fileId, kind, null, null, null);
        }
    }

    private CatalogFileResult ParseFile(string fileId, CatalogKind kind)
    {
        var root = CatalogJson.Parse(_text);
        if (root.Kind != JKind.Object)
        {
            Report(DiagnosticDescriptors.WrongFieldType, root, "(file)", "a JSON object");
            return Result(fileId, kind, null, null, null);
        }

        var format = root.Get("format");
        if (format is null)
        {
            Report(DiagnosticDescriptors.MissingField, root.Start, 1, "The catalog file", "format");
        }
        else if (format.Kind != JKind.Number || format.Text != "1")
        {
            Report(DiagnosticDescriptors.UnsupportedFormat, format, format.Text ?? format.Describe());
            return Result(fileId, kind, null, null, null);
        }

        var kindNode = root.Get("kind");
        if (kindNode is not null && (kindNode.Kind != JKind.String || kindNode.Text != "envelope"))
        {
            Report(DiagnosticDescriptors.InvalidValue, kindNode, kindNode.Text ?? kindNode.Describe(), "'kind' (the only kind is \"envelope\"; service files have no 'kind')", "");
            return Result(fileId, kind, null, null, null);
        }

        if (kindNode is not null)
        {
            _isEnvelope = true;
            var recordShape = root.Get("record")?.Get("shape");
            if (recordShape?.Kind == JKind.String) _recordConverter = KnownNames.RecordConverterClass(ClassName(recordShape.Text!));
            return Result(fileId, CatalogKind.Envelope, null, ParseEnvelope(root), null);
        }

        var service = ParseService(root, fileId, kind, out var serviceLocation);
        return Result(fileId, kind, service, null, serviceLocation);
    }

    private CatalogFileResult Result(string fileId, CatalogKind kind, ServiceSpec? service, EnvelopeSpec? envelope, LocationInfo? serviceLocation) =>
        new(_path, kind, fileId, false, service, envelope, serviceLocation, _external.ToEquatableArray(), _diagnostics.ToEquatableArray());

    private ServiceSpec? ParseService(JNode root, string fileId, CatalogKind kind, out LocationInfo? serviceLocation)
    {
        serviceLocation = null;
        CheckFields(root, s_serviceFields, "a service file");
        var idNode = RequireString(root, "service", "The service file");
        if (idNode is null) return null;
        string id = idNode.Text!;
        serviceLocation = Location(idNode);
        if (id.Length == 0 || id.Any(c => char.IsWhiteSpace(c) || c == ',' || c == ';' || c == ':'))
        {
            Report(DiagnosticDescriptors.InvalidValue, idNode, id, "service id", ": use the first label of the eventSource host, such as 'sns' or 'cognito-identity'");
            return null;
        }
        if (kind == CatalogKind.Builtin && !string.Equals(id, fileId, StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.ServiceFileName, idNode, id, fileId);
        }

        string? title = OptionalString(root, "title");
        string ns = Identifiers.ToPascalCase(id);
        var nsNode = root.Get("namespace");
        if (nsNode is not null)
        {
            if (nsNode.Kind != JKind.String) Report(DiagnosticDescriptors.WrongFieldType, nsNode, "namespace", "a string");
            else ns = nsNode.Text!;
        }
        if (ns.Split('.').Any(part => !Identifiers.IsValid(part)))
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, nsNode ?? idNode, "Namespace", ns, "");
            return null;
        }
        var reservedPart = ns.Split('.').FirstOrDefault(KnownNames.IsReservedTypeName);
        if (reservedPart is not null)
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, nsNode ?? idNode, "Namespace", ns, $": the generated code declares a '{reservedPart}' of its own; set another \"namespace\"");
            return null;
        }

        var sources = StringArray(root, "eventSources", required: true, "The service file");
        var resourceTypes = StringArray(root, "resourceTypes", required: false, "The service file");

        var shapesNode = root.Get("shapes");
        var shapes = ParseShapes(shapesNode);
        var reservedTypeNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var shape in shapes) reservedTypeNames[shape.ClassName] = "Shape";
        foreach (var shape in shapes.Where(s => !s.IsEnum)) _structures[shape.Name] = shape.ClassName;

        var events = new List<EventSpec>();
        var eventsNode = root.Get("events");
        if (eventsNode is null)
        {
            Report(DiagnosticDescriptors.MissingField, root.Start, 1, $"Service '{id}'", "events");
        }
        else if (eventsNode.Kind != JKind.Object)
        {
            Report(DiagnosticDescriptors.WrongFieldType, eventsNode, "events", "an object of eventName → event");
        }
        else
        {
            var seenNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in eventsNode.Properties!)
            {
                if (!seenNames.Add(property.Name))
                {
                    ReportAt(DiagnosticDescriptors.Duplicate, property, "Event", property.Name, $" in service '{id}'");
                    continue;
                }
                var spec = ParseEvent(property, reservedTypeNames, seenNames, sources);
                if (spec is not null) events.Add(spec);
            }
        }

        return new ServiceSpec(id, title, ns, sources.ToEquatableArray(), resourceTypes.ToEquatableArray(),
            events.ToEquatableArray(), shapes.ToEquatableArray());
    }

    private EnvelopeSpec? ParseEnvelope(JNode root)
    {
        CheckFields(root, s_envelopeFields, "the envelope file");
        var shapes = ParseShapes(root.Get("shapes"));
        var record = root.Get("record");
        if (record is null)
        {
            Report(DiagnosticDescriptors.MissingField, root.Start, 1, "The envelope file", "record");
            return null;
        }
        if (record.Kind != JKind.Object)
        {
            Report(DiagnosticDescriptors.WrongFieldType, record, "record", "an object");
            return null;
        }
        CheckFields(record, s_recordFields, "'record'");
        var shapeNode = RequireString(record, "shape", "'record'");
        if (shapeNode is null) return null;
        var rootShape = shapes.FirstOrDefault(s => s.Name == shapeNode.Text);
        if (rootShape is null || rootShape.IsEnum)
        {
            Report(DiagnosticDescriptors.InvalidValue, shapeNode, shapeNode.Text!, "record shape", ": it must name a structure in 'shapes'");
            return null;
        }

        string Member(string field, TypeKind expected)
        {
            var node = record.Get(field);
            string name = node?.Kind == JKind.String ? node.Text! : field;
            if (node is not null && node.Kind != JKind.String) Report(DiagnosticDescriptors.WrongFieldType, node, field, "a string");
            var member = rootShape.Members.FirstOrDefault(m => m.JsonName == name);
            if (member is null || member.Type.Kind != expected)
            {
                Report(DiagnosticDescriptors.InvalidValue, node ?? shapeNode, name, $"record.{field} member",
                    $": shape '{rootShape.Name}' must have a member '{name}' of type {expected.ToString().ToLowerInvariant()}");
            }
            return name;
        }

        string source = Member("eventSource", TypeKind.String);
        string name = Member("eventName", TypeKind.String);
        string request = Member("request", TypeKind.Json);
        string response = Member("response", TypeKind.Json);
        string? additional = null;
        if (record.Get("additionalEventData") is not null) additional = Member("additionalEventData", TypeKind.Json);
        return new EnvelopeSpec(rootShape.Name, source, name, request, response, shapes.ToEquatableArray(), EventCategoryMember(record, rootShape, shapes), additional);
    }

    /// <summary>The optional <c>record.eventCategory</c>: a member of the record whose type is an enum shape of the envelope.</summary>
    private string? EventCategoryMember(JNode record, ShapeSpec rootShape, List<ShapeSpec> shapes)
    {
        var node = record.Get("eventCategory");
        if (node is null) return null;
        if (node.Kind != JKind.String)
        {
            Report(DiagnosticDescriptors.WrongFieldType, node, "eventCategory", "a string");
            return null;
        }
        var member = rootShape.Members.FirstOrDefault(m => m.JsonName == node.Text);
        if (member is null || member.Type.Kind != TypeKind.Shape || !shapes.Any(s => s.Name == member.Type.Name && s.IsEnum))
        {
            Report(DiagnosticDescriptors.InvalidValue, node, node.Text!, "record.eventCategory member",
                $": shape '{rootShape.Name}' must have a member '{node.Text}' whose type is an enum shape");
            return null;
        }
        return member.JsonName;
    }

    private List<ShapeSpec> ParseShapes(JNode? shapesNode)
    {
        var shapes = new List<ShapeSpec>();
        if (shapesNode is null) return shapes;
        if (shapesNode.Kind != JKind.Object)
        {
            Report(DiagnosticDescriptors.WrongFieldType, shapesNode, "shapes", "an object of shape name → shape");
            return shapes;
        }

        // First pass: names, so members can refer to shapes defined later in the file.
        var classNames = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<(JProperty Property, string ClassName)>();
        foreach (var property in shapesNode.Properties!)
        {
            if (_localShapes.Contains(property.Name))
            {
                ReportAt(DiagnosticDescriptors.Duplicate, property, "Shape", property.Name, "");
                continue;
            }
            string className = ClassName(property.Name);
            if (className.Length == 0 || !Identifiers.IsValid(className))
            {
                ReportAt(DiagnosticDescriptors.InvalidIdentifier, property, "Shape name", property.Name, ": use letters and digits, starting with a letter");
                continue;
            }
            if (IsReservedTypeName(className))
            {
                ReportAt(DiagnosticDescriptors.InvalidIdentifier, property, "Shape name", property.Name, $": the generated code declares a '{className}' of its own; rename the shape");
                continue;
            }
            if (!classNames.Add(className))
            {
                ReportAt(DiagnosticDescriptors.Duplicate, property, "Shape class", className, $" (from shape '{property.Name}')");
                continue;
            }
            _localShapes.Add(property.Name);
            valid.Add((property, className));
        }

        foreach (var (property, className) in valid)
        {
            var shape = ParseShape(property, className);
            if (shape is not null) shapes.Add(shape);
            else _localShapes.Remove(property.Name);
        }
        return shapes;
    }

    private ShapeSpec? ParseShape(JProperty property, string className)
    {
        var node = property.Value;
        if (node.Kind != JKind.Object)
        {
            Report(DiagnosticDescriptors.WrongFieldType, node, $"shapes.{property.Name}", "an object with 'members' or 'enum'");
            return null;
        }
        CheckFields(node, s_shapeFields, $"shape '{property.Name}'");
        string? doc = OptionalString(node, "doc");
        var enumNode = node.Get("enum");
        var membersNode = node.Get("members");
        if (enumNode is not null && membersNode is not null)
        {
            Report(DiagnosticDescriptors.InvalidValue, node.Start, 1, property.Name, "shape", ": a shape has either 'members' or 'enum', not both");
            return null;
        }
        if (enumNode is not null)
        {
            var values = ParseEnum(enumNode, property.Name);
            return values is null ? null : new ShapeSpec(property.Name, className, doc, true, EquatableArray<MemberSpec>.Empty, values.ToEquatableArray());
        }
        if (membersNode is null)
        {
            ReportAt(DiagnosticDescriptors.MissingField, property, $"Shape '{property.Name}'", "members");
            return null;
        }
        var members = ParseMembers(membersNode, className, $"shapes.{property.Name}.members");
        return new ShapeSpec(property.Name, className, doc, false, members.ToEquatableArray(), EquatableArray<EnumValueSpec>.Empty);
    }

    private List<EnumValueSpec>? ParseEnum(JNode node, string shapeName)
    {
        if (node.Kind != JKind.Array)
        {
            Report(DiagnosticDescriptors.WrongFieldType, node, $"shapes.{shapeName}.enum", "an array of values");
            return null;
        }
        var values = new List<EnumValueSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal) { "Unrecognized" };
        var spellings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Items!)
        {
            string? value = null, name = null;
            var aliases = new List<string>();
            if (item.Kind == JKind.String)
            {
                value = item.Text!;
            }
            else if (item.Kind == JKind.Object)
            {
                CheckFields(item, s_enumValueFields, $"a value of enum '{shapeName}'");
                value = RequireString(item, "value", $"A value of enum '{shapeName}'")?.Text;
                name = OptionalString(item, "name");
                aliases = StringArray(item, "aliases", required: false, "An enum value");
            }
            else
            {
                Report(DiagnosticDescriptors.WrongFieldType, item, $"shapes.{shapeName}.enum[]", "a string or an object with 'value'");
                continue;
            }
            if (value is null) continue;
            name ??= Identifiers.ToPascalCase(value);
            if (!Identifiers.IsValid(name))
            {
                Report(DiagnosticDescriptors.InvalidIdentifier, item, "Enum value", value, ": give it a 'name'");
                continue;
            }
            if (!spellings.Add(value) || aliases.Any(a => !spellings.Add(a)))
            {
                Report(DiagnosticDescriptors.Duplicate, item, "Enum value", value, $" in enum '{shapeName}'");
                continue;
            }
            if (!names.Add(name))
            {
                Report(DiagnosticDescriptors.Duplicate, item, "Enum member name", name, $" in enum '{shapeName}' (from value '{value}'; 'Unrecognized' is reserved)");
                continue;
            }
            values.Add(new EnumValueSpec(value, name, aliases.ToEquatableArray()));
        }
        return values;
    }

    private EventSpec? ParseEvent(JProperty property, Dictionary<string, string> typeNames, HashSet<string> eventNames, List<string> sources)
    {
        var node = property.Value;
        string name = property.Name;
        if (node.Kind != JKind.Object)
        {
            Report(DiagnosticDescriptors.WrongFieldType, node, $"events.{name}", "an object");
            return null;
        }
        string baseName = ClassName(name);
        if (name.Length == 0 || baseName.Length == 0 || !Identifiers.IsValid(baseName))
        {
            ReportAt(DiagnosticDescriptors.InvalidIdentifier, property, "Event name", name, "");
            return null;
        }
        foreach (var suffix in new[] { "Event", "Request", "Response" })
        {
            if (typeNames.TryGetValue(baseName + suffix, out var owner))
            {
                ReportAt(DiagnosticDescriptors.Duplicate, property, "Type", baseName + suffix, $" (by event '{name}' and by a {owner.ToLowerInvariant()})");
                return null;
            }
        }
        foreach (var suffix in new[] { "Event", "Request", "Response" }) typeNames[baseName + suffix] = $"Event '{name}'";

        CheckFields(node, s_eventFields, $"event '{name}'");
        string? doc = OptionalString(node, "doc");
        string category = "Management";
        var categoryNode = node.Get("category");
        if (categoryNode is not null)
        {
            if (categoryNode.Kind != JKind.String || Array.IndexOf(s_categories, categoryNode.Text) < 0)
            {
                Report(DiagnosticDescriptors.InvalidValue, categoryNode, categoryNode.Text ?? categoryNode.Describe(), "event category", ": use " + string.Join(", ", s_categories));
            }
            else
            {
                category = categoryNode.Text!;
            }
        }
        // An event logged by another of the service's eventSources than the one named after it.
        string? eventSource = OptionalString(node, "eventSource");
        if (eventSource is not null && !sources.Contains(eventSource, StringComparer.OrdinalIgnoreCase))
        {
            Report(DiagnosticDescriptors.InvalidValue, node.Get("eventSource")!, eventSource, $"eventSource of event '{name}'",
                ": it must be one of the service's eventSources (" + string.Join(", ", sources) + ")");
            eventSource = null;
        }
        bool? readOnly = null;
        var readOnlyNode = node.Get("readOnly");
        if (readOnlyNode is not null)
        {
            if (readOnlyNode.Kind is JKind.True or JKind.False) readOnly = readOnlyNode.Kind == JKind.True;
            else Report(DiagnosticDescriptors.WrongFieldType, readOnlyNode, $"events.{name}.readOnly", "true or false");
        }
        var aliases = new List<string>();
        var aliasNode = node.Get("aliases");
        foreach (var alias in StringArray(node, "aliases", required: false, $"Event '{name}'"))
        {
            if (!eventNames.Add(alias)) Report(DiagnosticDescriptors.Duplicate, aliasNode!, "Event", alias, " (as an alias)");
            else aliases.Add(alias);
        }
        var resourceTypes = StringArray(node, "resourceTypes", required: false, $"Event '{name}'");

        ShapeSpec? Part(string field, string suffix)
        {
            var partNode = node.Get(field);
            if (partNode is null || partNode.Kind == JKind.Null) return null;
            var members = ParseMembers(partNode, baseName + suffix, $"events.{name}.{field}");
            return new ShapeSpec(baseName + suffix, baseName + suffix, null, false, members.ToEquatableArray(), EquatableArray<EnumValueSpec>.Empty);
        }

        return new EventSpec(name, baseName + "Event", doc, category, readOnly, aliases.ToEquatableArray(),
            resourceTypes.ToEquatableArray(), Part("request", "Request"), Part("response", "Response"), AdditionalEventData(node, name), eventSource);
    }

    /// <summary>An event's optional <c>additionalEventData</c>: the name of a structure of this file, whose class is returned.</summary>
    private string? AdditionalEventData(JNode eventNode, string eventName)
    {
        var node = eventNode.Get("additionalEventData");
        if (node is null || node.Kind == JKind.Null) return null;
        if (node.Kind != JKind.String)
        {
            Report(DiagnosticDescriptors.WrongFieldType, node, $"events.{eventName}.additionalEventData", "a string naming a structure shape of this file");
            return null;
        }
        if (_structures.TryGetValue(node.Text!, out var className)) return className;
        var suggestions = Identifiers.Closest(node.Text!, _structures.Keys);
        Report(DiagnosticDescriptors.InvalidValue, node, node.Text!, $"additionalEventData of event '{eventName}'",
            ": it must name a structure in this file's 'shapes'" + Suggest(suggestions));
        return null;
    }

    private List<MemberSpec> ParseMembers(JNode node, string className, string path)
    {
        var members = new List<MemberSpec>();
        if (node.Kind != JKind.Object)
        {
            Report(DiagnosticDescriptors.WrongFieldType, node, path, "an object of JSON key → member type");
            return members;
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var properties = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in node.Properties!)
        {
            if (!keys.Add(property.Name))
            {
                ReportAt(DiagnosticDescriptors.Duplicate, property, "Member", property.Name, $" in {path}");
                continue;
            }
            var value = property.Value;
            JNode? typeNode = value;
            string? doc = null, name = null;
            bool redacted = false;
            if (value.Kind == JKind.Object)
            {
                CheckFields(value, s_memberFields, $"member '{property.Name}'");
                typeNode = RequireString(value, "type", $"Member '{property.Name}'");
                doc = OptionalString(value, "doc");
                name = OptionalString(value, "name");
                var redactedNode = value.Get("redacted");
                redacted = redactedNode?.Kind == JKind.True;
                if (typeNode is null) continue;
            }
            else if (value.Kind != JKind.String)
            {
                Report(DiagnosticDescriptors.WrongFieldType, value, $"{path}.{property.Name}", "a type name or an object with 'type'");
                continue;
            }

            string propertyName = name ?? Identifiers.ToPascalCase(property.Name);
            if (name is null && (propertyName == className || KnownNames.IsReservedMember(propertyName))) propertyName += "Value";
            if (!Identifiers.IsValid(propertyName) || propertyName == className)
            {
                ReportAt(DiagnosticDescriptors.InvalidIdentifier, property, "Member", property.Name,
                    propertyName.Length == 0 ? ": give it a 'name'" : $" (as '{propertyName}'): give it a 'name'");
                continue;
            }
            if (!properties.Add(propertyName))
            {
                ReportAt(DiagnosticDescriptors.Duplicate, property, "Property", propertyName, $" in {path} (from key '{property.Name}'; keys are matched ignoring case)");
                continue;
            }
            var type = ParseType(typeNode!, property.Name);
            if (type is null) continue;
            members.Add(new MemberSpec(property.Name, propertyName, type, doc, redacted));
        }
        return members;
    }

    private TypeSpec? ParseType(JNode node, string member)
    {
        string text = node.Text!.Trim();
        var type = ParseTypeText(text);
        if (type is null)
        {
            Report(DiagnosticDescriptors.UnknownType, node, text, member, "");
            return null;
        }
        var shape = type;
        while (shape.Element is not null) shape = shape.Element;
        if (shape.Kind == TypeKind.Shape && !_localShapes.Contains(shape.Name!))
        {
            if (_isEnvelope)
            {
                var suggestions = Identifiers.Closest(shape.Name!, _localShapes.Concat(Primitives));
                Report(DiagnosticDescriptors.UnknownType, node, text, member, Suggest(suggestions));
                return null;
            }
            _external.Add(new ExternalReference(shape.Name!, member, Location(node)));
        }
        return type;
    }

    private static TypeSpec? ParseTypeText(string text)
    {
        if (text.EndsWith("[]", StringComparison.Ordinal))
        {
            var element = ParseTypeText(text.Substring(0, text.Length - 2).TrimEnd());
            return element is null ? null : new TypeSpec(TypeKind.List, null, element);
        }
        if (text.StartsWith("map<", StringComparison.Ordinal) && text.EndsWith(">", StringComparison.Ordinal))
        {
            var element = ParseTypeText(text.Substring(4, text.Length - 5).Trim());
            return element is null ? null : new TypeSpec(TypeKind.Map, null, element);
        }
        switch (text)
        {
            case "string": return TypeSpec.String;
            case "boolean": return new TypeSpec(TypeKind.Boolean);
            case "integer": return new TypeSpec(TypeKind.Integer);
            case "double": return new TypeSpec(TypeKind.Double);
            case "timestamp": return new TypeSpec(TypeKind.Timestamp);
            case "json": return new TypeSpec(TypeKind.Json);
        }
        return text.Length > 0 && text.All(c => char.IsLetterOrDigit(c) || c == '_')
            ? new TypeSpec(TypeKind.Shape, text)
            : null;
    }

    // Type names the emitter declares next to this file's shapes (the envelope's go into the root
    // namespace, with the JSON context and the record's converter).
    private bool IsReservedTypeName(string className) =>
        KnownNames.IsReservedTypeName(className)
        || (_isEnvelope && (className == KnownNames.ContextClass || className == KnownNames.LogClass || className == KnownNames.ServicesClass || className == _recordConverter));

    // A name made of lower-case letters only ("node") is capitalized: as a type name it would be
    // warning CS8981 in the consumer's build.
    private static string ClassName(string name) =>
        Identifiers.IsValid(name) && !Identifiers.IsLowerCaseAscii(name) ? name : Identifiers.ToPascalCase(name);

    internal static string Suggest(List<string> suggestions) =>
        suggestions.Count == 0 ? "" : "; did you mean " + string.Join(" or ", suggestions.Select(s => $"'{s}'")) + "?";

    private void CheckFields(JNode node, string[] known, string what)
    {
        foreach (var property in node.Properties!)
        {
            if (Array.IndexOf(known, property.Name) >= 0) continue;
            ReportAt(DiagnosticDescriptors.UnknownField, property, property.Name, what, Suggest(Identifiers.Closest(property.Name, known, 1)));
        }
    }

    private JNode? RequireString(JNode parent, string field, string what)
    {
        var node = parent.Get(field);
        if (node is null)
        {
            Report(DiagnosticDescriptors.MissingField, parent.Start, 1, what, field);
            return null;
        }
        if (node.Kind != JKind.String)
        {
            Report(DiagnosticDescriptors.WrongFieldType, node, field, "a string");
            return null;
        }
        return node;
    }

    private string? OptionalString(JNode parent, string field)
    {
        var node = parent.Get(field);
        if (node is null || node.Kind == JKind.Null) return null;
        if (node.Kind == JKind.String) return node.Text;
        Report(DiagnosticDescriptors.WrongFieldType, node, field, "a string");
        return null;
    }

    private List<string> StringArray(JNode parent, string field, bool required, string what)
    {
        var result = new List<string>();
        var node = parent.Get(field);
        if (node is null)
        {
            if (required) Report(DiagnosticDescriptors.MissingField, parent.Start, 1, what, field);
            return result;
        }
        if (node.Kind != JKind.Array)
        {
            Report(DiagnosticDescriptors.WrongFieldType, node, field, "an array of strings");
            return result;
        }
        foreach (var item in node.Items!)
        {
            if (item.Kind == JKind.String && item.Text!.Length > 0) result.Add(item.Text);
            else Report(DiagnosticDescriptors.WrongFieldType, item, field + "[]", "a non-empty string");
        }
        if (required && result.Count == 0) Report(DiagnosticDescriptors.WrongFieldType, node, field, "a non-empty array of strings");
        return result;
    }

    private LocationInfo Location(JNode node) => _positions.Location(_path, node.Start, Math.Max(1, node.End - node.Start));

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, JNode node, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, Location(node), args));

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int start, int length, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, _positions.Location(_path, start, length), args));

    private void ReportAt(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, JProperty property, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, _positions.Location(_path, property.NameStart, property.NameEnd - property.NameStart), args));
}

/// <summary>Maps character offsets to zero-based lines and columns.</summary>
internal sealed class TextPositions
{
    private readonly List<int> _lineStarts = new() { 0 };
    private readonly int _length;

    public TextPositions(string text)
    {
        _length = text.Length;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) _lineStarts.Add(i + 1);
        }
    }

    public LocationInfo Location(string path, int start, int length)
    {
        start = Math.Max(0, Math.Min(start, _length));
        int end = Math.Max(start, Math.Min(start + length, _length));
        var (line, column) = Position(start);
        var (endLine, endColumn) = Position(end);
        return new LocationInfo(path, start, end - start, line, column, endLine, endColumn);
    }

    private (int Line, int Column) Position(int offset)
    {
        int index = _lineStarts.BinarySearch(offset);
        int line = index >= 0 ? index : ~index - 1;
        return (line, offset - _lineStarts[line]);
    }
}
