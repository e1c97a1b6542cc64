using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using CloudTrailGen.Reliability;
using CsCheck;
using My.Ct;
using Xunit;
using Xunit.Abstractions;

namespace CloudTrailGen.Consumer.Tests.Reliability;

/// <summary>
/// Property tests: real records (the corpus beside the repository and our own seed records) are
/// mutated in every way CloudTrail data goes wrong, and every mutant is read both as one record
/// (System.Text.Json with the generated context) and through CloudTrailLog (NDJSON).
/// Valid JSON must be read, typed where it fits and written back equal (a repeated key: the last
/// value wins); invalid JSON must end in JsonException, or in a reported issue with a position.
/// </summary>
/// <remarks>
/// The counts are small enough for every test run (about 10 s on two cores); set
/// CTG_MUTANTS to run more (for example CTG_MUTANTS=200000), and CTG_SEED to replay a CsCheck seed.
/// </remarks>
public class MutationPropertyTests
{
    private static readonly int s_mutants = int.TryParse(Environment.GetEnvironmentVariable("CTG_MUTANTS"), out int n) ? n : 12_000;
    private static readonly string? s_seed = Environment.GetEnvironmentVariable("CTG_SEED");

    private readonly ITestOutputHelper _output;

    public MutationPropertyTests(ITestOutputHelper output) => _output = output;

    /// <summary>Our seed records and every corpus record, compact, with where they came from.</summary>
    internal static readonly IReadOnlyList<(string Where, MNode Tree)> Sources = LoadSources();

