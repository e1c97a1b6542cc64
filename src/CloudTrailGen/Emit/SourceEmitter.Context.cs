using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using static CloudTrailGen.Helpers.KnownNames;

namespace CloudTrailGen.Emit;

// The JSON context and the log reader, in one file with the record converter (.Dispatch).
internal static partial class SourceEmitter
{
    /// <summary>The file of the record converter, the JSON context and the log reader.</summary>
    private static string EmitContext(EnvelopeEmitSpec spec, ShapeSpec root)
    {
        string ns = spec.RootNamespace;
        string record = root.ClassName;
        var w = Header(ns);

        EmitRecordConverter(w, spec, root);
        EmitJsonContext(w, record);
        EmitLogReader(w, record);
        w.Close();
        return w.ToString();
    }

    /// <summary>The context: type information for every generated type, created from its converter.</summary>
    private static void EmitJsonContext(SourceWriter w, string record)
    {
        w.Summary("System.Text.Json type information for every generated CloudTrail type, without reflection: safe for trimming and Native AOT. Combine it with other resolvers through <c>JsonTypeInfoResolver.Combine</c>.");
        w.Line(GeneratedCode);
        w.Open($"public sealed partial class {ContextClass} : {Stj}.Serialization.JsonSerializerContext, {Stj}.Serialization.Metadata.IJsonTypeInfoResolver");
        w.Line($"private {Stj}.Serialization.Metadata.JsonTypeInfo<{record}>? _record;");
        w.Line();
        w.Summary("The shared instance, with default options.");
        w.Line($"public static {ContextClass} Default {{ get; }} = new {ContextClass}(new {Stj}.JsonSerializerOptions());");
        w.Line();
        w.Summary("Creates a context with its own default options.");
        w.Line($"public {ContextClass}() : base(null) {{ }}");
        w.Line();
        w.Summary("Creates a context bound to <paramref name=\"options\"/>.");
        w.Line("/// <param name=\"options\">Options that this context becomes the type information resolver of.</param>");
        w.Line($"public {ContextClass}({Stj}.JsonSerializerOptions options) : base(options) {{ }}");
        w.Line();
        w.Summary($"Type information for <see cref=\"{record}\"/>: reading returns the typed event class when the catalog has one.");
        w.Line($"public {Stj}.Serialization.Metadata.JsonTypeInfo<{record}> {record} => _record ??= ({Stj}.Serialization.Metadata.JsonTypeInfo<{record}>)Options.GetTypeInfo(typeof({record}));");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {Stj}.JsonSerializerOptions? GeneratedSerializerOptions => null;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"public override {Stj}.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type)");
        w.Line("Options.TryGetTypeInfo(type, out var typeInfo);");
        w.Line("return typeInfo;");
        w.Close();
        w.Line();
        w.Open($"{Stj}.Serialization.Metadata.JsonTypeInfo? {Stj}.Serialization.Metadata.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {Stj}.JsonSerializerOptions options)");
        w.Open($"if (type == typeof({record}))");
        w.Line($"return {Stj}.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<{record}>(options, new {RecordConverterClass(record)}());");
        w.Close();
        w.Line("// Every other generated type names its converter in a [JsonConverter] attribute: no code per type.");
        w.Line($"return {Runtime.CloudTrailTypeInfo}.FromConverterAttribute(type, typeof({ContextClass}).Assembly, options);");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>The log reader: <c>CloudTrailLogReader</c> bound to the context's record type information.</summary>
    private static void EmitLogReader(SourceWriter w, string record)
    {
        const string Options = Runtime.CloudTrailReadOptions;
        const string Token = "global::System.Threading.CancellationToken";
        string info = $"{ContextClass}.Default.{record}";
        w.Summary($"Reads CloudTrail records, typed, from wherever they arrive: log files (also gzip), one record per line, arrays, EventBridge events, CloudWatch Logs payloads and LookupEvents responses. Records are read one at a time: memory does not grow with the input.");
        w.Line(GeneratedCode);
        w.Open($"public static class {LogClass}");
        w.Summary("Reads the records in a stream, asynchronously. The caller keeps ownership of the stream.");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IAsyncEnumerable<{record}> ReadAsync(global::System.IO.Stream stream, {Options}? options = null, {Token} cancellationToken = default) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadAsync(stream, {info}, options, cancellationToken);");
        w.Line();
        w.Summary("Reads the records in a stream. The caller keeps ownership of the stream.");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IEnumerable<{record}> Read(global::System.IO.Stream stream, {Options}? options = null) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.Read(stream, {info}, options);");
        w.Line();
        w.Summary("Reads the records in a file (<c>.json</c>, <c>.json.gz</c>, <c>.ndjson</c>, ...), asynchronously.");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IAsyncEnumerable<{record}> ReadFileAsync(string path, {Options}? options = null, {Token} cancellationToken = default) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadFileAsync(path, {info}, options, cancellationToken);");
        w.Line();
        w.Summary("Reads the records in a file (<c>.json</c>, <c>.json.gz</c>, <c>.ndjson</c>, ...).");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IEnumerable<{record}> ReadFile(string path, {Options}? options = null) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadFile(path, {info}, options);");
        w.Close();
    }
}
