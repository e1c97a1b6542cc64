using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>
/// The hand-maintained corrections in <c>catalog/overrides/</c>: where CloudTrail differs from the
/// API models. Every file is JSON; the "why" and "comment" fields say why an entry exists and are
/// ignored by the builder. catalog/overrides/README.md describes each file.
/// </summary>
internal sealed class Overrides
{
    /// <summary>aws-sdk model id → settings of that model (eventSource, service id, key style).</summary>
    public Dictionary<string, ModelOverride> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>Service id → namespace and title.</summary>
    public Dictionary<string, (string? Namespace, string? Title)> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>Key style by protocol (json, query, rest-json, rest-xml, ec2).</summary>
    public Dictionary<string, KeyStyle> ProtocolStyles { get; } = new(StringComparer.Ordinal);

    /// <summary>EC2 request lists whose key is not <c>locationName</c> (less "Id") + "Set".</summary>
    public Dictionary<string, string> Ec2ListKeys { get; } = new(StringComparer.Ordinal);

    public int MaxEnumValues { get; set; } = 64;

    /// <summary>String members whose API names match are typed json (policy documents, logged as objects).</summary>
    public System.Text.RegularExpressions.Regex? JsonMembers { get; set; }

    /// <summary>Operation name prefixes of read-only events.</summary>
    public List<string> ReadOnlyPrefixes { get; } = new();

    /// <summary>service → eventName → readOnly, where the prefix rule is wrong.</summary>
    public Dictionary<string, Dictionary<string, bool>> ReadOnly { get; } = new(StringComparer.Ordinal);

    /// <summary>service → eventName → aliases (other eventNames CloudTrail logs for it).</summary>
    public Dictionary<string, Dictionary<string, List<string>>> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>aws-sdk model id → alias format for versioned eventNames, such as <c>{op}{yyyy}{MM}{dd}</c>.</summary>
    public Dictionary<string, string> VersionedAliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether read-only events lose their <c>response</c> (CloudTrail omits responseElements for calls that change nothing).</summary>
    public bool DropReadOnlyResponses { get; set; }

    /// <summary>service → events ("*" for all) whose read-only responses CloudTrail does log (STS credentials, ELB descriptions).</summary>
    public Dictionary<string, List<string>> KeepReadOnlyResponses { get; } = new(StringComparer.Ordinal);

    /// <summary>service → operation name → the eventName CloudTrail logs instead.</summary>
    public Dictionary<string, Dictionary<string, string>> Renames { get; } = new(StringComparer.Ordinal);

    /// <summary>resources.type → (service, data events that log it, aliases of the type).</summary>
    public SortedDictionary<string, (string Service, List<string> Events)> ResourceTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>non-api-events.json: events no API model has, each with its source (<see cref="CatalogBuilder.NonApiEvents"/>).</summary>
    public JsonObject? NonApiEvents { get; set; }

    /// <summary>Patches in the catalog format, by service id, applied last.</summary>
    public SortedDictionary<string, JsonObject> Patches { get; } = new(StringComparer.Ordinal);

