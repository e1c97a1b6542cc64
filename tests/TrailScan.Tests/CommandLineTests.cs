using System;
using System.IO;
using Xunit;

namespace TrailScan.Tests;

/// <summary>Help on every command, and exit code 2 for every kind of usage error.</summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("summary", "--help")]
    [InlineData("records", "--help")]
    [InlineData("coverage", "--help")]
    [InlineData("synth", "--help")]
    public void Help_is_printed_on_every_command_with_exit_code_0(params string[] args)
    {
        var run = App.Run(args);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Usage:", run.Stdout);
        Assert.Contains("Options:", run.Stdout);
    }

    [Fact]
    public void Root_help_lists_the_commands_and_filters()
    {
        var run = App.Run("--help");
        foreach (string word in new[] { "summary", "records", "coverage", "synth", "--service", "--event", "--category", "--errors", "--principal", "--since", "--until", "--format" })
        {
            Assert.Contains(word, run.Stdout);
        }
    }

    [Theory]
    [InlineData("coverage", "--format")]
    [InlineData("synth", "--records")]
    [InlineData("synth", "--seed")]
    [InlineData("synth", "--out")]
    [InlineData("records", "--principal")]
    public void Command_help_names_its_options(string command, string option)
    {
        var run = App.Run(command, "--help");
        Assert.Contains(option, run.Stdout);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("summary", "--no-such-option")]
    [InlineData("records")] // PATH is required
    [InlineData("coverage")]
    [InlineData("synth", "--out", "x.json")] // --records is required
    [InlineData("synth", "--records", "10")] // --out is required
    [InlineData("synth", "--records", "0", "--out", "x.json")]
    [InlineData("synth", "--records", "ten", "--out", "x.json")]
    [InlineData("synth", "--records", "10", "--out", "x.txt")]
    [InlineData("synth", "--records", "10", "--out", "x.json", "--days", "0")]
    [InlineData("--format", "xml")]
    [InlineData("--category", "Sideways")]
    [InlineData("--since", "yesterday-ish")]
    [InlineData("--until", "")]
    [InlineData("--top", "0")]
    [InlineData("coverage", "--format", "yaml", "x.json")]
    [InlineData("summary", "s3://trail-logs", "--endpoint-url", "127.0.0.1:9000")] // no scheme
    [InlineData("records", "s3://trail-logs", "--endpoint-url", "ftp://127.0.0.1:9000")]
    public void Usage_errors_exit_with_2_and_say_why(params string[] args)
    {
        var run = App.Run(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("trailscan: ", run.Stderr);
        Assert.Contains("--help", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void An_endpoint_that_is_not_a_URL_is_refused_by_the_library_s_rule_before_any_request()
    {
        var run = App.Run("summary", "s3://trail-logs", "--endpoint-url", "127.0.0.1:9000");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--endpoint-url: The S3 endpoint URL '127.0.0.1:9000' is not an absolute http:// or https:// URL: give one such as http://127.0.0.1:9000.", run.Stderr);
    }

    [Theory]
    [InlineData("s3://trail-logs", "http://127.0.0.1:4568/trail-logs", "http://127.0.0.1:4568")]
    [InlineData("s3://trail-logs/team/AWSLogs", "http://127.0.0.1:4568/trail-logs/", "http://127.0.0.1:4568")]
    [InlineData("s3://trail-logs", "https://s3.example.com:9000/s3/trail-logs", "https://s3.example.com:9000")]
    public void An_endpoint_that_ends_in_the_bucket_is_a_usage_error_saying_the_bucket_goes_in_the_s3_PATH(string path, string endpoint, string root)
    {
        // The SDK would send the endpoint's path before the bucket (/trail-logs/trail-logs/...), and
        // the server would answer that some other bucket or key does not exist.
        var run = App.Run("summary", path, "--endpoint-url", endpoint);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.True(run.Stderr.StartsWith(
            $"trailscan: --endpoint-url: '{endpoint}' ends in the bucket of {path}: an endpoint is scheme://host[:port] (with a path only for a server that serves S3 under one), " +
            $"and the bucket goes in the s3:// PATH: give --endpoint-url {root}" + Environment.NewLine, StringComparison.Ordinal), run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("thirty")]
    [InlineData("2147484")] // more than an HTTP client waits
    public void An_s3_timeout_out_of_range_is_a_usage_error_naming_the_range(string seconds)
    {
        var run = App.Run("summary", "s3://trail-logs", "--s3-timeout", seconds);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.True(run.Stderr.StartsWith($"trailscan: --s3-timeout takes a number of seconds greater than 0 and at most 2147483 (such as 30): '{seconds}' is not one." + Environment.NewLine, StringComparison.Ordinal), run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("summary", "s3://")]
    [InlineData("records", "s3:///AWSLogs/111122223333")]
    [InlineData("export", "S3://", "--out", "unused")]
    public void An_s3_path_without_a_bucket_is_a_usage_error_naming_the_form(params string[] args)
    {
        var run = App.Run(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.True(run.Stderr.StartsWith($"trailscan: {args[1]}: no bucket in the s3:// PATH: give s3://BUCKET[/PREFIX]" + Environment.NewLine, StringComparison.Ordinal), run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Options_are_case_insensitive_where_their_values_are_names()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        Assert.Equal(Fixture.InsightRecords, (long)App.Run(file, "--category", "insight", "--format", "JSON").Json["records"]!);
    }
    [Theory]
    [InlineData("--service iam records FILE", "--service was given before the command 'records'", "trailscan records --service iam FILE")]
    [InlineData("--format json records FILE", "--format was given before the command 'records'", "trailscan records --format json FILE")]
    [InlineData("--since 7d --service iam summary FILE", "--since and --service were given before the command 'summary'", "trailscan summary --since 7d --service iam FILE")]
    [InlineData("--errors principal alice FILE", "--errors was given before the command 'principal'", "trailscan principal --errors alice FILE")]
    [InlineData("--category Insight coverage FILE", "--category was given before the command 'coverage'", "trailscan coverage --category Insight FILE")]
    [InlineData("FILE -j 1 export --out OUT", "FILE and -j were given before the command 'export'", "trailscan export FILE -j 1 --out OUT")]
    public void Options_before_the_command_are_a_usage_error_showing_the_command_line_with_them_after_it(string line, string given, string corrected)
    {
        // They would be the root command's (summary's, when no command is given): the command would
        // not see them, and answer for every record with exit code 0.
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        string output = folder.File("out");
        string[] args = line.Split(' ');
        for (int i = 0; i < args.Length; i++) args[i] = args[i] == "FILE" ? file : args[i] == "OUT" ? output : args[i];
        var run = App.Run(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        string command = given.Split('\'')[1];
        Assert.Equal(
            $"trailscan: {given.Replace("FILE", file)}: a command's options follow it: {corrected.Replace("FILE", file).Replace("OUT", output)}{Environment.NewLine}trailscan: see 'trailscan {command} --help'{Environment.NewLine}",
            run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void The_corrected_command_line_quotes_what_the_shell_would_split()
    {
        var run = App.Run("--principal", "it's me", "records", "a b.json");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("trailscan: --principal was given before the command 'records': a command's options follow it: trailscan records --principal 'it'\\''s me' 'a b.json'" + Environment.NewLine, run.Stderr);
    }

    [Fact]
    public void Options_with_no_command_are_summary_s_and_paths_before_a_command_are_still_its()
    {
        using var folder = new TempFolder();
        string file = folder.Write("log.ndjson", Fixture.Ndjson());
        var noCommand = App.Run("--service", "iam", file, "--format", "json");
        Assert.True(noCommand.ExitCode == 0, noCommand.ToString());
        Assert.Equal(1L, (long)noCommand.Json["records"]!);
        var pathFirst = App.Run(file, "records", "--service", "iam");
        Assert.True(pathFirst.ExitCode == 0, pathFirst.ToString());
        Assert.Equal(Fixture.CreateUser, Assert.Single(pathFirst.Lines));
    }
}
