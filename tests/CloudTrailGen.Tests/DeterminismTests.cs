using System;
using System.Linq;
using System.Text;
using CloudTrailGen.Tests.Infrastructure;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>The same inputs give byte-identical sources, run after run (builds are reproducible).</summary>
public class DeterminismTests
{
    [Fact]
    public void TwoDriverRuns_GiveByteIdenticalSources()
    {
        var settings = new GeneratorSettings("*");
        var first = GeneratorHarness.Run(RepoCatalog.All(), settings);
        var second = GeneratorHarness.Run(RepoCatalog.All(), settings);

        first.AssertCompilesCleanly();
        Assert.Empty(first.Diagnostics);
        AssertIdentical(first, second);
        // Every selected service is there: the comparison is not of two empty runs.
        Assert.Contains("CloudTrailJsonContext.g.cs", first.HintNames);
        Assert.Equal(RepoCatalog.ServiceIds().Count(), first.HintNames.Count(h => h.EndsWith(".Events.g.cs", StringComparison.Ordinal)));
    }

    [Fact]
    public void FileOrder_DoesNotChangeTheOutput()
    {
        // MSBuild's glob order is not guaranteed across machines: output must not depend on it.
        var settings = new GeneratorSettings("sns,iam,s3,kms");
        var files = RepoCatalog.All().ToList();
        var forward = GeneratorHarness.Run(files, settings);
        var reversed = GeneratorHarness.Run(Enumerable.Reverse(files).Select(f => f.WithText(f.Text.Content)), settings);

        forward.AssertCompilesCleanly();
        Assert.Equal(4, forward.HintNames.Count(h => h.EndsWith(".Events.g.cs", StringComparison.Ordinal)));
        AssertIdentical(forward, reversed);
    }

    [Fact]
    public void SelectionOrderAndSpelling_DoNotChangeTheOutput()
    {
        var a = GeneratorHarness.Run(RepoCatalog.All(), new GeneratorSettings("sns,iam"));
        var b = GeneratorHarness.Run(RepoCatalog.All(), new GeneratorSettings(" iam , sns,sns,"));

        AssertIdentical(a, b);
    }

    private static void AssertIdentical(GeneratorRun first, GeneratorRun second)
    {
        Assert.Equal(first.HintNames, second.HintNames);
        foreach (var source in first.Sources)
        {
            byte[] a = Encoding.UTF8.GetBytes(source.SourceText.ToString());
            byte[] b = Encoding.UTF8.GetBytes(second.Source(source.HintName));
            Assert.True(a.AsSpan().SequenceEqual(b), $"'{source.HintName}' differs between runs");
        }
        Assert.Equal(
            first.Diagnostics.Select(d => d.ToString()),
            second.Diagnostics.Select(d => d.ToString()));
    }
}
