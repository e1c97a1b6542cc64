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
    public static List<InputFile> Expand(IReadOnlyList<string> paths, List<string> problems)
    {
        var files = new List<InputFile>();
        if (paths.Count == 0)
        {
            if (!Directory.Exists(SampleLogFolder))
            {
                problems.Add($"no PATH given, and no sample logs in {SampleLogFolder}");
                return files;
            }
            AddFolder(SampleLogFolder, files, problems);
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
                AddFolder(path, files, problems);
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
    private static void AddFolder(string folder, List<InputFile> files, List<string> problems)
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
            problems.Add($"{folder}: no log files in it (.json, .json.gz, .ndjson, .jsonl, gzipped or not; digest files do not count)");
        }
        foreach (string file in found) files.Add(new InputFile(file, file, Length(file)));
    }

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
