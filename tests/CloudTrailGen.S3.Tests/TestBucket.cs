using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;

namespace CloudTrailGen.S3.Tests;

/// <summary>
/// The synthetic bucket the tests read: two account trails, an organization trail, two regions,
/// days around 2025-01-06, Insights (CloudTrail-Insight/) and digest folders beside CloudTrail/, a
/// custom prefix, a prefix that has an AWSLogs folder of its own, a corrupt object, an object that is not gzip, and a file in a day folder that is not a log.
/// </summary>
internal static class TestBucket
{
    public const string Name = "trail-logs";
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";
    public const string OrgAccount = "333333333333";
    public const string PrefixedAccount = "444444444444";
    public const string Organization = "o-abc123def4";
    public const string CustomPrefix = "team/trails";
    public const string ArchivedAccount = "555555555555";
    /// <summary>A trail's prefix with an AWSLogs folder in it: its logs are under <c>archive/AWSLogs/old/AWSLogs/</c>.</summary>
    public const string ArchivePrefix = "archive/AWSLogs/old";

    /// <summary>A log object: its key, the eventIDs of its records, and how it is stored.</summary>
    public sealed record LogObject(string Key, string Account, string Region, DateTimeOffset DeliveredAt, IReadOnlyList<string> EventIds, bool Gzip = true, bool Corrupt = false, bool Insight = false);

    public static readonly IReadOnlyList<LogObject> Logs =
    [
        Log(null, null, AccountA, "us-east-1", "20250105T2350Z"),
        Log(null, null, AccountA, "us-east-1", "20250106T0005Z"),
        Log(null, null, AccountA, "us-east-1", "20250106T0100Z", insight: true),
        Log(null, null, AccountA, "eu-west-1", "20250107T0200Z", insight: true),
        Log(null, null, AccountA, "us-east-1", "20250106T1200Z"),
        Log(null, null, AccountA, "us-east-1", "20250106T1300Z", corrupt: true),
        Log(null, null, AccountA, "us-east-1", "20250106T2355Z"),
        Log(null, null, AccountA, "us-east-1", "20250107T0030Z"),
        Log(null, null, AccountA, "us-east-1", "20250107T1200Z"),
        Log(null, null, AccountA, "eu-west-1", "20250106T0800Z"),
        Log(null, null, AccountB, "us-east-1", "20250106T0900Z", gzip: false),
        Log(null, Organization, OrgAccount, "us-east-1", "20250106T1000Z"),
        Log(CustomPrefix, null, PrefixedAccount, "us-west-2", "20250106T0600Z"),
        Log(ArchivePrefix, null, ArchivedAccount, "us-west-2", "20250106T0700Z"),
    ];

    /// <summary>Objects that are not CloudTrail log files, in the layout's digest folder and in a day folder.</summary>
    public static readonly IReadOnlyList<string> OtherKeys =
    [
        $"AWSLogs/{AccountA}/CloudTrail-Digest/us-east-1/2025/01/06/{AccountA}_CloudTrail-Digest_us-east-1_trail_us-east-1_20250106T0100Z.json.gz",
        $"AWSLogs/{AccountA}/CloudTrail/us-east-1/2025/01/06/README.txt",
    ];

    public const string NotALogKey = $"AWSLogs/{AccountA}/CloudTrail/us-east-1/2025/01/06/README.txt";

    /// <summary>Copies the log objects under AWSLogs/ to a local folder, keys as paths: what a user's local copy of the bucket holds.</summary>
    public static async Task DownloadLogsAsync(IAmazonS3 client, string folder)
    {
        foreach (var log in Logs.Where(l => l.Key.StartsWith("AWSLogs/", StringComparison.Ordinal)))
        {
            using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = Name, Key = log.Key });
            var path = Path.Combine(folder, log.Key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var file = File.Create(path);
            await response.ResponseStream.CopyToAsync(file);
        }
    }

    public static async Task UploadAsync(IAmazonS3 client)
    {
        foreach (var log in Logs)
        {
            await PutAsync(client, log.Key, Body(log));
        }
        foreach (var key in OtherKeys)
        {
            await PutAsync(client, key, Gzip(Encoding.UTF8.GetBytes("{\"Records\":[{\"eventID\":\"must-not-be-read\"}]}")));
        }
    }

    private static async Task PutAsync(IAmazonS3 client, string key, byte[] body)
    {
        using var stream = new MemoryStream(body);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, InputStream = stream, UseChunkEncoding = false });
    }

    private static LogObject Log(string? prefix, string? organization, string account, string region, string stamp, bool gzip = true, bool corrupt = false, bool insight = false)
    {
        var time = DateTimeOffset.ParseExact(stamp, "yyyyMMdd'T'HHmm'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal);
        string folder = insight ? "CloudTrail-Insight" : "CloudTrail";
        var key = (prefix is null ? "" : prefix + "/") + "AWSLogs/" + (organization is null ? "" : organization + "/") +
                  $"{account}/{folder}/{region}/{time:yyyy'/'MM'/'dd}/{account}_{folder}_{region}_{stamp}_{Guid.NewGuid():N}.json.gz";
        var ids = corrupt ? [] : Enumerable.Range(0, insight ? 2 : 5).Select(i => $"{account}-{region}-{stamp}-{i}").ToArray();
        return new LogObject(key, account, region, time, ids, gzip, corrupt, insight);
    }

    private static byte[] Body(LogObject log)
    {
        if (log.Corrupt)
        {
            // A gzip header, then a deflate block of the reserved type 3: the reader fails at once.
            return [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        }
        var records = log.EventIds.Select((id, i) => log.Insight
            // An Insights Start (the later record) and End pair about sts GetCallerIdentity.
            ? $"{{\"eventVersion\":\"1.08\",\"eventTime\":\"{log.DeliveredAt.AddMinutes(-i - 1):yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"awsRegion\":\"{log.Region}\"," +
              $"\"eventID\":\"{id}\",\"eventType\":\"AwsCloudTrailInsight\",\"recipientAccountId\":\"{log.Account}\",\"sharedEventID\":\"{log.Account}-{log.Region}-insight\"," +
              $"\"insightDetails\":{{\"state\":\"{(i == 0 ? "End" : "Start")}\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"insightType\":\"ApiCallRateInsight\"}},\"eventCategory\":\"Insight\"}}"
            : $"{{\"eventVersion\":\"1.08\",\"eventTime\":\"{log.DeliveredAt.AddMinutes(-i - 1):yyyy-MM-dd'T'HH:mm:ss'Z'}\"," +
              $"\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"awsRegion\":\"{log.Region}\"," +
              $"\"sourceIPAddress\":\"192.0.2.1\",\"eventID\":\"{id}\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"{log.Account}\"}}");
        var json = Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", records) + "]}");
        return log.Gzip ? Gzip(json) : json;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }
}
