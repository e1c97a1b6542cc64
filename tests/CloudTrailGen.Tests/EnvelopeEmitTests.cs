using System;
using System.Linq;
using CloudTrailGen.Emit;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using CloudTrailGen.Tests.Infrastructure;
using Xunit;
using ModelTypeKind = CloudTrailGen.Model.TypeKind;

namespace CloudTrailGen.Tests;

/// <summary>
/// How the envelope's typed fields are read, decided from the members' types: object codecs (of
/// objects, and of lists and maps of them at any depth) are kept in static fields, strings are
/// read with ReadString, and nothing else gets either.
/// </summary>
public class EnvelopeEmitTests
{
    [Fact]
    public void Codecs_that_make_objects_are_kept_in_static_fields_whatever_the_nesting()
    {
        static TypeSpec Shape(string name) => new(ModelTypeKind.Shape, name);
        static TypeSpec ListOf(TypeSpec element) => new(ModelTypeKind.List, null, element);
        static TypeSpec MapOf(TypeSpec element) => new(ModelTypeKind.Map, null, element);
        static MemberSpec Member(string json, TypeSpec type) => new(json, char.ToUpperInvariant(json[0]) + json.Substring(1), type, null, false);

        var root = new ShapeSpec("Rec", "Rec", null, false, new[]
        {
            Member("eventSource", TypeSpec.String),
            Member("eventName", TypeSpec.String),
            Member("requestParameters", new TypeSpec(ModelTypeKind.Json)),
            Member("responseElements", new TypeSpec(ModelTypeKind.Json)),
            Member("one", Shape("Item")),
            Member("many", ListOf(Shape("Item"))),
            Member("deep", MapOf(ListOf(Shape("Item")))),
            Member("levels", ListOf(Shape("Level"))),
            Member("names", ListOf(TypeSpec.String)),
            Member("level", Shape("Level")),
        }.ToEquatableArray(), EquatableArray<EnumValueSpec>.Empty);
        var item = new ShapeSpec("Item", "Item", null, false, new[] { Member("id", TypeSpec.String) }.ToEquatableArray(), EquatableArray<EnumValueSpec>.Empty);
        var level = new ShapeSpec("Level", "Level", null, true, EquatableArray<MemberSpec>.Empty,
            new[] { new EnumValueSpec("low", "Low", EquatableArray<string>.Empty) }.ToEquatableArray());
        var envelope = new EnvelopeEmitSpec("Acme.Trail",
            new EnvelopeSpec("Rec", "eventSource", "eventName", "requestParameters", "responseElements", new[] { root, item, level }.ToEquatableArray()),
            EquatableArray<DispatchSpec>.Empty);

        var sources = SourceEmitter.EmitEnvelope(envelope).ToList();
        string types = sources.Single(s => s.HintName == "Envelope.Types.g.cs").Source;
        string rec = types.Substring(types.IndexOf("public partial class Rec ", StringComparison.Ordinal));
        rec = rec.Substring(0, rec.IndexOf("public sealed partial class Item ", StringComparison.Ordinal));

        // Members 4, 5 and 6 hold objects (directly, in a list, in a map of lists); 7-9 do not.
        Assert.Equal(new[] { "s_codec4", "s_codec5", "s_codec6" },
            System.Text.RegularExpressions.Regex.Matches(rec, @"static readonly [^\n]* (s_codec\d+) =").Select(m => m.Groups[1].Value));
        Assert.Contains("case 5: _many = Read(ref reader, 5, s_codec5); break;", rec, StringComparison.Ordinal);
        Assert.Contains("case 7: _levels = Read(ref reader, 7, J.ListOf(J.Enum<global::Acme.Trail.Level>())); break;", rec, StringComparison.Ordinal);
        Assert.Contains("case 8: _names = Read(ref reader, 8, J.ListOf(J.String)); break;", rec, StringComparison.Ordinal);
        Assert.Contains("case 0: _eventSource = ReadString(ref reader, 0); break;", rec, StringComparison.Ordinal);

        // And it compiles.
        var compilation = GeneratorHarness.CreateCompilation(sources.Select(s => s.Source).Prepend(GeneratorHarness.ConsumerSource).ToArray());
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
