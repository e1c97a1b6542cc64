using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>
/// <c>dotnet run --project src/CloudTrailGen.CatalogBuilder -c Release -- --out catalog</c>
/// [<c>--aws-sdk PATH.tgz</c>] [<c>--overrides DIR</c>] [<c>--cache DIR</c>] [<c>--verbose</c>]:
/// rebuilds <c>catalog/services/*.json</c> from the pinned aws-sdk package and the overrides.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (BuilderException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    private static int Run(string[] args)
    {
        string outDir = "catalog";
        string? sdk = null, overridesDir = null, cache = null;
        bool verbose = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new BuilderException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--out": outDir = Next(); break;
                case "--aws-sdk": sdk = Next(); break;
                case "--overrides": overridesDir = Next(); break;
                case "--cache": cache = Next(); break;
                case "--verbose": verbose = true; break;
                case "-h":
                case "--help":
                    Console.WriteLine("usage: CloudTrailGen.CatalogBuilder [--out catalog] [--aws-sdk aws-sdk.tgz] [--overrides DIR] [--cache DIR] [--verbose]");
                    return 0;
                default: throw new BuilderException($"unknown argument {args[i]} (see --help)");
            }
        }
        overridesDir ??= Path.Combine(outDir, "overrides");
        cache ??= Path.Combine(Path.GetTempPath(), "cloudtrailgen-catalog-builder");

        var clock = Stopwatch.StartNew();
        var overrides = Overrides.Load(overridesDir);
        string tarball = PackageSource.Fetch(overrides.Pin, sdk, cache);
        var files = PackageSource.Read(tarball);
        var models = Builder.LoadModels(files);

        string envelopePath = Path.Combine(outDir, "envelope.json");
        var envelopeShapes = File.Exists(envelopePath) && JsonNode.Parse(File.ReadAllText(envelopePath))?["shapes"] is JsonObject envelopeNode
            ? envelopeNode.Select(p => p.Key).ToList()
            : new List<string>();

        var builder = new Builder(overrides, envelopeShapes);
        var services = builder.Build(models);

        string servicesDir = Path.Combine(outDir, "services");
        Directory.CreateDirectory(servicesDir);
        var written = new HashSet<string>(StringComparer.Ordinal);
        int changed = 0;
        foreach (var service in services.Values)
        {
            string path = Path.Combine(servicesDir, service.Id + ".json");
            string text = CatalogWriter.Write(service);
            written.Add(Path.GetFullPath(path));
            if (File.Exists(path) && File.ReadAllText(path) == text) continue;
            File.WriteAllText(path, text, new UTF8Encoding(false));
            changed++;
        }
        int removed = 0;
        foreach (var stale in Directory.GetFiles(servicesDir, "*.json").Where(f => !written.Contains(Path.GetFullPath(f))))
        {
            File.Delete(stale);
            removed++;
        }

        string indexPath = Path.Combine(outDir, "SERVICES.md");
        string index = ServiceIndexWriter.Write(services.Values, overrides.Pin.Version);
        if (!File.Exists(indexPath) || File.ReadAllText(indexPath) != index)
        {
            File.WriteAllText(indexPath, index, new UTF8Encoding(false));
            changed++;
        }

        int events = services.Values.Sum(s => s.Events.Count);
        int shapes = services.Values.Sum(s => s.Shapes.Count);
        Console.WriteLine($"{models.Count} API models → {services.Count} services, {events} events, {shapes} shapes; {changed} files written, {removed} removed, in {clock.Elapsed.TotalSeconds:F1} s");
        if (builder.Notes.Count > 0)
        {
            Console.WriteLine($"{builder.Notes.Count} notes (merges of models that share a service){(verbose ? ":" : "; --verbose lists them")}");
            if (verbose) foreach (var note in builder.Notes) Console.WriteLine("  " + note);
        }
        foreach (var error in builder.Errors) Console.Error.WriteLine("error: " + error);
        return builder.Errors.Count == 0 ? 0 : 1;
    }
}
