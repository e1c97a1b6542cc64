using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudTrailGen.Helpers;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>An API model as the builder reads it: its id, class name, model in the aws-sdk min.json form and d.ts.</summary>
/// <param name="Id">The aws-sdk v2 model id; an SDK v3 package of the same service (same <c>serviceId</c>) takes the same id, a package of a service that v2 lacks its name less <c>@aws-sdk/client-</c>.</param>
/// <param name="Older">Older API versions of the same model, newest first (CloudFront keeps several): only their operation URIs are read.</param>
/// <param name="Source">The package and version it was read from (<c>aws-sdk 2.1693.0</c>, <c>@aws-sdk/client-sts 3.1178.0</c>).</param>
/// <param name="Generation">3 for an SDK v3 package, 2 for aws-sdk: of two models with one id, the newer generation wins where both say something.</param>
/// <param name="MembersKnown">False for an SDK v3 package made before the schema format: its operations are known, their members not.</param>
internal sealed record SdkModel(string Id, string ClassName, JsonObject Model, Dts Dts, IReadOnlyList<JsonObject> Older, string Source = "aws-sdk", int Generation = 2, bool MembersKnown = true)
{
    public string? ServiceId => Model["metadata"]?["serviceId"]?.GetValue<string>();
}

/// <summary>
/// Builds the catalog: converts each API model, groups models by service id (the first label of
/// the eventSource host), merges them, applies the overrides, and makes every name valid for the
/// generator. Output order never depends on input order.
/// </summary>
internal sealed partial class Builder
{
    private readonly Overrides _overrides;
    private readonly HashSet<string> _envelopeShapes;

    /// <param name="envelopeShapes">Shape names that service files may take from envelope.json.</param>
    public Builder(Overrides overrides, IEnumerable<string>? envelopeShapes = null)
    {
        _overrides = overrides;
        _envelopeShapes = new HashSet<string>(envelopeShapes ?? Array.Empty<string>(), StringComparer.Ordinal);
    }

    /// <summary>What the build noticed: merge conflicts and overrides that name nothing.</summary>
    public List<string> Notes { get; } = new();

    /// <summary>Override entries that name services, events or shapes that do not exist: the build fails on these.</summary>
    public List<string> Errors { get; } = new();

    /// <summary>Picks the newest version of every model listed in apis/metadata.json.</summary>
    public static List<SdkModel> LoadModels(SdkFiles files, string source = "aws-sdk")
    {
        var metadata = JsonNode.Parse(files.Files["apis/metadata.json"])!.AsObject();
        var models = new List<SdkModel>();
        foreach (var (id, node) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            string prefix = node?["prefix"]?.GetValue<string>() ?? id;
            string className = node?["name"]?.GetValue<string>() ?? id;
            var versions = files.Files.Keys
                .Where(k => k.StartsWith("apis/" + prefix + "-", StringComparison.Ordinal) && k.EndsWith(".min.json", StringComparison.Ordinal)
                    && VersionFile().IsMatch(k.Substring(5 + prefix.Length + 1)))
                .OrderByDescending(k => k, StringComparer.Ordinal)
                .ToList();
            if (versions.Count == 0) continue;
            var model = JsonNode.Parse(files.Files[versions[0]])!.AsObject();
            var older = versions.Skip(1).Select(v => JsonNode.Parse(files.Files[v])!.AsObject()).ToList();
            var dts = files.Files.TryGetValue($"clients/{id}.d.ts", out var text) ? Dts.Parse(text) : new Dts();
            models.Add(new SdkModel(id, className, model, dts, older, source));
        }
        return models;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}\.min\.json$")]
    private static partial Regex VersionFile();

    /// <summary>The eventSource host a model logs under.</summary>
    public string EventSource(SdkModel model) => EventSource(new[] { model });

