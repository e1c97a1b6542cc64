using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace TrailScan.Synth;

/// <summary>One event of the catalog: what synth needs to write a plausible record of it.</summary>
public sealed class CatalogEvent
{
    /// <summary>The service it belongs to.</summary>
    public required CatalogService Service { get; init; }

    /// <summary>The eventName.</summary>
    public required string Name { get; init; }

    /// <summary>Management, Data or NetworkActivity.</summary>
    public required string Category { get; init; }

    /// <summary>Whether the call only reads.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The eventSource records of it carry: the catalog's own for the event (CloudTrail Lake's PutAuditEvents), else the service's.</summary>
    public required string EventSource { get; init; }

    /// <summary>The members of requestParameters (a JSON object of member → type), when the catalog has them.</summary>
    public JsonElement? Request { get; init; }

    /// <summary>The members of responseElements, when the catalog has them.</summary>
    public JsonElement? Response { get; init; }

    /// <summary>The resources.type values the event logs.</summary>
    public IReadOnlyList<string> ResourceTypes { get; init; } = [];
}

/// <summary>One service of the catalog.</summary>
public sealed class CatalogService
{
    /// <summary>The service id (file name): s3, iam, ...</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The eventSource records of it carry: <c>ID.amazonaws.com</c> when the catalog lists it,
    /// else the first one listed. (CloudTrail's catalog lists cloudtrail-data.amazonaws.com, CloudTrail
    /// Lake's ingestion, before cloudtrail.amazonaws.com, which logs every other CloudTrail call.)
    /// </summary>
    public required string EventSource { get; init; }

    /// <summary>Events by eventName.</summary>
    public Dictionary<string, CatalogEvent> Events { get; } = new(StringComparer.Ordinal);

    /// <summary>Shapes by name.</summary>
    public Dictionary<string, JsonElement> Shapes { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The catalog files of the services trailscan was built with, read at run time from the
/// <c>catalog/</c> folder published beside it (TrailScan.csproj copies exactly the selected
/// services' files there). Read with JsonDocument: no reflection, safe under Native AOT.
/// </summary>
public sealed class SynthCatalog
{
    private readonly List<JsonDocument> _documents = [];

    private SynthCatalog()
    {
    }

    /// <summary>Where the catalog files are: beside the app.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "catalog");

    /// <summary>Services by id, in ordinal order of their ids.</summary>
    public SortedDictionary<string, CatalogService> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>The shapes of envelope.json (shared by every service).</summary>
    public Dictionary<string, JsonElement> EnvelopeShapes { get; } = new(StringComparer.Ordinal);

    /// <summary>Every event, in ordinal order of service id then eventName.</summary>
    public List<CatalogEvent> AllEvents { get; } = [];

    /// <summary>The eventSource of most of a service's events (see <see cref="CatalogService.EventSource"/>).</summary>
    internal static string PrimaryEventSource(string id, JsonElement root)
    {
        string own = $"{id}.amazonaws.com";
        if (!root.TryGetProperty("eventSources", out var sources) || sources.ValueKind != JsonValueKind.Array || sources.GetArrayLength() == 0) return own;
        foreach (var source in sources.EnumerateArray())
        {
            if (string.Equals(source.GetString(), own, StringComparison.OrdinalIgnoreCase)) return own;
        }
        return sources[0].GetString() ?? own;
    }

    /// <summary>Reads <c>envelope.json</c> and <c>services/*.json</c> from <paramref name="folder"/>.</summary>
    /// <exception cref="IOException">The folder or a file cannot be read.</exception>
    /// <exception cref="JsonException">A file is not valid JSON.</exception>
    public static SynthCatalog Load(string folder)
    {
        var catalog = new SynthCatalog();
        string envelope = Path.Combine(folder, "envelope.json");
        if (File.Exists(envelope))
        {
            var shapes = catalog.Parse(envelope).RootElement;
            if (shapes.TryGetProperty("shapes", out var envelopeShapes))
            {
                foreach (var shape in envelopeShapes.EnumerateObject()) catalog.EnvelopeShapes[shape.Name] = shape.Value;
            }
        }

        string services = Path.Combine(folder, "services");
        if (!Directory.Exists(services)) throw new DirectoryNotFoundException($"no catalog files in {services}");
        var files = Directory.GetFiles(services, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (string file in files)
        {
            var root = catalog.Parse(file).RootElement;
            string id = root.GetProperty("service").GetString()!;
            string eventSource = PrimaryEventSource(id, root);
            var service = new CatalogService { Id = id, EventSource = eventSource };
            if (root.TryGetProperty("shapes", out var shapes))
            {
                foreach (var shape in shapes.EnumerateObject()) service.Shapes[shape.Name] = shape.Value;
            }
            var names = new List<string>();
            foreach (var ev in root.GetProperty("events").EnumerateObject()) names.Add(ev.Name);
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(names).Sort(StringComparer.Ordinal); // not List<T>.Sort: see Inputs.AddFolder
            foreach (string name in names)
            {
                var ev = root.GetProperty("events").GetProperty(name);
                var resourceTypes = new List<string>();
                if (ev.TryGetProperty("resourceTypes", out var types))
                {
                    foreach (var type in types.EnumerateArray()) resourceTypes.Add(type.GetString()!);
                }
                var catalogEvent = new CatalogEvent
                {
                    Service = service,
                    Name = name,
                    EventSource = ev.TryGetProperty("eventSource", out var source) && source.ValueKind == JsonValueKind.String ? source.GetString()! : eventSource,
                    Category = ev.TryGetProperty("category", out var category) ? category.GetString()! : "Management",
                    ReadOnly = ev.TryGetProperty("readOnly", out var readOnly) && readOnly.ValueKind == JsonValueKind.True,
                    Request = ev.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object ? request : null,
                    Response = ev.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object ? response : null,
                    ResourceTypes = resourceTypes,
                };
                service.Events[name] = catalogEvent;
                catalog.AllEvents.Add(catalogEvent);
            }
            catalog.Services[id] = service;
        }
        return catalog;
    }

    /// <summary>The event, when the catalog has it.</summary>
    public CatalogEvent? Find(string service, string eventName) =>
        Services.TryGetValue(service, out var s) && s.Events.TryGetValue(eventName, out var e) ? e : null;

    /// <summary>A shape by name: the service's own first, then the envelope's.</summary>
    public JsonElement? Shape(CatalogService service, string name) =>
        service.Shapes.TryGetValue(name, out var shape) ? shape
        : EnvelopeShapes.TryGetValue(name, out var shared) ? shared
        : null;

    private JsonDocument Parse(string path)
    {
        var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 256 });
        _documents.Add(document);
        return document;
    }
}
