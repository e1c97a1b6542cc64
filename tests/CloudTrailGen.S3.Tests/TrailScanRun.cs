using System;
using System.IO;
using System.Threading;
using TrailScan;

namespace CloudTrailGen.S3.Tests;

/// <summary>Runs trailscan in this process, as the S3 tests do, with s3rver's credentials when asked.</summary>
internal static class TrailScanRun
{
    /// <summary>
    /// Runs trailscan with <paramref name="args"/>; <paramref name="stdin"/>, when given, is piped
    /// standard input. Stdout is what was written as text, then what was written as bytes (records'
    /// NDJSON), as UTF-8. <paramref name="interrupt"/> is Ctrl-C.
    /// </summary>
    public static (int Code, string Stdout, string Stderr) Run(string[] args, byte[]? stdin = null, CancellationToken interrupt = default)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var bytes = new MemoryStream();
        var console = new AppConsole(stdout, stderr, () => new MemoryStream(stdin ?? []), () => bytes, stdinHasInput: stdin is not null, interrupt: interrupt);
        int code = Cli.Run(args, console);
        return (code, stdout.ToString() + System.Text.Encoding.UTF8.GetString(bytes.ToArray()), stderr.ToString());
    }

    /// <summary>
    /// Runs <paramref name="action"/> with s3rver's key pair in the environment, as the SDK's default
    /// chain reads it. The S3 tests share one collection, so they never run at the same time.
    /// </summary>
    public static T WithCredentials<T>(Func<T> action) =>
        WithEnvironment(action, ("AWS_ACCESS_KEY_ID", "S3RVER"), ("AWS_SECRET_ACCESS_KEY", "S3RVER"));

    /// <summary>Runs <paramref name="action"/> with these environment variables set (null: removed), then puts them back.</summary>
    public static T WithEnvironment<T>(Func<T> action, params (string Name, string? Value)[] variables)
    {
        var before = new string?[variables.Length];
        for (int i = 0; i < variables.Length; i++)
        {
            before[i] = Environment.GetEnvironmentVariable(variables[i].Name);
            Environment.SetEnvironmentVariable(variables[i].Name, variables[i].Value);
        }
        try
        {
            return action();
        }
        finally
        {
            for (int i = 0; i < variables.Length; i++) Environment.SetEnvironmentVariable(variables[i].Name, before[i]);
        }
    }
}
