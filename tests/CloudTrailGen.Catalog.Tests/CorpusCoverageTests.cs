using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace CloudTrailGen.Catalog.Tests;

/// <summary>
/// How much of the real records in ../shared/corpus the catalog types: records that dispatch to an
/// event (eventSource → service, eventName or alias → event), and requestParameters and
/// responseElements keys, at every depth, that a catalog member describes.
/// </summary>
public class CorpusCoverageTests
{
    private readonly ITestOutputHelper _output;

    public CorpusCoverageTests(ITestOutputHelper output) => _output = output;

    [CorpusFact]
    public void Corpus_records_map_to_catalog_events_and_members()
    {
        var coverage = new Coverage();
        foreach (var (_, json) in Repo.CorpusRecords())
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(json);
            }
            catch (JsonException)
            {
                continue; // the corpus's robustness set; reading is the consumer tests' job
            }
            using (doc) coverage.Add(doc.RootElement);
        }

        double eventShare = coverage.Records == 0 ? 0 : (double)coverage.Dispatched / coverage.Records;
        double keyShare = coverage.Keys == 0 ? 0 : (double)coverage.MappedKeys / coverage.Keys;
        _output.WriteLine($"records whose service is in the catalog: {coverage.Records}; dispatched to an event: {coverage.Dispatched} ({eventShare:P1})");
        _output.WriteLine($"requestParameters/responseElements keys at every depth: {coverage.Keys}; mapped to a member: {coverage.MappedKeys} ({keyShare:P1})");
        _output.WriteLine("records with no event: " + Top(coverage.UnmappedEvents, 30));
        _output.WriteLine("top unmapped keys (event.part.shape key: keys under it included):");
        foreach (var (key, count) in coverage.UnmappedKeys.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(30))
        {
            _output.WriteLine($"  {count,4} {key}");
        }

        Assert.True(coverage.Records > 500, $"expected over 500 corpus records of catalog services, found {coverage.Records}");
        Assert.True(eventShare >= 0.97, $"{eventShare:P1} of records dispatch to an event (want 97%); without one: {Top(coverage.UnmappedEvents, 15)}");
        Assert.True(keyShare >= 0.95, $"{keyShare:P1} of keys map to a member (want 95%); top unmapped: {Top(coverage.UnmappedKeys, 15)}");
    }

    private static string Top(Dictionary<string, int> counts, int n) =>
        string.Join(", ", counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(n).Select(p => $"{p.Key} ({p.Value})"));
}

/// <summary>Walks records against the catalog and counts what maps.</summary>
internal sealed class Coverage
{
    private static readonly HashSet<string> s_builtins = new(StringComparer.Ordinal) { "string", "boolean", "integer", "double", "timestamp", "json" };
    private readonly Dictionary<string, JsonElement> _bySource = new(StringComparer.Ordinal);

    public Coverage()
    {
        foreach (var service in BuiltCatalog.Services.Values.OrderBy(s => s.GetProperty("service").GetString(), StringComparer.Ordinal))
        {
            foreach (var source in service.GetProperty("eventSources").EnumerateArray()) _bySource.TryAdd(source.GetString()!, service);
        }
    }

