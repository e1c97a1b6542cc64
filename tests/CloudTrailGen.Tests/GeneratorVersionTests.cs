using System;
using System.Reflection;
using CloudTrailGen.Emit;
using CloudTrailGen.Tests.Infrastructure;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>
/// The version in <c>[GeneratedCode]</c> is the generator assembly's own (the build's Version), not
/// a second literal that can fall behind it; build metadata (the commit) is left out, so that the
/// output of one version does not change from commit to commit.
/// </summary>
public class GeneratorVersionTests
{
    [Fact]
    public void GeneratedCode_CarriesTheAssemblysVersion_WithoutBuildMetadata()
    {
        var assembly = typeof(CloudTrailGenerator).Assembly;
        string informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        string expected = informational.Split('+')[0];

        Assert.Equal(expected, SourceEmitter.Version);
        Assert.DoesNotContain("+", SourceEmitter.Version, StringComparison.Ordinal);
        Assert.StartsWith(assembly.GetName().Version!.ToString(3), SourceEmitter.Version, StringComparison.Ordinal);

        var run = GeneratorHarness.Run(new GeneratorSettings(""), RepoCatalog.Envelope());
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"CloudTrailGen\", \"{expected}\")]", run.Source("CloudTrailJsonContext.g.cs"), StringComparison.Ordinal);
    }
}
