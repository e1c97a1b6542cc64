using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>What an update changed: packages moved, services, events and top-level members added and removed.</summary>
internal static class CatalogDiff
{
    /// <summary>Service id → eventName → the request and response keys (prefixed <c>request.</c> / <c>response.</c>).</summary>
    internal sealed class Snapshot
    {
        public SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> Services { get; } = new(StringComparer.Ordinal);

        public static Snapshot FromFiles(string dir)
        {
            var snapshot = new Snapshot();
            if (!Directory.Exists(dir)) return snapshot;
            foreach (var file in Directory.GetFiles(dir, "*.json"))
            {
                if (JsonNode.Parse(File.ReadAllText(file)) is not JsonObject root) continue;
                var events = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
                foreach (var (name, ev) in root["events"] as JsonObject ?? new JsonObject())
                {
                    var keys = new SortedSet<string>(StringComparer.Ordinal);
                    foreach (var part in new[] { "request", "response" })
                    {
                        if (ev?[part] is JsonObject members) foreach (var (key, _) in members) keys.Add(part + "." + key);
                    }
                    events[name] = keys;
                }
                snapshot.Services[Path.GetFileNameWithoutExtension(file)] = events;
            }
            return snapshot;
        }

        public static Snapshot FromServices(IEnumerable<CatService> services)
        {
            var snapshot = new Snapshot();
            foreach (var service in services)
            {
                var events = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
                foreach (var (name, ev) in service.Events)
                {
                    var keys = new SortedSet<string>(StringComparer.Ordinal);
                    if (ev.Request is not null) foreach (var m in ev.Request) keys.Add("request." + m.Key);
                    if (ev.Response is not null) foreach (var m in ev.Response) keys.Add("response." + m.Key);
                    events[name] = keys;
                }
                snapshot.Services[service.Id] = events;
            }
            return snapshot;
        }
    }

    public static IEnumerable<string> Packages(IReadOnlyList<SourcePin> before, IReadOnlyList<SourcePin> after)
    {
        var old = before.ToDictionary(p => p.Package, StringComparer.Ordinal);
        var moved = new List<string>();
        foreach (var pin in after)
        {
            if (!old.TryGetValue(pin.Package, out var was)) moved.Add($"  {pin.Package}: added at {pin.Version}");
            else if (was.Version != pin.Version) moved.Add($"  {pin.Package}: {was.Version} → {pin.Version}");
            else if (was.Integrity != pin.Integrity) moved.Add($"  {pin.Package}: {pin.Version} has a new integrity value");
        }
        yield return moved.Count == 0 ? "lock file: every package is at the newest version npm serves" : $"lock file: {moved.Count} packages moved:";
        foreach (var line in moved) yield return line;
    }

    public static IEnumerable<string> Compare(Snapshot before, Snapshot after, bool verbose)
    {
        var lines = new List<string>();
        var addedServices = after.Services.Keys.Except(before.Services.Keys).ToList();
        var removedServices = before.Services.Keys.Except(after.Services.Keys).ToList();
        int eventsAdded = 0, eventsRemoved = 0, membersAdded = 0, membersRemoved = 0;
        var perService = new List<string>();
        foreach (var id in after.Services.Keys.Union(before.Services.Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            var a = before.Services.GetValueOrDefault(id) ?? new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            var b = after.Services.GetValueOrDefault(id) ?? new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            var plus = b.Keys.Except(a.Keys).ToList();
            var minus = a.Keys.Except(b.Keys).ToList();
            int mPlus = 0, mMinus = 0;
            var memberLines = new List<string>();
            foreach (var name in b.Keys.Intersect(a.Keys))
            {
                var added = b[name].Except(a[name]).ToList();
                var removed = a[name].Except(b[name]).ToList();
                mPlus += added.Count;
                mMinus += removed.Count;
                if (verbose && added.Count + removed.Count > 0)
                {
                    memberLines.Add($"    {name}: " + string.Join(", ", added.Select(k => "+" + k).Concat(removed.Select(k => "-" + k))));
                }
            }
            eventsAdded += plus.Count;
            eventsRemoved += minus.Count;
            membersAdded += mPlus;
            membersRemoved += mMinus;
            if (plus.Count + minus.Count + mPlus + mMinus == 0) continue;
            string state = !before.Services.ContainsKey(id) ? " (new service)" : !after.Services.ContainsKey(id) ? " (removed)" : "";
            perService.Add(string.Create(CultureInfo.InvariantCulture, $"  {id}{state}: +{plus.Count} / -{minus.Count} events, +{mPlus} / -{mMinus} members of events both have"));
            if (verbose)
            {
                if (plus.Count > 0) perService.Add("    added: " + string.Join(", ", plus));
                if (minus.Count > 0) perService.Add("    removed: " + string.Join(", ", minus));
                perService.AddRange(memberLines);
            }
        }
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"catalog: {addedServices.Count} services added, {removedServices.Count} removed; {eventsAdded} events added, {eventsRemoved} removed; {membersAdded} members added, {membersRemoved} removed{(verbose || perService.Count == 0 ? "" : " (--verbose names them)")}"));
        if (addedServices.Count > 0) lines.Add("  services added: " + string.Join(", ", addedServices));
        if (removedServices.Count > 0) lines.Add("  services removed: " + string.Join(", ", removedServices));
        lines.AddRange(perService);
        return lines;
    }
}
