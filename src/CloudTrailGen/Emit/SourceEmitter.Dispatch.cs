using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using static CloudTrailGen.Helpers.KnownNames;

namespace CloudTrailGen.Emit;

// The record converter, which picks the event class for a record's eventSource and eventName.
internal static partial class SourceEmitter
{
    /// <summary>The converter of the root record: reads the envelope, then picks the typed event class.</summary>
    private static void EmitRecordConverter(SourceWriter w, EnvelopeEmitSpec spec, ShapeSpec root)
    {
        string record = root.ClassName;
        w.Summary($"Reads a CloudTrail record as the typed event class for its eventSource and eventName (in any key order), as <see cref=\"{SchemaRecordClass}\"/> when the event has no class but its service is selected, or as <see cref=\"{record}\"/> when the catalog has neither.");
        w.Line(GeneratedCode);
        w.Open($"{w.TypeVisibility} sealed class {RecordConverterClass(record)} : {Runtime.CloudTrailRecordConverter}<{record}>");
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {record} CreateEnvelope() => new {record}();");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override void MoveEnvelope({record} from, {record} to) => {record}.MoveEnvelope(from, to);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        string sourceProperty = PropertyOf(root, spec.Envelope.EventSourceMember);
        string nameProperty = PropertyOf(root, spec.Envelope.EventNameMember);
        w.Line($"protected override {record}? CreateEvent({record} envelope) => CreateClass(envelope) ?? CreateBySchema(envelope);");
        w.Line();
        w.Summary("A record of an event with no class, read by schema: null when the selected services do not have the event.");
        w.Line($"private static {record}? CreateBySchema({record} envelope) =>");
        w.Line($"    {SchemaClass}.Instance.FindEvent(envelope.{sourceProperty}, envelope.{nameProperty}) is {{ }} schema ? new {SchemaRecordClass}(schema) : null;");
        w.Line();
        w.Open($"private static {record}? CreateClass({record} envelope)");
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

    /// <summary>A method that switches over whole event names.</summary>
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
}
