using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>
/// <c>catalog/overrides/non-api-events.json</c>: events no API model has (service events, calls
/// of APIs outside the public models), each with the source it came from. Every entry becomes an
/// event of an existing service; an entry for a service the build lacks, or for an event it
/// already has, is an error, so the file cannot drift from the models.
/// </summary>
internal static class NonApiEvents
{
    public const string FileName = "non-api-events.json";

    private static readonly HashSet<string> s_eventTypes = new(StringComparer.Ordinal)
    {
        "AwsServiceEvent", "AwsApiCall", "AwsConsoleAction", "AwsConsoleSignIn",
    };

    public static void Apply(JsonObject? file, SortedDictionary<string, CatService> services, List<string> errors)
    {
        if (file?["events"] is not JsonObject byService) return;
        foreach (var (id, node) in byService)
        {
            if (Overrides.IsComment(id) || node is not JsonObject events) continue;
            if (!services.TryGetValue(id, out var service))
            {
                errors.Add($"{FileName}: no service '{id}'");
                continue;
            }
            foreach (var (name, entryNode) in events)
            {
                if (Overrides.IsComment(name) || entryNode is not JsonObject entry) continue;
                string where = $"{FileName}: {id} {name}";
                if (service.Events.ContainsKey(name))
                {
                    errors.Add($"{where}: the service already has this event (an API model has it now: remove the entry, or correct the event in patches/{id}.json)");
                    continue;
                }
                string? eventType = entry["eventType"]?.GetValue<string>();
                if (eventType is null || !s_eventTypes.Contains(eventType)) errors.Add($"{where}: \"eventType\" must be one of {string.Join(", ", s_eventTypes)}");
                if (string.IsNullOrWhiteSpace(entry["source"]?.GetValue<string>())) errors.Add($"{where}: \"source\" must say where the event comes from");
                var ev = new CatEvent
                {
                    Doc = entry["doc"]?.GetValue<string>(),
                    ReadOnly = entry["readOnly"]?.GetValue<bool>() ?? false,
                    Category = entry["category"]?.GetValue<string>() ?? "Management",
                };
                ev.Request = Members(entry["request"], where, errors);
                ev.Response = Members(entry["response"], where, errors);
                foreach (var (field, _) in entry)
                {
                    if (field is not ("eventType" or "source" or "doc" or "readOnly" or "category" or "request" or "response" or "why" or "comment"))
                    {
                        errors.Add($"{where}: unknown field '{field}'");
                    }
                }
                service.Events[name] = ev;
            }
        }
    }

    private static CatMembers? Members(JsonNode? node, string where, List<string> errors)
    {
        if (node is not JsonObject members) return null;
        var result = new CatMembers();
        foreach (var (key, value) in members)
        {
            if (Overrides.IsComment(key)) continue;
            var member = value switch
            {
                JsonValue type => new CatMember(key, type.GetValue<string>()),
                JsonObject o when o["type"] is JsonValue t => new CatMember(key, t.GetValue<string>())
                {
                    Doc = o["doc"]?.GetValue<string>(),
                    Name = o["name"]?.GetValue<string>(),
                    Redacted = o["redacted"]?.GetValue<bool>() ?? false,
                },
                _ => null,
            };
            if (member is null) errors.Add($"{where}: member '{key}' needs a type");
            else result.TryAdd(member);
        }
        return result.Count == 0 ? null : result;
    }
}
