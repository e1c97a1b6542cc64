using System.Linq;
using System.Text.RegularExpressions;
using CloudTrailGen.Emit;
using CloudTrailGen.Tests.Infrastructure;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>The generated event dispatch stays small enough per method for the JIT to optimize it.</summary>
public class DispatchEmitTests
{
    [Fact]
    public void A_large_service_is_dispatched_through_methods_of_a_bounded_size()
    {
        var run = GeneratorHarness.Run(new GeneratorSettings("ec2", "My.Ct"), RepoCatalog.Envelope(), RepoCatalog.Service("ec2"));
        Assert.Empty(run.Diagnostics);
        string context = run.Source("CloudTrailJsonContext.g.cs");

        // Each dispatch method, by name, with the event names it switches over.
        var methods = Regex.Matches(context, @"private static [^\n]*? (Create\d+(?:_\d+)?)\(string\??\ eventName\)(.*?)\n        }\n", RegexOptions.Singleline)
            .Select(m => (Name: m.Groups[1].Value, Names: Regex.Matches(m.Groups[2].Value, "case \"([^\"]*)\"").Select(c => c.Groups[1].Value).ToArray()))
            .ToArray();
        var parts = methods.Where(m => m.Names.Length > 0).ToArray();

        Assert.True(parts.Length >= 5, $"{parts.Length} methods switch over names");
        Assert.All(parts, m => Assert.InRange(m.Names.Length, 1, SourceEmitter.MaxEventsPerDispatchMethod));
        var all = parts.SelectMany(m => m.Names).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.True(all.Length >= 627, $"{all.Length} names dispatched");
        Assert.Contains("DescribeInstances", all);

        // Each part holds whole name lengths: a length is looked up in one part only.
        var lengthsPerPart = parts.Select(m => m.Names.Select(n => n.Length).Distinct().ToArray()).ToArray();
        Assert.Equal(lengthsPerPart.Sum(l => l.Length), lengthsPerPart.SelectMany(l => l).Distinct().Count());
    }

    [Fact]
    public void A_small_service_keeps_one_dispatch_method()
    {
        var run = GeneratorHarness.Run(new GeneratorSettings("sns", "My.Ct"), RepoCatalog.Envelope(), RepoCatalog.Service("sns"));
        string context = run.Source("CloudTrailJsonContext.g.cs");
        Assert.Contains("private static CloudTrailRecord? Create0(string? eventName)", context);
        Assert.DoesNotContain("Create0_0", context);
    }
}
