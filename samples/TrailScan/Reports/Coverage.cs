using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrailGen;
using TrailScan.Aws;
using TrailScan.Reading;

namespace TrailScan.Reports;

/// <summary>A record whose re-serialization differs from its input.</summary>
/// <param name="File">The input.</param>
/// <param name="Index">The record's index in it.</param>
/// <param name="EventSource">eventSource.</param>
/// <param name="EventName">eventName.</param>
/// <param name="Path">Where the first difference is (JSON path from the record).</param>
public sealed record RoundTripMismatch(string File, long Index, string EventSource, string EventName, string Path);

/// <summary>
/// What <c>trailscan coverage</c> measures: how much of the input the generated types hold.
/// </summary>
/// <remarks>
/// Keys are counted at every depth of requestParameters and responseElements: a key is typed when
/// it maps to a typed member of the event's generated Request/Response (or of a shape below them)
/// and its value was read into that member's type; map entries under a typed map member are typed
/// too. Every other key is untyped: keys the catalog does not describe, values that did not fit
/// their member's type (and every key inside them), keys inside members the catalog types as free
/// <c>json</c>, and all keys of records without a typed event class or request/response shape. So
/// <c>keysTyped + keysUntyped</c> is every object key in those parts of the input.
/// </remarks>
public sealed partial class Coverage
{
    /// <summary>The most round-trip mismatches kept (with where they differ).</summary>
    public const int MaxMismatches = 20;

    /// <summary>Records read (after filters).</summary>
    public long Records { get; private set; }

    /// <summary>Records whose re-serialization (through the typed model) equals the input by <see cref="JsonNode.DeepEquals"/>.</summary>
    public long RoundTripEqual { get; private set; }

    /// <summary>Records dispatched to a typed event class.</summary>
    public long TypedEvents { get; private set; }

    /// <summary>Insights records (they have no event class: they are about other events).</summary>
    public long InsightRecords { get; private set; }

    /// <summary>Keys of requestParameters/responseElements that mapped to a typed member.</summary>
    public long KeysTyped { get; private set; }

    /// <summary>Keys of requestParameters/responseElements that did not.</summary>
    public long KeysUntyped { get; private set; }

    /// <summary>Records without a typed event class, by "eventSource\teventName" (Insights records not included).</summary>
    public Counter UnmappedEvents { get; } = new();

    /// <summary>Where typing stopped inside typed events, by "eventSource\teventName\tpath\tkind".</summary>
    public Counter UnmappedKeys { get; } = new();

    /// <summary>The first records that did not round-trip.</summary>
    public List<RoundTripMismatch> Mismatches { get; } = [];

    /// <summary>Measures one record (read with <c>KeepOriginalJson</c>).</summary>
    public void Add(ScannedRecord scanned)
    {
        var record = scanned.Record;
        Records++;
        bool typed = record.GetType() != typeof(CloudTrailRecord);
        string eventSource = record.EventSource ?? "-";
        string eventName = record.EventName ?? "-";
        // Insights records first, as summary counts them (RecordFacts.IsInsight), even when one
        // also carries the eventName it is about and so was read as that event's class.
        if (RecordFacts.IsInsight(record)) InsightRecords++;
        else if (typed) TypedEvents++;
        else UnmappedEvents.Add($"{eventSource}\t{eventName}");

        // Read the typed parts first, so that serialization writes them from the typed model.
        var request = typed ? record.TypedRequest : null;
        var response = typed ? record.TypedResponse : null;
        var walk = new KeyWalk(this, eventSource, eventName, typed);
        walk.Part("requestParameters", record.RequestParameters, request, typed && record.HasRequestShape);
        walk.Part("responseElements", record.ResponseElements, response, typed && record.HasResponseShape);

        CheckRoundTrip(scanned, eventSource, eventName);
    }

    private void CheckRoundTrip(ScannedRecord scanned, string eventSource, string eventName)
    {
        if (scanned.Record.Delivery?.OriginalJson is not { } original) return;
        byte[] written = JsonSerializer.SerializeToUtf8Bytes(scanned.Record, CloudTrailJsonContext.Default.CloudTrailRecord);
        string? difference;
        try
        {
            var expected = JsonNode.Parse(original.Utf8.Span);
            var actual = JsonNode.Parse(written);
            difference = JsonNode.DeepEquals(expected, actual) ? null : FirstDifference(expected, actual, "$");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // JsonNode refuses some valid JSON (a key repeated in one object): compare the documents instead.
            using var expected = JsonDocument.Parse(original.Utf8);
            using var actual = JsonDocument.Parse(written);
            difference = JsonElement.DeepEquals(expected.RootElement, actual.RootElement) ? null : "$ (an object repeats a key)";
        }
        if (difference is null)
        {
            RoundTripEqual++;
        }
        else if (Mismatches.Count < MaxMismatches)
        {
            Mismatches.Add(new RoundTripMismatch(scanned.File.Name, scanned.Index, eventSource, eventName, difference));
        }
    }