    public static Overrides Load(string dir)
    {
        var o = new Overrides();
        var services = ReadObject(Path.Combine(dir, "services.json"));
        if (services["maxEnumValues"] is JsonValue max) o.MaxEnumValues = max.GetValue<int>();
        if (services["jsonMembers"]?["pattern"] is JsonValue pattern) o.JsonMembers = new System.Text.RegularExpressions.Regex(pattern.GetValue<string>(), System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        foreach (var (protocol, style) in Obj(services, "keyStyles"))
        {
            if (IsComment(protocol)) continue;
            o.ProtocolStyles[protocol] = Enum.Parse<KeyStyle>(style!.GetValue<string>());
        }
        foreach (var (id, node) in Obj(services, "models"))
        {
            if (IsComment(id) || node is not JsonObject model) continue;
            o.Models[id] = new ModelOverride(
                model["eventSource"]?.GetValue<string>(),
                model["service"]?.GetValue<string>(),
                model["keys"] is JsonValue k ? Enum.Parse<KeyStyle>(k.GetValue<string>()) : null,
                model["skip"]?.GetValue<bool>() == true,
                model["unwrapResponse"]?.GetValue<bool>() == true);
        }
        foreach (var (id, node) in Obj(services, "services"))
        {
            if (IsComment(id) || node is not JsonObject service) continue;
            o.Services[id] = (service["namespace"]?.GetValue<string>(), service["title"]?.GetValue<string>());
        }
        foreach (var (name, key) in Obj(services, "ec2ListKeys"))
        {
            if (!IsComment(name)) o.Ec2ListKeys[name] = key!.GetValue<string>();
        }

        var events = ReadObject(Path.Combine(dir, "events.json"));
        foreach (var prefix in events["readOnlyPrefixes"] as JsonArray ?? new JsonArray()) o.ReadOnlyPrefixes.Add(prefix!.GetValue<string>());
        foreach (var (service, node) in Obj(events, "readOnly"))
        {
            if (IsComment(service) || node is not JsonObject map) continue;
            o.ReadOnly[service] = map.Where(p => !IsComment(p.Key)).ToDictionary(p => p.Key, p => p.Value!.GetValue<bool>(), StringComparer.Ordinal);
        }
        foreach (var (service, node) in Obj(events, "aliases"))
        {
            if (IsComment(service) || node is not JsonObject map) continue;
            o.Aliases[service] = map.Where(p => !IsComment(p.Key))
                .ToDictionary(p => p.Key, p => Strings(p.Value), StringComparer.Ordinal);
        }

        if (events["readOnlyResponses"] is JsonObject responses)
        {
            o.DropReadOnlyResponses = responses["drop"]?.GetValue<bool>() == true;
            foreach (var (service, node) in Obj(responses, "keep"))
            {
                if (!IsComment(service)) o.KeepReadOnlyResponses[service] = Strings(node);
            }
        }
        foreach (var (model, format) in Obj(events, "versionedAliases"))
        {
            if (!IsComment(model)) o.VersionedAliases[model] = format!.GetValue<string>();
        }
        foreach (var (service, node) in Obj(events, "renames"))
        {
            if (IsComment(service) || node is not JsonObject map) continue;
            o.Renames[service] = map.Where(p => !IsComment(p.Key)).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        }

        var data = ReadObject(Path.Combine(dir, "data-events.json"));
        foreach (var (type, node) in Obj(data, "resourceTypes"))
        {
            if (IsComment(type) || node is not JsonObject entry) continue;
            o.ResourceTypes[type] = (Str(entry, "service"), Strings(entry["events"]));
        }

        string nonApi = Path.Combine(dir, CatalogBuilder.NonApiEvents.FileName);
        if (File.Exists(nonApi)) o.NonApiEvents = ReadObject(nonApi);

        string patches = Path.Combine(dir, "patches");
        if (Directory.Exists(patches))
        {
            foreach (var file in Directory.GetFiles(patches, "*.json").OrderBy(f => f, StringComparer.Ordinal))
            {
                o.Patches[Path.GetFileNameWithoutExtension(file)] = ReadObject(file);
            }
        }
        return o;
    }

    internal static bool IsComment(string key) => key is "why" or "comment";

    private static JsonObject ReadObject(string path)
    {
        if (!File.Exists(path)) throw new BuilderException($"{path} is missing");
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new BuilderException($"{path}: expected a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new BuilderException($"{path}: {e.Message}");
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Obj(JsonObject parent, string name) =>
        parent[name] as JsonObject ?? new JsonObject();

    private static string Str(JsonObject parent, string name) =>
        parent[name]?.GetValue<string>() ?? throw new BuilderException($"missing \"{name}\" in overrides");

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : new List<string>();
}

/// <summary>Corrections for one model (by aws-sdk v2 model id, or the short name of an SDK v3 package of a service v2 lacks).</summary>
internal sealed record ModelOverride(string? EventSource, string? Service, KeyStyle? Keys, bool Skip, bool UnwrapResponse);
