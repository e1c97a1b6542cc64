using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using static CloudTrailGen.Helpers.KnownNames;

namespace CloudTrailGen.Emit;

/// <summary>
/// Turns specs into C#. Emitted code is compact by design: each type lists its members once (a
/// name table), reads them in one switch and writes them in one sequence; all the JSON work is in
/// the runtime's <c>CloudTrailObject</c> and codecs. Output depends only on the specs, in their
/// (ordinal, file) order, so it is deterministic.
/// </summary>
internal static class SourceEmitter
{
    /// <summary>
    /// The generator's version for <c>[GeneratedCode]</c>: its assembly's informational version
    /// (the package version set in the build) without build metadata, so that the output does not
    /// change with the commit it was built from.
    /// </summary>
    internal static readonly string Version = VersionOf(typeof(SourceEmitter).Assembly);

    private static readonly string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"CloudTrailGen\", \"" + Version + "\")]";
    private const string Stj = "global::System.Text.Json";

    /// <summary>How shape names resolve to C# types in one file: local shapes first, then the envelope's.</summary>
    private sealed class TypeScope
    {
        private readonly Dictionary<string, (string FullName, bool IsEnum)> _types = new();

        public void Add(string ns, IEnumerable<ShapeSpec> shapes)
        {
            foreach (var shape in shapes) _types[shape.Name] = ($"global::{ns}.{shape.ClassName}", shape.IsEnum);
        }

        public void AddIfMissing(string ns, IEnumerable<string> classNames, bool isEnum)
        {
            foreach (var name in classNames)
            {
                if (!_types.ContainsKey(name)) _types[name] = ($"global::{ns}.{name}", isEnum);
            }
        }

        public (string FullName, bool IsEnum) Resolve(string name) => _types[name];
    }

    // ---------------------------------------------------------------- services

    public static IEnumerable<(string HintName, string Source)> EmitService(ServiceEmitSpec spec)
    {
        var service = spec.Service;
        string ns = spec.RootNamespace + "." + service.Namespace;
        var scope = new TypeScope();
        scope.Add(ns, service.Shapes);
        scope.AddIfMissing(spec.RootNamespace, spec.EnvelopeEnums, isEnum: true);
        scope.AddIfMissing(spec.RootNamespace, spec.EnvelopeObjects, isEnum: false);
        string record = $"global::{spec.RootNamespace}.{spec.RecordClass}";
        string title = service.Title is null ? $"<c>{Identifiers.Xml(service.Id)}</c>" : Identifiers.Xml(service.Title);

        var tables = new TableCounter();
        var w = Header(ns);
        foreach (var ev in service.Events)
        {
            // An event: the envelope plus typed views of requestParameters and responseElements.
            string source = service.EventSources.Count > 0 ? service.EventSources[0] : service.Id;
            var summary = $"<c>{Identifiers.Xml(ev.Name)}</c> from {title} ({ev.Category.ToLowerInvariant()} event, eventSource <c>{Identifiers.Xml(source)}</c>)";
            if (ev.Doc is not null) summary += ": " + Identifiers.Xml(ev.Doc);
            w.Summary(summary);
            if (ev.Aliases.Count > 0)
            {
                w.Line("/// <remarks>Also logged as " + string.Join(", ", ev.Aliases.Select(a => $"<c>{Identifiers.Xml(a)}</c>")) + ".</remarks>");
            }
            w.Line(GeneratedCode);
            w.Line($"[{Stj}.Serialization.JsonConverter(typeof({Runtime.CloudTrailObjectConverter}<{ev.ClassName}>))]");
            w.Open($"public sealed partial class {ev.ClassName} : {record}");
            if (ev.Request is not null)
            {
                w.Summary("The typed <c>requestParameters</c>, read with the record (or on first use, when they come before eventSource and eventName); setting it replaces them.");
                w.Line($"public {ev.Request.ClassName}? Request {{ get => GetRequest<{ev.Request.ClassName}>(); set => SetRequest(value); }}");
                w.Line();
                w.Line("/// <inheritdoc/>");
                w.Line($"protected override {Runtime.CloudTrailObject} CreateRequestPart() => new {ev.Request.ClassName}();");
            }
            if (ev.Response is not null)
            {
                if (ev.Request is not null) w.Line();
                w.Summary("The typed <c>responseElements</c>, read with the record (or on first use, when they come before eventSource and eventName); setting it replaces them.");
                w.Line($"public {ev.Response.ClassName}? Response {{ get => GetResponse<{ev.Response.ClassName}>(); set => SetResponse(value); }}");
                w.Line();
                w.Line("/// <inheritdoc/>");
                w.Line($"protected override {Runtime.CloudTrailObject} CreateResponsePart() => new {ev.Response.ClassName}();");
            }
            w.Close();
            w.Line();
            if (ev.Request is not null)
            {
                EmitCompactStructure(w, ev.Request, scope, $"The <c>requestParameters</c> of <see cref=\"{ev.ClassName}\"/>.", tables);
            }
            if (ev.Response is not null)
            {
                EmitCompactStructure(w, ev.Response, scope, $"The <c>responseElements</c> of <see cref=\"{ev.ClassName}\"/>.", tables);
            }
        }
        // The shapes' tables follow the events' in the same array, declared with the events.
        string? shapesSource = null;
        if (service.Shapes.Count > 0)
        {
            var shapes = Header(ns);
            EmitShapes(shapes, service.Shapes, scope, tables: tables);
            shapes.Close();
            shapesSource = shapes.ToString();
        }
        if (tables.Count > 0) EmitMemberTables(w, tables.Count);
        w.Close();
        yield return ($"{service.Namespace}.Events.g.cs", w.ToString());
        if (shapesSource is not null) yield return ($"{service.Namespace}.Shapes.g.cs", shapesSource);
    }