    /// <summary>The path of the first place two JSON values differ.</summary>
    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.TryGetPropertyValue(key, out var other)) return $"{path}.{key} (missing)";
                    if (!JsonNode.DeepEquals(value, other)) return FirstDifference(value, other, $"{path}.{key}");
                }
                foreach (var (key, _) in a)
                {
                    if (!e.ContainsKey(key)) return $"{path}.{key} (added)";
                }
                return path;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count) return $"{path} ({e.Count} elements, written {a.Count})";
                for (int i = 0; i < e.Count; i++)
                {
                    if (!JsonNode.DeepEquals(e[i], a[i])) return FirstDifference(e[i], a[i], $"{path}[{i}]");
                }
                return path;
            default:
                return $"{path} ({Text(expected)} written as {Text(actual)})";
        }

        static string Text(JsonNode? node)
        {
            string text = node?.ToJsonString() ?? "null";
            return text.Length > 60 ? text[..57] + "..." : text;
        }
    }

    /// <summary>Counts the keys of one record's request and response.</summary>
    private readonly struct KeyWalk(Coverage coverage, string eventSource, string eventName, bool typedEvent)
    {
        public void Part(string root, RawJson? raw, CloudTrailObject? typed, bool hasShape)
        {
            if (raw is not { } json) return;
            if (typed is not null)
            {
                Walk(typed, root);
                return;
            }
            long keys = CountKeys(json, intoStrings: true);
            coverage.KeysUntyped += keys;
            if (typedEvent && keys > 0)
            {
                // A typed event whose catalog entry has no shape for this part (or a part that is not an object).
                Unmapped(root, hasShape ? "notAnObject" : "noShape");
            }
        }

        private void Walk(CloudTrailObject value, string path)
        {
            foreach (var member in value.GetTypedMembers())
            {
                string at = $"{path}.{member.Name}";
                if (member.RawValue is { } raw && (member.Value is null or IList or IDictionary))
                {
                    // The value did not fit the member's type (a container: not all of it did).
                    coverage.KeysUntyped += 1 + CountKeys(raw, intoStrings: false);
                    Unmapped(at, "typeMismatch");
                    continue;
                }
                coverage.KeysTyped++;
                WalkValue(member.Value, at);
            }
            foreach (var (key, raw) in value.GetUnknownMembers())
            {
                coverage.KeysUntyped += 1 + CountKeys(raw, intoStrings: false);
                Unmapped($"{path}.{key}", "unknownKey");
            }
        }

        private void WalkValue(object? value, string path)
        {
            switch (value)
            {
                case CloudTrailObject nested:
                    Walk(nested, path);
                    break;
                case RawJson json:
                    long keys = CountKeys(json, intoStrings: false);
                    if (keys > 0)
                    {
                        coverage.KeysUntyped += keys;
                        Unmapped(path, "freeFormJson");
                    }
                    break;
                case IDictionary map:
                    foreach (DictionaryEntry entry in map)
                    {
                        coverage.KeysTyped++;
                        WalkValue(entry.Value, path + ".*");
                    }
                    break;
                case IList list:
                    foreach (object? element in list) WalkValue(element, path + "[]");
                    break;
            }
        }

        private void Unmapped(string path, string kind) => coverage.UnmappedKeys.Add($"{eventSource}\t{eventName}\t{path}\t{kind}");
    }

    /// <summary>Every object key in a JSON value, at any depth; with <paramref name="intoStrings"/>, also in a string that holds a JSON object.</summary>
    internal static long CountKeys(RawJson json, bool intoStrings)
    {
        if (intoStrings && json.ValueKind == JsonValueKind.String)
        {
            string? inner = json.GetStringValue();
            if (inner is null || !inner.TrimStart().StartsWith('{')) return 0;
            try
            {
                return CountKeys(RawJson.Parse(inner), intoStrings: false);
            }
            catch (JsonException)
            {
                return 0;
            }
        }
        if (json.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)) return 0;
        var reader = new Utf8JsonReader(json.Utf8.Span, new JsonReaderOptions { MaxDepth = 256 });
        long keys = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName) keys++;
        }
        return keys;
    }
}
