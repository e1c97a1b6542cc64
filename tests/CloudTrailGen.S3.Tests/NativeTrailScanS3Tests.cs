using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// The Native AOT trailscan binary (named by <c>TRAILSCAN_NATIVE</c>, as CI sets it after publishing)
/// reads the test bucket over HTTP and reports what it reports for a local copy of the same objects.
/// </summary>
[Collection(S3ServerCollection.Name)]
public sealed class NativeTrailScanS3Tests(S3ServerFixture server)
{
    [NativeTrailScanFact]
    public async Task The_native_binary_summarises_the_bucket_as_it_summarises_a_local_copy()
    {
        string binary = NativeTrailScanFactAttribute.Binary!;
        var folder = Path.Combine(Path.GetTempPath(), "trailscan-native-s3-" + Guid.NewGuid().ToString("N"));
        try
        {
            await TestBucket.DownloadLogsAsync(server.Client, folder);
            string[] range = ["--since", "2025-01-06T00:00:00Z", "--until", "2025-01-07T00:00:00Z"];

            var fromS3 = Run(binary, ["summary", "--format", "json", "s3://" + TestBucket.Name, "--endpoint-url", server.Endpoint.ToString(), .. range]);
            var local = Run(binary, ["summary", "--format", "json", folder, .. range]);

            // The corrupt object fails both ways (exit 1), named by its address when read from S3.
            var corrupt = TestBucket.Logs.Single(l => l.Corrupt);
            Assert.Equal(1, fromS3.Code);
            Assert.Equal(1, local.Code);
            Assert.Contains("s3://" + TestBucket.Name + "/" + corrupt.Key, fromS3.Stderr, StringComparison.Ordinal);

            var s3Summary = JsonNode.Parse(fromS3.Stdout)!.AsObject();
            var localSummary = JsonNode.Parse(local.Stdout)!.AsObject();
            Assert.True(s3Summary["records"]!.GetValue<long>() > 0, fromS3.Stdout);
            // S3 reads only the objects whose names can hold records of the range; the folder's
            // other files are read and their records filtered out by time.
            var objects = TestBucket.Logs.Count(l => l.Key.StartsWith("AWSLogs/", StringComparison.Ordinal));
            Assert.Equal(objects, localSummary["files"]!.GetValue<int>());
            Assert.InRange(s3Summary["files"]!.GetValue<int>(), 1, objects - 1);
            Assert.True(s3Summary["recordsRead"]!.GetValue<long>() < localSummary["recordsRead"]!.GetValue<long>());
            foreach (var name in new[] { "files", "recordsRead" })
            {
                s3Summary.Remove(name);
                localSummary.Remove(name);
            }
            // Every other count, table and finding is the same.
            Assert.True(JsonNode.DeepEquals(localSummary, s3Summary), $"local:\n{local.Stdout}\ns3:\n{fromS3.Stdout}");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(string binary, string[] args)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // s3rver's key pair, through the SDK's default chain as a user's would be.
        start.Environment["AWS_ACCESS_KEY_ID"] = "S3RVER";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "S3RVER";
        start.Environment.Remove("AWS_PROFILE");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{binary} {string.Join(' ', args)} did not end within 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A fact that runs when <c>TRAILSCAN_NATIVE</c> names the published trailscan binary, and is skipped with a message otherwise.</summary>
public sealed class NativeTrailScanFactAttribute : FactAttribute
{
    /// <summary>The binary, or null when the variable is not set to an existing file.</summary>
    public static string? Binary { get; } =
        Environment.GetEnvironmentVariable("TRAILSCAN_NATIVE") is { Length: > 0 } path && File.Exists(path) ? Path.GetFullPath(path) : null;

    public NativeTrailScanFactAttribute()
    {
        if (Binary is null)
        {
            Skip = "TRAILSCAN_NATIVE does not name the published trailscan binary (.ci/run sets it after the Native AOT publish)";
        }
    }
}
