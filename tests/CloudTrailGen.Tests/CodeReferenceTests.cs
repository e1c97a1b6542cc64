using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudTrailGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>
/// Code that names, below the root namespace, an event class of a service that is not selected
/// (CTG0017) or one the service does not have (CTG0018) gets a warning that says why, at the name,
/// beside the compiler's CS0234; names that resolve, and the project's own, get none.
/// </summary>
public class CodeReferenceTests
{
    private const string Root = "Misspelled.Aws";

    private static List<CatalogFile> Files() => new()
    {
        RepoCatalog.Envelope(),
        RepoCatalog.Service("iam"),
        RepoCatalog.Service("ec2"), // not selected: never read
        RepoCatalog.Service("events"), // not selected; its namespace is CloudWatchEvents
    };

    private static GeneratorRun Run(string code, string services = "iam") =>
        GeneratorHarness.Run(
            GeneratorHarness.CreateDriver(Files(), new GeneratorSettings(services, Namespace: Root, EventClasses: null)),
            GeneratorHarness.CreateCompilation(code));

    /// <summary>The run's only generator diagnostic: a warning of that id, at the line and column of /src/File0.cs.</summary>
    private static string Single(GeneratorRun run, string id, int line, int column)
    {
        run.AssertNoCrash();
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/src/File0.cs", span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        return diagnostic.GetMessage(CultureInfo.InvariantCulture);
    }

    /// <summary>The compiler's own errors on the output: what the user saw before.</summary>
    private static IEnumerable<string> CompilerErrors(GeneratorRun run) =>
        run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct();

    [Fact]
    public void CTG0017_EventOfAServiceThatIsNotSelected()
    {
        var run = Run("""
            namespace Consumer;

            internal static class Rules
            {
                public static bool Launch(object record) => record is Misspelled.Aws.Ec2.RunInstancesEvent;
            }
            """);

        string message = Single(run, "CTG0017", 4, 77);
        Assert.Equal("'Ec2.RunInstancesEvent' names service 'ec2', which is not selected: add <CloudTrailService Include=\"ec2\" /> to the project file", message);
        Assert.Contains("CS0234", CompilerErrors(run));
    }

    [Fact]
    public void CTG0017_UsingOfTheNamespaceOfAServiceThatIsNotSelected()
    {
        var run = Run("""
            using Misspelled.Aws.Iam;
            using Misspelled.Aws.Ec2;

            namespace Consumer;

            internal static class Rules
            {
                public static bool Attach(object record) => record is AttachRolePolicyEvent;
            }
            """);

        string message = Single(run, "CTG0017", 1, 6);
        Assert.Equal("'Misspelled.Aws.Ec2' names service 'ec2', which is not selected: add <CloudTrailService Include=\"ec2\" /> to the project file", message);
    }

    [Fact]
    public void CTG0018_MisspeltEventClass_SuggestsTheClosest()
    {
        // Inside a namespace of the root, Iam is the generated namespace (C# looks outwards).
        var run = Run("""
            namespace Misspelled.Aws.Rules
            {
                internal static class Checks
                {
                    public static bool Attach(object record) => record is Iam.AttachRolePolicyEvnt;
                }
            }
            """);

        string message = Single(run, "CTG0018", 4, 66);
        Assert.Equal("'Iam.AttachRolePolicyEvnt' is not an event class of service 'iam'; did you mean 'AttachRolePolicyEvent'?", message);
        Assert.Contains("CS0234", CompilerErrors(run));
    }

    [Fact]
    public void CTG0018_EventThatASelectionOfSomeEventsLeavesOut()
    {
        var run = Run("""
            internal static class Rules
            {
                public static bool Detach(object record) => record is global::Misspelled.Aws.Iam.DetachRolePolicyEvent;
            }
            """, services: "iam:AttachRolePolicy");

        string message = Single(run, "CTG0018", 2, 85);
        Assert.Equal("'Iam.DetachRolePolicyEvent' is not an event class of service 'iam': only some of its events are selected; "
            + "add the event (<CloudTrailService Include=\"iam:DetachRolePolicy\" />) or the whole service", message);
    }

    [Fact]
    public void NamesThatResolve_AndTheProjectsOwn_AreNotReported()
    {
        // Generated classes by every spelling; the project's own namespace below the root that is
        // also a service id ('events'); its own type in a generated namespace; a name outside the root.
        var run = Run("""
            using Misspelled.Aws.Iam;

            namespace Misspelled.Aws.Events
            {
                internal sealed class UserCreatedEvent { }
            }

            namespace Misspelled.Aws.Iam
            {
                internal sealed class ReviewedEvent { }
            }

            namespace Other.Ec2
            {
                internal sealed class RunInstancesEvent { }
            }

            namespace Consumer
            {
                internal static class Rules
                {
                    public static bool A(object r) => r is Misspelled.Aws.Iam.AttachRolePolicyEvent;
                    public static bool B(object r) => r is global::Misspelled.Aws.Iam.CreateAccessKeyEvent;
                    public static bool C(object r) => r is AttachRolePolicyEvent || r is Misspelled.Aws.Events.UserCreatedEvent;
                    public static bool D(object r) => r is Misspelled.Aws.Iam.ReviewedEvent || r is Other.Ec2.RunInstancesEvent;
                }
            }
            """);

        run.AssertCompilesCleanly();
        Assert.Empty(run.Diagnostics);
    }
}
