using System;
using System.IO;
using TrailScan;

namespace CloudTrailGen.S3.Tests;

/// <summary>Runs trailscan in this process, as the S3 tests do, with s3rver's credentials when asked.</summary>
internal static class TrailScanRun
{
    /// <summary>
    /// Runs trailscan with <paramref name="args"/>; <paramref name="stdin"/>, when given, is piped
    /// standard input. Stdout is what was written as text, then what was written as bytes (records'
    /// NDJSON), as UTF-8.
    /// </summary>
    public static (int Code, string Stdout, string Stderr) Run(string[] args, byte[]? stdin = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var bytes = new MemoryStream();
        var console = new AppConsole(stdout, stderr, () => new MemoryStream(stdin ?? []), () => bytes, stdinHasInput: stdin is not null);
        int code = Cli.Run(args, console);
        return (code, stdout.ToString() + System.Text.Encoding.UTF8.GetString(bytes.ToArray()), stderr.ToString());
    }

    /// <summary>
    /// Runs <paramref name="action"/> with s3rver's key pair in the environment, as the SDK's default
    /// chain reads it. The S3 tests share one collection, so they never run at the same time.
    /// </summary>
    public static T WithCredentials<T>(Func<T> action)
    {
        string? id = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
        try
        {
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", id);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", secret);
        }
    }
}
