using System;
using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>
/// Bad catalogs and bad selections: each reports one precise diagnostic (id, severity, message,
/// file, zero-based line and column), never crashes the generator, and leaves whatever is generated
/// compiling without errors or warnings.
/// </summary>
public class DiagnosticTests
{
    private const string SnsPath = "/catalog/services/sns.json";

    private static GeneratorRun RunService(string serviceJson, string services = "sns", string fileId = "sns") =>
        GeneratorHarness.Run(new GeneratorSettings(services), CatalogFile.Envelope(TestCatalogs.Envelope), CatalogFile.Builtin(fileId, serviceJson));

    /// <summary>The run's only diagnostic; checks that the generator did not crash and its output compiles.</summary>
    private static Diagnostic Single(GeneratorRun run, string id, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        run.AssertCompilesCleanly();
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal("CloudTrailGen", diagnostic.Descriptor.Category);
        return diagnostic;
    }

    private static void AssertAt(Diagnostic diagnostic, string path, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    private static void AssertMessage(Diagnostic diagnostic, params string[] parts)
    {
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var part in parts) Assert.Contains(part, message, StringComparison.Ordinal);
    }

    [Fact]
    public void CTG0001_MalformedJson_PointsAtTheError()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns"
              "eventSources": ["sns.amazonaws.com"],
              "events": {}
            }
            """);

        var d = Single(run, "CTG0001");
        AssertMessage(d, "not valid JSON", "expected ',' or '}'");
        AssertAt(d, SnsPath, 3, 2);
    }

    [Fact]
    public void CTG0001_TruncatedFile_PointsAtTheEnd()
    {
        var run = RunService("{\n  \"format\": 1,\n  \"service\": \"sn");

        var d = Single(run, "CTG0001");
        AssertMessage(d, "not valid JSON", "ends inside a string");
        AssertAt(d, SnsPath, 2, 13); // the string that never ends starts there
    }

    [Fact]
    public void CTG0002_MissingRequiredField()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": {
                "Publish": {
                  "request": {
                    "topicArn": { "doc": "The topic." }
                  }
                }
              }
            }
            """);

        var d = Single(run, "CTG0002");
        AssertMessage(d, "Member 'topicArn'", "no 'type' field", "required");
        AssertAt(d, SnsPath, 7, 20);
    }

    [Fact]
    public void CTG0002_MissingEventSources()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "events": {}
            }
            """);

        var d = Single(run, "CTG0002");
        AssertMessage(d, "no 'eventSources' field");
        AssertAt(d, SnsPath, 0, 0);
    }

    [Fact]
    public void CTG0003_WrongFieldType()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "eventSources": "sns.amazonaws.com",
              "events": {}
            }
            """);

        var d = Single(run, "CTG0003");
        AssertMessage(d, "'eventSources' must be an array of strings");
        AssertAt(d, SnsPath, 3, 18);
    }

    [Fact]
    public void CTG0004_DuplicateEvent_PointsAtTheSecond()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": {
                "Publish": { "request": { "topicArn": "string" } },
                "Publish": { "request": { "message": "string" } }
              }
            }
            """);

        var d = Single(run, "CTG0004");
        AssertMessage(d, "Event 'Publish' is defined more than once", "service 'sns'");
        AssertAt(d, SnsPath, 6, 4);
        // The first definition is kept and generated.
        Assert.Contains("public string? TopicArn", run.Source("Sns.Events.g.cs"));
        Assert.DoesNotContain("Message", run.Source("Sns.Events.g.cs"));
    }

    [Fact]
    public void CTG0005_UnknownShape_SuggestsTheClosest()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": {
                "Publish": {
                  "request": { "attributes": "map<MessageAttributeValu>" }
                }
              },
              "shapes": {
                "MessageAttributeValue": { "members": { "dataType": "string" } }
              }
            }
            """);

        var d = Single(run, "CTG0005");
        AssertMessage(d, "Type 'MessageAttributeValu' of member 'attributes' does not exist", "did you mean 'MessageAttributeValue'?");
        AssertAt(d, SnsPath, 6, 33);
    }

    [Fact]
    public void CTG0005_MisspeltPrimitive_SuggestsThePrimitive()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": {
                "Publish": {
                  "request": { "sentAt": { "type": "timestmap" } }
                }
              }
            }
            """);

        var d = Single(run, "CTG0005");
        AssertMessage(d, "Type 'timestmap' of member 'sentAt' does not exist", "did you mean 'timestamp'?");
        AssertAt(d, SnsPath, 6, 39);
    }

    [Fact]
    public void CTG0005_UnknownShapeInTheEnvelope()
    {
        string envelope = TestCatalogs.Envelope.Replace("\"userIdentity\": \"Identity\"", "\"userIdentity\": \"Identiti\"", StringComparison.Ordinal);
        Assert.NotEqual(TestCatalogs.Envelope, envelope);

        var run = GeneratorHarness.Run(new GeneratorSettings(null), CatalogFile.Envelope(envelope));

        var d = Single(run, "CTG0005");
        AssertMessage(d, "Type 'Identiti' of member 'userIdentity' does not exist", "did you mean 'Identity'?");
        AssertAt(d, "/catalog/envelope.json", 17, 24);
    }

    [Fact]
    public void CTG0006_EventNameThatCannotBecomeCSharp()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": {
                "---": { "request": { "topicArn": "string" } },
                "Publish": { "request": { "topicArn": "string" } }
              }
            }
            """);

        var d = Single(run, "CTG0006");
        AssertMessage(d, "Event name '---' cannot become a C# identifier");
        AssertAt(d, SnsPath, 5, 4);
        Assert.Contains("class PublishEvent", run.Source("Sns.Events.g.cs"));
    }

    [Fact]
    public void CTG0006_MemberNamedWithAKeyword()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": {
                "Publish": { "request": { "topicArn": { "type": "string", "name": "class" } } }
              }
            }
            """);

        var d = Single(run, "CTG0006");
        AssertMessage(d, "Member 'topicArn'", "'class'", "cannot become a C# identifier");
        AssertAt(d, SnsPath, 5, 30);
    }

    [Fact]
    public void CTG0007_UnknownService_SuggestsTheClosestIds()
    {
        var run = GeneratorHarness.Run(RepoCatalog.All(), new GeneratorSettings("snss"));

        var d = Single(run, "CTG0007");
        AssertMessage(d, "CloudTrailService 'snss' is not provided by any catalog file", "did you mean 'sns'");
        Assert.Equal(Location.None, d.Location);
        // Nothing of an unselected service is generated; the envelope still is.
        Assert.Equal(new[] { "CloudTrailGenSchema.g.cs", "CloudTrailJsonContext.g.cs", "Envelope.Types.g.cs" }, run.HintNames);
    }

    [Fact]
    public void CTG0007_UnknownService_WithoutACloseOne_ListsSome()
    {
        var run = GeneratorHarness.Run(RepoCatalog.All(), new GeneratorSettings("quantumledger"));

        var d = Single(run, "CTG0007");
        var first = RepoCatalog.ServiceIds().OrderBy(id => id, System.StringComparer.Ordinal).Take(2).ToArray();
        AssertMessage(d, "'quantumledger' is not provided", $"the catalog has {RepoCatalog.ServiceIds().Count()} services, such as {first[0]}, {first[1]}");
    }

    [Fact]
    public void CTG0016_BareStarExpandedToFiles_IsOneDiagnosticThatSaysToEscapeIt()
    {
        // <CloudTrailService Include="*" />: MSBuild gives the project folder's files, and the
        // targets pass those that exist as files (CloudTrailGenServiceFiles).
        const string Files = "Detections.csproj,nuget.config,Program.cs";
        var run = GeneratorHarness.Run(RepoCatalog.All(), new GeneratorSettings(Files, ServiceFiles: Files));

        var d = Single(run, "CTG0016");
        AssertMessage(d, "CloudTrailService lists files of the project ('Detections.csproj', 'Program.cs', 'nuget.config')",
            "MSBuild reads a bare '*' in Include as a file wildcard", "<CloudTrailService Include=\"%2A\" />");
        Assert.Equal(Location.None, d.Location);
        Assert.Equal(new[] { "CloudTrailGenSchema.g.cs", "CloudTrailJsonContext.g.cs", "Envelope.Types.g.cs" }, run.HintNames);
    }

    [Fact]
    public void CTG0016_OnlyForEntriesThatAreFiles_AndNeverForAService()
    {
        // A folder or file named like a service does not unselect it; a misspelt id that is not a
        // file is still CTG0007.
        var run = GeneratorHarness.Run(new GeneratorSettings("Program.cs,snss,sns", ServiceFiles: "Program.cs,sns"), RepoCatalog.Envelope(), RepoCatalog.Service("sns"));

        run.AssertCompilesCleanly();
        Assert.Equal(new[] { "CTG0007", "CTG0016" }, run.Diagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
        AssertMessage(run.Diagnostics.Single(d => d.Id == "CTG0016"), "('Program.cs')");
        AssertMessage(run.Diagnostics.Single(d => d.Id == "CTG0007"), "'snss'");
        Assert.Contains("Sns.Schema.g.cs", run.HintNames);
    }

    [Fact]
    public void CTG0008_UnknownEvent_SuggestsTheClosest()
    {
        var s3 = RepoCatalog.Service("s3");
        var run = GeneratorHarness.Run(new GeneratorSettings("s3:GetObjekt"), RepoCatalog.Envelope(), s3);

        var d = Single(run, "CTG0008");
        AssertMessage(d, "CloudTrailService 's3:GetObjekt' selects event 'GetObjekt', which service 's3' does not define", "did you mean 'GetObject'");
        // Not a location in the service file (in a consumer's build, the package's catalog in the
        // NuGet cache): the mistake is in the project file, which the generator cannot point into.
        Assert.Equal(Location.None, d.Location);
    }

    [Fact]
    public void CTG0008_KnownEvent_GeneratesOnlyThatEvent()
    {
        var run = GeneratorHarness.Run(new GeneratorSettings("widgets:DescribeWidget"), CatalogFile.Envelope(TestCatalogs.Envelope), CatalogFile.Builtin("widgets", TestCatalogs.Widgets));

        run.AssertCompilesCleanly();
        Assert.Empty(run.Diagnostics);
        string events = run.Source("Widgets.Events.g.cs");
        Assert.Contains("class DescribeWidgetEvent", events);
        Assert.DoesNotContain("CreateWidget", events);
    }

    [Fact]
    public void CTG0009_UnsupportedFormat()
    {
        var run = RunService("""
            {
              "format": 2,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": {}
            }
            """);

        var d = Single(run, "CTG0009");
        AssertMessage(d, "Catalog format 2 is not supported", "format 1");
        AssertAt(d, SnsPath, 1, 12);
    }

    [Fact]
    public void CTG0010_UnknownField_IsAWarning_WithSuggestion()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "titel": "Simple Notification Service",
              "eventSources": ["sns.amazonaws.com"],
              "events": { "Publish": { "request": { "topicArn": "string" } } }
            }
            """);

        var d = Single(run, "CTG0010", DiagnosticSeverity.Warning);
        AssertMessage(d, "'titel' is not a field of a service file and is ignored", "did you mean 'title'?");
        AssertAt(d, SnsPath, 3, 2);
        // A warning does not stop generation.
        Assert.Contains("class PublishEvent", run.Source("Sns.Events.g.cs"));
    }

    [Fact]
    public void CTG0011_MissingEnvelope()
    {
        var run = GeneratorHarness.Run(new GeneratorSettings("sns"), RepoCatalog.Service("sns"));

        var d = Single(run, "CTG0011");
        AssertMessage(d, "No catalog file describes the record envelope", "\"kind\": \"envelope\"");
        Assert.Equal(Location.None, d.Location);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void CTG0012_FileNameMismatch()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sqs",
              "eventSources": ["sqs.amazonaws.com"],
              "events": { "SendMessage": { "request": { "queueUrl": "string" } } }
            }
            """);

        var d = Single(run, "CTG0012");
        AssertMessage(d, "Service 'sqs' is in file 'sns.json'", "named after its service id");
        AssertAt(d, SnsPath, 2, 13);
    }

    [Fact]
    public void CTG0014_InvalidValue()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": { "Publish": { "category": "Dta", "request": { "topicArn": "string" } } }
            }
            """);

        var d = Single(run, "CTG0014");
        AssertMessage(d, "'Dta' is not a valid event category", "Management, Data, NetworkActivity");
        AssertAt(d, SnsPath, 4, 39);
        // The event is still generated, with the default category.
        Assert.Contains("(management event", run.Source("Sns.Events.g.cs"));
    }

    [Fact]
    public void CTG0014_EventSourceNotOfTheService()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com", "sns-data.amazonaws.com"],
              "events": { "Publish": { "eventSource": "sqs.amazonaws.com" }, "Fetch": { "eventSource": "sns-data.amazonaws.com" } }
            }
            """);

        var d = Single(run, "CTG0014");
        AssertMessage(d, "'sqs.amazonaws.com' is not a valid eventSource of event 'Publish'", "one of the service's eventSources (sns.amazonaws.com, sns-data.amazonaws.com)");
        AssertAt(d, SnsPath, 4, 42);
        // The event is still generated, under the service's own eventSource; the other under its own.
        string events = run.Source("Sns.Events.g.cs");
        Assert.Contains("public const string EventSourceValue = \"sns.amazonaws.com\";", events);
        Assert.Contains("public const string EventSourceValue = \"sns-data.amazonaws.com\";", events);
    }

    [Fact]
    public void CTG0015_MissingCatalogFile_SaysSo_NotInvalidJson()
    {
        // A <CloudTrailCatalog Include="my-events.json" /> copied from an example, with no such file:
        // it was "CTG0001: Catalog file is not valid JSON: the file could not be read".
        var run = GeneratorHarness.Run(new GeneratorSettings("widgets"), CatalogFile.Envelope(TestCatalogs.Envelope),
            CatalogFile.Builtin("widgets", TestCatalogs.Widgets), CatalogFile.MissingUser("/project/my-events.json"));

        var d = Single(run, "CTG0015");
        AssertMessage(d, "Catalog file '/project/my-events.json' does not exist or cannot be read", "<CloudTrailCatalog Include=");
        Assert.Equal("Catalog file not found", d.Descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The rest is generated as if the item were not there.
        Assert.Contains("Widgets.Events.g.cs", run.HintNames);
    }

    /// <summary>Inputs that must not crash the generator, whatever they report.</summary>
    public static IEnumerable<object[]> HostileInputs() => new[]
    {
        new object[] { "empty", "" },
        new object[] { "whitespace", "  \n\t " },
        new object[] { "array", "[1, 2]" },
        new object[] { "null", "null" },
        new object[] { "bom", "\uFEFF{\"format\": 1}" },
        new object[] { "deep", new string('[', 10_000) + new string(']', 10_000) },
        new object[] { "deep-object", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000) },
        new object[] { "bad-escape", "{\"format\": 1, \"service\": \"s\\q\"}" },
        new object[] { "lone-surrogate", "{\"format\": 1, \"service\": \"\\ud800\", \"eventSources\": [\"x\"], \"events\": {}}" },
        new object[] { "events-array", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": []}" },
        new object[] { "event-null", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": null}}" },
        new object[] { "request-array", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": []}}}" },
        new object[] { "type-number", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": {\"type\": 3}}}}}" },
        new object[] { "empty-type", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"\"}}}}" },
        new object[] { "list-of-nothing", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"[]\"}}}}" },
        new object[] { "map-unclosed", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"map<string\"}}}}" },
        new object[] { "enum-empty", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"E\"}}}, \"shapes\": {\"E\": {\"enum\": []}}}" },
        new object[] { "enum-number", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {}, \"shapes\": {\"E\": {\"enum\": [1, {\"value\": 2}]}}}" },
        new object[] { "shape-members-and-enum", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {}, \"shapes\": {\"E\": {\"enum\": [\"a\"], \"members\": {}}}}" },
        new object[] { "recursive-shape", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"n\": \"Node\"}}}, \"shapes\": {\"Node\": {\"members\": {\"next\": \"Node\", \"children\": \"Node[]\"}}}}" },
        new object[] { "keyword-event", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"class\": {}, \"namespace\": {\"request\": {}}}}" },
        new object[] { "member-named-like-class", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"aRequest\": \"string\", \"request\": \"string\", \"equals\": \"string\"}}}}" },
        new object[] { "case-clash", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"topic\": \"string\", \"Topic\": \"string\"}}}}" },
        new object[] { "event-vs-shape-class", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"ARequest\"}}}, \"shapes\": {\"ARequest\": {\"members\": {}}}}" },
        new object[] { "envelope-shape-name", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"Identity\", \"c\": \"IdentityType[]\"}}}, \"shapes\": {\"TrailRecord\": {\"members\": {}}}}" },
        new object[] { "bad-namespace", "{\"format\": 1, \"service\": \"sns\", \"namespace\": \"Sns.2\", \"eventSources\": [\"x\"], \"events\": {}}" },
        new object[] { "kind-other", "{\"format\": 1, \"kind\": \"service\"}" },
        new object[] { "second-envelope", TestCatalogs.Envelope },
        new object[] { "strange-doc", "{\"format\": 1, \"service\": \"sns\", \"title\": \"*/ </summary> \\\"x\\\" \\u0000\", \"eventSources\": [\"\\\"\\\\\"], \"events\": {\"A\": {\"doc\": \"a\\nb <c> & d\", \"request\": {\"b\": {\"type\": \"string\", \"doc\": \"]]> </c>\"}}}}}" },
        new object[] { "shape-named-like-alias", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"J\"}}}, \"shapes\": {\"J\": {\"members\": {\"c\": \"string\"}}}}" },
        new object[] { "shape-named-like-helper", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"CloudTrailGenTypeInfo\"}}}, \"shapes\": {\"CloudTrailGenTypeInfo\": {\"members\": {\"c\": \"string\"}}}}" },
        new object[] { "shape-named-like-tables", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"CloudTrailGenMembers\"}}}, \"shapes\": {\"CloudTrailGenMembers\": {\"members\": {\"c\": \"string\"}}}}" },
        new object[] { "namespace-like-tables", "{\"format\": 1, \"service\": \"sns\", \"namespace\": \"CloudTrailGenMembers\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"string\"}}}}" },
        new object[] { "enum-named-like-helper", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"A\": {\"request\": {\"b\": \"CloudTrailGenEnums\"}}}, \"shapes\": {\"CloudTrailGenEnums\": {\"enum\": [\"a\"]}}}" },
        new object[] { "namespace-like-envelope-shape", "{\"format\": 1, \"service\": \"sns\", \"namespace\": \"Identity\", \"eventSources\": [\"x\"], \"events\": {\"A\": {}}}" },
        new object[] { "namespace-like-context", "{\"format\": 1, \"service\": \"sns\", \"namespace\": \"CloudTrailJsonContext\", \"eventSources\": [\"x\"], \"events\": {\"A\": {}}}" },
        new object[] { "namespace-like-alias", "{\"format\": 1, \"service\": \"sns\", \"namespace\": \"J\", \"eventSources\": [\"x\"], \"events\": {\"A\": {}}}" },
        new object[] { "unicode-names", "{\"format\": 1, \"service\": \"sns\", \"eventSources\": [\"x\"], \"events\": {\"Ünïcödé\": {\"request\": {\"naïve-key\": \"string\", \"日本\": \"string\"}}}}" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void HostileInput_NeverCrashes_AndOutputCompiles(string name, string json)
    {
        var run = RunService(json);

        run.AssertCompilesCleanly();
        Assert.NotEqual(string.Empty, name);
    }

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void HostileInput_AsUserFile_NeverCrashes_AndOutputCompiles(string name, string json)
    {
        var run = GeneratorHarness.Run(new GeneratorSettings(null), CatalogFile.Envelope(TestCatalogs.Envelope), CatalogFile.User($"/project/{name}.json", json));

        run.AssertCompilesCleanly();
    }

    [Fact]
    public void InvalidRootNamespace_IsReported_NotGenerated()
    {
        var run = GeneratorHarness.Run(new GeneratorSettings("sns", "My.class.Trail"), CatalogFile.Envelope(TestCatalogs.Envelope), RepoCatalog.Service("sns"));

        var d = Single(run, "CTG0006");
        AssertMessage(d, "CloudTrailGenNamespace 'My.class.Trail' cannot become a C# identifier");
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void ServiceWithoutEvents_IsNotDispatched()
    {
        var run = RunService("""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": {}
            }
            """);

        run.AssertCompilesCleanly(); // an empty dispatch switch would be warning CS1522
        Assert.Empty(run.Diagnostics);
        Assert.Contains("Sns.Events.g.cs", run.HintNames);
        Assert.DoesNotContain("case \"sns.amazonaws.com\"", run.Source("CloudTrailJsonContext.g.cs"));
        // Still a generated service, listed in the service index.
        Assert.Contains("new(\"sns\", ", run.Source("CloudTrailJsonContext.g.cs"));
    }

    [Fact]
    public void SameFileListedTwice_IsADuplicate_NotACrash()
    {
        var sns = RepoCatalog.Service("sns");
        var run = GeneratorHarness.Run(new GeneratorSettings("sns"), RepoCatalog.Envelope(), sns, sns.WithText(sns.Text.Content));

        var d = Single(run, "CTG0004");
        AssertMessage(d, "Service 'sns' is defined more than once", SnsPath);
        Assert.Equal(SnsPath, d.Location.GetLineSpan().Path);
        Assert.Equal(new[] { "CloudTrailGenSchema.g.cs", "CloudTrailJsonContext.g.cs", "Envelope.Types.g.cs" }, run.HintNames);
    }

    [Theory]
    [InlineData("J")]
    [InlineData("CloudTrailGenTypeInfo")]
    [InlineData("CloudTrailGenEnums")]
    public void CTG0006_ShapeNamedLikeAGeneratedHelper(string name)
    {
        var run = RunService($$"""
            {
              "format": 1,
              "service": "sns",
              "eventSources": ["sns.amazonaws.com"],
              "events": { "Publish": { "request": { "topicArn": "string" } } },
              "shapes": {
                "{{name}}": { "enum": ["a"] }
              }
            }
            """);

        var d = Single(run, "CTG0006");
        AssertMessage(d, $"Shape name '{name}' cannot become a C# identifier", "the generated code declares");
        AssertAt(d, SnsPath, 6, 4);
    }

    [Theory]
    [InlineData("CloudTrailJsonContext")]
    [InlineData("TrailRecordConverter")]
    public void CTG0006_EnvelopeShapeNamedLikeAGeneratedType(string name)
    {
        string envelope = TestCatalogs.Envelope.Replace("\"IdentityType\": {", $"\"{name}\": {{", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(new GeneratorSettings(null), CatalogFile.Envelope(envelope));

        // The shape is left out, so the member that uses it is reported too.
        run.AssertCompilesCleanly();
        var d = Assert.Single(run.Diagnostics, d => d.Id == "CTG0006");
        AssertMessage(d, $"Shape name '{name}' cannot become a C# identifier", "the generated code declares");
        AssertAt(d, "/catalog/envelope.json", 28, 4);
    }

    [Theory]
    [InlineData("Identity", "CTG0006", "'Test.Trail.Identity' is already a generated type")]
    [InlineData("TrailRecord.Sns", "CTG0006", "'Test.Trail.TrailRecord' is already a generated type")]
    [InlineData("CloudTrailJsonContext", "CTG0006", "already a generated type")]
    [InlineData("J", "CTG0006", "the generated code declares a 'J' of its own")]
    [InlineData("Sns.CloudTrailGenTypeInfo", "CTG0006", "the generated code declares a 'CloudTrailGenTypeInfo' of its own")]
    public void CTG0006_NamespaceThatClashesWithAGeneratedType(string ns, string id, string message)
    {
        var run = RunService($$"""
            {
              "format": 1,
              "service": "sns",
              "namespace": "{{ns}}",
              "eventSources": ["sns.amazonaws.com"],
              "events": { "Publish": { "request": { "topicArn": "string" } } }
            }
            """);

        var d = Single(run, id);
        AssertMessage(d, $"Namespace '{ns}'", message);
        Assert.Equal(SnsPath, d.Location.GetLineSpan().Path);
        Assert.Equal(new[] { "CloudTrailGenSchema.g.cs", "CloudTrailJsonContext.g.cs", "Envelope.Types.g.cs" }, run.HintNames);
    }

    [Fact]
    public void TwoServicesInOneNamespace_IsADuplicate_NotACrash()
    {
        var user = CatalogFile.User("/project/sns2.json", """
            {
              "format": 1,
              "service": "sns2",
              "namespace": "SNS",
              "eventSources": ["sns2.amazonaws.com"],
              "events": { "Publish2": { "request": { "topicArn": "string" } } }
            }
            """);
        var run = GeneratorHarness.Run(new GeneratorSettings("sns"), CatalogFile.Envelope(TestCatalogs.Envelope), RepoCatalog.Service("sns"), user);

        // Hint names are compared ignoring case, and so are these namespaces.
        var d = Single(run, "CTG0004");
        AssertMessage(d, "Namespace 'SNS' is defined more than once", "'sns2'", "'sns'");
        AssertAt(d, "/project/sns2.json", 2, 13);
        Assert.Contains("Sns.Events.g.cs", run.HintNames);
    }
}
