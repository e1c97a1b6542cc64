using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>The files the builder reads from the aws-sdk package, by path inside the package.</summary>
internal sealed class SdkFiles
{
    public SdkFiles(IReadOnlyDictionary<string, string> files) => Files = files;

    /// <summary>Path (such as <c>apis/sns-2010-03-31.min.json</c>) → text.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }
}

/// <summary>One pinned npm package: name, version and the sha512 <c>integrity</c> value npm reports for its tarball.</summary>
internal sealed record SourcePin(string Package, string Version, string Integrity)
{
    /// <summary>The file name <c>npm pack</c> gives the tarball (<c>@aws-sdk/client-sts</c> 3.1.0 → <c>aws-sdk-client-sts-3.1.0.tgz</c>).</summary>
    public string FileName => Package.TrimStart('@').Replace('/', '-') + "-" + Version + ".tgz";
}

/// <summary>
/// <c>catalog/overrides/models.lock.json</c>: every package the catalog is built from, each with
/// its version and integrity. Written one package a line, sorted by name, so that an update is a
/// readable diff.
/// </summary>
internal static class LockFile
{
    public const string FileName = "models.lock.json";

    private const string Comment = "The npm packages the catalog is built from: the aws-sdk (JavaScript SDK v2) models and every @aws-sdk/client-* (SDK v3) package npm serves, each pinned by version and by the sha512 integrity value npm reports for its tarball. The builder refuses a tarball with any other hash. Written by the builder's --update (docs/catalog.md); do not edit by hand.";

    public static List<SourcePin> Read(string path)
    {
        if (!File.Exists(path)) throw new BuilderException($"{path} is missing");
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new BuilderException($"{path}: expected a JSON object");
        var pins = new List<SourcePin>();
        foreach (var (name, node) in root["packages"] as JsonObject ?? throw new BuilderException($"{path}: no \"packages\""))
        {
            string version = node?["version"]?.GetValue<string>() ?? throw new BuilderException($"{path}: {name} has no version");
            string integrity = node["integrity"]?.GetValue<string>() ?? throw new BuilderException($"{path}: {name} has no integrity");
            pins.Add(new SourcePin(name, version, integrity));
        }
        return pins.OrderBy(p => p.Package, StringComparer.Ordinal).ToList();
    }

    public static string Write(IEnumerable<SourcePin> pins)
    {
        var w = new StringBuilder();
        w.Append("{\n  \"comment\": ").Append(Json(Comment)).Append(",\n  \"packages\": {\n");
        w.Append(string.Join(",\n", pins.OrderBy(p => p.Package, StringComparer.Ordinal)
            .Select(p => $"    {Json(p.Package)}: {{ \"version\": {Json(p.Version)}, \"integrity\": {Json(p.Integrity)} }}")));
        w.Append("\n  }\n}\n");
        return w.ToString();
    }

    private static readonly System.Text.Json.JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s, s_json);
}

/// <summary>
/// Gets pinned npm tarballs with <c>npm pack</c> into a cache folder (fetching only what the cache
/// lacks, many packages per npm call), checks each one's sha512 against its pin before anything
/// reads it, and reads files straight out of the .tgz.
/// </summary>
internal static class PackageSource
{
    private const int PackBatch = 60;

