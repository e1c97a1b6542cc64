using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace CloudTrailGen.Tests.Infrastructure;

/// <summary>
/// A small snapshot harness with Verify's conventions (Verify itself is not on this machine's
/// feed): the expected text is a committed <c>*.verified.cs</c> file in a <c>Snapshots/</c> folder
/// beside the test's source file; on a mismatch the actual text is written to <c>*.received.cs</c>
/// next to it and the test fails with a line diff; with <c>CLOUDTRAILGEN_ACCEPT_SNAPSHOTS=1</c> the
/// actual text becomes the verified one. Line endings are normalized to '\n' on both sides, so a
/// checkout with CRLF does not fail.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "CLOUDTRAILGEN_ACCEPT_SNAPSHOTS";

    /// <summary>How many differing lines a failure message shows.</summary>
    public const int MaxDiffLines = 40;

    /// <summary>
    /// Compares <paramref name="actual"/> with <c>Snapshots/{name}.verified.cs</c> beside the calling
    /// source file. The folder comes from [CallerFilePath], never from the bin folder, so that
    /// accepting a snapshot updates the committed file.
    /// </summary>
    public static void Verify(string actual, string name, [CallerFilePath] string sourceFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Snapshots");
        if (!Directory.Exists(Path.GetDirectoryName(sourceFile)))
        {
            throw new XunitException($"The test source folder '{Path.GetDirectoryName(sourceFile)}' does not exist: snapshots are found from [CallerFilePath], so the build must keep real source paths (DeterministicSourcePaths=false).");
        }
        VerifyIn(directory, name, actual, IsAcceptMode());
    }

    /// <summary>
    /// Verifies several snapshots of one test (one per generated file): every one is compared and
    /// every mismatch gets its .received.cs before the test fails with all the diffs.
    /// </summary>
    public static void VerifyAll(IEnumerable<(string Name, string Actual)> snapshots, [CallerFilePath] string sourceFile = "")
    {
        var failures = new List<string>();
        foreach (var (name, actual) in snapshots)
        {
            try
            {
                Verify(actual, name, sourceFile);
            }
            catch (XunitException e)
            {
                failures.Add(e.Message);
            }
        }
        if (failures.Count > 0) throw new XunitException($"{failures.Count} snapshots differ:\n\n" + string.Join("\n\n", failures));
    }

    /// <summary>The harness itself, with the folder and the accept mode given (for its own tests).</summary>
    internal static void VerifyIn(string directory, string name, string actual, bool accept)
    {
        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) throw new ArgumentException($"'{name}' is not a valid file name", nameof(name));
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string normalized = Normalize(actual);

        if (accept)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, normalized, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(receivedPath, normalized, new UTF8Encoding(false));
            throw new XunitException(
                $"No verified snapshot '{verifiedPath}'. The output was written to '{receivedPath}'; review it and rename it to .verified.cs, or run with {AcceptVariable}=1.");
        }

        string expected = Normalize(File.ReadAllText(verifiedPath));
        if (string.Equals(expected, normalized, StringComparison.Ordinal))
        {
            File.Delete(receivedPath); // a stale one from an earlier failure
            return;
        }

        File.WriteAllText(receivedPath, normalized, new UTF8Encoding(false));
        throw new XunitException(
            $"Snapshot '{name}' differs from '{verifiedPath}'.\n" +
            $"The output was written to '{receivedPath}'. If the change is intended, run the tests with {AcceptVariable}=1 (or rename the file).\n" +
            Diff(expected, normalized, MaxDiffLines));
    }

    private static bool IsAcceptMode()
    {
        string? value = Environment.GetEnvironmentVariable(AcceptVariable);
        return value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>'\n' line ends only.</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>
    /// A unified-style diff (<c>---</c>/<c>+++</c>, <c>@@</c> hunks with one line of context, <c>-</c>
    /// expected, <c>+</c> actual), cut after <paramref name="maxChanged"/> changed lines.
    /// </summary>
    public static string Diff(string expected, string actual, int maxChanged)
    {
        var a = SplitLines(expected);
        var b = SplitLines(actual);
        var edits = Lcs(a, b);

        var output = new StringBuilder();
        output.Append("--- verified\n+++ received\n");
        int changed = 0;
        int shownUntil = -1; // index in edits of the last line printed
        for (int i = 0; i < edits.Count && changed < maxChanged; i++)
        {
            if (edits[i].Kind == ' ') continue;
            bool continuesHunk = shownUntil >= 0 && shownUntil == i - 1;
            if (!continuesHunk)
            {
                // A new hunk, with one line of context before it when there is one.
                var first = i > 0 && edits[i - 1].Kind == ' ' ? edits[i - 1] : edits[i];
                output.Append($"@@ -{first.OldLine + 1} +{first.NewLine + 1} @@\n");
                if (i > 0 && edits[i - 1].Kind == ' ') output.Append(' ').Append(edits[i - 1].Text).Append('\n');
            }
            output.Append(edits[i].Kind).Append(edits[i].Text).Append('\n');
            changed++;
            shownUntil = i;
            // One line of context after a run of changes.
            if (i + 1 < edits.Count && edits[i + 1].Kind == ' ')
            {
                output.Append(' ').Append(edits[i + 1].Text).Append('\n');
                shownUntil = i + 1;
            }
        }
        int total = edits.Count(e => e.Kind != ' ');
        if (total > changed) output.Append($"... and {total - changed} more changed lines\n");
        return output.ToString();
    }

    private static string[] SplitLines(string text) => text.Length == 0 ? Array.Empty<string>() : text.Split('\n');

    private readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);

    // Longest common subsequence on the part between the common prefix and suffix (generated files
    // usually differ in a few places, so the middle is small).
    private static List<Edit> Lcs(string[] a, string[] b)
    {
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix]) suffix++;

        int n = a.Length - prefix - suffix, m = b.Length - prefix - suffix;
        var edits = new List<Edit>(a.Length + b.Length);
        for (int i = 0; i < prefix; i++) edits.Add(new Edit(' ', a[i], i, i));

        if ((long)n * m > 25_000_000)
        {
            // Too big to align: show it as removed then added.
            for (int i = 0; i < n; i++) edits.Add(new Edit('-', a[prefix + i], prefix + i, prefix));
            for (int j = 0; j < m; j++) edits.Add(new Edit('+', b[prefix + j], prefix + n, prefix + j));
        }
        else
        {
            var table = new int[n + 1, m + 1];
            for (int i = n - 1; i >= 0; i--)
            {
                for (int j = m - 1; j >= 0; j--)
                {
                    table[i, j] = a[prefix + i] == b[prefix + j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
                }
            }
            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[prefix + x] == b[prefix + y])
                {
                    edits.Add(new Edit(' ', a[prefix + x], prefix + x, prefix + y));
                    x++;
                    y++;
                }
                else if (x < n && (y == m || table[x + 1, y] >= table[x, y + 1]))
                {
                    // Removals first, as diff tools print a changed block.
                    edits.Add(new Edit('-', a[prefix + x], prefix + x, prefix + y));
                    x++;
                }
                else
                {
                    edits.Add(new Edit('+', b[prefix + y], prefix + x, prefix + y));
                    y++;
                }
            }
        }

        for (int i = 0; i < suffix; i++)
        {
            int oldLine = a.Length - suffix + i, newLine = b.Length - suffix + i;
            edits.Add(new Edit(' ', a[oldLine], oldLine, newLine));
        }
        return edits;
    }
}
