using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

internal static class Json
{
    public static CloudTrailRecord Read(string json) =>
        JsonSerializer.Deserialize(json, CloudTrailJsonContext.Default.CloudTrailRecord)
        ?? throw new InvalidOperationException("null record");

    public static string Write(CloudTrailRecord record) =>
        JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);

    /// <summary>Any generated object (or a hand-written one on the same base) written with its own WriteTo.</summary>
    public static string WriteObject(CloudTrailObject value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) value.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Asserts that writing the record gives JSON equal to the input.</summary>
    public static void AssertRoundTrip(string input, CloudTrailRecord record, string? context = null)
    {
        string output = Write(record);
        var expected = JsonNode.Parse(input);
        var actual = JsonNode.Parse(output);
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"Round trip changed the record{(context is null ? "" : " (" + context + ")")}.\ninput:  {input}\noutput: {output}");
    }

    public static string Seed(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "seed", name + ".json"));
}

/// <summary>The third-party record corpus beside the repository (../shared/corpus), when present.</summary>
internal static class Corpus
{
    public static readonly string? Directory = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudTrailGen.sln")))
            {
                string corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                return System.IO.Directory.Exists(corpus) ? corpus : null;
            }
        }
        return null;
    }

    /// <summary>Every record line of every corpus file (not the envelopes), with "file:line".</summary>
    public static IEnumerable<(string Where, string Json)> Records() =>
        System.IO.Directory.GetFiles(Directory!, "*.ndjson").OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (Where: $"{Path.GetFileName(file)}:{i + 1}", Json: line)))
            .Where(r => r.Json.Trim().Length > 0);
}

/// <summary>A fact that is skipped, with a message, when ../shared/corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (Corpus.Directory is null) Skip = "../shared/corpus is not beside the repository: corpus tests skipped.";
    }
}
