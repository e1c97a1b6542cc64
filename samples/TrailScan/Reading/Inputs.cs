using System;
using System.Collections.Generic;
using System.IO;
using CloudTrailGen;
using CloudTrailGen.S3;

namespace TrailScan.Reading;

/// <summary>One input to read: a file, standard input, or a bucket and prefix in S3.</summary>
/// <param name="Name">What messages call it: the path as given (or found in a folder), <c>-</c>, or the s3:// address.</param>
/// <param name="Path">The file's path; null for standard input and S3.</param>
/// <param name="Length">The file's size in bytes (for the progress bar); 0 for standard input and S3.</param>
public sealed record InputFile(string Name, string? Path, long Length)
{
    /// <summary>The bucket and prefix of an s3:// PATH (its log objects are read, not the bucket's every object).</summary>
    public CloudTrailS3Location? S3 { get; init; }

    /// <summary>One object of an s3:// PATH (<see cref="S3"/>), as listed, its body downloaded ahead; null for every other input.</summary>
    internal S3Objects.S3Body? Body { get; init; }

    /// <summary>Why this input cannot be read at all (an S3 client that could not be made, a listing that failed); null when it can.</summary>
    internal string? Failure { get; init; }

    /// <summary>Whether this is standard input.</summary>
    public bool IsStdin => Path is null && S3 is null;

    /// <summary>Whether the size of this input is unknown until read (standard input, S3).</summary>
    public bool SizeUnknown => Path is null;
}

/// <summary>Turns the PATH arguments into the files to read.</summary>
public static class Inputs
{
    /// <summary>Where the shipped sample logs are: beside the app.</summary>
    public static string SampleLogFolder => System.IO.Path.Combine(AppContext.BaseDirectory, "SampleLogs");

    /// <summary>
    /// Expands paths into files: a file stays itself, a folder becomes its log files at any depth
    /// (sorted, so the same folder gives the same order), <c>-</c> is standard input (once), and
    /// <c>s3://bucket/prefix</c> a trail's bucket (read by <see cref="RecordSource"/>).
    /// </summary>
    /// <param name="paths">The PATH arguments; empty means the sample logs.</param>
    /// <param name="problems">Paths that do not exist or cannot be listed, with the reason.</param>
    /// <param name="notes">
    /// The files of a folder that are not read, as they are not log files by name: with
    /// <paramref name="verbose"/> each one and why; else a count of the gzipped ones (a log file
    /// renamed, say), if any. Null: none.
    /// </param>
    /// <param name="verbose">Whether every file left out of a folder is named.</param>
    public static List<InputFile> Expand(IReadOnlyList<string> paths, List<string> problems, List<string>? notes = null, bool verbose = false)
    {
        var files = new List<InputFile>();
        if (paths.Count == 0)
        {
            if (!Directory.Exists(SampleLogFolder))
            {
                problems.Add($"no PATH given, and no sample logs in {SampleLogFolder}");
                return files;
            }
            AddFolder(SampleLogFolder, files, problems, notes, verbose);
            return files;
        }

        bool stdinSeen = false;
        foreach (string path in paths)
        {
            if (path == "-")
            {
                if (!stdinSeen) files.Add(new InputFile("-", null, 0));
                stdinSeen = true;
            }
            else if (CloudTrailS3Location.TryParse(path, out var location))
            {
                files.Add(new InputFile(path, null, 0) { S3 = location });
            }
            else if (File.Exists(path))
            {
                files.Add(new InputFile(path, path, Length(path)));
            }
            else if (Directory.Exists(path))
            {
                AddFolder(path, files, problems, notes, verbose);
            }
            else
            {
                problems.Add($"{path}: no such file or folder");
            }
        }
        return files;
    }

    // A folder's log files are the ones the library reads from a folder (CloudTrailLogReader.GetLogFiles:
    // .json, .json.gz, .ndjson, .jsonl, gzipped or not, at any depth, sorted; digest files left out);
    // files named on the command line are read whatever their name.
    private const string LogFileNames = ".json, .json.gz, .ndjson, .jsonl, gzipped or not";

    private static void AddFolder(string folder, List<InputFile> files, List<string> problems, List<string>? notes, bool verbose)
    {
        string[] found;
        try
        {
            found = CloudTrailLogReader.GetLogFiles(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{folder}: {e.Message}");
            return;
        }
        if (found.Length == 0)
        {
            problems.Add($"{folder}: no log files in it ({LogFileNames}; digest files do not count)");
        }
        foreach (string file in found) files.Add(new InputFile(file, file, Length(file)));
        if (notes is not null) NoteLeftOut(folder, found, notes, verbose);
    }

    /// <summary>Notes the files of <paramref name="folder"/> that are not among its log files <paramref name="found"/> (see <see cref="Expand"/>).</summary>
    private static void NoteLeftOut(string folder, string[] found, List<string> notes, bool verbose)
    {
        var read = new HashSet<string>(found, StringComparer.Ordinal);
        var leftOut = new List<string>();
        try
        {
            // Listed as GetLogFiles lists them (hidden files are not even looked at).
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
            foreach (string file in Directory.EnumerateFiles(folder, "*", options))
            {
                if (!read.Contains(file)) leftOut.Add(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // listed once already: what GetLogFiles found is read
        }
        leftOut.Sort(StringComparer.Ordinal);
        int gzipped = 0;
        foreach (string file in leftOut)
        {
            string name = Path.GetFileName(file);
            bool gz = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            if (gz && !IsDigestFile(name)) gzipped++;
            if (!verbose) continue;
            notes.Add(IsDigestFile(name)
                ? $"{file}: skipped: a CloudTrail digest file (log file integrity validation: it lists log files, it holds no records)"
                : gz
                    ? $"{file}: skipped: gzipped, but its name does not end in .json.gz, .ndjson.gz or .jsonl.gz, so it is not read from a folder (give it as a PATH to read it)"
                    : $"{file}: skipped: not a log file by its name ({LogFileNames}), so it is not read from a folder (give it as a PATH to read it)");
        }
        if (!verbose && gzipped > 0)
        {
            notes.Add($"{folder}: skipped {Words.Count(gzipped, ".gz file whose name does", ".gz files whose names do")} not end in .json.gz, .ndjson.gz or .jsonl.gz (--verbose names each; give a file as a PATH to read it)");
        }
    }

    private static bool IsDigestFile(string name) => name.Contains("_CloudTrail-Digest_", StringComparison.OrdinalIgnoreCase);

    private static long Length(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
