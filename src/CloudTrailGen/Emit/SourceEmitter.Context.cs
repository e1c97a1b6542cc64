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
        var w = Header(ns, spec.Visibility);

        EmitRecordConverter(w, spec, root);
        EmitJsonContext(w, record);
        EmitLogReader(w, record);
        w.Line();
        EmitServiceIndex(w, spec.Services);
        w.Close();
        return w.ToString();
    }

    /// <summary>The services generated here as data: id, title, namespace and eventSources, found by id or eventSource.</summary>
    private static void EmitServiceIndex(SourceWriter w, EquatableArray<ServiceIndexEntry> services)
    {
        const string Info = Runtime.CloudTrailServiceInfo;
        w.Summary("The services this project generates types for (its <c>CloudTrailService</c> selection and catalog files): id, C# namespace and eventSources, found by id or by eventSource.");
        w.Line(GeneratedCode);
        w.Open($"{w.TypeVisibility} static class {ServicesClass}");
        w.Line($"private static readonly {Runtime.CloudTrailServiceIndex} s_index = new(new {Info}[]");
        w.Line("{");
        foreach (var service in services)
        {
            string title = service.Title is null ? "null" : Identifiers.Literal(service.Title);
            string sources = service.EventSources.Count == 0 ? "global::System.Array.Empty<string>()" : "new[] { " + string.Join(", ", service.EventSources.Select(Identifiers.Literal)) + " }";
            w.Line($"    new({Identifiers.Literal(service.Id)}, {title}, {Identifiers.Literal(service.Namespace)}, {sources}),");
        }
        w.Line("});");
        w.Line();
        w.Summary("Every generated service, in ordinal order of the ids.");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Info}> All => s_index;");
        w.Line();
        w.Summary("The generated service that logs under <paramref name=\"eventSource\"/> (ignoring case), such as <c>iam</c> for <c>iam.amazonaws.com</c>; null when no generated service does.");
        w.Line("/// <param name=\"eventSource\">A record's <c>eventSource</c>.</param>");
        w.Line($"public static {Info}? FindByEventSource(string? eventSource) => s_index.FindByEventSource(eventSource);");
        w.Line();
        w.Summary("The generated service with the id <paramref name=\"id\"/> (ignoring case); null when there is none.");
        w.Line("/// <param name=\"id\">A service id, as <c>CloudTrailService</c> takes it.</param>");
        w.Line($"public static {Info}? FindById(string? id) => s_index.FindById(id);");
        w.Close();
    }

    /// <summary>The context: type information for every generated type, created from its converter.</summary>
    private static void EmitJsonContext(SourceWriter w, string record)
    {
        w.Summary("System.Text.Json type information for every generated CloudTrail type, without reflection: safe for trimming and Native AOT. Combine it with other resolvers through <c>JsonTypeInfoResolver.Combine</c>.");
        w.Line(GeneratedCode);
        w.Open($"{w.TypeVisibility} sealed partial class {ContextClass} : {Stj}.Serialization.JsonSerializerContext, {Stj}.Serialization.Metadata.IJsonTypeInfoResolver");
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
        w.Summary($"Reads CloudTrail records, typed, from wherever they arrive: log files (also gzip) and folders of them, one record per line, arrays, EventBridge events, CloudWatch Logs payloads and LookupEvents responses. Records are read one at a time: memory does not grow with the input.");
        w.Line(GeneratedCode);
        w.Open($"{w.TypeVisibility} static class {LogClass}");
        w.Summary("The schema of every selected service: what events without a generated class are read with, and a way to read any event's parts by schema.");
        w.Line($"public static {Runtime.CloudTrailSchema} Schema => {SchemaClass}.Instance;");
        w.Line();
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
        w.Line();
        w.Summary($"Reads the records of every log file in a folder and its subfolders (<c>.json</c>, <c>.json.gz</c>, <c>.ndjson</c>, ...; not digest files), file by file in the order of <see cref=\"{Runtime.CloudTrailLogReader}.GetLogFiles\"/>, asynchronously.");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">A file cannot be read on; every record before the problem was returned, and the exception names the file.</exception>");
        w.Line($"public static global::System.Collections.Generic.IAsyncEnumerable<{record}> ReadDirectoryAsync(string directory, {Options}? options = null, {Token} cancellationToken = default) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadDirectoryAsync(directory, {info}, options, cancellationToken);");
        w.Line();
        w.Summary($"Reads the records of every log file in a folder and its subfolders (<c>.json</c>, <c>.json.gz</c>, <c>.ndjson</c>, ...; not digest files), file by file in the order of <see cref=\"{Runtime.CloudTrailLogReader}.GetLogFiles\"/>.");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">A file cannot be read on; every record before the problem was returned, and the exception names the file.</exception>");
        w.Line($"public static global::System.Collections.Generic.IEnumerable<{record}> ReadDirectory(string directory, {Options}? options = null) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadDirectory(directory, {info}, options);");
        EmitViewReaders(w, record, info);
        w.Close();
    }

    /// <summary>The view readers: the same inputs, each record a view over the reader's buffer (<c>CloudTrailRecordView</c>).</summary>
    private static void EmitViewReaders(SourceWriter w, string record, string info)
    {
        const string Options = Runtime.CloudTrailReadOptions;
        const string Token = "global::System.Threading.CancellationToken";
        string view = $"{Runtime.CloudTrailRecordView}<{record}>";
        const string Valid = "The view is one object, reused: valid until the next record is read (keep <c>Materialize()</c>'s record, or a field's string).";
        w.Line();
        w.Summary($"Reads the records in a stream as views: each record's end and common fields are found in one pass over its bytes, nothing is built until <c>Materialize()</c> is called. {Valid}");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IEnumerable<{view}> ReadViews(global::System.IO.Stream stream, {Options}? options = null) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadViews(stream, {info}, options);");
        w.Line();
        w.Summary($"Reads the records in a stream as views, asynchronously. {Valid}");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IAsyncEnumerable<{view}> ReadViewsAsync(global::System.IO.Stream stream, {Options}? options = null, {Token} cancellationToken = default) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadViewsAsync(stream, {info}, options, cancellationToken);");
        w.Line();
        w.Summary($"Reads the records in a file (<c>.json</c>, <c>.json.gz</c>, <c>.ndjson</c>, ...) as views. {Valid}");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IEnumerable<{view}> ReadFileViews(string path, {Options}? options = null) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadFileViews(path, {info}, options);");
        w.Line();
        w.Summary($"Reads the records in a file as views, asynchronously. {Valid}");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">The input cannot be read on; every record before the problem was returned.</exception>");
        w.Line($"public static global::System.Collections.Generic.IAsyncEnumerable<{view}> ReadFileViewsAsync(string path, {Options}? options = null, {Token} cancellationToken = default) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadFileViewsAsync(path, {info}, options, cancellationToken);");
        w.Line();
        w.Summary($"Reads the records of every log file in a folder and its subfolders as views, file by file in the order of <see cref=\"{Runtime.CloudTrailLogReader}.GetLogFiles\"/>. {Valid}");
        w.Line($"/// <exception cref=\"{Runtime.CloudTrailFormatException}\">A file cannot be read on; every record before the problem was returned, and the exception names the file.</exception>");
        w.Line($"public static global::System.Collections.Generic.IEnumerable<{view}> ReadDirectoryViews(string directory, {Options}? options = null) =>");
        w.Line($"    {Runtime.CloudTrailLogReader}.ReadDirectoryViews(directory, {info}, options);");
    }
}
