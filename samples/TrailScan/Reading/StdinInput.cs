using System;
using System.IO;

namespace TrailScan.Reading;

/// <summary>
/// Whether standard input brings something to read. CI and scripts run trailscan with standard
/// input on /dev/null or closed, and people at a terminal: none of those is input. A pipe is, and
/// so is a redirected file that is not empty.
/// </summary>
public static class StdinInput
{
    /// <summary>Whether the process's standard input is a pipe (or socket), or a regular file with content.</summary>
    public static bool IsPipedOrFile()
    {
        string? target;
        try
        {
            // Linux: /proc/self/fd/0 links to "pipe:[N]", "socket:[N]", or the file's path.
            target = OperatingSystem.IsLinux() ? new FileInfo("/proc/self/fd/0").LinkTarget : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // closed
        }
        // Elsewhere there is no such link to read: redirected input counts.
        if (!OperatingSystem.IsLinux()) return Console.IsInputRedirected;
        return IsPipeOrFile(target);
    }

    /// <summary>
    /// The rule on where standard input leads (<paramref name="target"/>): a pipe or socket, or
    /// a regular file with content (not a device such as /dev/null or a terminal). Null: closed.
    /// </summary>
    public static bool IsPipeOrFile(string? target)
    {
        if (string.IsNullOrEmpty(target)) return false;
        if (target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("socket:", StringComparison.Ordinal)) return true;
        if (target.StartsWith("/dev/", StringComparison.Ordinal)) return false;
        try
        {
            var info = new FileInfo(target);
            return info.Exists && (info.Attributes & (FileAttributes.Device | FileAttributes.Directory)) == 0 && info.Length > 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