    /// <summary>
    /// The eventSource host of the models of one id: an override, else the signing name (or
    /// endpoint prefix) of the aws-sdk v2 model, whose eventSources the catalog has long been
    /// checked on, else of the SDK v3 package.
    /// </summary>
    private string EventSource(IReadOnlyList<SdkModel> generations)
    {
        var model = generations[0];
        if (_overrides.Models.TryGetValue(model.Id, out var o) && o.EventSource is not null) return o.EventSource;
        var chosen = generations.OrderBy(m => m.Generation).First();
        var metadata = chosen.Model["metadata"]!;
        string prefix = metadata["signingName"]?.GetValue<string>() ?? metadata["endpointPrefix"]!.GetValue<string>();
        return prefix.ToLowerInvariant() + ".amazonaws.com";
    }

    /// <summary>Services whose eventSource no aws-sdk v2 model and no override says: derived from an SDK v3 package alone.</summary>
    public SortedDictionary<string, string> GuessedEventSources { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, CatService> Build(IReadOnlyList<SdkModel> models)
    {
        var services = new SortedDictionary<string, CatService>(StringComparer.Ordinal);
        var groups = new Dictionary<string, List<(IReadOnlyList<SdkModel> Generations, string Source)>>(StringComparer.Ordinal);
        foreach (var byId in models.GroupBy(m => m.Id, StringComparer.Ordinal))
        {
            _overrides.Models.TryGetValue(byId.Key, out var o);
            if (o?.Skip == true) continue;
            // Newest generation first: where both say something, it wins.
            var generations = byId.OrderByDescending(m => m.Generation).ThenBy(m => m.Source, StringComparer.Ordinal).ToList();
            string source = EventSource(generations);
            string id = o?.Service ?? source.Split('.')[0];
            if (o?.EventSource is null && generations.All(m => m.Generation >= 3))
            {
                var metadata = generations[0].Model["metadata"]!;
                GuessedEventSources[id] = metadata["signingName"] is null
                    ? $"{source} (from the endpoint prefix of {generations[0].Source}: it has no signing name)"
                    : $"{source} (from the signing name of {generations[0].Source})";
            }
            if (!groups.TryGetValue(id, out var list)) groups[id] = list = new();
            list.Add((generations, source));
        }
        // A v3-only model that joins a service of v2 models, or one whose patch names its eventSources (from records), is not a guess.
        foreach (var (id, list) in groups)
        {
            bool confirmed = list.Any(m => m.Generations.Any(g => g.Generation == 2))
                || (_overrides.Patches.TryGetValue(id, out var patch) && patch["eventSources"] is not null);
            if (confirmed) GuessedEventSources.Remove(id);
        }
        foreach (var id in _overrides.Models.Keys.Where(k => !models.Any(m => m.Id == k)).OrderBy(k => k, StringComparer.Ordinal))
        {
            Errors.Add($"services.json models: no model '{id}'");
        }

        foreach (var (id, list) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // The model named like the service goes first; the rest by id. First wins on conflicts.
            // Models that aws-sdk v2 already had come before those only SDK v3 has, so that a new
            // model never takes a shape name from an existing one (names are users' type names).
            var ordered = list.OrderBy(m => m.Generations[0].Id == id ? 0 : 1)
                .ThenBy(m => m.Generations.Any(g => g.Generation == 2) ? 0 : 1)
                .ThenBy(m => m.Generations[0].Id, StringComparer.Ordinal).ToList();
            var service = new CatService(id);
            foreach (var (generations, source) in ordered)
            {
                Merge(service, generations, source);
            }
            services[id] = service;
        }

        ApplyOverrides(services);
        foreach (var service in services.Values) Finish(service);
        AssignNamespaces(services);
        return services;
    }

    /// <summary>Converts one model into events and the shapes they use, with its versioned eventName aliases.</summary>
    private (SortedDictionary<string, CatEvent> Events, SortedDictionary<string, CatShape> Shapes) Convert(SdkModel model)
    {
        var metadata = model.Model["metadata"]!;
        string protocol = metadata["protocol"]?.GetValue<string>() ?? "json";
        _overrides.Models.TryGetValue(model.Id, out var o);
        var style = o?.Keys ?? (_overrides.ProtocolStyles.TryGetValue(protocol, out var s) ? s : KeyStyle.LowerFirst);
        var converter = new ModelConverter(model.Model, model.Dts, new ConvertOptions(style, _overrides.MaxEnumValues, _overrides.Ec2ListKeys, o?.UnwrapResponse == true, _overrides.JsonMembers), Notes);
        var (events, shapes) = converter.Convert();
        if (_overrides.VersionedAliases.TryGetValue(model.Id, out var format)) AddVersionedAliases(model, events, format);
        return (events, shapes);
    }

    private void Merge(CatService service, IReadOnlyList<SdkModel> generations, string source)
    {
        var model = generations[0];
        var (events, shapes) = Convert(model);
        foreach (var older in generations.Skip(1))
        {
            var (olderEvents, olderShapes) = Convert(older);
            ModelUnion.Into(events, shapes, olderEvents, olderShapes, older.ClassName, older.MembersKnown);
        }

        // Titles and namespaces come from the oldest generation: the names users already have.
        var named = generations[^1];
        var metadata = named.Model["metadata"]!;
        bool first = service.Models.Count == 0;
        service.Models.Add(model.Id);
        foreach (var g in generations) service.Sources.Add(g.MembersKnown ? g.Source : g.Source + " (operation names only)");
        service.EventSources.Add(source);
        if (first)
        {
            service.Title = metadata["serviceFullName"]?.GetValue<string>();
            service.Namespace = NamespaceOf(named.ClassName);
        }

        // Shapes of a later model that clash with different shapes of an earlier one get its prefix.
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, shape) in shapes)
        {
            if (service.Shapes.TryGetValue(name, out var existing) && existing.Signature() != shape.Signature())
            {
                string renamed = Identifiers.ToPascalCase(named.ClassName) + name;
                for (int i = 2; service.Shapes.ContainsKey(renamed) || shapes.ContainsKey(renamed); i++) renamed = Identifiers.ToPascalCase(named.ClassName) + name + i;
                renames[name] = renamed;
            }
        }
        string Rename(string n) => renames.TryGetValue(n, out var r) ? r : n;
        foreach (var (name, shape) in shapes)
        {
            if (shape.Members is not null) RenameTypes(shape.Members, Rename);
            string target = Rename(name);
            if (!service.Shapes.ContainsKey(target)) service.Shapes[target] = shape;
        }