    // ---------------------------------------------------------------- envelope

    public static IEnumerable<(string HintName, string Source)> EmitEnvelope(EnvelopeEmitSpec spec)
    {
        var envelope = spec.Envelope;
        string ns = spec.RootNamespace;
        var scope = new TypeScope();
        scope.Add(ns, envelope.Shapes);
        var root = envelope.Shapes.First(s => s.Name == envelope.RootShape);

        var w = Header(ns);
        EmitShapes(w, envelope.Shapes, scope, root, envelope);
        w.Close();
        yield return ("Envelope.Types.g.cs", w.ToString());

        yield return ($"{ContextClass}.g.cs", EmitContext(spec, root));
    }

    // The most events one dispatch method switches over. The C# compiler turns a string switch into
    // a search over the names' hashes, a few basic blocks per name; past its size limits the JIT
    // compiles a method without optimizations (EC2's 627 events were), so larger services are
    // split by the name's length first.
    internal const int MaxEventsPerDispatchMethod = 128;

    /// <summary>One eventSource's dispatch: eventName to a new event object, or null.</summary>
    private static void EmitDispatch(SourceWriter w, string record, string method, EquatableArray<DispatchEntry> events)
    {
        w.Line();
        if (events.Count <= MaxEventsPerDispatchMethod)
        {
            EmitNameSwitch(w, $"private static {record}? {method}(string? eventName)", events);
            return;
        }

        // Consecutive name lengths packed into parts of at most MaxEventsPerDispatchMethod names (a
        // length with more names than that gets a part of its own).
        var parts = new List<List<IGrouping<int, DispatchEntry>>>();
        int inPart = 0;
        foreach (var length in events.GroupBy(e => e.EventName.Length).OrderBy(g => g.Key))
        {
            int count = length.Count();
            if (parts.Count == 0 || inPart + count > MaxEventsPerDispatchMethod)
            {
                parts.Add(new List<IGrouping<int, DispatchEntry>>());
                inPart = 0;
            }
            parts[parts.Count - 1].Add(length);
            inPart += count;
        }
        w.Open($"private static {record}? {method}(string? eventName)");
        w.Line("if (eventName is null) return null;");
        w.Open("switch (eventName.Length)");
        for (int p = 0; p < parts.Count; p++)
        {
            w.Line($"{string.Join(" ", parts[p].Select(g => $"case {g.Key}:"))} return {method}_{p}(eventName);");
        }
        w.Close();
        w.Line("return null;");
        w.Close();
        for (int p = 0; p < parts.Count; p++)
        {
            w.Line();
            EmitNameSwitch(w, $"private static {record}? {method}_{p}(string eventName)", parts[p].SelectMany(g => g));
        }
    }

    private static void EmitNameSwitch(SourceWriter w, string signature, IEnumerable<DispatchEntry> events)
    {
        w.Open(signature);
        w.Open("switch (eventName)");
        foreach (var entry in events)
        {
            w.Line($"case {Identifiers.Literal(entry.EventName)}: return new {entry.ClassName}();");
        }
        w.Close();
        w.Line("return null;");
        w.Close();
    }

