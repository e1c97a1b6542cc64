using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Xunit;

namespace CloudTrailGen.Package.Tests;

/// <summary>
/// The package as a user gets it: pack, look inside, then build, publish with Native AOT and run a
/// new project that knows CloudTrailGen only as a PackageReference. Each step is its own assertion
/// so that a failure names the step, with the tool's output in the message.
/// </summary>
public sealed class PackageTests
{
    // The whole test takes one to two minutes here (the first Native AOT publish on a new machine
    // also downloads the ILCompiler packages). The limits only stop a hung step well inside CI's
    // time: no step gets more than 20 minutes, and all of them together no more than 40.
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan TestLimit = TimeSpan.FromMinutes(40);

    private const string ExpectedOutput =
        "sns Publish: PublishEvent topic=arn:aws:sns:us-east-1:123456789012:ExampleSNSTopic messageId=0787cd1e-d92b-521c-a8b4-90434e8ef840\n" +
        "cognito-identity GetCredentialsForIdentity: GetCredentialsForIdentityEvent expiration=2023-01-19 17:55:08 UTC\n" +
        "payroll ApprovePayRun: ApprovePayRunEvent payRun=pr-2024-03 status=Approved\n" +
        "round trip: 3 of 3 records equal\n" +
        "type information: Credentials read and written\n";

    // What README's project prints for the logs of WriteReadmeLogs.
    private const string ReadmeOutput =
        "2024-05-01 10:00:00Z root console sign-in from 192.0.2.1, MFA used: No\n" +
        "2024-05-01 10:05:00Z failed console sign-in: arn:aws:iam::111122223333:user/alice from 198.51.100.7\n" +
        "2024-05-01 11:00:00Z arn:aws:iam::111122223333:user/alice attached arn:aws:iam::aws:policy/AdministratorAccess to role deploy\n" +
        "2024-05-01 12:00:00Z arn:aws:iam::111122223333:user/alice made access key AKIAIOSFODNN7EXAMPLE for bob\n" +
        "AccessDenied: 2 by arn:aws:iam::111122223333:user/mallory\n" +
        "AccessDenied: 1 by arn:aws:iam::111122223333:user/bob\n";

