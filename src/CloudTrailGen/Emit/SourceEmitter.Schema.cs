using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using static CloudTrailGen.Helpers.KnownNames;

namespace CloudTrailGen.Emit;

// The schema tier: every selected event as data (one UTF-8 literal per service, the format the
// runtime's CloudTrailServiceSchema reads), the index of the services, and the record class of
// events read by schema.
internal static partial class SourceEmitter
{
    /// <summary>
    /// A service's schema text in a UTF-8 literal: compiled into the app as data, so that it costs
    /// the consumer's build one string token and its start-up nothing until a record of the
    /// service is read. Envelope shapes the service refers to are copied in. The text is
    /// compressed (<see cref="Compress"/>): every build compiles it, and every selected service's
    /// text is in the binary.
    /// </summary>
    public static (string HintName, string Source) EmitServiceSchema(ServiceEmitSpec spec, EnvelopeSpec? envelope)
    {
        var service = spec.Service;
        var text = new StringBuilder();
        text.Append(SchemaFormat).Append('\n');
        foreach (var ev in service.Events)
        {
            text.Append("E\t").Append(ev.Name).Append('\t').Append(ev.Category).Append('\t')
                .Append(ev.ReadOnly switch { true => "1", false => "0", null => "-" });
            foreach (var alias in ev.Aliases) text.Append('\t').Append(alias);
            text.Append('\n');
            if (ev.Request is not null) AppendMembers(text.Append('Q'), ev.Request);
            if (ev.Response is not null) AppendMembers(text.Append('R'), ev.Response);
        }
        var local = new HashSet<string>(service.Shapes.Select(s => s.Name));
        foreach (var shape in service.Shapes.Concat(EnvelopeShapesUsed(service, local, envelope)))
        {
            if (shape.IsEnum)
            {
                text.Append("N\t").Append(shape.Name);
                foreach (var value in shape.Values)
                {
                    text.Append('\t').Append(value.Value);
                    foreach (var alias in value.Aliases) text.Append('|').Append(alias);
                }
                text.Append('\n');
            }
            else
            {
                AppendMembers(text.Append("S\t").Append(shape.Name), shape);
            }
        }

        var w = Header(spec.RootNamespace, spec.Visibility);
        // [GeneratedCode] is on the index's part (CloudTrailGenSchema.g.cs): once per class.
        w.Open($"internal static partial class {SchemaClass}");
        w.Summary($"The schema of <c>{Identifiers.Xml(service.Id)}</c>: {service.Events.Count} events and {service.Shapes.Count} shapes.");
        w.Line($"internal static global::System.ReadOnlySpan<byte> {SchemaTextMember(service.Namespace)} => \"{Compress(text.ToString())}\"u8;");
        w.Close();
        w.Close();
        // The service's namespace exists from the moment the service is selected, so that a using
        // directive of it compiles before the code names any of its classes (which then get made).
        w.Line();
        w.Line($"namespace {spec.RootNamespace}.{service.Namespace} {{ }}");
        return ($"{service.Namespace}.Schema.g.cs", w.ToString());
    }

    /// <summary>The first line of every schema text (the runtime checks it).</summary>
    internal const string SchemaFormat = "CTGS1";

    /// <summary>The first line of a compressed schema text: the runtime expands what follows.</summary>
    internal const string CompressedSchemaFormat = "CTGZ1";

