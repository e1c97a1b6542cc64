using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using Xunit;

namespace CloudTrailGen.Package.Tests;

/// <summary>What a finished command printed and returned.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string StandardOutput, string Output, bool TimedOut)
{
    // Enough of the end of a build log to show its errors, within what a test report keeps.
    private const int MaxReportedChars = 24_000;

    public string Describe()
    {
        string output = Output.Length <= MaxReportedChars
            ? Output
            : "[...]\n" + Output[^MaxReportedChars..];
        string status = TimedOut ? "timed out and was killed" : $"exited with {ExitCode}";
        return $"$ {Command}\n{status}\n{output}";
    }

    public void AssertSucceeded(string step) =>
        Assert.True(!TimedOut && ExitCode == 0, $"{step} failed:\n{Describe()}");

    public void AssertPrinted(string step, string expected) =>
        Assert.True(StandardOutput.ReplaceLineEndings("\n") == expected,
            $"{step} printed other lines than expected.\nExpected:\n{expected}\n{Describe()}");
}

/// <summary>Runs dotnet and other programs with their output captured.</summary>
internal static class Tool
{
    public static ToolResult Dotnet(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        // The dotnet that runs these tests, when the test host was started by one.
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        string[] msbuild = arguments.Length > 0 && arguments[0] is "build" or "pack" or "publish"
            // No build servers: a server left running would hold this process's output pipes open.
            ? ["-nodeReuse:false", "-p:UseSharedCompilation=false"]
            : [];
        return Run(dotnet, workingDirectory, timeout, [.. arguments, .. msbuild]);
    }

    public static ToolResult Run(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);

        // `dotnet test` hands its MSBuild settings to the test host; a nested build must find its
        // own, or it may load another SDK's targets.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        using var outputClosed = new ManualResetEventSlim();
        using var errorClosed = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                outputClosed.Set();
                return;
            }
            lock (output)
            {
                output.Append(e.Data).Append('\n');
                standardOutput.Append(e.Data).Append('\n');
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                errorClosed.Set();
                return;
            }
            lock (output) output.Append(e.Data).Append('\n');
        };

        string command = fileName + " " + string.Join(" ", arguments);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        // The last lines arrive after the exit; a grandchild still holding the pipes must not hang us.
        outputClosed.Wait(TimeSpan.FromSeconds(30));
        errorClosed.Wait(TimeSpan.FromSeconds(30));

        lock (output)
        {
            return new ToolResult(command, exited ? process.ExitCode : -1, standardOutput.ToString(), output.ToString(), !exited);
        }
    }
}
