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
/// [<c>--update</c> [<c>--add @aws-sdk/client-NAME</c>]...] [<c>--overrides DIR</c>]
/// [<c>--cache DIR</c>] [<c>--package NAME=PATH.tgz</c>]... [<c>--verbose</c>]: rebuilds
/// <c>catalog/services/*.json</c> and <c>catalog/SERVICES.md</c> from the packages pinned in
/// <c>catalog/overrides/models.lock.json</c> and the overrides; <c>--update</c> first moves the
/// lock file to the newest versions npm serves, and prints what changed.
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

    private const string Usage = "usage: CloudTrailGen.CatalogBuilder [--out catalog] [--update [--add PACKAGE]...] [--overrides DIR] [--cache DIR] [--package NAME=PATH.tgz]... [--verbose]";

    private static int Run(string[] args)
    {
        string outDir = "catalog";
        string? overridesDir = null, cache = null;
        bool verbose = false, update = false;
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var add = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new BuilderException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--out": outDir = Next(); break;
                case "--overrides": overridesDir = Next(); break;
                case "--cache": cache = Next(); break;
                case "--verbose": verbose = true; break;
                case "--update": update = true; break;
                case "--add": add.Add(Next()); break;
                case "--aws-sdk": given[ModelSources.V2Package] = Next(); break;
                case "--package":
                {
                    string value = Next();
                    int eq = value.IndexOf('=');
                    if (eq <= 0) throw new BuilderException("--package needs NAME=PATH.tgz");
                    given[value.Substring(0, eq)] = value.Substring(eq + 1);
                    break;
                }
                case "-h":
                case "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default: throw new BuilderException($"unknown argument {args[i]} (see --help)");
            }
        }
        if (add.Count > 0 && !update) throw new BuilderException("--add goes with --update");
        overridesDir ??= Path.Combine(outDir, "overrides");
        cache ??= DefaultCache;

        var clock = Stopwatch.StartNew();
        var overrides = Overrides.Load(overridesDir);
        string lockPath = Path.Combine(overridesDir, LockFile.FileName);
        var pins = LockFile.Read(lockPath);
        var oldPins = pins;
        if (update)
        {
            pins = PackageSource.Latest(pins.Select(p => p.Package).Concat(add), cache).OrderBy(p => p.Package, StringComparer.Ordinal).ToList();
        }
        var tarballs = PackageSource.Fetch(pins, cache, given);
        var notes = new List<string>();
        var models = ModelSources.Load(pins, tarballs, notes);

        string envelopePath = Path.Combine(outDir, "envelope.json");
        var envelopeShapes = File.Exists(envelopePath) && JsonNode.Parse(File.ReadAllText(envelopePath))?["shapes"] is JsonObject envelopeNode
            ? envelopeNode.Select(p => p.Key).ToList()
            : new List<string>();

        var builder = new Builder(overrides, envelopeShapes);
        builder.Notes.AddRange(notes);
        var services = builder.Build(models);
        if (builder.Errors.Count > 0)
        {
            foreach (var error in builder.Errors) Console.Error.WriteLine("error: " + error);
            Console.Error.WriteLine($"{builder.Errors.Count} errors: nothing written");
            return 1;
        }

        string servicesDir = Path.Combine(outDir, "services");
        var before = CatalogDiff.Snapshot.FromFiles(servicesDir);
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
        string index = ServiceIndexWriter.Write(services.Values, pins);
        if (!File.Exists(indexPath) || File.ReadAllText(indexPath) != index)
        {
            File.WriteAllText(indexPath, index, new UTF8Encoding(false));
            changed++;
        }
        if (update)
        {
            string lockText = LockFile.Write(pins);
            if (File.ReadAllText(lockPath) != lockText) File.WriteAllText(lockPath, lockText, new UTF8Encoding(false));
        }

        int events = services.Values.Sum(s => s.Events.Count);
        int shapes = services.Values.Sum(s => s.Shapes.Count);
        Console.WriteLine($"{pins.Count} packages, {models.Count} API models → {services.Count} services, {events} events, {shapes} shapes; {changed} files written, {removed} removed, in {clock.Elapsed.TotalSeconds:F1} s");
        if (builder.Notes.Count > 0)
        {
            Console.WriteLine($"{builder.Notes.Count} notes (merges of models that share a service, schema parts typed as json){(verbose ? ":" : "; --verbose lists them")}");
            if (verbose) foreach (var note in builder.Notes) Console.WriteLine("  " + note);
        }
        if (builder.GuessedEventSources.Count > 0)
        {
            Console.WriteLine($"{builder.GuessedEventSources.Count} services whose eventSource no aws-sdk v2 model and no override confirms (set \"eventSource\" in overrides/services.json models to confirm or correct one){(verbose ? ":" : "; --verbose lists them")}");
            if (verbose) foreach (var (id, how) in builder.GuessedEventSources) Console.WriteLine($"  {id}: {how}");
        }
        if (update)
        {
            foreach (var line in CatalogDiff.Packages(oldPins, pins)) Console.WriteLine(line);
            foreach (var line in CatalogDiff.Compare(before, CatalogDiff.Snapshot.FromServices(services.Values), verbose)) Console.WriteLine(line);
        }
        return 0;
    }

    /// <summary>Where tarballs are kept between runs: <c>$TMPDIR/cloudtrailgen-catalog-builder</c> unless <c>CLOUDTRAILGEN_CATALOG_CACHE</c> says otherwise.</summary>
    public static string DefaultCache =>
        Environment.GetEnvironmentVariable("CLOUDTRAILGEN_CATALOG_CACHE") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "cloudtrailgen-catalog-builder");
}
