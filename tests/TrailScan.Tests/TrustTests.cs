using System;
using System.IO;
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

    [Theory]
    [InlineData("did you mean iam", "--service", "iamm")]
    [InlineData("did you mean ec2", "--service", "ec3")]
    [InlineData("did you mean iam", "--service", "iamm.amazonaws.com")]
    [InlineData("did you mean CreateUser", "--event", "CreatUser")]
    [InlineData("no such eventName", "--service", "iam", "--event", "Frobnicate")]
    [InlineData("is not before --until", "--since", "2024-03-05", "--until", "2024-03-04")]
    public void Filters_that_cannot_match_are_usage_errors(string message, params string[] filter)
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        foreach (string command in new[] { "summary", "records", "coverage" })
        {
            var run = App.Run([command, file, .. filter]);
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains(message, run.Stderr);
            Assert.Contains("--help", run.Stderr);
            Assert.Equal("", run.Stdout);
        }
    }

    [Theory]
    [InlineData(1, "--service", "bedrock")] // in the catalog, no class in trailscan: typed by schema
    [InlineData(1, "--event", "AssumeRole")]
    [InlineData(1, "--service", "sts", "--event", "AssumeRole")]
    [InlineData(0, "--service", "lambda")] // a known service with no record here is no error
    public void Known_services_and_events_are_accepted(int expected, params string[] filter)
    {
        using var folder = new TempFolder();
        var run = App.Run(["summary", folder.Write("log.ndjson", Fixture.Ndjson()), "--format", "json", .. filter]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, (long)run.Json["records"]!);
    }

    [Fact]
    public void The_summary_says_how_many_records_were_read_and_which_filters_applied()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        var json = App.Run(file, "--service", "iam", "--errors", "--format", "json").Json;
        Assert.Equal(0, (long)json["records"]!);
        Assert.Equal(Fixture.Records, (long)json["recordsRead"]!);
        Assert.Equal(new[] { "--service iam", "--errors" }, json["filters"]!.AsArray().Select(f => (string?)f).ToArray());

        var table = App.Run(file, "--service", "s3");
        Assert.Contains("filters", table.Stdout);
        Assert.Contains("--service s3 (1 of the 9 records read)", table.Stdout);
        Assert.DoesNotContain("filters", App.Run(file).Stdout);
    }

    [Fact]
    public void The_filters_line_breaks_between_filters_never_inside_one_at_any_width()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        string[] filters = ["--since 2024-03-04T00:00:00Z", "--region eu-west-1", "--account 111122223333", "--not-account 444455556666"];
        for (int width = 40; width <= 160; width++)
        {
            var stdout = new StringWriter();
            var console = new AppConsole(stdout, new StringWriter(), () => new MemoryStream(), () => new MemoryStream(), width: width);
            Assert.Equal(0, Cli.Run([file, .. string.Join(' ', filters).Split(' ')], console));
            var lines = stdout.ToString().Split('\n');
            int first = Array.FindIndex(lines, line => line.StartsWith("filters", StringComparison.Ordinal));
            int files = Array.FindIndex(lines, line => line.StartsWith("files", StringComparison.Ordinal));
            // The cell's lines, each filter whole on one of them, and none wider than the output.
            var cell = lines[first..files].Select(line => line[12..].TrimEnd()).ToArray();
            Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= width, $"width {width}: '{line}'"));
            foreach (string filter in filters) Assert.True(cell.Any(line => line.Contains(filter, StringComparison.Ordinal)), $"width {width}: {filter} is broken:\n{string.Join('\n', cell)}");
            Assert.Equal($"{string.Join(' ', filters)} (7 of the 9 records read)", string.Join(' ', cell));
        }
    }

    [Theory]
    [InlineData("3000000d")]
    [InlineData("99999999d")]
    [InlineData("1e400d")]
    [InlineData("99999999999999h")]
    public void Times_too_far_back_are_usage_errors_not_crashes(string since)
    {
        using var folder = new TempFolder();
        var run = App.Run(folder.Write("log.ndjson", Fixture.Ndjson()), "--since", since);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("too far back", run.Stderr);
    }

    [Fact]
    public void A_long_time_before_now_that_fits_still_works()
    {
        using var folder = new TempFolder();
        var run = App.Run(folder.Write("log.ndjson", Fixture.Ndjson()), "--since", "700000d", "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Fixture.Records, (long)run.Json["records"]!);
    }

    [Fact]
    public void Piped_input_is_read_when_no_path_is_given()
    {
        var piped = App.RunWithStdin(Encoding.UTF8.GetBytes(Fixture.Ndjson(Fixture.CreateUser, Fixture.Decrypt)), piped: true, "--format", "json");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Equal(2, (long)piped.Json["records"]!);
        Assert.Equal(1, (long)piped.Json["files"]!);

        // A path given is read instead of standard input.
        using var folder = new TempFolder();
        var withPath = App.RunWithStdin(Encoding.UTF8.GetBytes(Fixture.Ndjson(Fixture.CreateUser)), piped: true, folder.Write("log.ndjson", Fixture.Ndjson()), "--format", "json");
        Assert.Equal(Fixture.Records, (long)withPath.Json["records"]!);
    }

    [Fact]
    public void Records_coverage_and_export_read_piped_input_when_no_path_is_given()
    {
        byte[] stdin = Encoding.UTF8.GetBytes(Fixture.Ndjson());
        var records = App.RunWithStdin(stdin, piped: true, "records", "--service", "iam");
        Assert.True(records.ExitCode == 0, records.ToString());
        Assert.Equal(Fixture.CreateUser, Assert.Single(records.Lines));

        var coverage = App.RunWithStdin(stdin, piped: true, "coverage", "--format", "json");
        Assert.True(coverage.ExitCode == 0, coverage.ToString());
        Assert.Equal(Fixture.Records, (long)coverage.Json["records"]!);

        using var folder = new TempFolder();
        var export = App.RunWithStdin(stdin, piped: true, "export", "--out", folder.File("tables"));
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.StartsWith($"records: {Fixture.Records} rows in ", export.Stdout);
    }

    [Theory]
    [InlineData("records")]
    [InlineData("coverage", "--format", "json")]
    [InlineData("export", "--out", "unused")]
    public void With_no_path_and_nothing_piped_records_coverage_and_export_say_to_give_paths_or_a_dash(params string[] args)
    {
        var run = App.RunWithStdin([], piped: false, args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(
            $"trailscan: no PATH given, and standard input is not a pipe or a file: give PATHs (log files, folders, s3://bucket/prefix), or - for standard input.{Environment.NewLine}trailscan: see 'trailscan {args[0]} --help'{Environment.NewLine}",
            run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.False(Directory.Exists("unused"));
    }

    [Fact]
    public void Standard_input_that_is_not_piped_leaves_the_sample_logs_as_the_default()
    {
        var run = App.RunWithStdin([], piped: false, "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True((long)run.Json["records"]! > 100, run.Stdout);
        Assert.True((long)run.Json["files"]! >= 2, run.Stdout);
    }

    [Fact]
    public void Standard_input_counts_as_input_when_it_is_a_pipe_or_a_file_with_content()
    {
        using var folder = new TempFolder();
        Assert.True(Reading.StdinInput.IsPipeOrFile("pipe:[123456]"));
        Assert.True(Reading.StdinInput.IsPipeOrFile("socket:[123456]"));
        Assert.True(Reading.StdinInput.IsPipeOrFile(folder.Write("events.ndjson", Fixture.Ndjson())));
        Assert.False(Reading.StdinInput.IsPipeOrFile(folder.Write("empty.json", "")));
        Assert.False(Reading.StdinInput.IsPipeOrFile("/dev/null"));
        Assert.False(Reading.StdinInput.IsPipeOrFile("/dev/pts/0"));
        Assert.False(Reading.StdinInput.IsPipeOrFile(folder.Path));
        Assert.False(Reading.StdinInput.IsPipeOrFile(null)); // closed
    }

    [Theory]
    [InlineData("foo.json", """{"foo":"bar"}""")]
    [InlineData("config.json", """{"fileVersion":"1.0","configSnapshotId":"0b9d1c6e-1111-4111-8111-111111111111","configurationItems":[{"configurationItemVersion":"1.3","resourceType":"AWS::S3::Bucket","resourceId":"example-bucket","awsRegion":"eu-west-1"}]}""")]
    [InlineData("finding.json", """{"schemaVersion":"2.0","accountId":"111122223333","region":"eu-west-1","id":"abc","type":"Recon:EC2/PortProbeUnprotectedPort","severity":2,"createdAt":"2024-03-04T09:20:03.000Z","service":{"serviceName":"guardduty","action":{"actionType":"PORT_PROBE"}}}""")]
    public void Json_that_is_not_cloudtrail_is_reported_and_not_counted(string name, string text)
    {
        using var folder = new TempFolder();
        string other = folder.Write(name, text);
        var alone = App.Run(other, "--format", "json");
        Assert.True(alone.ExitCode == 1, alone.ToString());
        Assert.Equal(0, (long)alone.Json["records"]!);
        Assert.Equal(1, (long)alone.Json["skipped"]!);
        Assert.Contains($"{name}: line 1: skipped: value 0 is not a CloudTrail record", alone.Stderr);
        Assert.Contains("no CloudTrail records in the input", alone.Stderr);

        // Beside a real log, it is reported and the records are counted.
        var mixed = App.Run(other, folder.Write("log.ndjson", Fixture.Ndjson()), "--format", "json");
        Assert.True(mixed.ExitCode == 0, mixed.ToString());
        Assert.Equal(Fixture.Records, (long)mixed.Json["records"]!);
        Assert.Equal(1, (long)mixed.Json["skipped"]!);
    }

    [Fact]
    public void No_input_at_all_is_an_error()
    {
        using var folder = new TempFolder();
        var empty = App.Run(folder.Write("empty.json", ""));
        Assert.True(empty.ExitCode == 1, empty.ToString());
        Assert.Contains("no CloudTrail records in the input", empty.Stderr);

        folder.Write("logs/notes.txt", "not a log");
        var noLogs = App.Run(folder.File("logs"));
        Assert.True(noLogs.ExitCode == 1, noLogs.ToString());
        Assert.Contains("no log files in it", noLogs.Stderr);

        var emptyStdin = App.Run("records", "-");
        Assert.True(emptyStdin.ExitCode == 1, emptyStdin.ToString());
        Assert.Contains("no CloudTrail records in the input", emptyStdin.Stderr);
    }

    [Fact]
    public void Paths_before_the_command_are_the_commands_paths()
    {
        using var folder = new TempFolder();
        string a = folder.Write("a.ndjson", Fixture.Ndjson(Fixture.CreateUser, Fixture.Decrypt));
        string b = folder.WriteGzip("b.json.gz", Fixture.LogFile(Fixture.AssumeRole));
        var both = App.Run(a, "summary", b, "--format", "json");
        Assert.True(both.ExitCode == 0, both.ToString());
        Assert.Equal(3, (long)both.Json["records"]!);
        Assert.Equal(2, (long)both.Json["files"]!);

        var records = App.Run(a, "records");
        Assert.True(records.ExitCode == 0, records.ToString());
        Assert.Equal(2, records.Lines.Length);
    }

    [Fact]
    public void A_misspelt_command_is_a_usage_error_that_names_the_command()
    {
        var run = App.Run("sumary");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("did you mean 'summary'?", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_top_that_is_not_a_number_says_what_is_expected_in_words()
    {
        var run = App.Run("--top", "abc");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--top takes a whole number of rows", run.Stderr);
        Assert.DoesNotContain("System.Int32", run.Stderr);
    }

    [Fact]
    public void Json_output_is_format_json_everywhere_and_coverage_json_still_works()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        Assert.DoesNotContain("--json", App.Run("coverage", "--help").Stdout);
        Assert.Equal(App.Run("coverage", file, "--format", "json").Stdout, App.Run("coverage", file, "--json").Stdout);
        Assert.Equal(Fixture.Records, (long)App.Run("coverage", file, "--json").Json["records"]!);
    }

    private const string SsoAlice = """{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLESSOADMIN:alice@example.com","arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com","accountId":"111122223333","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLESSOADMIN","arn":"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef","accountId":"111122223333","userName":"AWSReservedSSO_AdministratorAccess_0123456789abcdef"}}},"eventTime":"2024-03-04T11:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"eu-west-1","requestParameters":null,"responseElements":null,"eventID":"e2222222-1111-4111-8111-111111111111","eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";

    [Theory]
    [InlineData(2, "alice")] // DeployRole/alice and alice@example.com
    [InlineData(1, "alice@example.com")]
    [InlineData(1, "SSO:AdministratorAccess/alice@example.com")] // as the principals table shows it
    [InlineData(1, "AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com")]
    [InlineData(1, "AROAEXAMPLESSOADMIN")] // a role id alone
    [InlineData(1, "AROAEXAMPLEDEPLOY")]
    [InlineData(0, "ali")]
    public void What_the_summary_prints_as_a_principal_is_accepted_as_a_filter(int expected, string principal)
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson([.. Fixture.All, SsoAlice]));
        var run = App.Run(file, "--principal", principal, "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, (long)run.Json["records"]!);
    }

    [Fact]
    public void The_readme_principal_example_works_on_the_sample_logs()
    {
        var byName = App.Run("--principal", "alice", "--format", "json");
        Assert.True(byName.ExitCode == 0, byName.ToString());
        Assert.True((long)byName.Json["records"]! > 0, byName.Stdout);
        var shown = (string)byName.Json["principals"]!.AsArray()[0]!["name"]!;
        var pasted = App.Run("--principal", Reading.RecordFacts.Display(shown), "--format", "json");
        Assert.True((long)pasted.Json["records"]! > 0, pasted.ToString());
    }
}
