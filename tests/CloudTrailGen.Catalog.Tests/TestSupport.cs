using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace CloudTrailGen.Catalog.Tests;

/// <summary>Where the repository, its catalog and the shared corpus are.</summary>
internal static class Repo
{
    public static readonly string Root = FindRoot();

    public static string Catalog => Path.Combine(Root, "catalog");

    /// <summary>../shared/corpus beside the repository, or null when it is absent.</summary>
    public static readonly string? Corpus = FindCorpus();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudTrailGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CloudTrailGen.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? FindCorpus()
    {
        string corpus = Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));
        return Directory.Exists(corpus) ? corpus : null;
    }

    /// <summary>Every record line of every corpus file (not the envelopes), with "file:line".</summary>
    public static IEnumerable<(string Where, string Json)> CorpusRecords() =>
        Directory.GetFiles(Corpus!, "*.ndjson").OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (Where: $"{Path.GetFileName(file)}:{i + 1}", Json: line)))
            .Where(r => r.Json.Trim().Length > 0);
}

/// <summary>The committed catalog, read once with System.Text.Json (tests may; the generator may not).</summary>
internal static class BuiltCatalog
{
    private static readonly Lazy<(Dictionary<string, JsonElement> Services, JsonElement Envelope)> s_loaded = new(Load);

    /// <summary>Service id → the parsed service file.</summary>
    public static Dictionary<string, JsonElement> Services => s_loaded.Value.Services;

    public static JsonElement Envelope => s_loaded.Value.Envelope;

    private static (Dictionary<string, JsonElement>, JsonElement) Load()
    {
        var services = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Catalog, "services"), "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            services[Path.GetFileNameWithoutExtension(file)] = doc.RootElement.Clone();
        }
        using var envelope = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Repo.Catalog, "envelope.json")));
        return (services, envelope.RootElement.Clone());
    }
}

/// <summary>A fact that is skipped, with a message, when ../shared/corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (Repo.Corpus is null) Skip = "../shared/corpus is not beside the repository: corpus tests skipped.";
    }
}