    private static List<(string, MNode)> LoadSources()
    {
        var list = new List<(string, MNode)>();
        string dir = Path.Combine(AppContext.BaseDirectory, "TestData", "seed");
        foreach (var file in Directory.GetFiles(dir, "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            list.Add(("seed/" + Path.GetFileName(file), JsonMutator.Parse(File.ReadAllText(file))));
        }
        if (Corpus.Directory is not null)
        {
            foreach (var (where, json) in Corpus.Records()) list.Add((where, JsonMutator.Parse(json)));
        }
        return list;
    }

    private static readonly Gen<Mutation> s_mutation =
        Gen.Select(Gen.Enum<ValidMutation>(), Gen.Int[0, 100_000], Gen.Int[0, 100_000], (kind, target, variant) => new Mutation(kind, target, variant));

    private static readonly Gen<BreakingMutation> s_breaking =
        Gen.Select(Gen.Enum<InvalidMutation>(), Gen.Int[0, 1_000_000], Gen.Int[0, 1000], (kind, position, variant) => new BreakingMutation(kind, position, variant));

    [Fact]
    public void Valid_mutants_are_read_typed_and_round_trip()
    {
        var mutants = new ConcurrentQueue<(string Json, Type Type, string Where)>();
        int count = 0;
        Gen.Select(Gen.Int[0, Sources.Count - 1], s_mutation.Array[1, 4]).Sample((index, mutations) =>
        {
            var (where, tree) = Sources[index];
            foreach (var mutation in mutations) tree = JsonMutator.Apply(tree, mutation);
            string json = JsonMutator.Write(tree);
            where = $"{where} after {string.Join(", ", mutations)}";
            var type = CheckValid(json, tree, where);
            Interlocked.Increment(ref count);
            mutants.Enqueue((json, type, where));
        }, seed: s_seed, iter: s_mutants, print: t => $"{Sources[t.Item1].Where} with {string.Join(", ", t.Item2)}");

        // The same mutants through the log reader, one per line.
        var list = mutants.ToList();
        var issues = new List<CloudTrailReadIssue>();
        var ndjson = Encoding.UTF8.GetBytes(string.Join("\n", list.Select(m => m.Json)) + "\n");
        var records = CloudTrailLog.Read(new MemoryStream(ndjson), new CloudTrailReadOptions { OnIssue = issues.Add }).ToList();
        Assert.Empty(issues);
        Assert.Equal(list.Count, records.Count);
        for (int i = 0; i < list.Count; i++)
        {
            Assert.True(list[i].Type == records[i].GetType(), $"{list[i].Where}: CloudTrailLog gave {records[i].GetType().Name}, JsonSerializer {list[i].Type.Name}");
            AssertRoundTrip(list[i].Json, records[i], "CloudTrailLog: " + list[i].Where);
        }
        _output.WriteLine($"{count} valid mutants of {Sources.Count} records, each read by JsonSerializer and by CloudTrailLog ({ndjson.Length / 1024} KiB of NDJSON).");
        Assert.Equal(s_mutants, count);
    }

    [Fact]
    public void Invalid_mutants_end_in_JsonException_or_a_positioned_issue()
    {
        var broken = new ConcurrentQueue<byte[]>();
        int invalid = 0, stillValid = 0;
        int total = Math.Max(1, s_mutants / 3);
        Gen.Select(Gen.Int[0, Sources.Count - 1], s_breaking).Sample((index, mutation) =>
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(JsonMutator.Write(Sources[index].Tree));
            byte[] mutant = JsonMutator.Break(utf8, mutation);
            string where = $"{Sources[index].Where} after {mutation}";
            if (JsonMutator.IsValidJson(mutant))
            {
                // Rare (a deleted space, an inserted one): then it must be read like any valid record.
                Interlocked.Increment(ref stillValid);
                if (mutant.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("{"u8)) CheckValid(Encoding.UTF8.GetString(mutant), JsonMutator.Parse(Encoding.UTF8.GetString(mutant)), where);
                return;
            }
            Interlocked.Increment(ref invalid);
            try
            {
                JsonSerializer.Deserialize(mutant, CloudTrailJsonContext.Default.CloudTrailRecord);
                Assert.Fail($"{where}: invalid JSON was read without an error");
            }
            catch (JsonException)
            {
                // The one exception type a caller of JsonSerializer expects.
            }
            if (mutant.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') < 0) broken.Enqueue(mutant);
        }, seed: s_seed, iter: total, print: t => $"{Sources[t.Item1].Where} with {t.Item2}");

        // Through the reader: each broken line is followed by a good one, which must still be read.
        var lines = broken.ToList();
        var stream = new MemoryStream();
        // A good record first: the reader tells the framing from the first value, and a broken
        // line that happens to open with '[' would rightly make the input a JSON array.
        stream.Write("{\"eventVersion\":\"1.08\",\"eventID\":\"first\"}\n"u8);
        for (int i = 0; i < lines.Count; i++)
        {
            stream.Write(lines[i]);
            stream.Write(Encoding.UTF8.GetBytes($"\n{{\"eventVersion\":\"1.08\",\"eventID\":\"sentinel-{i}\"}}\n"));
        }
        var issues = new List<CloudTrailReadIssue>();
        var records = new List<CloudTrailRecord>();
        try
        {
            foreach (var record in CloudTrailLog.Read(new MemoryStream(stream.ToArray()), new CloudTrailReadOptions { OnIssue = issues.Add })) records.Add(record);
        }
        catch (CloudTrailFormatException e)
        {
            Assert.Fail($"NDJSON with broken lines should be reported line by line, not stop the reader: {e.Message}");
        }
        var sentinels = records.Where(r => r.EventID?.StartsWith("sentinel-", StringComparison.Ordinal) == true).Select(r => r.EventID).ToList();
        for (int i = 0; i < lines.Count; i++)
        {
            Assert.True(i < sentinels.Count && sentinels[i] == $"sentinel-{i}",
                $"The good line after broken line {i} was not read; the broken line: {Encoding.UTF8.GetString(lines[i])}");
        }
        Assert.Equal(lines.Count, sentinels.Count);
        int nonEmpty = lines.Count(l => l.AsSpan().Trim(" \t"u8).Length > 0); // a record cut at byte 0 is an empty line
        Assert.True(issues.Count(i => i.Kind == CloudTrailReadIssueKind.Malformed) >= nonEmpty, $"{issues.Count} issues for {nonEmpty} broken lines");
        Assert.All(issues, i => Assert.InRange(i.ByteOffset, 0, stream.Length));
        _output.WriteLine($"{invalid} invalid mutants (and {stillValid} that stayed valid JSON); {lines.Count} of them also as NDJSON lines between good records.");
    }

    [Fact]
    public void Deeper_than_the_limits_is_a_JsonException_or_an_issue()
    {
        // The serializer's default MaxDepth is 64 and the log reader's 128: deeper valid JSON is
        // refused with the exception each caller expects, never a stack overflow.
        string record = JsonMutator.Write(JsonMutator.Parse(Json.Seed("sns-publish")));
        string deep = record.Replace("\"requestParameters\":", "\"requestParameters\":" + new string('[', 200), StringComparison.Ordinal);
        deep = deep.Replace(",\"responseElements\":", new string(']', 200) + ",\"responseElements\":", StringComparison.Ordinal);
        Assert.True(JsonMutator.IsValidJson(Encoding.UTF8.GetBytes(deep)));
        Assert.ThrowsAny<JsonException>(() => Json.Read(deep));
        var issues = new List<CloudTrailReadIssue>();
        Assert.Empty(CloudTrailLog.Read(new MemoryStream(Encoding.UTF8.GetBytes(JsonMutator.Write(JsonMutator.Parse(deep)) + "\n")), new CloudTrailReadOptions { OnIssue = issues.Add }));
        Assert.Equal(CloudTrailReadIssueKind.Malformed, Assert.Single(issues).Kind);
    }

    /// <summary>Reads one valid mutant with JsonSerializer and checks what it must be; returns its type.</summary>
    internal static Type CheckValid(string json, MNode tree, string where)
    {
        CloudTrailRecord record;
        try
        {
            record = Json.Read(json);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{where}: a valid record was not read ({e.GetType().Name}: {e.Message})\n{Shorten(json)}", e);
        }
        AssertRoundTrip(json, record, where);
        AssertTyped((MObject)tree, record, where);
        AssertDispatch((MObject)tree, record, where);

        // The typed request and response, where the event has them, and the JSON written from them.
        foreach (var name in new[] { "Request", "Response" })
        {
            var property = record.GetType().GetProperty(name);
            if (property is null) continue;
            object? typed;
            try
            {
                typed = property.GetValue(record);
            }
            catch (TargetInvocationException e)
            {
                throw new InvalidOperationException($"{where}: reading {name} threw {e.InnerException!.GetType().Name}: {e.InnerException.Message}", e.InnerException);
            }
            string json2 = name == "Request" ? "requestParameters" : "responseElements";
            if (Single(((MObject)tree), json2) is MObject part && typed is CloudTrailObject obj) AssertTyped(part, obj, $"{where} ({name})");
        }
        AssertRoundTrip(json, record, where + " (after reading Request and Response)");
        return record.GetType();
    }

    internal static void AssertRoundTrip(string input, CloudTrailRecord record, string where)
    {
        string output = Json.Write(record);
        if (!JsonMutator.JsonEquals(input, output))
        {
            throw new InvalidOperationException($"{where}: the round trip changed the record.\ninput:  {Shorten(input)}\noutput: {Shorten(output)}");
        }
    }

    /// <summary>Members whose value has the member's type are typed (and read as written).</summary>
    private static void AssertTyped(MObject node, CloudTrailObject value, string where)
    {
        var properties = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name))
            .Where(p => p.Name is not null)
            .ToList();
        foreach (var (property, name) in properties)
        {
            if (properties.Count(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) > 1) continue;
            var matches = node.Properties.Where(p => string.Equals(JsonMutator.Unescape(p.RawKey), name, StringComparison.OrdinalIgnoreCase)).ToList();
            object? actual = property.GetValue(value);
            if (matches.Count == 0)
            {
                if (actual is not null) throw new InvalidOperationException($"{where}: '{name}' is absent but its property is set");
                continue;
            }
            if (matches.Count > 1) continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            switch (matches[0].Value)
            {
                case MScalar s when s.IsString && type == typeof(string):
                    string text = JsonMutator.Unescape(s.Raw.Substring(1, s.Raw.Length - 2));
                    if (JsonMutator.HasLoneSurrogate(text)) break;
                    if (!string.Equals(text, (string?)actual, StringComparison.Ordinal)) throw new InvalidOperationException($"{where}: '{name}' is {s.Raw} but the property is '{actual}'");
                    break;
                case MScalar s when (s.Raw == "true" || s.Raw == "false") && type == typeof(bool):
                    if (!Equals(actual, s.Raw == "true")) throw new InvalidOperationException($"{where}: '{name}' is {s.Raw} but the property is '{actual}'");
                    break;
                case MScalar s when s.Raw == "null":
                    if (actual is not null) throw new InvalidOperationException($"{where}: '{name}' is null but its property is set");
                    break;
                case MObject o when typeof(CloudTrailObject).IsAssignableFrom(type):
                    if (actual is not CloudTrailObject nested) throw new InvalidOperationException($"{where}: '{name}' is an object but its property is not set");
                    AssertTyped(o, nested, $"{where} / {name}");
                    break;
                case MArray when typeof(IList).IsAssignableFrom(type):
                case MObject when type == typeof(RawJson):
                    if (actual is null) throw new InvalidOperationException($"{where}: '{name}' has a value of its type but its property is not set");
                    break;
            }
        }
    }

    /// <summary>The record's class is the one its eventSource and eventName name, whatever else changed.</summary>
    private static void AssertDispatch(MObject node, CloudTrailRecord record, string where)
    {
        if (Single(node, "eventSource") is not MScalar { IsString: true } source || Single(node, "eventName") is not MScalar { IsString: true } name) return;
        if (JsonMutator.HasLoneSurrogate(JsonMutator.Unescape(source.Raw)) || JsonMutator.HasLoneSurrogate(JsonMutator.Unescape(name.Raw))) return;
        var expected = Json.Read($"{{\"eventSource\":{source.Raw},\"eventName\":{name.Raw}}}").GetType();
        if (expected != record.GetType()) throw new InvalidOperationException($"{where}: read as {record.GetType().Name}, expected {expected.Name}");
    }

    /// <summary>The value of the only key that matches a name ignoring case, or null.</summary>
    private static MNode? Single(MObject node, string name)
    {
        var matches = node.Properties.Where(p => string.Equals(JsonMutator.Unescape(p.RawKey), name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0].Value : null;
    }

    private static string Shorten(string json) => json.Length <= 3000 ? json : json.Substring(0, 3000) + $"... ({json.Length} chars)";
}
