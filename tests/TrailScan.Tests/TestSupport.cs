using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace TrailScan.Tests;

/// <summary>What a run of trailscan printed and returned.</summary>
public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Standard output parsed as one JSON object.</summary>
    public JsonObject Json => JsonNode.Parse(Stdout)!.AsObject();

    /// <summary>Standard output's lines.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs trailscan's entry point in-process, on writers and streams of the test's own.</summary>
public static class App
{
    public static RunResult Run(params string[] args) => RunWithStdin(null, args);

    public static RunResult RunWithStdin(byte[]? stdin, params string[] args) => RunWithStdin(stdin, piped: false, args);

    /// <summary>Runs with <paramref name="stdin"/> on standard input; <paramref name="piped"/>: as a pipe (read with no PATH), else as /dev/null is.</summary>
    public static RunResult RunWithStdin(byte[]? stdin, bool piped, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var rawStdout = new MemoryStream();
        var console = new AppConsole(stdout, stderr, () => new MemoryStream(stdin ?? []), () => rawStdout, stdinHasInput: piped);
        int code = Cli.Run(args, console);
        string text = stdout.ToString() + Encoding.UTF8.GetString(rawStdout.ToArray());
        return new RunResult(code, text, stderr.ToString());
    }
}

/// <summary>A folder of files a test writes, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trailscan-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        string path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string WriteGzip(string name, string text)
    {
        string path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var file = System.IO.File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The repository the tests were built in: the folder of CloudTrailGen.sln above the test assembly.</summary>
public static class Repository
{
    public static readonly string? Folder = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "CloudTrailGen.sln"))) return dir.FullName;
        }
        return null;
    }
}

/// <summary>The third-party record corpus beside the repository (../shared/corpus), when present.</summary>
public static class Corpus
{
    public static readonly string? Folder = Find();

    private static string? Find()
    {
        if (Repository.Folder is null) return null;
        string corpus = System.IO.Path.GetFullPath(System.IO.Path.Combine(Repository.Folder, "..", "shared", "corpus"));
        return Directory.Exists(corpus) ? corpus : null;
    }

    /// <summary>The corpus's record files (one record per line), not the wrapped envelopes.</summary>
    public static string[] RecordFiles() =>
        Directory.GetFiles(Folder!, "*.ndjson").OrderBy(f => f, StringComparer.Ordinal).ToArray();

    public static int CountLines(IEnumerable<string> files) =>
        files.Sum(file => System.IO.File.ReadLines(file).Count(line => line.Trim().Length > 0));
}

/// <summary>A fact that is skipped, with a message, when ../shared/corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (Corpus.Folder is null)
        {
            Skip = "../shared/corpus is not beside the repository (CI and developer machines have it; a bare clone does not)";
        }
    }
}
