using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using CloudTrailGen.S3;
using Xunit;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// s3rver on 127.0.0.1, on a port the system chooses, for one test collection: installed with
/// npm ci beside the test assembly when it is missing, started on an empty data folder, stopped
/// (its standard input closed, then killed) and the folder removed at the end. Every request it
/// receives is recorded, so tests can check what was listed.
/// </summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan s_installTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "cloudtrailgen-s3-" + Guid.NewGuid().ToString("N"));
    private Process? _server;

    public Uri Endpoint { get; private set; } = null!;

    public IAmazonS3 Client { get; private set; } = null!;

    /// <summary>The requests received so far, as "GET /bucket?query" (URL-encoded as sent).</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    public void ClearRequests() => _requests.Clear();

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "S3Server");
        await InstallAsync(folder);
        Directory.CreateDirectory(_data);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("start.js");
        start.ArgumentList.Add(_data);
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _server = new Process { StartInfo = start, EnableRaisingEvents = true };
        _server.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith("LISTENING ", StringComparison.Ordinal)) listening.TrySetResult(int.Parse(e.Data.AsSpan(10)));
            else if (e.Data.StartsWith("REQUEST ", StringComparison.Ordinal)) _requests.Enqueue(e.Data.Substring(8));
        };
        _server.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) _errors.Enqueue(e.Data);
        };
        _server.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("s3rver exited: " + string.Join('\n', _errors)));
        _server.Start();
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        int port = await listening.Task.WaitAsync(s_startTimeout);
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        Client = CloudTrailS3Client.Create(new CloudTrailS3ClientOptions
        {
            EndpointUrl = Endpoint.ToString(),
            // s3rver's fixed key pair.
            Credentials = new BasicAWSCredentials("S3RVER", "S3RVER"),
        });
        await TestBucket.UploadAsync(Client);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_server is { } server)
        {
            try
            {
                server.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await server.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    server.Kill(entireProcessTree: true);
                }
            }
            finally
            {
                server.Dispose();
            }
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>npm ci in the server's folder, once: later runs find node_modules/s3rver there.</summary>
    private static async Task InstallAsync(string folder)
    {
        if (File.Exists(Path.Combine(folder, "node_modules", "s3rver", "package.json"))) return;
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" }) start.ArgumentList.Add(argument);
        Process npm;
        try
        {
            npm = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("npm was not found: the S3 tests install s3rver with npm (Node.js and npm are needed; .ci/run installs them).", e);
        }
        using (npm)
        {
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            using var wait = new CancellationTokenSource(s_installTimeout);
            await npm.WaitForExitAsync(wait.Token);
            if (npm.ExitCode != 0) throw new InvalidOperationException($"npm ci in {folder} exited with {npm.ExitCode}:\n{await output}\n{await errors}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class S3ServerCollection : ICollectionFixture<S3ServerFixture>
{
    public const string Name = "s3rver";
}