        foreach (var (name, ev) in events)
        {
            if (ev.Request is not null) RenameTypes(ev.Request, Rename);
            if (ev.Response is not null) RenameTypes(ev.Response, Rename);
            if (!service.Events.TryGetValue(name, out var existing))
            {
                ev.EventSource ??= source;
                service.Events[name] = ev;
                continue;
            }
            // The same operation in two models (ELB v1 and v2, RDS and Neptune): one event, the members of both.
            int added = MergeMembers(existing, ev);
            if (added > 0) Notes.Add($"{service.Id}: {name} is in {string.Join(" and ", service.Models)}; {added} members of {model.Id} added to the first");
        }
    }

    /// <summary>
    /// Lambda and CloudFront log eventNames with the API version of the request path
    /// (<c>/2015-03-31/functions</c> → <c>UpdateFunctionCode20150331</c>; CloudFront's older
    /// versions → <c>UpdateDistribution2016_11_25</c>): every version's URIs give aliases.
    /// </summary>
    private static void AddVersionedAliases(SdkModel model, SortedDictionary<string, CatEvent> events, string format)
    {
        foreach (var api in new[] { model.Model }.Concat(model.Older))
        {
            if (api["operations"] is not JsonObject operations) continue;
            foreach (var (name, op) in operations)
            {
                if (!events.TryGetValue(name, out var ev)) continue;
                var match = UriVersion().Match(op?["http"]?["requestUri"]?.GetValue<string>() ?? "");
                if (!match.Success) continue;
                string alias = format.Replace("{op}", name, StringComparison.Ordinal)
                    .Replace("{yyyy}", match.Groups[1].Value, StringComparison.Ordinal)
                    .Replace("{MM}", match.Groups[2].Value, StringComparison.Ordinal)
                    .Replace("{dd}", match.Groups[3].Value, StringComparison.Ordinal);
                if (alias != name && !ev.Aliases.Contains(alias) && !events.ContainsKey(alias)) ev.Aliases.Add(alias);
            }
        }
    }

    [GeneratedRegex(@"^/(\d{4})-(\d{2})-(\d{2})/")]
    private static partial Regex UriVersion();

    private static int MergeMembers(CatEvent into, CatEvent from)
    {
        int added = 0;
        if (from.Request is not null)
        {
            into.Request ??= new CatMembers();
            foreach (var m in from.Request) if (into.Request.TryAdd(m)) added++;
        }
        if (from.Response is not null)
        {
            into.Response ??= new CatMembers();
            foreach (var m in from.Response) if (into.Response.TryAdd(m)) added++;
        }
        return added;
    }

    private static void RenameTypes(CatMembers members, Func<string, string> rename)
    {
        foreach (var m in members) m.Type = TypeExpr.Rename(m.Type, rename);
    }

    /// <summary>SDK class names as C# namespaces: all-capital names lose their capitals after the first (EC2 → Ec2, IAM → Iam).</summary>
    internal static string NamespaceOf(string className)
    {
        if (className.All(c => char.IsUpper(c) || char.IsDigit(c))) return className.Substring(0, 1) + className.Substring(1).ToLowerInvariant();
        return Identifiers.ToPascalCase(className);
    }

    private void AssignNamespaces(SortedDictionary<string, CatService> services)
    {
        var used = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in services.Values)
        {
            if (_overrides.Services.TryGetValue(service.Id, out var o))
            {
                if (o.Namespace is not null) service.Namespace = o.Namespace;
                if (o.Title is not null) service.Title = o.Title;
            }
            service.Namespace ??= Identifiers.ToPascalCase(service.Id);
            if (!used.TryAdd(service.Namespace, service.Id))
            {
                string fallback = Identifiers.ToPascalCase(service.Id);
                Notes.Add($"{service.Id}: namespace {service.Namespace} is taken by {used[service.Namespace]}; using {fallback}");
                service.Namespace = fallback;
                if (!used.TryAdd(fallback, service.Id)) Errors.Add($"{service.Id}: namespace {fallback} is taken by {used[fallback]}: set one in overrides/services.json");
            }
        }
    }

    // ------------------------------------------------------------------ overrides

    private void ApplyOverrides(SortedDictionary<string, CatService> services)
    {
        // Read-only: by name prefix, then the exceptions.
        foreach (var service in services.Values)
        {
            foreach (var (name, ev) in service.Events)
            {
                ev.ReadOnly = _overrides.ReadOnlyPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal) && (name.Length == p.Length || char.IsUpper(name[p.Length])));
            }
        }

        // Events that CloudTrail logs under another name than the operation's.
        foreach (var (id, renames) in _overrides.Renames)
        {
            if (!TryService(services, id, "renames", out var service)) continue;
            foreach (var (from, to) in renames)
            {
                if (!TryEvent(service, from, "renames", out var ev)) continue;
                if (service.Events.ContainsKey(to)) { Errors.Add($"events.json renames: {id} already has {to}"); continue; }
                service.Events.Remove(from);
                service.Events[to] = ev;
            }
        }

        // Patches come before the lists below, so that they may create the events those name.
        foreach (var (id, patch) in _overrides.Patches) ApplyPatch(services, id, patch);
        NonApiEvents.Apply(_overrides.NonApiEvents, services, Errors);

        foreach (var (id, events) in _overrides.ReadOnly)
        {
            if (!TryService(services, id, "readOnly", out var service)) continue;
            foreach (var (name, value) in events)
            {
                if (TryEvent(service, name, "readOnly", out var ev)) ev.ReadOnly = value;
            }
        }
        foreach (var (id, events) in _overrides.Aliases)
        {
            if (!TryService(services, id, "aliases", out var service)) continue;
            foreach (var (name, aliases) in events)
            {
                if (!TryEvent(service, name, "aliases", out var ev)) continue;
                foreach (var alias in aliases)
                {
                    if (service.Events.ContainsKey(alias)) Errors.Add($"events.json aliases: {id} {alias} is an event of its own");
                    else if (!ev.Aliases.Contains(alias)) ev.Aliases.Add(alias);
                }
            }
        }
        if (_overrides.DropReadOnlyResponses)
        {
            foreach (var (id, keep) in _overrides.KeepReadOnlyResponses)
            {
                if (!TryService(services, id, "readOnlyResponses", out var service)) continue;
                foreach (var name in keep.Where(n => n != "*")) TryEvent(service, name, "readOnlyResponses", out _);
            }
            foreach (var service in services.Values)
            {
                _overrides.KeepReadOnlyResponses.TryGetValue(service.Id, out var keep);
                if (keep is not null && keep.Contains("*")) continue;
                foreach (var (name, ev) in service.Events)
                {
                    if (ev.ReadOnly == true && keep?.Contains(name) != true) ev.Response = null;
                }
            }
        }
        foreach (var (type, (id, events)) in _overrides.ResourceTypes)
        {
            if (!TryService(services, id, $"data-events.json {type}", out var service)) continue;
            service.ResourceTypes.Add(type);
            foreach (var name in events)
            {
                if (!TryEvent(service, name, $"data-events.json {type}", out var ev)) continue;
                ev.Category = "Data";
                if (!ev.ResourceTypes.Contains(type)) ev.ResourceTypes.Add(type);
            }
        }
    }

    private bool TryService(SortedDictionary<string, CatService> services, string id, string where, out CatService service)
    {
        if (services.TryGetValue(id, out service!)) return true;
        Errors.Add($"{where}: no service '{id}'");
        return false;
    }

    private bool TryEvent(CatService service, string name, string where, out CatEvent ev)
    {
        if (service.Events.TryGetValue(name, out ev!)) return true;
        Errors.Add($"{where}: service '{service.Id}' has no event '{name}'");
        return false;
    }

    /// <summary>
    /// Merges a patch (the catalog format, plus "why" fields) into a service: members and shape
    /// members by key (null removes one), event fields replaced, lists added to. A patch may create
    /// a service or an event (non-API events such as signin's ConsoleLogin).
    /// </summary>
    private void ApplyPatch(SortedDictionary<string, CatService> services, string id, JsonObject patch)
    {
        if (!services.TryGetValue(id, out var service))
        {
            service = new CatService(id);
            services[id] = service;
        }
        foreach (var (field, node) in patch)
        {
            switch (field)
            {
                case "why":
                case "comment":
                case "format":
                case "service":
                    break;
                case "title": service.Title = node!.GetValue<string>(); break;
                case "namespace": service.Namespace = node!.GetValue<string>(); break;
                case "eventSources":
                    foreach (var s in node!.AsArray()) service.EventSources.Add(s!.GetValue<string>());
                    break;
                case "resourceTypes":
                    foreach (var s in node!.AsArray()) service.ResourceTypes.Add(s!.GetValue<string>());
                    break;
                case "additionalEventData": service.AdditionalEventData = node?.GetValue<string>(); break;
                case "events":
                    foreach (var (name, evNode) in node!.AsObject())
                    {
                        if (Overrides.IsComment(name)) continue;
                        if (evNode is null)
                        {
                            if (!service.Events.Remove(name)) Errors.Add($"patches/{id}.json: no event '{name}' to remove");
                            continue;
                        }
                        if (!service.Events.TryGetValue(name, out var ev)) service.Events[name] = ev = new CatEvent();
                        PatchEvent(id, name, ev, evNode.AsObject());
                    }
                    break;
                case "shapes":
                    foreach (var (name, shapeNode) in node!.AsObject())
                    {
                        if (Overrides.IsComment(name)) continue;
                        PatchShape(id, service, name, shapeNode!.AsObject());
                    }
                    break;
                default:
                    Errors.Add($"patches/{id}.json: unknown field '{field}'");
                    break;
            }
        }
    }

    private void PatchEvent(string id, string name, CatEvent ev, JsonObject patch)
    {
        foreach (var (field, node) in patch)
        {
            switch (field)
            {
                case "why":
                case "comment": break;
                case "doc": ev.Doc = node?.GetValue<string>(); break;
                case "category": ev.Category = node!.GetValue<string>(); break;
                case "readOnly": ev.ReadOnly = node!.GetValue<bool>(); break;
                case "aliases":
                    foreach (var a in node!.AsArray()) if (!ev.Aliases.Contains(a!.GetValue<string>())) ev.Aliases.Add(a.GetValue<string>());
                    break;
                case "resourceTypes":
                    foreach (var a in node!.AsArray()) if (!ev.ResourceTypes.Contains(a!.GetValue<string>())) ev.ResourceTypes.Add(a.GetValue<string>());
                    break;
                case "request":
                    ev.Request ??= new CatMembers();
                    PatchMembers(id, $"{name}.request", ev.Request, node!.AsObject());
                    break;
                case "response":
                    ev.Response ??= new CatMembers();
                    PatchMembers(id, $"{name}.response", ev.Response, node!.AsObject());
                    break;
                case "additionalEventData": ev.AdditionalEventData = node?.GetValue<string>(); break;
                case "eventSource": ev.EventSource = node?.GetValue<string>(); break;
                default:
                    Errors.Add($"patches/{id}.json: event {name}: unknown field '{field}'");
                    break;
            }
        }
    }

    private void PatchShape(string id, CatService service, string name, JsonObject patch)
    {
        service.Shapes.TryGetValue(name, out var shape);
        if (patch["enum"] is JsonArray values)
        {
            var list = new List<CatEnumValue>();
            foreach (var v in values)
            {
                if (v is JsonObject o) list.Add(new CatEnumValue(o["value"]!.GetValue<string>(), o["name"]?.GetValue<string>(), o["aliases"]?.AsArray().Select(a => a!.GetValue<string>()).ToList()));
                else list.Add(new CatEnumValue(v!.GetValue<string>()));
            }
            service.Shapes[name] = new CatShape { Doc = patch["doc"]?.GetValue<string>() ?? shape?.Doc, Enum = list };
            return;
        }
        if (shape is null || shape.IsEnum)
        {
            shape = new CatShape { Members = new CatMembers() };
            service.Shapes[name] = shape;
        }
        if (patch["doc"] is JsonValue doc) shape.Doc = doc.GetValue<string>();
        if (patch["members"] is JsonObject members) PatchMembers(id, $"shapes.{name}", shape.Members!, members);
    }

    private void PatchMembers(string id, string where, CatMembers members, JsonObject patch)
    {
        foreach (var (patchKey, node) in patch)
        {
            if (Overrides.IsComment(patchKey)) continue;
            string key = patchKey;
            if (node is null)
            {
                if (members.RemoveAll(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase)) == 0) Errors.Add($"patches/{id}.json: {where}: no member '{key}' to remove");
                continue;
            }
            var existing = members.Find(key);
            key = existing?.Key ?? key; // a patch matches keys ignoring case, like readers do, and keeps the built spelling
            CatMember member;
            if (node is JsonValue type)
            {
                member = new CatMember(key, type.GetValue<string>()) { Doc = existing?.Doc, Redacted = existing?.Redacted ?? false };
            }
            else
            {
                var o = node.AsObject();
                // A member object without "type" only adds a doc, a name or the redaction flag.
                member = new CatMember(key, o["type"]?.GetValue<string>() ?? existing?.Type ?? "json")
                {
                    Doc = o["doc"]?.GetValue<string>() ?? existing?.Doc,
                    Name = o["name"]?.GetValue<string>() ?? existing?.Name,
                    Redacted = o["redacted"]?.GetValue<bool>() ?? existing?.Redacted ?? false,
                };
                if (o["type"] is null && existing is null) Errors.Add($"patches/{id}.json: {where}.{key}: a new member needs a type");
            }
            members.Set(member);
        }
    }

    // ------------------------------------------------------------------ names

    /// <summary>Makes the service valid for the generator: shape names clear of event classes, unique property names, no unused shapes.</summary>
    private void Finish(CatService service)
    {
        // A service's additionalEventData shape is every event's that names none of its own.
        if (service.AdditionalEventData is { } shared)
        {
            foreach (var ev in service.Events.Values) ev.AdditionalEventData ??= shared;
        }

        var eventTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in service.Events.Keys)
        {
            string cls = Identifiers.IsValid(name) ? name : Identifiers.ToPascalCase(name);
            foreach (var suffix in new[] { "Event", "Request", "Response" }) eventTypes.Add(cls + suffix);
        }

        // Shape names that would clash with an event's classes (or with emitted helpers) get "Shape".
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        // Lower-case d.ts names (ec2 "scope") become PascalCase: C# warns on all-lower-case type names.
        foreach (var name in service.Shapes.Keys)
        {
            bool lower = char.IsLower(name[0]);
            if (!lower && !eventTypes.Contains(name) && !KnownNames.IsReservedTypeName(name)) continue;
            string stem = lower ? Identifiers.ToPascalCase(name) : name + "Shape";
            string renamed = stem;
            for (int i = 2; service.Shapes.ContainsKey(renamed) || eventTypes.Contains(renamed) || renames.ContainsValue(renamed) || KnownNames.IsReservedTypeName(renamed); i++) renamed = stem + i;
            renames[name] = renamed;
        }
        foreach (var (from, to) in renames)
        {
            service.Shapes[to] = service.Shapes[from];
            service.Shapes.Remove(from);
        }
        string Rename(string n) => renames.TryGetValue(n, out var r) ? r : n;
        foreach (var shape in service.Shapes.Values) if (shape.Members is not null) RenameTypes(shape.Members, Rename);
        foreach (var ev in service.Events.Values)
        {
            if (ev.Request is not null) RenameTypes(ev.Request, Rename);
            if (ev.Response is not null) RenameTypes(ev.Response, Rename);
            if (ev.AdditionalEventData is not null) ev.AdditionalEventData = Rename(ev.AdditionalEventData);
        }

        // Only the shapes that events reach.
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        void Visit(CatMembers? members)
        {
            if (members is null) return;
            foreach (var m in members)
            {
                if (TypeExpr.ShapeName(m.Type) is { } n && reached.Add(n)) queue.Enqueue(n);
            }
        }
        foreach (var ev in service.Events.Values)
        {
            Visit(ev.Request);
            Visit(ev.Response);
            if (ev.AdditionalEventData is { } additional && reached.Add(additional)) queue.Enqueue(additional);
        }
        while (queue.Count > 0)
        {
            string n = queue.Dequeue();
            if (service.Shapes.TryGetValue(n, out var shape)) Visit(shape.Members);
            else if (!_envelopeShapes.Contains(n)) Errors.Add($"{service.Id}: type '{n}' is used but not defined");
        }
        foreach (var name in service.Shapes.Keys.Where(n => !reached.Contains(n)).ToList()) service.Shapes.Remove(name);

        foreach (var (name, ev) in service.Events)
        {
            string cls = Identifiers.IsValid(name) ? name : Identifiers.ToPascalCase(name);
            if (ev.Request is not null) UniqueProperties(ev.Request, cls + "Request");
            if (ev.Response is not null) UniqueProperties(ev.Response, cls + "Response");
            ev.Aliases.Sort(StringComparer.Ordinal);
            ev.ResourceTypes.Sort(StringComparer.Ordinal);
        }
        foreach (var (name, shape) in service.Shapes)
        {
            if (shape.Members is not null) UniqueProperties(shape.Members, name);
        }
    }

    /// <summary>Gives members explicit C# names where the generator's default would be taken or invalid.</summary>
    private static void UniqueProperties(CatMembers members, string className)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in members)
        {
            string property = m.Name ?? Identifiers.ToPascalCase(m.Key);
            if (m.Name is null && (property == className || KnownNames.IsReservedMember(property))) property += "Value";
            if (!Identifiers.IsValid(property) || property == className) property = "Member" + property;
            if (!Identifiers.IsValid(property)) property = "Member";
            string unique = property;
            for (int i = 2; !used.Add(unique); i++) unique = property + i;
            string defaultName = Identifiers.ToPascalCase(m.Key);
            bool defaultWorks = m.Name is null && unique == property && (property == defaultName || property == defaultName + "Value");
            if (!defaultWorks) m.Name = unique;
        }
    }
}
