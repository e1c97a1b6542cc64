using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CloudTrailGen.Tests.Infrastructure;

/// <summary>An additional file held in memory; counts how often its text is read.</summary>
internal class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;
    private int _reads;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    /// <summary>How many times <see cref="GetText"/> was called.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public string Content => _text.ToString();

    public override SourceText? GetText(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return _text;
    }
}

/// <summary>An additional file that must never be read: it counts the attempt, then throws.</summary>
internal sealed class UnreadableAdditionalText : InMemoryAdditionalText
{
    public UnreadableAdditionalText(string path)
        : base(path, "this text must not be read")
    {
    }

    public override SourceText GetText(CancellationToken cancellationToken = default)
    {
        base.GetText(cancellationToken);
        throw new InvalidOperationException($"'{Path}' was read although its service is not selected.");
    }
}

/// <summary>An additional file that does not exist: the compiler gives no text for it (and reports CS2001 itself).</summary>
internal sealed class MissingAdditionalText : InMemoryAdditionalText
{
    public MissingAdditionalText(string path)
        : base(path, "")
    {
    }

    public override SourceText? GetText(CancellationToken cancellationToken = default)
    {
        base.GetText(cancellationToken);
        return null;
    }
}

/// <summary>A catalog file and its <c>CloudTrailGenCatalog</c> metadata (envelope, builtin or user).</summary>
internal sealed record CatalogFile(InMemoryAdditionalText Text, string Kind)
{
    public string Path => Text.Path;

    public static CatalogFile Envelope(string json, string path = "/catalog/envelope.json") => new(new InMemoryAdditionalText(path, json), "envelope");

    /// <summary>A built-in service file, at <c>/catalog/services/{fileId}.json</c>.</summary>
    public static CatalogFile Builtin(string fileId, string json) => new(new InMemoryAdditionalText($"/catalog/services/{fileId}.json", json), "builtin");

    public static CatalogFile User(string path, string json) => new(new InMemoryAdditionalText(path, json), "user");

    /// <summary>A <c>&lt;CloudTrailCatalog&gt;</c> item naming a file that does not exist.</summary>
    public static CatalogFile MissingUser(string path) => new(new MissingAdditionalText(path), "user");

    /// <summary>The same file with other text (the same path and kind), as an editor would save it.</summary>
    public CatalogFile WithText(string json) => new(new InMemoryAdditionalText(Path, json), Kind);
}

/// <summary>The repository's own catalog/ folder, found from this source file (not from bin/).</summary>
internal static class RepoCatalog
{
    public static string Directory { get; } = FindCatalog();

    private static string FindCatalog([CallerFilePath] string sourceFile = "")
    {
        string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(sourceFile)!, "..", "..", "..", "catalog"));
        if (!File.Exists(System.IO.Path.Combine(path, "envelope.json")))
        {
            throw new InvalidOperationException($"The repository catalog was not found at '{path}' (from [CallerFilePath] '{sourceFile}').");
        }
        return path;
    }

    public static CatalogFile Envelope() =>
        CatalogFile.Envelope(File.ReadAllText(System.IO.Path.Combine(Directory, "envelope.json")));

    public static CatalogFile Service(string id) =>
        CatalogFile.Builtin(id, File.ReadAllText(System.IO.Path.Combine(Directory, "services", id + ".json")));

    public static IEnumerable<string> ServiceIds() =>
        System.IO.Directory.GetFiles(System.IO.Path.Combine(Directory, "services"), "*.json")
            .Select(f => System.IO.Path.GetFileNameWithoutExtension(f))
            .OrderBy(id => id, StringComparer.Ordinal);

    /// <summary>The envelope and every built-in service file, as the package's props pass them.</summary>
    public static ImmutableArray<CatalogFile> All() =>
        new[] { Envelope() }.Concat(ServiceIds().Select(Service)).ToImmutableArray();
}

/// <summary>Analyzer config options from a dictionary (keys compared as Roslyn does).</summary>
internal sealed class DictionaryOptions : AnalyzerConfigOptions
{
    public static readonly DictionaryOptions Empty = new(ImmutableDictionary<string, string>.Empty);

    private readonly ImmutableDictionary<string, string> _values;

    public DictionaryOptions(IEnumerable<KeyValuePair<string, string>> values) =>
        _values = values.ToImmutableDictionary(KeyComparer);

    public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
        _values.TryGetValue(key, out value);
}

/// <summary>
/// What MSBuild would pass: the global properties (<c>build_property.*</c>) and each additional
/// file's <c>build_metadata.AdditionalFiles.CloudTrailGenCatalog</c>, looked up by path.
/// </summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    public const string CatalogMetadata = "build_metadata.AdditionalFiles.CloudTrailGenCatalog";

    private readonly ImmutableDictionary<string, string> _kindsByPath;

    public TestOptionsProvider(IEnumerable<KeyValuePair<string, string>> globalOptions, IEnumerable<CatalogFile> files)
    {
        GlobalOptions = new DictionaryOptions(globalOptions);
        _kindsByPath = files.ToImmutableDictionary(f => f.Path, f => f.Kind, StringComparer.Ordinal);
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        _kindsByPath.TryGetValue(textFile.Path, out var kind)
            ? new DictionaryOptions(new[] { new KeyValuePair<string, string>(CatalogMetadata, kind) })
            : DictionaryOptions.Empty;
}
