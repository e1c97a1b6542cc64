using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TrailScan.Aws;
using Xunit;

namespace TrailScan.Tests;

/// <summary>How trailscan and trailscan-query word what they print: help, errors, notable changes.</summary>
public class MessageTests
{
    [Fact]
    public void Malformed_json_is_worded_the_same_whether_it_is_passed_over_or_ends_the_file()
    {
        using var folder = new TempFolder();
        // JSON lines: the broken line is passed over, reading goes on at the next.
        string lines = folder.Write("lines.ndjson", Fixture.Decrypt + "\n{\"eventVersion\":\"1.08\",\"eventName\" 1}\n" + Fixture.AssumeRole + "\n");
        // An array of records over several lines: there is no way to the next element, so the file ends there.
        string array = folder.Write("array.json", "[\n" + Fixture.Decrypt + ",\n{\"eventVersion\":\"1.08\",\"eventName\" 1},\n" + Fixture.AssumeRole + "\n]\n");

        var passedOver = App.Run(lines, "--format", "json");
        var ended = App.Run(array, "--format", "json");
        Assert.True(passedOver.ExitCode == 1 && ended.ExitCode == 1, passedOver + "\n" + ended);
        int at = Fixture.Decrypt.Length + 1;
        Assert.Contains($"{lines}: Malformed JSON on line 2 (byte {at}): ", passedOver.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{array}: Malformed JSON on line 3 (byte {at + 3}): ", ended.Stderr, StringComparison.Ordinal);
        foreach (string stderr in new[] { passedOver.Stderr, ended.Stderr })
        {
            Assert.DoesNotContain("LineNumber", stderr, StringComparison.Ordinal); // the JSON reader's own position, relative to the value
            Assert.DoesNotContain(": line ", stderr, StringComparison.Ordinal); // said once, by the reader
        }
    }

    [Fact]
    public void The_root_help_shows_path_as_optional()
    {
        var help = App.Run("--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        string[] rows = help.Stdout.Replace("\r\n", "\n").Split("Commands:\n")[1].Split("\n\n")[0].Split('\n');
        Assert.Equal(["summary [<PATH>...]", "records [<PATH>...]", "coverage [<PATH>...]", "principal <NAME> [<PATH>...]", "synth", "export [<PATH>...]"], rows.Select(r => Regex.Split(r.Trim(), "  +")[0]).ToArray());
        // The descriptions stay in one column.
        Assert.Single(rows.Select(r => r.Length - Regex.Split(r.Trim(), "  +", RegexOptions.None)[1].Length - (r.Length - r.TrimEnd().Length)).Distinct());
        Assert.DoesNotContain("summary <PATH>", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_option_of_trailscan_query_points_at_its_own_help()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TrailScan.Query.Program.Run(["SELECT 1", "--bogus"], stdout, stderr);
        Assert.True(code == 2, $"exit {code}: {stderr}");
        Assert.Equal("trailscan-query: Unrecognized command or argument '--bogus'.\nsee 'trailscan-query --help'\n", stderr.ToString().Replace("\r\n", "\n"));
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void Notable_changes_of_records_without_their_values_say_what_they_are_about_never_dash()
    {
        foreach (var kind in Reports.NotableEvents.Kinds)
        {
            // The event as a record with no request or response logged.
            var record = (CloudTrailRecord)Activator.CreateInstance(kind.EventType)!;
            string? detail = kind.Describe(record);
            if (detail is null) continue;
            Assert.DoesNotMatch(@"(^|\s)-(\s|$)|\(-|-\)", detail);
        }
        var mfa = (CloudTrailRecord)Activator.CreateInstance(Array.Find(Reports.NotableEvents.Kinds, k => k.EventName == "DeactivateMFADevice")!.EventType)!;
        Assert.Equal("deactivated an MFA device of an IAM user", Reports.NotableEvents.Describe(mfa));
        var key = (CloudTrailRecord)Activator.CreateInstance(Array.Find(Reports.NotableEvents.Kinds, k => k.EventName == "CreateAccessKey")!.EventType)!;
        Assert.Equal("created an access key", Reports.NotableEvents.Describe(key));
    }
}