    /// <summary>
    /// A schema text as the literal holds it: <c>CTGZ1</c>, a newline (escaped) and the text's
    /// raw DEFLATE stream in base64, which needs no other escape. The whole catalog's 5.5 MB of
    /// text is 1.0 MB compressed, 1.4 MB in base64: what the compiler lexes, embeds in the PDB
    /// and writes to the assembly on every build, and what a Native AOT binary carries.
    /// </summary>
    internal static string Compress(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(bytes, 0, bytes.Length);
        }
        return CompressedSchemaFormat + "\\n" + Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length);
    }

    private static string SchemaTextMember(string serviceNamespace) => "Of" + serviceNamespace.Replace(".", "_");

    private static void AppendMembers(StringBuilder text, ShapeSpec shape)
    {
        foreach (var member in shape.Members)
        {
            text.Append('\t').Append(member.JsonName).Append('\t');
            AppendType(text, member.Type);
        }
        text.Append('\n');
    }

    private static void AppendType(StringBuilder text, TypeSpec type)
    {
        switch (type.Kind)
        {
            case TypeKind.String: text.Append("string"); break;
            case TypeKind.Boolean: text.Append("boolean"); break;
            case TypeKind.Integer: text.Append("integer"); break;
            case TypeKind.Double: text.Append("double"); break;
            case TypeKind.Timestamp: text.Append("timestamp"); break;
            case TypeKind.Json: text.Append("json"); break;
            case TypeKind.List: AppendType(text, type.Element!); text.Append("[]"); break;
            case TypeKind.Map: text.Append("map<"); AppendType(text, type.Element!); text.Append('>'); break;
            default: text.Append(type.Name); break;
        }
    }

    /// <summary>The envelope's shapes a service's types name (and those they name), for services of user catalogs that use them.</summary>
    private static IEnumerable<ShapeSpec> EnvelopeShapesUsed(ServiceSpec service, HashSet<string> local, EnvelopeSpec? envelope)
    {
        if (envelope is null) yield break;
        var byName = envelope.Shapes.ToDictionary(s => s.Name);
        var used = new HashSet<string>();
        var pending = new Stack<ShapeSpec>(service.Shapes.Concat(service.Events.SelectMany(e => new[] { e.Request, e.Response }).Where(s => s is not null))!);
        var found = new List<ShapeSpec>();
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().Members)
            {
                var type = member.Type;
                while (type.Element is not null) type = type.Element;
                if (type.Kind != TypeKind.Shape || local.Contains(type.Name!) || !byName.TryGetValue(type.Name!, out var shape) || !used.Add(shape.Name)) continue;
                found.Add(shape);
                pending.Push(shape);
            }
        }
        foreach (var shape in found.OrderBy(s => s.Name, System.StringComparer.Ordinal)) yield return shape;
    }

    /// <summary>The schema index (every selected service, its eventSources and text) and <c>CloudTrailLog.Schema</c>'s instance.</summary>
    private static void EmitSchemaIndex(SourceWriter w, EnvelopeEmitSpec spec)
    {
        var services = spec.Schema;
        w.Line(GeneratedCode);
        w.Open($"internal static partial class {SchemaClass}");
        w.Summary("The schema of every selected service: what events without a generated class are read with.");
        w.Line($"internal static readonly {Runtime.CloudTrailSchema} Instance = new {Runtime.CloudTrailSchema}(");
        w.Line($"    new string[] {{ {string.Join(", ", services.Select(s => Identifiers.Literal(s.Id)))} }},");
        w.Line($"    new string[][] {{ {string.Join(", ", services.Select(s => $"new string[] {{ {string.Join(", ", s.EventSources.Select(Identifiers.Literal))} }}"))} }},");
        w.Line("    Text);");
        w.Line();
        w.Open("private static global::System.ReadOnlySpan<byte> Text(int service)");
        if (services.Count > 0)
        {
            w.Open("switch (service)");
            for (int i = 0; i < services.Count; i++) w.Line($"case {i}: return {SchemaTextMember(services[i].Namespace)};");
            w.Close();
        }
        w.Line("return default;");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>The record class of events read by schema: a record whose typed parts are <c>CloudTrailSchemaObject</c>s.</summary>
    private static void EmitSchemaRecord(SourceWriter w, string record)
    {
        const string Obj = Runtime.CloudTrailObject;
        const string SchemaObject = Runtime.CloudTrailSchemaObject;
        w.Summary($"A record of an event of the selected services that has no generated class in this project, with its <c>requestParameters</c> and <c>responseElements</c> read by the catalog's schema into <see cref=\"{SchemaObject}\"/>s: the same values, lenience and JSON as the event's class would give. Naming the event's class in code (or listing it with <c>CloudTrailEvent</c>) makes its records read as that class instead.");
        w.Line(GeneratedCode);
        w.Open($"{w.TypeVisibility} sealed partial class {SchemaRecordClass} : {record}");
        w.Line($"internal {SchemaRecordClass}({Runtime.CloudTrailEventSchema} schema) => Schema = schema;");
        w.Line();
        w.Summary("The event's schema: its service, name, category and the shapes of its two parts.");
        w.Line($"public {Runtime.CloudTrailEventSchema} Schema {{ get; }}");
        w.Line();
        w.Summary("The typed <c>requestParameters</c>, read by schema with the record (or on first use); setting it replaces them.");
        w.Line($"public {SchemaObject}? Request {{ get => ({SchemaObject}?)GetRequestPart(); set => SetRequest(value); }}");
        w.Line();
        w.Summary("The typed <c>responseElements</c>, read by schema with the record (or on first use); setting it replaces them.");
        w.Line($"public {SchemaObject}? Response {{ get => ({SchemaObject}?)GetResponsePart(); set => SetResponse(value); }}");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public override {Obj}? TypedRequest => Request;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public override {Obj}? TypedResponse => Response;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {Obj}? CreateRequestPart() => Schema.Request is {{ }} shape ? new {SchemaObject}(shape) : null;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {Obj}? CreateResponsePart() => Schema.Response is {{ }} shape ? new {SchemaObject}(shape) : null;");
        w.Close();
        w.Line();
    }
}
