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

            // (b) layout
            string nupkg = Path.Combine(feed, $"CloudTrailGen.{version}.nupkg");
            Assert.True(File.Exists(nupkg), $"no {nupkg}; the feed has: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
            AssertLayout(nupkg, repo);

            // (c) a new project outside the repository, so that its Directory.Build.props does not apply
            string app = Path.Combine(work, "app");
            WriteConsumer(app, feed, version);
            Tool.Dotnet(app, StepTimeout(), "build", "-c", "Release").AssertSucceeded("dotnet build of the consumer (no AOT)");
            string jitBinary = Path.Combine(app, "bin", "Release", "net10.0", "consumer.dll");
            var jit = Tool.Dotnet(app, StepTimeout(), jitBinary);
            jit.AssertSucceeded("the consumer built without AOT");
            jit.AssertPrinted("the consumer built without AOT", ExpectedOutput);

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
            // On failure the work folder stays, for a look at the consumer project and its outputs.
            if (passed) TryDelete(work);
        }
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

        // Empty files here stop MSBuild from looking further up the temp folder for others.
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
