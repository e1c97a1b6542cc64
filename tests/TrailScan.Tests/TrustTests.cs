using System;
using System.Linq;
using System.Text;
using Xunit;

namespace TrailScan.Tests;

/// <summary>What trailscan says must be true of the whole input: every notable change, every filter checked, no input unread.</summary>
public class TrustTests
{
    /// <summary>Fixture.CreateUser at another time, creating another user.</summary>
    private static string CreateUserAt(DateTime time, string user) =>
        Fixture.CreateUser.Replace("2024-03-04T09:20:03Z", time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), StringComparison.Ordinal)
                          .Replace("build-bot", user, StringComparison.Ordinal);

    [Fact]
    public void Notable_changes_are_all_kept_sorted_by_time_and_top_limits_the_table()
    {
        // 30 notable changes: the first file read holds the 15 latest, the second the 15 earliest.
        var start = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        using var folder = new TempFolder();
        string late = folder.Write("a-late.ndjson", Fixture.Ndjson(Enumerable.Range(15, 15).Select(i => CreateUserAt(start.AddHours(i), $"user{i:00}")).ToArray()));
        string early = folder.Write("b-early.ndjson", Fixture.Ndjson(Enumerable.Range(0, 15).Select(i => CreateUserAt(start.AddHours(i), $"user{i:00}")).ToArray()));

        var json = App.Run(late, early, "--format", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(30, (long)json.Json["notableCount"]!);
        var details = json.Json["notable"]!.AsArray().Select(n => (string?)n!["detail"]).ToArray();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"created IAM user user{i:00}").ToArray(), details);

        var table = App.Run(late, early, "--top", "3");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("created IAM user user00", table.Stdout);
        Assert.Contains("created IAM user user02", table.Stdout);
        Assert.DoesNotContain("created IAM user user03", table.Stdout);
        Assert.DoesNotContain("created IAM user user15", table.Stdout);
        Assert.Contains("... and 27 more (30 in all", table.Stdout);
    }
}
