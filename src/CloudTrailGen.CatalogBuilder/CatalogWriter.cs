using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>
/// Writes a service file in one fixed layout: two-space indents, '\n' line ends, a trailing
/// newline, events and shapes sorted by name, members in model order, each member on one line.
/// </summary>
internal static class CatalogWriter
{
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(CatService service)
    {
        var w = new StringBuilder();
        w.Append("{\n");
        var top = new List<string>
        {
            "  \"format\": 1",
            $"  \"service\": {Str(service.Id)}",
        };
        if (service.Title is not null) top.Add($"  \"title\": {Str(service.Title)}");
        if (service.Namespace is not null) top.Add($"  \"namespace\": {Str(service.Namespace)}");
        top.Add($"  \"eventSources\": {Array(service.EventSources)}");
        if (service.ResourceTypes.Count > 0) top.Add($"  \"resourceTypes\": {Array(service.ResourceTypes)}");
        top.Add("  \"events\": " + Events(service));
        if (service.Shapes.Count > 0) top.Add("  \"shapes\": " + Shapes(service));
        w.Append(string.Join(",\n", top));
        w.Append("\n}\n");
        return w.ToString();
    }

    private static string Events(CatService service)
    {
        if (service.Events.Count == 0) return "{}";
        var items = new List<string>();
        foreach (var (name, ev) in service.Events)
        {
            var fields = new List<string>();
            if (ev.Doc is not null) fields.Add($"      \"doc\": {Str(ev.Doc)}");
            if (ev.Category != "Management") fields.Add($"      \"category\": {Str(ev.Category)}");
            if (OwnEventSource(service, ev) is { } source) fields.Add($"      \"eventSource\": {Str(source)}");
            if (ev.ReadOnly is { } readOnly) fields.Add($"      \"readOnly\": {(readOnly ? "true" : "false")}");
            if (ev.ResourceTypes.Count > 0) fields.Add($"      \"resourceTypes\": {Array(ev.ResourceTypes)}");
            if (ev.Aliases.Count > 0) fields.Add($"      \"aliases\": {Array(ev.Aliases)}");
            if (ev.AdditionalEventData is not null) fields.Add($"      \"additionalEventData\": {Str(ev.AdditionalEventData)}");
            if (ev.Request is not null) fields.Add("      \"request\": " + Members(ev.Request, "      "));
            if (ev.Response is not null) fields.Add("      \"response\": " + Members(ev.Response, "      "));
            items.Add($"    {Str(name)}: " + (fields.Count == 0 ? "{}" : "{\n" + string.Join(",\n", fields) + "\n    }"));
        }
        return "{\n" + string.Join(",\n", items) + "\n  }";
    }

    /// <summary>
    /// An event's eventSource when it is not the service's usual one: only for services with
    /// several eventSources, and only when the event's is not the one named after the service.
    /// </summary>
    private static string? OwnEventSource(CatService service, CatEvent ev)
    {
        if (ev.EventSource is not { } source || service.EventSources.Count < 2) return null;
        string? primary = service.EventSources.FirstOrDefault(s => s.StartsWith(service.Id + ".", StringComparison.Ordinal));
        return primary is null || source == primary ? null : source;
    }

    private static string Shapes(CatService service)
    {
        var items = new List<string>();
        foreach (var (name, shape) in service.Shapes)
        {
            var fields = new List<string>();
            if (shape.Doc is not null) fields.Add($"      \"doc\": {Str(shape.Doc)}");
            if (shape.Enum is not null) fields.Add("      \"enum\": " + EnumValues(shape.Enum));
            else fields.Add("      \"members\": " + Members(shape.Members!, "      "));
            items.Add($"    {Str(name)}: {{\n" + string.Join(",\n", fields) + "\n    }");
        }
        return "{\n" + string.Join(",\n", items) + "\n  }";
    }

    private static string Members(CatMembers members, string indent)
    {
        if (members.Count == 0) return "{}";
        var lines = members.Select(m => $"{indent}  {Str(m.Key)}: {Member(m)}");
        return "{\n" + string.Join(",\n", lines) + "\n" + indent + "}";
    }

    private static string Member(CatMember m)
    {
        if (m.Doc is null && m.Name is null && !m.Redacted) return Str(m.Type);
        var parts = new List<string> { $"\"type\": {Str(m.Type)}" };
        if (m.Redacted) parts.Add("\"redacted\": true");
        if (m.Name is not null) parts.Add($"\"name\": {Str(m.Name)}");
        if (m.Doc is not null) parts.Add($"\"doc\": {Str(m.Doc)}");
        return "{ " + string.Join(", ", parts) + " }";
    }

    private static string EnumValues(List<CatEnumValue> values)
    {
        var items = values.Select(v =>
        {
            if (v.Name is null && (v.Aliases is null || v.Aliases.Count == 0)) return Str(v.Value);
            var parts = new List<string> { $"\"value\": {Str(v.Value)}" };
            if (v.Name is not null) parts.Add($"\"name\": {Str(v.Name)}");
            if (v.Aliases is { Count: > 0 }) parts.Add($"\"aliases\": {Array(v.Aliases)}");
            return "{ " + string.Join(", ", parts) + " }";
        }).ToList();
        string oneLine = "[" + string.Join(", ", items) + "]";
        if (oneLine.Length <= 100) return oneLine;
        return "[\n" + string.Join(",\n", items.Select(i => "        " + i)) + "\n      ]";
    }

    private static string Array(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Str)) + "]";

    private static string Str(string value) => JsonSerializer.Serialize(value, s_json);
}