    private static string EmitContext(EnvelopeEmitSpec spec, ShapeSpec root)
    {
        string ns = spec.RootNamespace;
        string record = root.ClassName;
        var w = Header(ns);

        // The converter of the root record: reads the envelope, then picks the typed event class.
        w.Summary($"Reads a CloudTrail record as the typed event class for its eventSource and eventName (in any key order), or as <see cref=\"{record}\"/> when the catalog has no class for it.");
        w.Line(GeneratedCode);
        w.Open($"public sealed class {RecordConverterClass(record)} : {Runtime.CloudTrailRecordConverter}<{record}>");
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {record} CreateEnvelope() => new {record}();");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override void MoveEnvelope({record} from, {record} to) => {record}.MoveEnvelope(from, to);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"protected override {record}? CreateEvent({record} envelope)");
        if (spec.Dispatch.Count == 0)
        {
            w.Line("return null;");
        }
        else
        {
            // One method per eventSource: a single switch over every event of every selected
            // service would be so large that the JIT compiles it without optimizations.
            string source = PropertyOf(root, spec.Envelope.EventSourceMember);
            string name = PropertyOf(root, spec.Envelope.EventNameMember);
            w.Open($"switch (envelope.{source})");
            for (int i = 0; i < spec.Dispatch.Count; i++)
            {
                w.Line($"case {Identifiers.Literal(spec.Dispatch[i].EventSource)}: return Create{i}(envelope.{name});");
            }
            w.Close();
            w.Line("return null;");
        }
        w.Close();
        for (int i = 0; i < spec.Dispatch.Count; i++)
        {
            EmitDispatch(w, record, $"Create{i}", spec.Dispatch[i].Events);
        }
        w.Close();
        w.Line();

        // The context: type information for every generated type, created from its converter.
        w.Summary("System.Text.Json type information for every generated CloudTrail type, without reflection: safe for trimming and Native AOT. Combine it with other resolvers through <c>JsonTypeInfoResolver.Combine</c>.");
        w.Line(GeneratedCode);
        w.Open($"public sealed partial class {ContextClass} : {Stj}.Serialization.JsonSerializerContext, {Stj}.Serialization.Metadata.IJsonTypeInfoResolver");
        w.Line($"private {Stj}.Serialization.Metadata.JsonTypeInfo<{record}>? _record;");
        w.Line();
        w.Summary("The shared instance, with default options.");
        w.Line($"public static {ContextClass} Default {{ get; }} = new {ContextClass}(new {Stj}.JsonSerializerOptions());");
        w.Line();
        w.Summary("Creates a context with its own default options.");
        w.Line($"public {ContextClass}() : base(null) {{ }}");
        w.Line();
        w.Summary("Creates a context bound to <paramref name=\"options\"/>.");
        w.Line("/// <param name=\"options\">Options that this context becomes the type information resolver of.</param>");
        w.Line($"public {ContextClass}({Stj}.JsonSerializerOptions options) : base(options) {{ }}");
        w.Line();
        w.Summary($"Type information for <see cref=\"{record}\"/>: reading returns the typed event class when the catalog has one.");
        w.Line($"public {Stj}.Serialization.Metadata.JsonTypeInfo<{record}> {record} => _record ??= ({Stj}.Serialization.Metadata.JsonTypeInfo<{record}>)Options.GetTypeInfo(typeof({record}));");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {Stj}.JsonSerializerOptions? GeneratedSerializerOptions => null;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"public override {Stj}.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type)");
        w.Line("Options.TryGetTypeInfo(type, out var typeInfo);");
        w.Line("return typeInfo;");
        w.Close();
        w.Line();
        w.Open($"{Stj}.Serialization.Metadata.JsonTypeInfo? {Stj}.Serialization.Metadata.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {Stj}.JsonSerializerOptions options)");
        w.Open($"if (type == typeof({record}))");
        w.Line($"return {Stj}.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<{record}>(options, new {RecordConverterClass(record)}());");
        w.Close();
        w.Line("// Every other generated type names its converter in a [JsonConverter] attribute: no code per type.");
        w.Line($"return {Runtime.CloudTrailTypeInfo}.FromConverterAttribute(type, typeof({ContextClass}).Assembly, options);");
        w.Close();
        w.Close();
        w.Line();
        EmitLogReader(w, record);
        w.Close();
        return w.ToString();
    }

    private static void EmitLogReader(SourceWriter w, string record)
    {
        const string Options = Runtime.CloudTrailReadOptions;
        const string Token = "global::System.Threading.CancellationToken";
        string info = $"{ContextClass}.Default.{record}";
        w.Summary($"Reads CloudTrail records, typed, from wherever they arrive: log files (also gzip), one record per line, arrays, EventBridge events, CloudWatch Logs payloads and LookupEvents responses. Records are read one at a time: memory does not grow with the input.");
        w.Line(GeneratedCode);
        w.Open($"public static class {LogClass}");
        w.Summary("Reads the records in a stream, asynchronously. The caller keeps ownership of the stream.");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IAsyncEnumerable<{record}> ReadAsync(global::System.IO.Stream stream, {Options}? options = null, {Token} cancellationToken = default) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadAsync(stream, {info}, options, cancellationToken);");
        w.Line();
        w.Summary("Reads the records in a stream. The caller keeps ownership of the stream.");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IEnumerable<{record}> Read(global::System.IO.Stream stream, {Options}? options = null) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.Read(stream, {info}, options);");
        w.Line();
        w.Summary("Reads the records in a file (<c>.json</c>, <c>.json.gz</c>, <c>.ndjson</c>, ...), asynchronously.");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IAsyncEnumerable<{record}> ReadFileAsync(string path, {Options}? options = null, {Token} cancellationToken = default) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadFileAsync(path, {info}, options, cancellationToken);");
        w.Line();
        w.Summary("Reads the records in a file (<c>.json</c>, <c>.json.gz</c>, <c>.ndjson</c>, ...).");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IEnumerable<{record}> ReadFile(string path, {Options}? options = null) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadFile(path, {info}, options);");
        w.Close();
    }

    // ---------------------------------------------------------------- shapes

    private static void EmitShapes(SourceWriter w, IEnumerable<ShapeSpec> shapes, TypeScope scope, ShapeSpec? root = null, EnvelopeSpec? envelope = null, TableCounter? tables = null)
    {
        var enums = new List<ShapeSpec>();
        foreach (var shape in shapes)
        {
            if (shape.IsEnum)
            {
                EmitEnum(w, shape);
                enums.Add(shape);
            }
            else
            {
                string summary = shape.Doc is null ? $"The <c>{Identifiers.Xml(shape.Name)}</c> shape." : Identifiers.Xml(shape.Doc);
                if (tables is not null) EmitCompactStructure(w, shape, scope, summary, tables);
                else EmitStructure(w, shape, scope, summary, shape == root ? envelope : null);
            }
        }
        if (enums.Count == 0) return;

        // Open enums map member i + 1 to spelling i; the tables are registered when the assembly loads.
        w.Line(GeneratedCode);
        w.Open($"internal static class {EnumsClass}");
        w.Line("#pragma warning disable CA2255 // generated registration, run once when the assembly loads");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line("#pragma warning restore CA2255");
        w.Open("internal static void Register()");
        foreach (var shape in enums)
        {
            string values = string.Join(", ", shape.Values.Select(v => Identifiers.Literal(v.Value)));
            string aliases = shape.Values.Any(v => v.Aliases.Count > 0)
                ? "new string[][] { " + string.Join(", ", shape.Values.Select(v => v.Aliases.Count == 0 ? "global::System.Array.Empty<string>()" : "new[] { " + string.Join(", ", v.Aliases.Select(Identifiers.Literal)) + " }")) + " }"
                : "null";
            w.Line($"{Runtime.OpenEnumTable}<{shape.ClassName}>.Register(new string[] {{ {values} }}, {aliases});");
        }
        w.Close();
        w.Close();
        w.Line();
    }

    private static void EmitEnum(SourceWriter w, ShapeSpec shape)
    {
        w.Summary((shape.Doc is null ? $"The values of <c>{Identifiers.Xml(shape.Name)}</c>." : Identifiers.Xml(shape.Doc))
            + $" Read as <see cref=\"{Runtime.OpenEnum}{{TEnum}}\"/>: values not listed here are kept, as <c>Unrecognized</c>.");
        w.Line(GeneratedCode);
        w.Open($"public enum {shape.ClassName}");
        w.Summary($"A value this version of the catalog does not list; the string is in <see cref=\"{Runtime.OpenEnum}{{TEnum}}.Raw\"/>.");
        w.Line("Unrecognized = 0,");
        int index = 1;
        foreach (var value in shape.Values)
        {
            w.Summary($"<c>{Identifiers.Xml(value.Value)}</c>" + (value.Aliases.Count > 0 ? " (also " + string.Join(", ", value.Aliases.Select(a => $"<c>{Identifiers.Xml(a)}</c>")) + ")" : ""));
            w.Line($"{value.Name} = {index++},");
        }
        w.Close();
        w.Line();
    }

    /// <summary>
    /// Emits a class of the envelope (read on every record): members are typed fields with a
    /// generated read switch and write sequence, the fastest to read. Service types are emitted by
    /// <see cref="EmitCompactStructure"/> instead.
    /// </summary>
    private static void EmitStructure(SourceWriter w, ShapeSpec shape, TypeScope scope, string summary, EnvelopeSpec? envelope)
    {
        bool isRecord = envelope is not null;
        string cls = shape.ClassName;
        w.Summary(summary);
        w.Line(GeneratedCode);
        w.Line(isRecord
            ? $"[{Stj}.Serialization.JsonConverter(typeof({RecordConverterClass(cls)}))]"
            : $"[{Stj}.Serialization.JsonConverter(typeof({Runtime.CloudTrailObjectConverter}<{cls}>))]");
        w.Open(isRecord ? $"public partial class {cls} : {Runtime.CloudTrailRecordBase}" : $"public sealed partial class {cls} : {Runtime.CloudTrailObject}");
        w.Line($"private static readonly {Runtime.JsonMemberTable} s_members = new({string.Join(", ", shape.Members.Select(m => Identifiers.Literal(m.JsonName)))});");
        var members = shape.Members.Items;
        var types = members.Select(m => Resolve(m.Type, scope)).ToList();
        for (int i = 0; i < members.Length; i++)
        {
            // A codec of an object type (or of lists or maps of one) in a static field of this type:
            // asking JsonCodec.Object<T> for it on every read looks up a static of a generic type
            // from shared code. The envelope has few such members, so the fields cost little.
            if (types[i].HoldsObjects)
            {
                w.Line($"private static readonly {Runtime.JsonCodec}<{types[i].CSharp}> s_codec{i} = {types[i].Codec};");
                types[i] = types[i].WithCodec($"s_codec{i}");
            }
        }
        for (int i = 0; i < members.Length; i++)
        {
            w.Line($"private {types[i].CSharp}{(types[i].DefaultIsAbsent ? "" : "?")} {Field(members[i])};");
        }
        if (isRecord)
        {
            w.Line($"private {Runtime.CloudTrailObject}? _typedRequest;");
            w.Line($"private {Runtime.CloudTrailObject}? _typedResponse;");
        }

        for (int i = 0; i < members.Length; i++)
        {
            var m = members[i];
            w.Line();
            string doc = m.Doc is null ? $"<c>{Identifiers.Xml(m.JsonName)}</c>." : $"<c>{Identifiers.Xml(m.JsonName)}</c>: {Identifiers.Xml(m.Doc)}";
            if (m.Redacted) doc += $" CloudTrail may log it as <c>HIDDEN_DUE_TO_SECURITY_REASONS</c>: the property is then null and <see cref=\"{Runtime.CloudTrailObject}.TryGetRawValue\"/> has the string.";
            if (isRecord && (m.JsonName == envelope!.RequestMember || m.JsonName == envelope.ResponseMember))
            {
                doc += " Kept as raw JSON; typed event classes also offer it as <c>" + (m.JsonName == envelope.RequestMember ? "Request" : "Response") + "</c>, and read an object straight into that when eventSource and eventName come first (as CloudTrail writes them): this property then returns the typed value written as JSON.";
                string cache = m.JsonName == envelope.RequestMember ? "_typedRequest" : "_typedResponse";
                w.Summary(doc);
                w.Line($"[{Stj}.Serialization.JsonPropertyName({Identifiers.Literal(m.JsonName)})]");
                w.Line($"public {types[i].CSharp}? {m.PropertyName} {{ get => Present({Field(m)}) ?? RawOf({cache}); set {{ Set(ref {Field(m)}, value.GetValueOrDefault(), {i}); {cache} = null; }} }}");
                continue;
            }
            w.Summary(doc);
            w.Line($"[{Stj}.Serialization.JsonPropertyName({Identifiers.Literal(m.JsonName)})]");
            w.Line(types[i].DefaultIsAbsent
                ? $"public {types[i].CSharp}? {m.PropertyName} {{ get => Present({Field(m)}); set => Set(ref {Field(m)}, value.GetValueOrDefault(), {i}); }}"
                : $"public {types[i].CSharp}? {m.PropertyName} {{ get => {Field(m)}; set => Set(ref {Field(m)}, value, {i}); }}");
        }

        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {Runtime.JsonMemberTable} GetMemberTable() => s_members;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"protected override void ReadMember(ref {Stj}.Utf8JsonReader reader, int member)");
        if (members.Length > 0)
        {
            w.Open("switch (member)");
            for (int i = 0; i < members.Length; i++)
            {
                if (isRecord && (members[i].JsonName == envelope!.RequestMember || members[i].JsonName == envelope.ResponseMember))
                {
                    bool request = members[i].JsonName == envelope.RequestMember;
                    w.Line($"case {i}: {Field(members[i])} = ReadPart(ref reader, {i}, {(request ? "true" : "false")}, {Field(members.First(m => m.JsonName == envelope.EventSourceMember))}, {Field(members.First(m => m.JsonName == envelope.EventNameMember))}, ref {(request ? "_typedRequest" : "_typedResponse")}).GetValueOrDefault(); break;");
                    continue;
                }
                if (types[i].Kind == ResolvedKind.String)
                {
                    w.Line($"case {i}: {Field(members[i])} = ReadString(ref reader, {i}); break;");
                    continue;
                }
                string read = types[i].IsValueType ? "ReadNullable" : "Read";
                w.Line($"case {i}: {Field(members[i])} = {read}(ref reader, {i}, {types[i].Codec}){(types[i].DefaultIsAbsent ? ".GetValueOrDefault()" : "")}; break;");
            }
            w.Close();
        }
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"protected override void WriteMembers({Stj}.Utf8JsonWriter writer)");
        for (int i = 0; i < members.Length; i++)
        {
            var m = members[i];
            string write = types[i].IsValueType ? "WriteNullable" : "Write";
            if (isRecord && (m.JsonName == envelope!.RequestMember || m.JsonName == envelope.ResponseMember))
            {
                string cache = m.JsonName == envelope.RequestMember ? "_typedRequest" : "_typedResponse";
                w.Line($"if (!WriteTyped(writer, {i}, {cache}, Present({Field(m)}))) {write}(writer, {i}, Present({Field(m)}), {types[i].Codec});");
                continue;
            }
            w.Line($"{write}(writer, {i}, {(types[i].DefaultIsAbsent ? $"Present({Field(m)})" : Field(m))}, {types[i].Codec});");
        }
        w.Close();

        if (isRecord) EmitRecordSupport(w, shape, envelope!);
        w.Close();
        w.Line();
    }

    /// <summary>Counts the member tables of one service namespace, in the order they are emitted.</summary>
    private sealed class TableCounter
    {
        public int Count { get; private set; }

        public int Next() => Count++;
    }

    /// <summary>
    /// Emits a service type: its values are kept in the base class's slots, read and written
    /// through the member table's codecs, so the only code per member is its property, which
    /// keeps the consumer's compile time low however many services are selected. The table is
    /// made on first use and kept in the namespace's <see cref="MemberTablesClass"/> array.
    /// </summary>
    private static void EmitCompactStructure(SourceWriter w, ShapeSpec shape, TypeScope scope, string summary, TableCounter tables)
    {
        int table = tables.Next();
        string cls = shape.ClassName;
        w.Summary(summary);
        w.Line(GeneratedCode);
        w.Line($"[{Stj}.Serialization.JsonConverter(typeof({Runtime.CloudTrailObjectConverter}<{cls}>))]");
        w.Open($"public sealed partial class {cls} : {Runtime.CloudTrailCompactObject}");
        var members = shape.Members.Items;
        var types = members.Select(m => Resolve(m.Type, scope, keptCodec: true)).ToList();
        for (int i = 0; i < members.Length; i++)
        {
            var m = members[i];
            w.Line();
            string doc = m.Doc is null ? $"<c>{Identifiers.Xml(m.JsonName)}</c>." : $"<c>{Identifiers.Xml(m.JsonName)}</c>: {Identifiers.Xml(m.Doc)}";
            if (m.Redacted) doc += $" CloudTrail may log it as <c>HIDDEN_DUE_TO_SECURITY_REASONS</c>: the property is then null and <see cref=\"{Runtime.CloudTrailObject}.TryGetRawValue\"/> has the string.";
            w.Summary(doc);
            w.Line($"[{Stj}.Serialization.JsonPropertyName({Identifiers.Literal(m.JsonName)})]");
            string get = types[i].IsValueType ? $"SlotValue<{types[i].CSharp}>({i})" : $"Slot<{types[i].CSharp}>({i})";
            w.Line($"public {types[i].CSharp}? {m.PropertyName} {{ get => {get}; set => SetSlot({i}, value); }}");
        }
        if (members.Length > 0) w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {Runtime.JsonMemberTable} GetMemberTable() => {MemberTablesClass}.Tables[{table}] ?? {MemberTablesClass}.Add({table}, new {Runtime.JsonMemberTable}(");
        w.Line($"    new string[] {{ {string.Join(", ", members.Select(m => Identifiers.Literal(m.JsonName)))} }},");
        w.Line($"    new {Runtime.JsonCodecBase}[] {{ {string.Join(", ", types.Select(t => t.Codec))} }}));");
        w.Close();
        w.Line();
    }

    private static void EmitMemberTables(SourceWriter w, int count)
    {
        w.Summary("The member tables of this namespace's types, made on first use: one array, not a static field per type.");
        w.Line(GeneratedCode);
        w.Open($"internal static class {MemberTablesClass}");
        w.Line($"internal static readonly {Runtime.JsonMemberTable}?[] Tables = new {Runtime.JsonMemberTable}?[{count}];");
        w.Line();
        w.Line("// Two threads may both make a table: either may win, the tables are equal.");
        w.Line($"internal static {Runtime.JsonMemberTable} Add(int index, {Runtime.JsonMemberTable} table) => Tables[index] = table;");
        w.Close();
    }

    private static void EmitRecordSupport(SourceWriter w, ShapeSpec shape, EnvelopeSpec envelope)
    {
        var members = shape.Members.Items;
        string request = Field(members.First(m => m.JsonName == envelope.RequestMember));
        string response = Field(members.First(m => m.JsonName == envelope.ResponseMember));
        w.Line();
        string source = Field(members.First(m => m.JsonName == envelope.EventSourceMember));
        string name = Field(members.First(m => m.JsonName == envelope.EventNameMember));
        // ParseObject<T> (its new T()), not CreateRequestPart(): the instantiation keeps T's constructor
        // for Native AOT, where the converter that T's [JsonConverter] attribute names is made at run time.
        w.Summary("The typed <c>requestParameters</c> of an event class: read with the record, or on first use.");
        w.Line($"protected T? GetRequest<T>() where T : {Runtime.CloudTrailObject}, new() => _typedRequest as T ?? (ParseObject<T>(Present({request}) ?? RawOf(_typedRequest)) is {{ }} parsed ? (T)(_typedRequest = parsed) : null);");
        w.Line();
        w.Summary("The typed <c>responseElements</c> of an event class: read with the record, or on first use.");
        w.Line($"protected T? GetResponse<T>() where T : {Runtime.CloudTrailObject}, new() => _typedResponse as T ?? (ParseObject<T>(Present({response}) ?? RawOf(_typedResponse)) is {{ }} parsed ? (T)(_typedResponse = parsed) : null);");
        w.Line();
        w.Summary("Replaces <c>requestParameters</c> with a typed value (null removes them).");
        w.Line($"protected void SetRequest({Runtime.CloudTrailObject}? value) {{ _typedRequest = value; Set(ref {request}, default, {members.IndexOf(members.First(m => m.JsonName == envelope.RequestMember))}); }}");
        w.Line();
        w.Summary("Replaces <c>responseElements</c> with a typed value (null removes them).");
        w.Line($"protected void SetResponse({Runtime.CloudTrailObject}? value) {{ _typedResponse = value; Set(ref {response}, default, {members.IndexOf(members.First(m => m.JsonName == envelope.ResponseMember))}); }}");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override bool HasEventKey(string? eventSource, string? eventName) => string.Equals({source}, eventSource, global::System.StringComparison.Ordinal) && string.Equals({name}, eventName, global::System.StringComparison.Ordinal);");
        w.Line();
        w.Summary("Moves every envelope member from one instance to another (used by the converter when it dispatches to an event class).");
        w.Open($"internal static void MoveEnvelope({shape.ClassName} from, {shape.ClassName} to)");
        foreach (var m in members)
        {
            w.Line($"to.{Field(m)} = from.{Field(m)}; from.{Field(m)} = default;");
        }
        w.Line("to._typedRequest = from._typedRequest; from._typedRequest = null;");
        w.Line("to._typedResponse = from._typedResponse; from._typedResponse = null;");
        w.Line("from.MoveStateTo(to);");
        w.Close();
    }

    // ---------------------------------------------------------------- helpers

    internal static string VersionOf(Assembly assembly)
    {
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational)) return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        int metadata = informational!.IndexOf('+');
        return metadata < 0 ? informational : informational.Substring(0, metadata);
    }

    private static SourceWriter Header(string ns)
    {
        var w = new SourceWriter();
        w.Line("// <auto-generated/>");
        w.Line("#nullable enable annotations");
        w.Line();
        w.Open("namespace " + ns);
        w.Line($"using {CodecAlias} = {Runtime.JsonCodec};");
        w.Line();
        return w;
    }

    private static string Field(MemberSpec member) => "_" + char.ToLowerInvariant(member.PropertyName[0]) + member.PropertyName.Substring(1);

    private static string PropertyOf(ShapeSpec shape, string jsonName) => shape.Members.First(m => m.JsonName == jsonName).PropertyName;

    /// <summary>What a resolved member type is: the model's <see cref="TypeKind"/>, with shapes told apart into enums and objects.</summary>
    private enum ResolvedKind
    {
        String,
        Boolean,
        Integer,
        Double,
        Timestamp,
        Json,
        Enum,
        Object,
        List,
        Map,
    }

    /// <summary>
    /// A member type as the emitter writes it (C# type, codec expression) and what it is
    /// (<see cref="Kind"/>, <see cref="ElementKind"/>): the emitter decides from the kinds, never by
    /// looking into the code it wrote.
    /// </summary>
    private readonly struct ResolvedType
    {
        public ResolvedType(ResolvedKind kind, string cSharp, string codec, bool isValueType, bool defaultIsAbsent = false, ResolvedKind? elementKind = null)
        {
            Kind = kind;
            ElementKind = elementKind ?? kind;
            CSharp = cSharp;
            Codec = codec;
            IsValueType = isValueType;
            DefaultIsAbsent = defaultIsAbsent;
        }

        public ResolvedKind Kind { get; }

        /// <summary>For lists and maps, the kind of the innermost element (a list of lists of objects: Object); otherwise <see cref="Kind"/>.</summary>
        public ResolvedKind ElementKind { get; }

        /// <summary>An object, or a list or map of them at any depth: its codec makes objects.</summary>
        public bool HoldsObjects => ElementKind == ResolvedKind.Object;

        /// <summary>
        /// A struct whose default value is never read from JSON (RawJson, OpenEnum): a typed field
        /// holds it without Nullable's flag and padding, its default meaning absent.
        /// </summary>
        public bool DefaultIsAbsent { get; }

        public string CSharp { get; }
        public string Codec { get; }
        public bool IsValueType { get; }

        /// <summary>The same type read and written with another codec expression (one kept in a field).</summary>
        public ResolvedType WithCodec(string codec) => new(Kind, CSharp, codec, IsValueType, DefaultIsAbsent, ElementKind);
    }

    // keptCodec: the codec is made once and kept (a service type's member table), so object
    // codecs need not be the shared one behind a static field per type: a member of an object
    // type gets a non-generic codec with a factory delegate, and so does a list of them and an
    // enum (its codec type is shared by all enums).
    // typedCodec: the codec must be a JsonCodec<T> (a map's value or a nested list's element).
    private static ResolvedType Resolve(TypeSpec type, TypeScope scope, bool keptCodec = false, bool typedCodec = false)
    {
        switch (type.Kind)
        {
            case TypeKind.String: return new(ResolvedKind.String, "string", "J.String", false);
            case TypeKind.Boolean: return new(ResolvedKind.Boolean, "bool", "J.Boolean", true);
            case TypeKind.Integer: return new(ResolvedKind.Integer, "long", "J.Integer", true);
            case TypeKind.Double: return new(ResolvedKind.Double, "double", "J.Double", true);
            case TypeKind.Timestamp: return new(ResolvedKind.Timestamp, "global::System.DateTimeOffset", "J.Timestamp", true);
            case TypeKind.Json: return new(ResolvedKind.Json, Runtime.RawJson, "J.Json", true, defaultIsAbsent: true);
            case TypeKind.List:
                var item = Resolve(type.Element!, scope, keptCodec, typedCodec: true);
                string list = keptCodec && !typedCodec && item.Kind == ResolvedKind.Object
                    ? $"J.SlotListOfObjects<{item.CSharp}>()"
                    : $"J.ListOf({item.Codec})";
                return new(ResolvedKind.List, $"global::System.Collections.Generic.List<{item.CSharp}>", list, false, elementKind: item.ElementKind);
            case TypeKind.Map:
                var value = Resolve(type.Element!, scope, keptCodec, typedCodec: true);
                return new(ResolvedKind.Map, $"global::System.Collections.Generic.Dictionary<string, {value.CSharp}>", $"J.MapOf({value.Codec})", false, elementKind: value.ElementKind);
            default:
                var (name, isEnum) = scope.Resolve(type.Name!);
                if (isEnum) return new(ResolvedKind.Enum, $"{Runtime.OpenEnum}<{name}>", keptCodec && !typedCodec ? $"J.SlotEnum<{name}>()" : $"J.Enum<{name}>()", true, defaultIsAbsent: true);
                // The envelope's types (not kept) pass a factory: under the JIT it is faster than
                // the codec's new T(). Service types do not, as each lambda costs a static field.
                string codec = !keptCodec ? $"J.Object(() => new {name}())" : typedCodec ? $"J.CreateObject<{name}>()" : $"J.SlotObject<{name}>()";
                return new(ResolvedKind.Object, name, codec, false);
        }
    }
}