    /// <summary>Returns package → path of its verified tarball, fetching into <paramref name="cacheDir"/> what is not there.</summary>
    public static Dictionary<string, string> Fetch(IReadOnlyList<SourcePin> pins, string cacheDir, IReadOnlyDictionary<string, string>? given = null)
    {
        Directory.CreateDirectory(cacheDir);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<SourcePin>();
        foreach (var pin in pins)
        {
            if (given is not null && given.TryGetValue(pin.Package, out var path))
            {
                paths[pin.Package] = path;
                continue;
            }
            path = Path.Combine(cacheDir, pin.FileName);
            paths[pin.Package] = path;
            if (!File.Exists(path) || ComputeIntegrity(path) != pin.Integrity) missing.Add(pin);
        }
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"npm pack: {missing.Count} of {pins.Count} packages are not in {cacheDir}");
            foreach (var batch in missing.Chunk(PackBatch)) NpmPack(batch.Select(p => $"{p.Package}@{p.Version}"), cacheDir);
        }
        foreach (var pin in pins)
        {
            string path = paths[pin.Package];
            if (!File.Exists(path)) throw new BuilderException($"{pin.Package} {pin.Version}: {path} was not fetched");
            string actual = ComputeIntegrity(path);
            if (!string.Equals(actual, pin.Integrity, StringComparison.Ordinal))
            {
                throw new BuilderException($"{path}: integrity {actual} does not match the pinned {pin.Integrity} (catalog/overrides/{LockFile.FileName})");
            }
        }
        return paths;
    }

    /// <summary>
    /// The newest version npm serves of each package, packed into <paramref name="cacheDir"/>:
    /// <c>npm pack NAME@latest --json</c> reports the version, integrity and file name of each.
    /// </summary>
    public static List<SourcePin> Latest(IEnumerable<string> packages, string cacheDir)
    {
        Directory.CreateDirectory(cacheDir);
        var pins = new List<SourcePin>();
        foreach (var batch in packages.Distinct(StringComparer.Ordinal).Chunk(PackBatch))
        {
            string output = NpmPack(batch.Select(p => p + "@latest"), cacheDir, json: true);
            int start = output.IndexOf('[');
            var results = JsonNode.Parse(start < 0 ? output : output.Substring(start)) as JsonArray ?? throw new BuilderException("npm pack --json printed no list");
            foreach (var r in results)
            {
                pins.Add(new SourcePin(r!["name"]!.GetValue<string>(), r["version"]!.GetValue<string>(), r["integrity"]!.GetValue<string>()));
            }
        }
        return pins;
    }

    /// <summary>The npm <c>integrity</c> string of a file: <c>sha512-</c> and the base64 digest.</summary>
    public static string ComputeIntegrity(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha512-" + Convert.ToBase64String(SHA512.HashData(stream));
    }

    /// <summary>Reads <c>apis/*.min.json</c>, <c>apis/metadata.json</c> and <c>clients/*.d.ts</c> from the aws-sdk tarball.</summary>
    public static SdkFiles Read(string tarball)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            // npm tarballs put everything under "package/".
            string name = entry.Name.StartsWith("package/", StringComparison.Ordinal) ? entry.Name.Substring(8) : entry.Name;
            bool wanted = (name.StartsWith("apis/", StringComparison.Ordinal) && (name.EndsWith(".min.json", StringComparison.Ordinal) || name == "apis/metadata.json"))
                || (name.StartsWith("clients/", StringComparison.Ordinal) && name.EndsWith(".d.ts", StringComparison.Ordinal) && name.IndexOf('/', 8) < 0);
            if (!wanted) continue;
            using var reader = new StreamReader(entry.DataStream, Encoding.UTF8);
            files[name] = reader.ReadToEnd();
        }
        return new SdkFiles(files);
    }

    private static string NpmPack(IEnumerable<string> specs, string cacheDir, bool json = false)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = cacheDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("pack");
        foreach (var spec in specs) start.ArgumentList.Add(spec);
        start.ArgumentList.Add(json ? "--json" : "--silent");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BuilderException("could not start npm");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuilderException($"could not start npm ({e.Message}); it is needed to fetch the packages of catalog/overrides/{LockFile.FileName}");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new BuilderException($"npm pack failed ({process.ExitCode}): {stderr.Result.Trim()} {stdout.Trim()}");
            }
            return stdout;
        }
    }
}

/// <summary>An error that stops the build with a message (no stack trace).</summary>
internal sealed class BuilderException : Exception
{
    public BuilderException(string message) : base(message) { }
}
