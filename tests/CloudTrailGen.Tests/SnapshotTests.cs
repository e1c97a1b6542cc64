using System.Linq;
using CloudTrailGen.Emit;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using CloudTrailGen.Tests.Infrastructure;
using Xunit;
using ModelTypeKind = CloudTrailGen.Model.TypeKind;

namespace CloudTrailGen.Tests;

/// <summary>
/// What the generator writes, compared with committed snapshots in Snapshots/. A change to emitted
/// code shows up as a diff in review; accept it with CLOUDTRAILGEN_ACCEPT_SNAPSHOTS=1.
/// </summary>
public class SnapshotTests
{
    [Fact]
    public void InMemoryCatalog_EveryGeneratedFile()
    {
        var run = GeneratorHarness.Run(
            new GeneratorSettings("widgets"),
            CatalogFile.Envelope(TestCatalogs.Envelope),
            CatalogFile.Builtin("widgets", TestCatalogs.Widgets));

        Assert.Empty(run.Diagnostics);
        Assert.Equal(
            new[] { "CloudTrailGenSchema.g.cs", "CloudTrailJsonContext.g.cs", "Envelope.Types.g.cs", "Widgets.Events.g.cs", "Widgets.Schema.g.cs", "Widgets.Shapes.g.cs" },
            run.HintNames);
        run.AssertCompilesCleanly();
        Snapshot.VerifyAll(run.Sources.Select(source =>
            ($"{nameof(SnapshotTests)}.{nameof(InMemoryCatalog_EveryGeneratedFile)}#{HintStem(source.HintName)}", source.SourceText.ToString())));
    }

    [Fact]
    public void RepoCatalog_Sns()
    {
        var run = GeneratorHarness.Run(new GeneratorSettings("sns", "My.Ct"), RepoCatalog.Envelope(), RepoCatalog.Service("sns"));

        Assert.Empty(run.Diagnostics);
        Assert.Contains("Sns.Shapes.g.cs", run.HintNames);
        run.AssertCompilesCleanly();
        Snapshot.VerifyAll(new[] { "Sns.Events.g.cs", "CloudTrailJsonContext.g.cs" }.Select(hint =>
            ($"{nameof(SnapshotTests)}.{nameof(RepoCatalog_Sns)}#{HintStem(hint)}", run.Source(hint))));
    }

