using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using static CloudTrailGen.Helpers.KnownNames;

namespace CloudTrailGen.Emit;

// A service: its event classes, their request and response types, its shapes (as compact
// classes, in .Shapes) and the namespace's member tables.
internal static partial class SourceEmitter
{
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
        var w = Header(ns, spec.Visibility);
        foreach (var ev in service.Events)
        {
            EmitEvent(w, ev, service, title, record, spec);
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
            var shapes = Header(ns, spec.Visibility);
            EmitShapes(shapes, service.Shapes, scope, tables: tables);
            shapes.Close();
            shapesSource = shapes.ToString();
        }
        if (tables.Count > 0) EmitMemberTables(w, tables.Count);
        w.Close();
        yield return ($"{service.Namespace}.Events.g.cs", w.ToString());
        if (shapesSource is not null) yield return ($"{service.Namespace}.Shapes.g.cs", shapesSource);
    }

    /// <summary>An event class: the envelope plus typed views of requestParameters and responseElements.</summary>
    private static void EmitEvent(SourceWriter w, EventSpec ev, ServiceSpec service, string title, string record, ServiceEmitSpec spec)
    {
        string source = ev.EventSource ?? PrimaryEventSource(service);
        var summary = $"<c>{Identifiers.Xml(ev.Name)}</c> from {title} ({ev.Category.ToLowerInvariant()} event, eventSource <c>{Identifiers.Xml(source)}</c>)";
        if (ev.Doc is not null) summary += ": " + Identifiers.Xml(ev.Doc);
        w.Summary(summary);
        if (ev.Aliases.Count > 0)
        {
            w.Line("/// <remarks>Also logged as " + string.Join(", ", ev.Aliases.Select(a => $"<c>{Identifiers.Xml(a)}</c>")) + ".</remarks>");
        }
        w.Line(GeneratedCode);
        w.Line($"[{Stj}.Serialization.JsonConverter(typeof({Runtime.CloudTrailObjectConverter}<{ev.ClassName}>))]");
        w.Open($"{w.TypeVisibility} sealed partial class {ev.ClassName} : {record}");
        bool first = true;
        if (spec.EventKeys is { } keys && service.EventSources.Count > 0)
        {
            EmitEventKeys(w, ev, source, keys, record, spec.RootNamespace);
            first = false;
        }
        if (ev.Request is not null)
        {
            if (!first) w.Line();
            EmitEventPart(w, ev.Request, "Request", "requestParameters");
            first = false;
        }
        if (ev.Response is not null)
        {
            if (!first) w.Line();
            EmitEventPart(w, ev.Response, "Response", "responseElements");
            first = false;
        }
        if (ev.AdditionalData is not null && spec.EventKeys?.AdditionalDataProperty is { } raw)
        {
            if (!first) w.Line();
            w.Summary($"The typed <c>additionalEventData</c> (<see cref=\"{record}.{raw}\"/>), read on first use and again after that changes. A view: changing this object does not change the record.");
            w.Line($"public {ev.AdditionalData}? {AdditionalDataProperty} => ViewOf<{ev.AdditionalData}>({raw}, ref _additionalData);");
            w.Line();
            w.Line("private object? _additionalData;");
        }
        w.Close();
        w.Line();
    }

    /// <summary>
    /// The eventSource a service's events are logged under, when it has several and the catalog
    /// does not say per event (an event's <c>eventSource</c>): the one named after the service (service files are named after the
    /// first label of the eventSource host), so <c>cloudtrail.amazonaws.com</c> rather than
    /// <c>cloudtrail-data.amazonaws.com</c>; the service's id when it has none.
    /// </summary>
    private static string PrimaryEventSource(ServiceSpec service)
    {
        foreach (var source in service.EventSources)
        {
            if (source.StartsWith(service.Id + ".", System.StringComparison.OrdinalIgnoreCase)) return source;
        }
        return service.EventSources.Count > 0 ? service.EventSources[0] : service.Id;
    }

    /// <summary>
    /// What says which event the class is: its eventSource and eventName as constants, and a
    /// constructor that sets them (and the category) on an event made in code, so that it is
    /// written, and read back, as this event. A record read from JSON keeps what it was read
    /// with: the reader moves the whole envelope into the object after making it.
    /// </summary>
    private static void EmitEventKeys(SourceWriter w, EventSpec ev, string source, EventKeysSpec keys, string record, string rootNamespace)
    {
        w.Summary($"The <c>eventSource</c> CloudTrail logs this event under: <c>{Identifiers.Xml(source)}</c>.");
        w.Line($"public const string {EventSourceConstant} = {Identifiers.Literal(source)};");
        w.Line();
        w.Summary($"The <c>eventName</c> of this event: <c>{Identifiers.Xml(ev.Name)}</c>.");
        w.Line($"public const string {EventNameConstant} = {Identifiers.Literal(ev.Name)};");
        w.Line();
        var category = keys.CategoryProperty is null ? null
            : keys.CategoryValues.FirstOrDefault(v => v.Value == ev.Category) ?? keys.CategoryValues.FirstOrDefault(v => string.Equals(v.Value, ev.Category, System.StringComparison.OrdinalIgnoreCase));
        string set = $"{keys.SourceProperty} = {EventSourceConstant}; {keys.NameProperty} = {EventNameConstant};";
        if (category is not null) set += $" {keys.CategoryProperty} = global::{rootNamespace}.{keys.CategoryEnum}.{category.Name};";
        w.Summary($"A new <c>{Identifiers.Xml(ev.Name)}</c> event: <see cref=\"{record}.{keys.SourceProperty}\"/> and <see cref=\"{record}.{keys.NameProperty}\"/>{(category is null ? "" : $" (and <see cref=\"{record}.{keys.CategoryProperty}\"/>)")} are set to this event's.");
        w.Line($"public {ev.ClassName}() {{ {set} }}");
    }

    /// <summary>
    /// The typed <c>Request</c> or <c>Response</c> of an event class, the override that lets the
    /// record read it straight from the JSON, and the one that offers it to code that handles any
    /// event (<c>TypedRequest</c>, ...: one short line, as consumers compile one per event). The
    /// record class declares <c>GetRequest</c>, <c>SetRequest</c>, ...; the runtime's base class
    /// <c>CreateRequestPart</c>, <c>TypedRequest</c>, ....
    /// </summary>
    private static void EmitEventPart(SourceWriter w, ShapeSpec part, string property, string jsonName)
    {
        w.Summary($"The typed <c>{jsonName}</c>, read with the record (or on first use, when they come before eventSource and eventName); setting it replaces them.");
        w.Line($"public {part.ClassName}? {property} {{ get => Get{property}<{part.ClassName}>(); set => Set{property}(value); }}");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {Runtime.CloudTrailObject} Create{property}Part() => new {part.ClassName}();");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public override {Runtime.CloudTrailObject}? Typed{property} => {property};");
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
        w.Open($"{w.TypeVisibility} sealed partial class {cls} : {Runtime.CloudTrailCompactObject}");
        var members = shape.Members.Items;
        var types = members.Select(m => Resolve(m.Type, scope, keptCodec: true)).ToList();
        for (int i = 0; i < members.Length; i++)
        {
            var m = members[i];
            w.Line();
            w.Summary(MemberSummary(m));
            w.Line($"[{Stj}.Serialization.JsonPropertyName({Identifiers.Literal(m.JsonName)})]");
            string get = types[i].IsValueType ? $"SlotValue<{types[i].CSharp}>({i})" : $"Slot<{types[i].CSharp}>({i})";
            w.Line($"public {types[i].CSharp}? {m.PropertyName} {{ get => {get}; set => SetSlot({i}, value); }}");
        }
        if (members.Length > 0) w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {Runtime.JsonMemberTable} GetMemberTable() => {MemberTablesClass}.Tables[{table}] ?? {MemberTablesClass}.Add({table}, new {Runtime.JsonMemberTable}(");
        w.Line($"    new string[] {{ {string.Join(", ", members.Select(m => Identifiers.Literal(m.JsonName)))} }},");
        w.Line($"    new {Runtime.JsonCodecBase}[] {{ {string.Join(", ", types.Select(t => t.Codec))} }}));");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {Runtime.CloudTrailObject} CreateEmpty() => new {cls}();");
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
}
