using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using CloudTrailGen.Binding;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using CloudTrailGen.Parsing;
using Xunit;
using Xunit.Abstractions;

namespace CloudTrailGen.Catalog.Tests;

/// <summary>The committed catalog: valid for the generator, complete, and in the builder's layout.</summary>
public class CatalogFileTests
{
    private readonly ITestOutputHelper _output;

    public CatalogFileTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_file_parses_without_diagnostics_and_every_type_resolves()
    {
        // The generator's own parser and cross-file model, with every service selected.
        var files = new List<CatalogFileResult>
        {
            Parse(Path.Combine(Repo.Catalog, "envelope.json"), CatalogKind.Envelope),
        };
        foreach (var path in Directory.GetFiles(Path.Combine(Repo.Catalog, "services"), "*.json").OrderBy(p => p, StringComparer.Ordinal))
        {
            files.Add(Parse(path, CatalogKind.Builtin));
        }
        var model = CatalogBinder.Bind(files.ToImmutableArray(), new GeneratorOptions("My.Ct", new[] { "*" }.ToEquatableArray()));

        var problems = files.SelectMany(f => f.Diagnostics).Concat(model.Diagnostics)
            .Select(d => $"{d.Id} {Path.GetFileName(d.Location?.FilePath)}:{d.Location?.Line + 1}: {string.Join(" | ", d.Arguments)}")
            .ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} diagnostics:\n" + string.Join("\n", problems.Take(30)));
        Assert.Equal(files.Count - 1, model.Services.Count);
        _output.WriteLine($"{model.Services.Count} services, {model.Services.Sum(s => s.Service.Events.Count)} events, {model.Services.Sum(s => s.Service.Shapes.Count)} shapes");
    }

    [Fact]
    public void Every_data_event_resource_type_is_in_a_service()
    {
        var envelopeTypes = BuiltCatalog.Envelope.GetProperty("shapes").GetProperty("ResourceType").GetProperty("enum")
            .EnumerateArray().Select(v => v.GetProperty("value").GetString()!).ToList();
        Assert.Equal(67, envelopeTypes.Count);

        var inServices = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (id, service) in BuiltCatalog.Services)
        {
            if (!service.TryGetProperty("resourceTypes", out var types)) continue;
            foreach (var t in types.EnumerateArray())
            {
                if (!inServices.TryGetValue(t.GetString()!, out var list)) inServices[t.GetString()!] = list = new();
                list.Add(id);
            }
        }
        var missing = envelopeTypes.Where(t => !inServices.ContainsKey(t)).ToList();
        Assert.True(missing.Count == 0, "resources.type values in no service file: " + string.Join(", ", missing));

        // And every type a service or event names is one the envelope knows.
        var unknown = inServices.Keys.Where(t => !envelopeTypes.Contains(t)).ToList();
        foreach (var (id, service) in BuiltCatalog.Services)
        {
            foreach (var ev in service.GetProperty("events").EnumerateObject())
            {
                if (!ev.Value.TryGetProperty("resourceTypes", out var types)) continue;
                unknown.AddRange(types.EnumerateArray().Select(t => t.GetString()!).Where(t => !envelopeTypes.Contains(t)).Select(t => $"{id}:{ev.Name} {t}"));
            }
        }
        Assert.True(unknown.Count == 0, "resource types the envelope does not list: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_service_file_is_named_after_its_id_and_in_the_builder_layout()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(Repo.Catalog, "services"), "*.json"))
        {
            string text = File.ReadAllText(path);
            Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
            Assert.EndsWith("}\n", text, StringComparison.Ordinal);
            Assert.StartsWith("{\n  \"format\": 1,\n  \"service\": ", text, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(text);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), doc.RootElement.GetProperty("service").GetString());
            var names = doc.RootElement.GetProperty("events").EnumerateObject().Select(e => e.Name).ToList();
            Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        }
    }

    private static CatalogFileResult Parse(string path, CatalogKind kind) =>
        CatalogParser.Parse(path, Path.GetFileNameWithoutExtension(path), kind, File.ReadAllText(path));
}
