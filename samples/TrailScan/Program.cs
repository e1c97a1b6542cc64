using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using TrailScan.Aws;

namespace TrailScan;

/// <summary>
/// trailscan: prints one line per CloudTrail record, read through the types that CloudTrailGen
/// generates for the services selected in TrailScan.csproj.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: trailscan [FILE...]\n" +
        "  Prints one line per CloudTrail record: time, service, event, identity, [typed details].\n" +
        "  FILE is a CloudTrail log file ({\"Records\":[...]}, gzipped or not) or a file of records,\n" +
        "  one per line (NDJSON). With no FILE, reads the sample logs shipped beside trailscan.";

    // A log file expands about 10-20 times under gzip; this bounds what a hostile one can claim.
    private const long MaxDecompressedBytes = 1L << 30;

    public static int Main(string[] args)
    {
        var files = new List<string>();
        foreach (string arg in args)
        {
            if (arg is "-h" or "--help")
            {
                Console.Out.WriteLine(Usage);
                return 0;
            }
            if (arg.StartsWith('-'))
            {
                Console.Error.WriteLine($"trailscan: unknown option '{arg}'");
                Console.Error.WriteLine(Usage);
                return 2;
            }
            files.Add(arg);
        }

        if (files.Count == 0)
        {
            string samples = Path.Combine(AppContext.BaseDirectory, "SampleLogs");
            if (!Directory.Exists(samples))
            {
                Console.Error.WriteLine($"trailscan: no FILE given and no sample logs in {samples}");
                Console.Error.WriteLine(Usage);
                return 2;
            }
            foreach (string pattern in new[] { "*.json", "*.ndjson" })
            {
                string[] found = Directory.GetFiles(samples, pattern);
                Array.Sort(found, StringComparer.Ordinal);
                files.AddRange(found);
            }
        }

        int records = 0;
        int failed = 0;
        foreach (string file in files)
        {
            try
            {
                Scan(file, Console.Out, ref records);
            }
            catch (Exception e) when (e is CloudTrailGen.CloudTrailFormatException or JsonException or IOException or UnauthorizedAccessException)
            {
                // A bad file stops that file only; the exit code still tells that something failed.
                Console.Out.Flush();
                Console.Error.WriteLine($"trailscan: {file}: {e.Message}");
                failed++;
            }
        }
        Console.Error.WriteLine(failed == 0
            ? $"trailscan: {records} records from {files.Count} files"
            : $"trailscan: {records} records from {files.Count} files; {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Prints every record of one file, counting them as they go out.</summary>
    private static void Scan(string path, TextWriter output, ref int count)
    {
        // CloudTrailLog detects gzip and the framing (log file, one record per line, EventBridge,
        // CloudWatch Logs, ...) and reads one record at a time, so files of any size stream. The
        // generated context returns the typed event class (Aws.Sns.PublishEvent, ...) when the
        // catalog knows the record's eventSource and eventName, and CloudTrailRecord otherwise.
        var options = new CloudTrailGen.CloudTrailReadOptions
        {
            MaxDecompressedBytes = MaxDecompressedBytes,
            OnIssue = issue => Console.Error.WriteLine($"trailscan: {path}: {issue.Message}"),
        };
        foreach (var record in CloudTrailLog.ReadFile(path, options))
        {
            output.WriteLine(Describe(record));
            count++;
        }
    }

    /// <summary>One line: time, service, event name, identity and what the typed event says.</summary>
    private static string Describe(CloudTrailRecord record)
    {
        string time = Time(record.EventTime);
        if (record.InsightDetails is { } insight)
        {
            var stats = insight.InsightContext?.Statistics;
            return $"{time}  {Service(insight.EventSource)}  {Or(insight.EventName)}  -  " +
                   $"[Insight {insight.State?.Raw} {insight.InsightType?.Raw} " +
                   $"average={Number(stats?.Insight?.Average)} baseline={Number(stats?.Baseline?.Average)}]";
        }
        string error = record.ErrorCode is null ? "" : $" error={record.ErrorCode}";
        return $"{time}  {Service(record.EventSource)}  {Or(record.EventName)}  {Identity(record.UserIdentity)}  [{Details(record)}{error}]";
    }

    /// <summary>The typed part: each case reads the event's own request or response members.</summary>
    private static string Details(CloudTrailRecord record) => record switch
    {
        Aws.CloudTrail.StartLoggingEvent e => $"StartLoggingEvent name={Or(e.Request?.Name)}",
        Aws.CloudTrail.StartEventDataStoreIngestionEvent e =>
            $"StartEventDataStoreIngestionEvent eventDataStore={Or(e.Request?.EventDataStore)}",
        Aws.Sns.PublishEvent e => $"PublishEvent topic={Or(e.Request?.TopicArn)} messageId={Or(e.Response?.MessageId)}",
        Aws.CognitoIdentity.GetCredentialsForIdentityEvent e =>
            $"GetCredentialsForIdentityEvent identity={Or(e.Request?.IdentityId)} expires={Time(e.Response?.Credentials?.Expiration)}",
        Aws.SignIn.ConsoleLoginEvent e => $"ConsoleLoginEvent {SignInOutcome(e.Response?.ConsoleLogin)}",
        Aws.Sts.AssumeRoleEvent e =>
            $"AssumeRoleEvent role={Or(e.Request?.RoleArn)} session={Or(e.Request?.RoleSessionName)} expires={Time(e.Response?.Credentials?.Expiration)}",
        Aws.Iam.CreateUserEvent e => $"CreateUserEvent user={Or(e.Request?.UserName)} id={Or(e.Response?.User?.UserId)}",
        Aws.Iam.CreateAccessKeyEvent e =>
            $"CreateAccessKeyEvent user={Or(e.Request?.UserName)} key={Or(e.Response?.AccessKey?.AccessKeyId)} status={Or(e.Response?.AccessKey?.Status?.Raw)}",
        Aws.Iam.AttachRolePolicyEvent e => $"AttachRolePolicyEvent role={Or(e.Request?.RoleName)} policy={Or(e.Request?.PolicyArn)}",
        Aws.Ec2.CreateSubnetEvent e =>
            $"CreateSubnetEvent vpc={Or(e.Request?.VpcId)} cidr={Or(e.Request?.CidrBlock)} subnet={Or(e.Response?.Subnet?.SubnetId)}",
        Aws.Ec2.RunInstancesEvent e =>
            $"RunInstancesEvent type={Or(e.Request?.InstanceType)} instances={e.Response?.InstancesSet?.Items?.Count ?? 0}",
        Aws.S3.GetObjectEvent e => $"GetObjectEvent s3://{e.Request?.BucketName}/{e.Request?.Key}",
        Aws.S3.PutObjectEvent e => $"PutObjectEvent s3://{e.Request?.BucketName}/{e.Request?.Key} sse={Or(e.Response?.ServerSideEncryption?.Raw)}",
        Aws.Kms.GenerateDataKeyEvent e => $"GenerateDataKeyEvent key={Or(e.Request?.KeyId)} spec={Or(e.Request?.KeySpec?.Raw)}",
        Aws.Kms.DecryptEvent e => $"DecryptEvent algorithm={Or(e.Request?.EncryptionAlgorithm?.Raw)}",
        Aws.Lambda.InvokeEvent e => $"InvokeEvent function={Or(e.Request?.FunctionName)} type={Or(e.Request?.InvocationType?.Raw)}",
        Aws.DynamoDB.PutItemEvent e => $"PutItemEvent table={Or(e.Request?.TableName)}",
        // A typed event this tool has no case for: its class name still says the dispatch worked.
        _ when record.GetType() != typeof(CloudTrailRecord) => record.GetType().Name,
        _ => "untyped",
    };

    /// <summary>An open enum: known values match in a switch, others keep their raw text.</summary>
    private static string SignInOutcome(CloudTrailGen.OpenEnum<Aws.SignIn.SignInResult>? result) => result?.Value switch
    {
        Aws.SignIn.SignInResult.Success => "succeeded",
        Aws.SignIn.SignInResult.Failure => "FAILED",
        _ => Or(result?.Raw),
    };

    private static string Identity(UserIdentity? who)
    {
        if (who is null) return "-";
        string name = who.UserName is { Length: > 0 } user ? user
            : AssumedRoleSession(who.Arn) is { } session ? session
            : who.SessionContext?.SessionIssuer?.UserName is { Length: > 0 } issuer ? issuer
            : who.InvokedBy ?? who.PrincipalId ?? "";
        if (who.InvokedBy is { } service && name != service) name += $" via {service}";
        return $"{Or(who.Type?.Raw)} {name}".TrimEnd();
    }

    /// <summary>"Admin/alice" for arn:aws:sts::111122223333:assumed-role/Admin/alice.</summary>
    private static string? AssumedRoleSession(string? arn)
    {
        const string Marker = ":assumed-role/";
        int at = arn?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : arn![(at + Marker.Length)..];
    }

    /// <summary>"cloudtrail" for cloudtrail.amazonaws.com.</summary>
    private static string Service(string? eventSource)
    {
        if (string.IsNullOrEmpty(eventSource)) return "-";
        int dot = eventSource.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? eventSource[..dot] : eventSource;
    }

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    private static string Number(double? value) => value is { } v ? v.ToString("G", CultureInfo.InvariantCulture) : "-";

    private static string Or(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