    [Fact]
    public void Emitter_HandBuiltSpecs()
    {
        var (service, envelope) = HandBuiltSpecs();

        var serviceSources = SourceEmitter.EmitService(service).Append(SourceEmitter.EmitServiceSchema(service, envelope.Envelope)).ToList();
        var envelopeSources = SourceEmitter.EmitEnvelope(envelope).ToList();

        Assert.Equal(new[] { "Acme.Events.g.cs", "Acme.Shapes.g.cs", "Acme.Schema.g.cs" }, serviceSources.Select(s => s.HintName));
        Assert.Equal(new[] { "Envelope.Types.g.cs", "CloudTrailJsonContext.g.cs", "CloudTrailGenSchema.g.cs" }, envelopeSources.Select(s => s.HintName));
        Snapshot.VerifyAll(serviceSources.Concat(envelopeSources).Select(s =>
            ($"{nameof(SnapshotTests)}.{nameof(Emitter_HandBuiltSpecs)}#{HintStem(s.HintName)}", s.Source)));

        // The schema literal is compressed; expanded, it is the text the runtime parses.
        Assert.Equal(
            @"CTGS1\nE\tPing\tManagement\t1\tPing2024\nQ\ttargets\tTarget[]\tsentAt\ttimestamp\tkind\tKind\ttoken\tstring\tlimits\tmap<integer>\nR\tok\tboolean\tlatency\tdouble\nS\tTarget\thost\tstring\tport\tinteger\tlevel\tLevel\nN\tLevel\tlow\tHIGH|high\nN\tKind\tCall\tEvent|Notification\n",
            GeneratorHarness.SchemaText(serviceSources.Single(s => s.HintName == "Acme.Schema.g.cs").Source));

        // The hand-built specs are consistent, so what the emitter makes of them must compile.
        var compilation = GeneratorHarness.CreateCompilation(
            serviceSources.Concat(envelopeSources).Select(s => s.Source).Prepend(GeneratorHarness.ConsumerSource).ToArray());
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string HintStem(string hintName) =>
        hintName.EndsWith(".cs", System.StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - 3) : hintName;

    /// <summary>
    /// Specs built by hand, as the parser and model would make them: a service with an event that
    /// has a request (string, timestamp, envelope enum, local shape list, map of integers) and a
    /// response, a local enum with an alias; and an envelope whose dispatch names that event.
    /// </summary>
    internal static (ServiceEmitSpec Service, EnvelopeEmitSpec Envelope) HandBuiltSpecs()
    {
        static EquatableArray<T> Array<T>(params T[] items) where T : System.IEquatable<T> => items.ToEquatableArray();
        static MemberSpec Member(string json, string property, TypeSpec type, string? doc = null, bool redacted = false) =>
            new(json, property, type, doc, redacted);
        static ShapeSpec Structure(string name, string? doc, params MemberSpec[] members) =>
            new(name, name, doc, false, Array(members), EquatableArray<EnumValueSpec>.Empty);

        var kindEnum = new ShapeSpec("Kind", "Kind", "Kinds of record.", true, EquatableArray<MemberSpec>.Empty,
            Array(new EnumValueSpec("Call", "Call", EquatableArray<string>.Empty), new EnumValueSpec("Event", "Event", Array("Notification"))));
        var root = Structure("Rec", "The record.",
            Member("eventSource", "EventSource", TypeSpec.String),
            Member("eventName", "EventName", TypeSpec.String),
            Member("eventTime", "EventTime", new TypeSpec(ModelTypeKind.Timestamp)),
            Member("kind", "Kind", new TypeSpec(ModelTypeKind.Shape, "Kind")),
            Member("requestParameters", "RequestParameters", new TypeSpec(ModelTypeKind.Json)),
            Member("responseElements", "ResponseElements", new TypeSpec(ModelTypeKind.Json)));
        var envelopeSpec = new EnvelopeSpec("Rec", "eventSource", "eventName", "requestParameters", "responseElements", Array(root, kindEnum));

        var level = new ShapeSpec("Level", "Level", null, true, EquatableArray<MemberSpec>.Empty,
            Array(new EnumValueSpec("low", "Low", EquatableArray<string>.Empty), new EnumValueSpec("HIGH", "High", Array("high"))));
        var target = Structure("Target", "Something to ping.",
            Member("host", "Host", TypeSpec.String, "The host name."),
            Member("port", "Port", new TypeSpec(ModelTypeKind.Integer)),
            Member("level", "Level", new TypeSpec(ModelTypeKind.Shape, "Level")));
        var ping = new EventSpec("Ping", "PingEvent", "Pings targets.", "Management", true, Array("Ping2024"), Array("AWS::Acme::Target"),
            Structure("PingRequest", null,
                Member("targets", "Targets", new TypeSpec(ModelTypeKind.List, null, new TypeSpec(ModelTypeKind.Shape, "Target"))),
                Member("sentAt", "SentAt", new TypeSpec(ModelTypeKind.Timestamp)),
                Member("kind", "Kind", new TypeSpec(ModelTypeKind.Shape, "Kind")),
                Member("token", "Token", TypeSpec.String, null, redacted: true),
                Member("limits", "Limits", new TypeSpec(ModelTypeKind.Map, null, new TypeSpec(ModelTypeKind.Integer)))),
            Structure("PingResponse", null,
                Member("ok", "Ok", new TypeSpec(ModelTypeKind.Boolean)),
                Member("latency", "Latency", new TypeSpec(ModelTypeKind.Double))));
        var serviceSpec = new ServiceSpec("acme", "Acme Pinger", "Acme", Array("acme.amazonaws.com"), Array("AWS::Acme::Target"),
            Array(ping), Array(target, level));

        var service = new ServiceEmitSpec("Acme.Trail", "Rec", serviceSpec, Array("Kind"), EquatableArray<string>.Empty);
        var envelope = new EnvelopeEmitSpec("Acme.Trail", envelopeSpec,
            Array(new DispatchSpec("acme.amazonaws.com", Array(
                new DispatchEntry("Ping", "global::Acme.Trail.Acme.PingEvent"),
                new DispatchEntry("Ping2024", "global::Acme.Trail.Acme.PingEvent")))),
            Schema: Array(new SchemaServiceSpec("acme", "Acme", Array("acme.amazonaws.com"))));
        return (service, envelope);
    }
}
