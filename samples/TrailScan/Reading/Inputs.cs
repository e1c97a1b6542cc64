using System;
using System.Collections.Generic;
using System.IO;
using CloudTrailGen;

namespace TrailScan.Reading;

/// <summary>One input to read: a file, or standard input.</summary>
/// <param name="Name">What messages call it: the path as given (or found in a folder), or <c>-</c>.</param>
/// <param name="Path">The file's path; null for standard input.</param>
/// <param name="Length">The file's size in bytes (for the progress bar); 0 for standard input.</param>
public sealed record InputFile(string Name, string? Path, long Length)
{
    /// <summary>Whether this is standard input.</summary>
    public bool IsStdin => Path is null;
}

/// <summary>Turns the PATH arguments into the files to read.</summary>
public static class Inputs
{
    /// <summary>Where the shipped sample logs are: beside the app.</summary>
    public static string SampleLogFolder => System.IO.Path.Combine(AppContext.BaseDirectory, "SampleLogs");

    /// <summary>
    /// Expands paths into files: a file stays itself, a folder becomes its log files at any depth
    /// (sorted, so the same folder gives the same order), and <c>-</c> is standard input (once).
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
