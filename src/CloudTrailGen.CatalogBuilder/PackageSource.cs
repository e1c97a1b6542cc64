using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>The files the builder reads from the aws-sdk package, by path inside the package.</summary>
internal sealed class SdkFiles
{
    public SdkFiles(IReadOnlyDictionary<string, string> files) => Files = files;

    /// <summary>Path (such as <c>apis/sns-2010-03-31.min.json</c>) → text.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }
}

/// <summary>
/// Gets the pinned npm tarball (with <c>npm pack</c>, or from a path the user gives), checks its
/// sha512 against the integrity value pinned in <c>catalog/overrides/sources.json</c>, and reads the
/// few files the builder needs straight out of the .tgz.
/// </summary>
internal static class PackageSource
{
    /// <summary>Returns the path of the verified tarball, fetching it into <paramref name="cacheDir"/> when needed.</summary>
    public static string Fetch(SourcePin pin, string? givenPath, string cacheDir)
    {
        string path;
        if (givenPath is not null)
        {
            path = givenPath;
        }
        else
        {
            Directory.CreateDirectory(cacheDir);
            path = Path.Combine(cacheDir, $"{pin.Package}-{pin.Version}.tgz");
            if (!File.Exists(path) || ComputeIntegrity(path) != pin.Integrity)
            {
                Console.Error.WriteLine($"npm pack {pin.Package}@{pin.Version} → {cacheDir}");
                RunNpmPack(pin, cacheDir);
            }
        }

        string actual = ComputeIntegrity(path);
        if (!string.Equals(actual, pin.Integrity, StringComparison.Ordinal))
        {
            throw new BuilderException($"{path}: integrity {actual} does not match the pinned {pin.Integrity} (catalog/overrides/sources.json)");
        }
        return path;
    }

    /// <summary>The npm <c>integrity</c> string of a file: <c>sha512-</c> and the base64 digest.</summary>
    public static string ComputeIntegrity(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha512-" + Convert.ToBase64String(SHA512.HashData(stream));
    }

    /// <summary>Reads <c>apis/*.min.json</c>, <c>apis/metadata.json</c> and <c>clients/*.d.ts</c> from the tarball.</summary>
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

    private static void RunNpmPack(SourcePin pin, string cacheDir)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = cacheDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "pack", $"{pin.Package}@{pin.Version}", "--silent" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new BuilderException("could not start npm");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new BuilderException($"npm pack {pin.Package}@{pin.Version} failed ({process.ExitCode}): {stderr.Result.Trim()} {stdout.Trim()}");
        }
    }
}

/// <summary>The pinned package: name, version and npm integrity string.</summary>
internal sealed record SourcePin(string Package, string Version, string Integrity);

/// <summary>An error that stops the build with a message (no stack trace).</summary>
internal sealed class BuilderException : Exception
{
    public BuilderException(string message) : base(message) { }
}