    public int Records { get; private set; }
    public int Dispatched { get; private set; }
    public int Keys { get; private set; }
    public int MappedKeys { get; private set; }
    public Dictionary<string, int> UnmappedEvents { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> UnmappedKeys { get; } = new(StringComparer.Ordinal);

    public void Add(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object) return;
        if (!record.TryGetProperty("eventSource", out var sourceNode) || sourceNode.ValueKind != JsonValueKind.String) return;
        string source = sourceNode.GetString()!;
        if (!_bySource.TryGetValue(source, out var service)
            && !BuiltCatalog.Services.TryGetValue(source.Split('.')[0], out service)) return;
        Records++;

        string eventName = record.TryGetProperty("eventName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        var ev = FindEvent(service, eventName, out string canonical);
        if (ev is null)
        {
            string key = source + " " + eventName;
            UnmappedEvents[key] = UnmappedEvents.GetValueOrDefault(key) + 1;
            return;
        }
        Dispatched++;
        string id = service.GetProperty("service").GetString()!;
        foreach (var (part, field) in new[] { ("request", "requestParameters"), ("response", "responseElements") })
        {
            if (!record.TryGetProperty(field, out var value)) continue;
            var members = ev.Value.TryGetProperty(part, out var m) ? m : default;
            Object(service, members, value, $"{id}:{canonical}.{part}");
        }
    }

    private static JsonElement? FindEvent(JsonElement service, string name, out string canonical)
    {
        canonical = name;
        var events = service.GetProperty("events");
        if (events.TryGetProperty(name, out var direct)) return direct;
        foreach (var ev in events.EnumerateObject())
        {
            if (ev.Value.TryGetProperty("aliases", out var aliases) && aliases.EnumerateArray().Any(a => a.GetString() == name))
            {
                canonical = ev.Name;
                return ev.Value;
            }
        }
        return null;
    }

    private void Object(JsonElement service, JsonElement members, JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            // requestParameters logged as a JSON string: the reader types its content too.
            try
            {
                using var inner = JsonDocument.Parse(value.GetString()!);
                Object(service, members, inner.RootElement.Clone(), where);
            }
            catch (JsonException)
            {
            }
            return;
        }
        if (value.ValueKind != JsonValueKind.Object) return;
        foreach (var property in value.EnumerateObject())
        {
            Keys++;
            var member = Find(members, property.Name);
            if (member is { } found)
            {
                MappedKeys++;
                Value(service, TypeOf(found), property.Value, where);
                continue;
            }
            int below = CountKeys(property.Value);
            Keys += below;
            string key = where + " " + property.Name;
            UnmappedKeys[key] = UnmappedKeys.GetValueOrDefault(key) + 1 + below;
        }
    }

    private void Value(JsonElement service, string type, JsonElement value, string where)
    {
        type = type.Trim();
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray()) Value(service, type.Substring(0, type.Length - 2), item, where);
            }
            return;
        }
        if (type.StartsWith("map<", StringComparison.Ordinal))
        {
            // Map keys are data, not members: only the values are checked.
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in value.EnumerateObject()) Value(service, type.Substring(4, type.Length - 5), entry.Value, where);
            }
            return;
        }
        if (type == "json") return; // whatever is inside is kept as it is
        if (s_builtins.Contains(type))
        {
            // An object where the catalog says string (a policy logged parsed): its keys map to nothing.
            int below = CountKeys(value);
            if (below == 0) return;
            Keys += below;
            string key = $"{where} (object for {type})";
            UnmappedKeys[key] = UnmappedKeys.GetValueOrDefault(key) + below;
            return;
        }
        var shape = Shape(service, type);
        if (shape is null || shape.Value.TryGetProperty("enum", out _)) return;
        Object(service, shape.Value.GetProperty("members"), value, where + "." + type);
    }

    private static JsonElement? Shape(JsonElement service, string name)
    {
        if (service.TryGetProperty("shapes", out var shapes) && shapes.TryGetProperty(name, out var local)) return local;
        if (BuiltCatalog.Envelope.GetProperty("shapes").TryGetProperty(name, out var shared)) return shared;
        return null;
    }

    private static JsonElement? Find(JsonElement members, string key)
    {
        if (members.ValueKind != JsonValueKind.Object) return null;
        if (members.TryGetProperty(key, out var exact)) return exact;
        foreach (var m in members.EnumerateObject())
        {
            if (string.Equals(m.Name, key, StringComparison.OrdinalIgnoreCase)) return m.Value;
        }
        return null;
    }

    private static string TypeOf(JsonElement member) =>
        member.ValueKind == JsonValueKind.String ? member.GetString()! : member.GetProperty("type").GetString()!;

    private static int CountKeys(JsonElement value)
    {
        int count = 0;
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in value.EnumerateObject()) count += 1 + CountKeys(p.Value);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray()) count += CountKeys(item);
        }
        return count;
    }
}
