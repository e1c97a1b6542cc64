using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using static CloudTrailGen.Helpers.KnownNames;

namespace CloudTrailGen.Emit;

// The envelope: its shapes as classes with typed fields (read on every record), and the record
// class with what its event classes build on.
internal static partial class SourceEmitter
{
    public static IEnumerable<(string HintName, string Source)> EmitEnvelope(EnvelopeEmitSpec spec)
    {
        var envelope = spec.Envelope;
        string ns = spec.RootNamespace;
        var scope = new TypeScope();
        scope.Add(ns, envelope.Shapes);
        var root = envelope.Shapes.First(s => s.Name == envelope.RootShape);

        var w = Header(ns, spec.Visibility);
        EmitShapes(w, envelope.Shapes, scope, root, envelope);
        w.Close();
        yield return ("Envelope.Types.g.cs", w.ToString());

        yield return ($"{ContextClass}.g.cs", EmitContext(spec, root));

        var schema = Header(ns, spec.Visibility);
        EmitSchemaRecord(schema, root.ClassName);
        EmitSchemaIndex(schema, spec);
        schema.Close();
        yield return ($"{SchemaClass}.g.cs", schema.ToString());
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
        w.Open(isRecord ? $"{w.TypeVisibility} partial class {cls} : {Runtime.CloudTrailRecordBase}" : $"{w.TypeVisibility} sealed partial class {cls} : {Runtime.CloudTrailObject}");
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
            string doc = MemberSummary(m);
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

        if (isRecord) EmitRecordSupport(w, shape, envelope!, types);
        w.Close();
        w.Line();
    }

    /// <summary>
    /// Emits <c>IsCloudTrailRecord</c>: whether the object read names its API (or is an Insights
    /// record) and has another member every record has. Built from the members the envelope has,
    /// so that a catalog's envelope without some of them still compiles.
    /// </summary>
    private static void EmitIsCloudTrailRecord(SourceWriter w, IReadOnlyList<MemberSpec> members, EnvelopeSpec envelope, List<ResolvedType> types)
    {
        string? Present(string json)
        {
            int i = 0;
            while (i < members.Count && members[i].JsonName != json) i++;
            if (i == members.Count) return null;
            string field = Field(members[i]);
            if (types[i].Kind == ResolvedKind.String) return $"!string.IsNullOrEmpty({field})";
            return types[i].DefaultIsAbsent ? $"!{field}.IsUnset" : $"{field} is not null";
        }
        string Any(params string[] json)
        {
            var tests = json.Select(Present).Where(t => t is not null).ToList();
            return tests.Count == 0 ? "false" : "(" + string.Join(" || ", tests) + ")";
        }
        w.Line();
        w.Summary("Whether the JSON object read is a CloudTrail record at all: it names its API (<c>eventName</c> or <c>eventSource</c>) or is an Insights record (<c>insightDetails</c>), and has another member every record has (<c>eventVersion</c>, <c>eventTime</c>, <c>eventID</c>, <c>awsRegion</c> or <c>userIdentity</c>). The reader reads any object that is not a known wrapper as a record, so <c>{\"foo\":\"bar\"}</c>, an AWS Config snapshot or a GuardDuty finding in the same folder are records for which this is false.");
        w.Line($"public bool IsCloudTrailRecord => {Any(envelope.EventNameMember, envelope.EventSourceMember, "insightDetails")} && {Any("eventVersion", "eventTime", "eventID", "awsRegion", "userIdentity")};");
    }

    /// <summary>What the record class adds for its event classes: typed parts read on first use or set, the event key check, and moving the envelope to an event object.</summary>
    private static void EmitRecordSupport(SourceWriter w, ShapeSpec shape, EnvelopeSpec envelope, List<ResolvedType> types)
    {
        var members = shape.Members.Items;
        EmitIsCloudTrailRecord(w, members, envelope, types);
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
        w.Summary("The typed <c>requestParameters</c> of a record read by schema (the object <c>CreateRequestPart</c> makes): read with the record, or on first use.");
        w.Line($"protected {Runtime.CloudTrailObject}? GetRequestPart() => _typedRequest ?? (CreateRequestPart() is {{ }} empty && ParseObject(empty, Present({request})) is {{ }} parsed ? _typedRequest = parsed : null);");
        w.Line();
        w.Summary("The typed <c>responseElements</c> of a record read by schema (the object <c>CreateResponsePart</c> makes): read with the record, or on first use.");
        w.Line($"protected {Runtime.CloudTrailObject}? GetResponsePart() => _typedResponse ?? (CreateResponsePart() is {{ }} empty && ParseObject(empty, Present({response})) is {{ }} parsed ? _typedResponse = parsed : null);");
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
}
