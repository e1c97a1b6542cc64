using System;
using System.IO;
using System.Linq;
using CloudTrailGen.CatalogBuilder;
using Xunit;

namespace CloudTrailGen.Catalog.Tests;

/// <summary>The lock file's layout and what --update prints.</summary>
public class UpdateTests
{
    [Fact]
    public void Lock_file_is_written_one_package_a_line_sorted_and_reads_back()
    {
        var pins = new[]
        {
            new SourcePin("aws-sdk", "2.1.0", "sha512-a+b/c=="),
            new SourcePin("@aws-sdk/client-sts", "3.2.0", "sha512-x"),
        };
        string text = LockFile.Write(pins);
        Assert.Contains("\n    \"@aws-sdk/client-sts\": { \"version\": \"3.2.0\", \"integrity\": \"sha512-x\" },\n    \"aws-sdk\": { \"version\": \"2.1.0\", \"integrity\": \"sha512-a+b/c==\" }\n", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, text);
            Assert.Equal(pins.OrderBy(p => p.Package, StringComparer.Ordinal), LockFile.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal("aws-sdk-client-sts-3.2.0.tgz", pins[1].FileName);
    }

    [Fact]
    public void The_committed_lock_file_is_in_the_layout_the_builder_writes()
    {
        string path = LockedPackagesFactAttribute.LockPath;
        Assert.Equal(LockFile.Write(LockFile.Read(path)), File.ReadAllText(path));
    }

    [Fact]
    public void Update_prints_packages_moved_and_services_events_and_members_added_and_removed()
    {
        var before = new[] { new SourcePin("@aws-sdk/client-sts", "3.1.0", "sha512-a"), new SourcePin("aws-sdk", "2.1.0", "sha512-b") };
        var after = new[] { new SourcePin("@aws-sdk/client-s3vectors", "3.5.0", "sha512-c"), new SourcePin("@aws-sdk/client-sts", "3.2.0", "sha512-d"), new SourcePin("aws-sdk", "2.1.0", "sha512-b") };
        var packages = CatalogDiff.Packages(before, after).ToList();
        Assert.Equal(new[] { "lock file: 2 packages moved:", "  @aws-sdk/client-s3vectors: added at 3.5.0", "  @aws-sdk/client-sts: 3.1.0 → 3.2.0" }, packages);

        var old = new CatService("sts");
        old.Events["AssumeRole"] = new CatEvent { Request = new CatMembers { new("roleArn", "string"), new("gone", "string") } };
        old.Events["Retired"] = new CatEvent();
        var sts = new CatService("sts");
        sts.Events["AssumeRole"] = new CatEvent { Request = new CatMembers { new("roleArn", "string"), new("minimumSessionTokenSize", "integer") } };
        sts.Events["AssumeRoot"] = new CatEvent();
        var vectors = new CatService("s3vectors");
        vectors.Events["PutVectors"] = new CatEvent();
        var lines = CatalogDiff.Compare(CatalogDiff.Snapshot.FromServices(new[] { old }), CatalogDiff.Snapshot.FromServices(new[] { sts, vectors }), verbose: true).ToList();
        Assert.Equal("catalog: 1 services added, 0 removed; 2 events added, 1 removed; 1 members added, 1 removed", lines[0]);
        Assert.Contains("  services added: s3vectors", lines);
        Assert.Contains("  sts: +1 / -1 events, +1 / -1 members of events both have", lines);
        Assert.Contains("    AssumeRole: +request.minimumSessionTokenSize, -request.gone", lines);
    }
}
