using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CloudTrailGen.CatalogBuilder;
using CloudTrailGen.CatalogBuilder.V3;
using Xunit;
using Xunit.Abstractions;

namespace CloudTrailGen.Catalog.Tests;

/// <summary>
/// Every operation of every <c>@aws-sdk/client-*</c> package in the lock file is an event of the
/// catalog (at least 99% per package). The operations are read from the packages' command files,
/// not from what the builder made of them; the tarballs come from the builder's cache (checked
/// against the lock file), so the test is skipped, with a message, where the cache lacks them.
/// </summary>
public class LockCoverageTests
{
    private readonly ITestOutputHelper _output;

    public LockCoverageTests(ITestOutputHelper output) => _output = output;

    [LockedPackagesFact]
    public void Every_operation_of_every_locked_v3_package_is_an_event_of_its_service()
    {
        var pins = LockFile.Read(LockedPackagesFactAttribute.LockPath).Where(p => p.Package.StartsWith(V3Package.Prefix, StringComparison.Ordinal)).ToList();
        var serviceOf = ServicesByPackage();
        var renames = Renames();
        int total = 0, covered = 0;
        var below = new List<string>();
        var misses = new List<string>();
        var shares = new List<double>();
        foreach (var pin in pins)
        {
            string path = Path.Combine(LockedPackagesFactAttribute.Cache, pin.FileName);
            Assert.Equal(pin.Integrity, PackageSource.ComputeIntegrity(path));
            var package = V3Package.Read(path);
            Assert.True(serviceOf.TryGetValue(pin.Package, out var id), $"{pin.Package} is in no service's models in catalog/SERVICES.md");
            var events = EventNames(id!);
            var missed = package.Operations.Where(op => !events.Contains(op) && !(renames.TryGetValue(id!, out var r) && r.TryGetValue(op, out var to) && events.Contains(to))).ToList();
            total += package.Operations.Count;
            covered += package.Operations.Count - missed.Count;
            double share = package.Operations.Count == 0 ? 1 : 1 - (double)missed.Count / package.Operations.Count;
            shares.Add(share);
            if (missed.Count > 0) misses.Add($"  {pin.Package} → {id}: {missed.Count} of {package.Operations.Count} missed: {string.Join(", ", missed.Take(10))}{(missed.Count > 10 ? ", ..." : "")}");
            if (share < 0.99) below.Add($"{pin.Package} {share:P1}");
        }
        _output.WriteLine($"{pins.Count} @aws-sdk/client-* packages, {total} operations; {covered} are events of the catalog ({(double)covered / total:P2}); lowest share per package {shares.Min():P1}; {pins.Count - misses.Count} packages at 100%");
        foreach (var line in misses) _output.WriteLine(line);
        Assert.True(below.Count == 0, "packages under 99% of their operations: " + string.Join(", ", below));
    }

    /// <summary>Package name → the id of the service whose models column in catalog/SERVICES.md names it.</summary>
    private static Dictionary<string, string> ServicesByPackage()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Repo.Catalog, "SERVICES.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split(" | ");
            string id = line.Split('`')[1];
            foreach (var source in cells[^1].TrimEnd(' ', '|').Split(", "))
            {
                string package = source.Split(' ')[0];
                if (package.StartsWith(V3Package.Prefix, StringComparison.Ordinal)) result[package] = id;
            }
        }
        return result;
    }

    private static HashSet<string> EventNames(string service)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var root = BuiltCatalog.Services[service];
        foreach (var ev in root.GetProperty("events").EnumerateObject())
        {
            names.Add(ev.Name);
            if (ev.Value.TryGetProperty("aliases", out var aliases)) foreach (var a in aliases.EnumerateArray()) names.Add(a.GetString()!);
        }
        return names;
    }

    /// <summary>events.json renames: service → operation → the eventName CloudTrail logs instead.</summary>
    private static Dictionary<string, Dictionary<string, string>> Renames()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Catalog, "overrides", "events.json")));
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (!doc.RootElement.TryGetProperty("renames", out var renames)) return result;
        foreach (var service in renames.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.Object))
        {
            result[service.Name] = service.Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }
        return result;
    }
}

/// <summary>A fact that is skipped, with a message, when the builder's cache lacks a tarball of the lock file.</summary>
public sealed class LockedPackagesFactAttribute : FactAttribute
{
    public static string LockPath => Path.Combine(Repo.Catalog, "overrides", LockFile.FileName);

    /// <summary>The builder's cache folder (its default, or CLOUDTRAILGEN_CATALOG_CACHE).</summary>
    public static string Cache => CloudTrailGen.CatalogBuilder.Program.DefaultCache;

    public LockedPackagesFactAttribute()
    {
        var missing = LockFile.Read(LockPath).Where(p => !File.Exists(Path.Combine(Cache, p.FileName))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{missing.Count} packages of {LockFile.FileName} are not in {Cache} (run the catalog builder once to fetch them): lock coverage test skipped.";
        }
    }
}
