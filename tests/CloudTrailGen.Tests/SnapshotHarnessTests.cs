using System;
using System.IO;
using System.Linq;
using CloudTrailGen.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace CloudTrailGen.Tests;

/// <summary>The snapshot harness itself: it must fail on a difference, show it, and accept on request.</summary>
public sealed class SnapshotHarnessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ctg-snapshots-" + Guid.NewGuid().ToString("N"));

    public SnapshotHarnessTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Verified(string name) => Path.Combine(_directory, name + ".verified.cs");

    private string Received(string name) => Path.Combine(_directory, name + ".received.cs");

    [Fact]
    public void Mismatch_FailsWithDiff_AndWritesReceived()
    {
        File.WriteAllText(Verified("t"), "line 1\nline 2\nline 3\nline 4\n");

        var e = Assert.Throws<XunitException>(() => Snapshot.VerifyIn(_directory, "t", "line 1\nline two\nline 3\nline 4\nline 5\n", accept: false));

        Assert.Contains("--- verified", e.Message);
        Assert.Contains("+++ received", e.Message);
        Assert.Contains("\n-line 2\n", e.Message);
        Assert.Contains("\n+line two\n", e.Message);
        Assert.Contains("\n+line 5\n", e.Message);
        Assert.Contains("\n line 1\n", e.Message); // context
        Assert.True(File.Exists(Received("t")));
        Assert.Equal("line 1\nline two\nline 3\nline 4\nline 5\n", File.ReadAllText(Received("t")));
        Assert.Equal("line 1\nline 2\nline 3\nline 4\n", File.ReadAllText(Verified("t"))); // untouched
    }

    [Fact]
    public void Match_Passes_IgnoringLineEndings_AndRemovesStaleReceived()
    {
        File.WriteAllText(Verified("t"), "a\r\nb\r\n");
        File.WriteAllText(Received("t"), "stale");

        Snapshot.VerifyIn(_directory, "t", "a\nb\n", accept: false);

        Assert.False(File.Exists(Received("t")));
    }

    [Fact]
    public void Missing_Verified_Fails_AndWritesReceived()
    {
        var e = Assert.Throws<XunitException>(() => Snapshot.VerifyIn(_directory, "new", "x\r\n", accept: false));

        Assert.Contains("No verified snapshot", e.Message);
        Assert.Contains(Snapshot.AcceptVariable, e.Message);
        Assert.Equal("x\n", File.ReadAllText(Received("new")));
        Assert.False(File.Exists(Verified("new")));
    }

    [Fact]
    public void Accept_OverwritesVerified_WithNormalizedText()
    {
        File.WriteAllText(Verified("t"), "old\n");
        File.WriteAllText(Received("t"), "stale");

        Snapshot.VerifyIn(_directory, "t", "new\r\ntext\r\n", accept: true);

        Assert.Equal("new\ntext\n", File.ReadAllText(Verified("t")));
        Assert.False(File.Exists(Received("t")));
    }

    [Fact]
    public void VerifyAll_WritesEveryReceived_AndReportsEveryMismatch()
    {
        // Through the [CallerFilePath] entry point: a source file path inside the temp folder.
        string fakeSource = Path.Combine(_directory, "FakeTests.cs");
        Directory.CreateDirectory(Path.Combine(_directory, "Snapshots"));
        File.WriteAllText(Path.Combine(_directory, "Snapshots", "b.verified.cs"), "b\n");

        var e = Assert.Throws<XunitException>(() => Snapshot.VerifyAll(new[] { ("a", "a\n"), ("b", "b\n"), ("c", "c\n") }, fakeSource));

        Assert.StartsWith("2 snapshots differ", e.Message);
        Assert.True(File.Exists(Path.Combine(_directory, "Snapshots", "a.received.cs")));
        Assert.False(File.Exists(Path.Combine(_directory, "Snapshots", "b.received.cs")));
        Assert.True(File.Exists(Path.Combine(_directory, "Snapshots", "c.received.cs")));
    }

    [Fact]
    public void Diff_ShowsAtMostTheLimit()
    {
        string expected = string.Join("\n", Enumerable.Range(0, 100).Select(i => $"same {i}"));
        string actual = string.Join("\n", Enumerable.Range(0, 100).Select(i => $"other {i}"));

        string diff = Snapshot.Diff(expected, actual, 40);

        int shown = diff.Split('\n').Count(l => l.StartsWith('-') || l.StartsWith('+'));
        Assert.Equal(40 + 2, shown); // 40 changed lines and the ---/+++ header
        Assert.Contains("... and 160 more changed lines", diff);
        Assert.StartsWith("--- verified\n+++ received\n@@ -1 +1 @@\n-same 0\n", diff);
    }
}
