using Xunit;

namespace TrailScan.Tests;

/// <summary>The files of a folder that are not read: named with --verbose, and why.</summary>
public class FolderInputTests
{
    [Fact]
    public void Files_of_a_folder_that_are_not_log_files_by_name_are_named_with_verbose_and_the_gz_ones_counted_without()
    {
        using var folder = new TempFolder();
        folder.Write("logs/a.json", Fixture.LogFile(Fixture.Decrypt));
        string renamed = folder.WriteGzip("logs/b.gz", Fixture.Ndjson(Fixture.CreateUser));
        string notes = folder.Write("logs/notes.txt", "not a log");
        string digest = folder.WriteGzip("logs/111122223333_CloudTrail-Digest_us-east-1_20240304T0930Z.json.gz", "{}");
        string logs = folder.File("logs");

        var verbose = App.Run("summary", logs, "--format", "json", "--verbose");
        Assert.True(verbose.ExitCode == 0, verbose.ToString());
        Assert.Equal(1, (long)verbose.Json["records"]!); // the documented names only: a.json
        Assert.Contains($"trailscan: {renamed}: skipped: gzipped, but its name does not end in .json.gz, .ndjson.gz or .jsonl.gz, so it is not read from a folder (give it as a PATH to read it)", verbose.Stderr);
        Assert.Contains($"trailscan: {notes}: skipped: not a log file by its name (.json, .json.gz, .ndjson, .jsonl, gzipped or not), so it is not read from a folder", verbose.Stderr);
        Assert.Contains($"trailscan: {digest}: skipped: a CloudTrail digest file", verbose.Stderr);

        var quiet = App.Run("summary", logs, "--format", "json");
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Equal($"trailscan: {logs}: skipped 1 .gz file whose name does not end in .json.gz, .ndjson.gz or .jsonl.gz (--verbose names each; give a file as a PATH to read it)\n", quiet.Stderr.Replace("\r\n", "\n"));

        // Named as a PATH, the renamed file is read.
        var named = App.Run("summary", renamed, "--format", "json");
        Assert.Equal(1, (long)named.Json["records"]!);
    }
}