    [Fact]
    public void PackedPackage_BuildsPublishesWithNativeAotAndRuns()
    {
        var deadline = DateTime.UtcNow + TestLimit;
        TimeSpan StepTimeout() => TimeSpan.FromTicks(Math.Clamp((deadline - DateTime.UtcNow).Ticks, 0, StepLimit.Ticks));
        string repo = RepositoryRoot();
        // A version no earlier run used, so the global packages folder never serves a stale copy.
        string version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        string work = Directory.CreateTempSubdirectory("cloudtrailgen-package-").FullName;
        bool passed = false;
        try
        {
            // (a) pack
            string feed = Path.Combine(work, "feed");
            Tool.Dotnet(repo, StepTimeout(), "pack", Path.Combine("src", "CloudTrailGen", "CloudTrailGen.csproj"),
                "-c", "Release", "-o", feed, $"-p:Version={version}").AssertSucceeded("dotnet pack");

            Tool.Dotnet(repo, StepTimeout(), "pack", Path.Combine("src", "CloudTrailGen.S3", "CloudTrailGen.S3.csproj"),
                "-c", "Release", "-o", feed, $"-p:Version={version}").AssertSucceeded("dotnet pack of CloudTrailGen.S3");

            // (b) layout
            string nupkg = Path.Combine(feed, $"CloudTrailGen.{version}.nupkg");
            Assert.True(File.Exists(nupkg), $"no {nupkg}; the feed has: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
            AssertLayout(nupkg, repo);
            string s3Nupkg = Path.Combine(feed, $"CloudTrailGen.S3.{version}.nupkg");
            Assert.True(File.Exists(s3Nupkg), $"no {s3Nupkg}; the feed has: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
            AssertS3Layout(s3Nupkg);

            // (c) a new project outside the repository, so that its Directory.Build.props does not apply
            string app = Path.Combine(work, "app");
            WriteConsumer(app, feed, version);
            Tool.Dotnet(app, StepTimeout(), "build", "-c", "Release").AssertSucceeded("dotnet build of the consumer (no AOT)");
            string jitBinary = Path.Combine(app, "bin", "Release", "net10.0", "consumer.dll");
            var jit = Tool.Dotnet(app, StepTimeout(), jitBinary);
            jit.AssertSucceeded("the consumer built without AOT");
            jit.AssertPrinted("the consumer built without AOT", ExpectedOutput);

            // (c2) the project of README's "Use it", exactly as written there, on a folder of logs
            string readmeApp = Path.Combine(work, "readme");
            WriteReadmeProject(readmeApp, repo, feed, version);
            Tool.Dotnet(readmeApp, StepTimeout(), "build", "-c", "Release").AssertSucceeded("dotnet build of README's project");
            string logs = Path.Combine(work, "logs");
            WriteReadmeLogs(logs);
            var readme = Tool.Dotnet(readmeApp, StepTimeout(), Path.Combine(readmeApp, "bin", "Release", "net10.0", "Detections.dll"), logs);
            readme.AssertSucceeded("README's project");
            readme.AssertPrinted("README's project", ReadmeOutput);

            // (c3) README's S3 project: the same csproj with the S3 package too, and its Program.cs.
            // Built, not run: it reads a bucket.
            string s3App = Path.Combine(work, "readme-s3");
            WriteReadmeS3Project(s3App, repo, feed, version);
            Tool.Dotnet(s3App, StepTimeout(), "build", "-c", "Release").AssertSucceeded("dotnet build of README's S3 project");
            var usage = Tool.Dotnet(s3App, StepTimeout(), Path.Combine(s3App, "bin", "Release", "net10.0", "Detections.dll"));
            Assert.True(usage.ExitCode == 2 && usage.Output.Contains("usage: Detections s3://BUCKET[/PREFIX]", StringComparison.Ordinal),
                $"README's S3 project without an argument should print its usage and exit 2:\n{usage.Describe()}");

            // (d) Native AOT publish: warnings are errors, and none may be a trim or AOT warning
            string publishDir = Path.Combine(work, "publish");
            var publish = Tool.Dotnet(app, StepTimeout(), "publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
                "-p:TreatWarningsAsErrors=true", "-o", publishDir);
            publish.AssertSucceeded("dotnet publish with Native AOT");
            var aotWarnings = Regex.Matches(publish.Output, @"\bIL[23]\d{3}\b").Select(m => m.Value).Distinct().ToList();
            Assert.True(aotWarnings.Count == 0, $"the publish reported {string.Join(", ", aotWarnings)}:\n{publish.Describe()}");

            // (e) the native binary
            string native = Path.Combine(publishDir, "consumer");
            Assert.True(File.Exists(native), $"no native binary at {native}:\n{publish.Describe()}");
            Assert.False(File.Exists(Path.Combine(publishDir, "consumer.dll")), "the publish produced IL, not a native binary");
            var run = Tool.Run(native, app, StepTimeout());
            run.AssertSucceeded("the Native AOT consumer");
            run.AssertPrinted("the Native AOT consumer", ExpectedOutput);
            passed = true;
        }
        finally
        {
            // The package this run made is of no use to any later run.
            TryDelete(Path.Combine(GlobalPackagesFolder(), "cloudtrailgen", version.ToLowerInvariant()));
            TryDelete(Path.Combine(GlobalPackagesFolder(), "cloudtrailgen.s3", version.ToLowerInvariant()));
            // On failure the work folder stays, for a look at the consumer project and its outputs.
            if (passed) TryDelete(work);
        }
    }

    private static void AssertS3Layout(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        string listing = string.Join("\n", entries.Order(StringComparer.Ordinal));
        foreach (string entry in new[] { "lib/net8.0/CloudTrailGen.S3.dll", "lib/net8.0/CloudTrailGen.S3.xml", "README.md" })
        {
            Assert.True(entries.Contains(entry), $"the S3 package lacks {entry}; it has:\n{listing}");
        }
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(nuspec.Open());
        string manifest = reader.ReadToEnd();
        Assert.Matches("<dependency id=\"AWSSDK.S3\" version=\"4\\.", manifest);
    }

    private static void AssertLayout(string nupkg, string repo)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        string listing = string.Join("\n", entries.Order(StringComparer.Ordinal));

        var expected = new List<string>
        {
            "analyzers/dotnet/cs/CloudTrailGen.dll",
            "lib/net8.0/CloudTrailGen.Runtime.dll",
            "build/CloudTrailGen.props",
            "build/CloudTrailGen.targets",
            "catalog/envelope.json",
        };
        // Every service of the catalog, not only some.
        expected.AddRange(Directory.GetFiles(Path.Combine(repo, "catalog", "services"), "*.json")
            .Select(f => "catalog/services/" + Path.GetFileName(f)));
        foreach (string entry in expected)
        {
            Assert.True(entries.Contains(entry), $"the package lacks {entry}; it has:\n{listing}");
        }
        Assert.True(expected.Count > 5, "catalog/services has no service file");

        // The generator runs in the compiler only: it must not become a reference of the consumer.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith("/CloudTrailGen.dll", StringComparison.Ordinal));

        // The runtime has to flow to the consumer, so the package is not a development dependency.
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(nuspec.Open());
        string manifest = reader.ReadToEnd();
        Assert.DoesNotContain("<developmentDependency>true", manifest, StringComparison.Ordinal);
    }

    private static void WriteConsumer(string app, string feed, string version)
    {
        Directory.CreateDirectory(app);
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ConsumerApp")))
        {
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        }

        WriteIsolation(app, feed);

        File.WriteAllText(Path.Combine(app, "consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <PublishAot>true</PublishAot>
                <InvariantGlobalization>true</InvariantGlobalization>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <CloudTrailGenNamespace>My.Ct</CloudTrailGenNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CloudTrailGen" Version="{version}" />
                <CloudTrailService Include="sns;cognito-identity;cloudtrail" />
                <CloudTrailCatalog Include="my-events.json" />
              </ItemGroup>
            </Project>

            """);
    }

    /// <summary>README's "Use it" project: its csproj and Program.cs as README shows them (only the package version is this run's).</summary>
    private static void WriteReadmeProject(string app, string repo, string feed, string version)
    {
        Directory.CreateDirectory(app);
        string readme = File.ReadAllText(Path.Combine(repo, "README.md"));
        string csproj = ReadmeBlock(readme, "Detections.csproj");
        Assert.Contains("<PackageReference Include=\"CloudTrailGen\" Version=\"0.1.0\" />", csproj, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(app, "Detections.csproj"), csproj.Replace("Version=\"0.1.0\"", $"Version=\"{version}\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(app, "Program.cs"), ReadmeBlock(readme, "Program.cs"));
        WriteIsolation(app, feed);
    }

    /// <summary>README's S3 project: README's csproj with the CloudTrailGen.S3 reference README gives, and README's S3 Program.cs.</summary>
    private static void WriteReadmeS3Project(string app, string repo, string feed, string version)
    {
        WriteReadmeProject(app, repo, feed, version);
        string readme = File.ReadAllText(Path.Combine(repo, "README.md"));
        const string S3Reference = "<PackageReference Include=\"CloudTrailGen.S3\" Version=\"0.1.0\" />";
        Assert.Contains(S3Reference, readme, StringComparison.Ordinal);
        string csprojPath = Path.Combine(app, "Detections.csproj");
        string csproj = File.ReadAllText(csprojPath);
        string main = $"<PackageReference Include=\"CloudTrailGen\" Version=\"{version}\" />";
        File.WriteAllText(csprojPath, csproj.Replace(main, main + "\n    " + S3Reference.Replace("0.1.0", version, StringComparison.Ordinal), StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(app, "Program.cs"), ReadmeBlock(readme, "S3Program.cs"));
    }

    /// <summary>The code block after README's <c>&lt;!-- readme-project: NAME --&gt;</c> marker.</summary>
    private static string ReadmeBlock(string readme, string name)
    {
        string marker = $"<!-- readme-project: {name} -->";
        int at = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no '{marker}'");
        int fence = readme.IndexOf("```", at, StringComparison.Ordinal);
        int start = readme.IndexOf('\n', fence) + 1;
        int end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        Assert.True(fence >= 0 && end > start, $"no code block after '{marker}'");
        return readme[start..end] + "\n";
    }

    /// <summary>A folder as CloudTrail writes logs to S3: a gzipped log file, a digest file beside it, and a JSON-lines file.</summary>
    private static void WriteReadmeLogs(string folder)
    {
        const string Alice = "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"userName\":\"alice\"}";
        string[] log =
        {
            "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"Root\",\"principalId\":\"111122223333\",\"arn\":\"arn:aws:iam::111122223333:root\",\"accountId\":\"111122223333\"},\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"192.0.2.1\",\"requestParameters\":null,\"responseElements\":{\"ConsoleLogin\":\"Success\"},\"additionalEventData\":{\"LoginTo\":\"https://console.aws.amazon.com/console/home\",\"MobileVersion\":\"No\",\"MFAUsed\":\"No\"},\"eventID\":\"e1\",\"eventType\":\"AwsConsoleSignIn\",\"eventCategory\":\"Management\"}",
            "{\"eventVersion\":\"1.08\"," + Alice + ",\"eventTime\":\"2024-05-01T10:05:00Z\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\",\"errorMessage\":\"Failed authentication\",\"requestParameters\":null,\"responseElements\":{\"ConsoleLogin\":\"Failure\"},\"additionalEventData\":{\"MFAUsed\":\"No\"},\"eventID\":\"e2\",\"eventType\":\"AwsConsoleSignIn\"}",
            "{\"eventVersion\":\"1.09\"," + Alice + ",\"eventTime\":\"2024-05-01T11:00:00Z\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"AttachRolePolicy\",\"requestParameters\":{\"roleName\":\"deploy\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"},\"responseElements\":null,\"eventID\":\"e3\"}",
        };
        string[] lines =
        {
            "{\"eventVersion\":\"1.09\"," + Alice + ",\"eventTime\":\"2024-05-01T12:00:00Z\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateAccessKey\",\"requestParameters\":{\"userName\":\"bob\"},\"responseElements\":{\"accessKey\":{\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\",\"status\":\"Active\",\"userName\":\"bob\",\"createDate\":\"May 1, 2024 12:00:00 PM\"}},\"eventID\":\"e4\"}",
            "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/mallory\"},\"eventTime\":\"2024-05-01T13:00:00Z\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"ListUsers\",\"errorCode\":\"AccessDenied\",\"eventID\":\"e5\"}",
            "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/bob\"},\"eventTime\":\"2024-05-01T13:01:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"errorCode\":\"AccessDenied\",\"eventID\":\"e6\"}",
            "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/mallory\"},\"eventTime\":\"2024-05-01T13:02:00Z\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"errorCode\":\"AccessDenied\",\"eventID\":\"e7\"}",
        };
        string logs = Path.Combine(folder, "AWSLogs", "111122223333", "CloudTrail", "us-east-1", "2024", "05", "01");
        string digests = Path.Combine(folder, "AWSLogs", "111122223333", "CloudTrail-Digest", "us-east-1", "2024", "05", "01");
        Directory.CreateDirectory(logs);
        Directory.CreateDirectory(digests);
        WriteGzip(Path.Combine(logs, "111122223333_CloudTrail_us-east-1_20240501T1000Z_a.json.gz"), "{\"Records\":[" + string.Join(",", log) + "]}");
        WriteGzip(Path.Combine(digests, "111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240501T110000Z.json.gz"),
            "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2024-05-01T10:00:00Z\",\"digestEndTime\":\"2024-05-01T11:00:00Z\",\"logFiles\":[]}");
        File.WriteAllText(Path.Combine(folder, "more.ndjson"), string.Join("\n", lines) + "\n");
    }

    private static void WriteGzip(string path, string text)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// What keeps a project in the temporary folder to itself: empty Directory.Build files (so
    /// MSBuild looks no further up), and a nuget.config with the local feed.
    /// </summary>
    private static void WriteIsolation(string app, string feed)
    {
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />\n");

        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>

            """);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudTrailGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no CloudTrailGen.sln above {AppContext.BaseDirectory}");
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
