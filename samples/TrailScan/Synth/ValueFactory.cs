using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace TrailScan.Synth;

/// <summary>What one synthetic record is about: the principal, region, time and the resources it touches (chosen on first use, so request, response and resources agree).</summary>
public sealed class RecordContext
{
    private readonly World _world;
    private readonly Random _random;
    private string? _bucket, _objectKey, _function, _table, _topic, _queue, _kmsKey, _role, _user, _instance, _secret, _parameter, _logGroup, _name;

    /// <summary>Creates the context of one record.</summary>
    public RecordContext(World world, Random random, string service, string eventName, string region, DateTimeOffset time, Actor actor)
    {
        _world = world;
        _random = random;
        Service = service;
        EventName = eventName;
        Region = region;
        Time = time;
        Actor = actor;
    }

    /// <summary>The service id.</summary>
    public string Service { get; }

    /// <summary>The eventName.</summary>
    public string EventName { get; }

    /// <summary>awsRegion.</summary>
    public string Region { get; }

    /// <summary>eventTime.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The caller.</summary>
    public Actor Actor { get; }

    /// <summary>The account.</summary>
    public string Account => World.Account;

    /// <summary>resources[] entries: type and ARN.</summary>
    public List<(string Type, string Arn)> Resources { get; } = [];

    /// <summary>An S3 bucket.</summary>
    public string Bucket => _bucket ??= Pick(_world.Buckets);

    /// <summary>An S3 object key.</summary>
    public string ObjectKey => _objectKey ??= string.Format(CultureInfo.InvariantCulture, Pick(_world.ObjectKeys), Time.UtcDateTime.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture));

    /// <summary>A Lambda function's name.</summary>
    public string Function => _function ??= Actor.Name == "thumbnailer-role" ? "thumbnailer" : Pick(_world.Functions);

    /// <summary>The function's ARN.</summary>
    public string FunctionArn => $"arn:aws:lambda:{Region}:{Account}:function:{Function}";

    /// <summary>A DynamoDB table.</summary>
    public string Table => _table ??= Pick(_world.Tables);

    /// <summary>An SNS topic's ARN.</summary>
    public string TopicArn => $"arn:aws:sns:{Region}:{Account}:{_topic ??= Pick(_world.Topics)}";

    /// <summary>An SQS queue's URL.</summary>
    public string QueueUrl => $"https://sqs.{Region}.amazonaws.com/{Account}/{_queue ??= Pick(_world.Queues)}";

    /// <summary>A KMS key's ARN.</summary>
    public string KmsKeyArn => $"arn:aws:kms:{Region}:{Account}:key/{_kmsKey ??= Pick(_world.KmsKeys[_world.KmsKeys.ContainsKey(Region) ? Region : "us-east-1"])}";

    /// <summary>An IAM role name (for AWS services: the role of the workload they start).</summary>
    public string Role => _role ??= Actor.InvokedBy switch
    {
        "lambda.amazonaws.com" => "thumbnailer-role",
        "ecs-tasks.amazonaws.com" => "orders-api-task",
        "ec2.amazonaws.com" => "report-worker-role",
        "config.amazonaws.com" => "aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
        _ when Actor.Kind == ActorKind.Automation => "DeployRole",
        _ => Pick(_world.Roles),
    };

    /// <summary>The role's session name when it is assumed.</summary>
    public string RoleSession => Role switch
    {
        "thumbnailer-role" => "thumbnailer",
        "DeployRole" => Actor.Name == "github-actions-deploy" ? "GitHubActions" : "terraform",
        _ when Role.StartsWith("aws-service-role/", StringComparison.Ordinal) => "AWSConfig-Describe",
        _ => Actor.Session ?? Actor.Name ?? "session",
    };

    /// <summary>An IAM user.</summary>
    public string User => _user ??= Actor.IdentityType == "IAMUser" && Actor.Kind == ActorKind.Automation ? Actor.Name! : Pick(_world.Users);

    /// <summary>An EC2 instance.</summary>
    public string Instance => _instance ??= Pick(_world.Instances);

    /// <summary>A Secrets Manager secret.</summary>
    public string Secret => _secret ??= Pick(_world.Secrets);

    /// <summary>An SSM parameter.</summary>
    public string Parameter => _parameter ??= Pick(_world.Parameters);

    /// <summary>A log group.</summary>
    public string LogGroup => _logGroup ??= Pick(_world.LogGroups);

    /// <summary>A name for anything else (cluster, stack, repository, trail, ...).</summary>
    public string Name => _name ??= Service switch
    {
        "cloudtrail" => "management-events",
        "ecs" or "eks" => "prod",
        "rds" => "orders-db",
        "cloudformation" => Pick(["orders-api", "network"]),
        "ecr" => Pick(["orders-api", "thumbnailer"]),
        _ => Pick(_world.Names),
    };

    /// <summary>One of the choices.</summary>
    public T Pick<T>(IReadOnlyList<T> choices) => choices[_random.Next(choices.Count)];

    /// <summary>A random integer in [min, max).</summary>
    public int Next(int min, int max) => _random.Next(min, max);

    /// <summary>A random double in [0, 1).</summary>
    public double NextDouble() => _random.NextDouble();

    /// <summary>Random lower-case hex.</summary>
    public string Hex(int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = "0123456789abcdef"[_random.Next(16)];
        return new string(chars);
    }

    /// <summary>Random upper-case letters and digits.</summary>
    public string Upper(int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[_random.Next(32)];
        return new string(chars);
    }

    /// <summary>A UUID.</summary>
    public string Guid() => World.Guid(_random);
}

/// <summary>
/// Writes plausible requestParameters and responseElements values for a catalog member from its
/// name and type: ARNs, ids and names of the synthetic account's resources for members the table
/// knows (bucketName, roleArn, keyId, instanceId, ...), typed placeholders for the rest. Which
/// optional members appear is random, as in real records, where callers set a few of many.
/// </summary>
public sealed class ValueFactory
{
    private const string Hidden = "HIDDEN_DUE_TO_SECURITY_REASONS";
    private const int MaxDepth = 4;

    // Members written whenever the catalog has them: what identifies the call's target.
    private static readonly HashSet<string> s_identifying = new(StringComparer.OrdinalIgnoreCase)
    {
        "bucketName", "Host", "key", "roleArn", "roleSessionName", "keyId", "functionName", "tableName", "topicArn", "userName",
        "roleName", "policyArn", "policyName", "groupId", "instanceId", "instancesSet", "items", "queueUrl", "logGroupName",
        "logStreamName", "secretId", "name", "names", "stackName", "cluster", "clusterName", "repositoryName", "credentials",
        "assumedRoleUser", "accessKey", "user", "role", "messageId", "ConsoleLogin", "subnetId", "vpcId", "imageId",
        "instanceType", "targetGroupArn", "autoScalingGroupName", "dBInstanceIdentifier", "identityId", "identityPoolId",
        "keySpec", "invocationType", "accessKeyId", "arn", "assumedRoleId", "expiration", "sessionToken", "policyDocument",
        "assumeRolePolicyDocument", "encryptionContext", "key", "item", "cidrBlock", "subnet", "ipPermissions",
    };

    // Pagination and secrets: never written.
    private static readonly HashSet<string> s_never = new(StringComparer.OrdinalIgnoreCase)
    {
        "nextToken", "marker", "continuationToken", "continuation-token", "startingToken", "paginationToken", "secretAccessKey",
        "password", "secretString", "secretBinary", "plaintext", "ciphertextBlob", "privateKey", "clientSecret",
    };

    private readonly SynthCatalog _catalog;

    /// <summary>Creates the factory over a catalog.</summary>
    public ValueFactory(SynthCatalog catalog) => _catalog = catalog;

    /// <summary>Writes an object with some of the members of a catalog member list.</summary>
    public void WriteObject(Utf8JsonWriter json, CatalogService service, JsonElement members, RecordContext context, bool response, int depth = 0)
    {
        json.WriteStartObject();
        int written = 0;
        int optional = 0;
        int maxOptional = response ? 5 : 2;
        double chance = (response ? 0.45 : 0.22) / (depth + 1);
        string? first = null;
        foreach (var member in members.EnumerateObject())
        {
            first ??= member.Name;
            if (s_never.Contains(member.Name)) continue;
            var (type, redacted) = TypeOf(member.Value);
            if (response && redacted) continue; // CloudTrail leaves secrets out of responses
            if (type == "json" && !HasFreeJsonValue(member.Name)) continue; // free-form: nothing plausible to say
            bool include = s_identifying.Contains(member.Name) || (optional < maxOptional && context.NextDouble() < chance && depth < MaxDepth);
            if (!include) continue;
            if (!s_identifying.Contains(member.Name)) optional++;
            json.WritePropertyName(member.Name);
            WriteValue(json, service, member.Name, type, redacted && !response, context, response, depth);
            written++;
        }
        if (written == 0 && (depth > 0 || response) && first is not null && !s_never.Contains(first))
        {
            // A nested object is there because something was in it.
            var (type, redacted) = TypeOf(members.GetProperty(first));
            if (!(response && redacted))
            {
                json.WritePropertyName(first);
                WriteValue(json, service, first, type, redacted && !response, context, response, depth);
            }
        }
        json.WriteEndObject();
    }

    /// <summary>Writes requestParameters for an event the catalog lacks: the given keys, as strings.</summary>
    public static void WriteFields(Utf8JsonWriter json, string fields, RecordContext context)
    {
        json.WriteStartObject();
        foreach (string field in fields.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            bool hidden = field.EndsWith('!');
            string name = hidden ? field[..^1] : field;
            json.WritePropertyName(name);
            if (hidden) json.WriteStringValue(Hidden);
            else if (IntegerHint(name, context) is { } number && !name.EndsWith("Id", StringComparison.Ordinal)) json.WriteNumberValue(number);
            else json.WriteStringValue(StringValue(name, context));
        }
        json.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter json, CatalogService service, string name, string type, bool hidden, RecordContext context, bool response, int depth)
    {
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            string element = type[..^2];
            int count = context.NextDouble() < 0.3 ? 2 : 1;
            json.WriteStartArray();
            for (int i = 0; i < count; i++) WriteValue(json, service, Singular(name), element, hidden, context, response, depth + 1);
            json.WriteEndArray();
            return;
        }
        if (type.StartsWith("map<", StringComparison.Ordinal) && type.EndsWith('>'))
        {
            string valueType = type[4..^1];
            json.WriteStartObject();
            foreach (var (key, value) in MapEntries(name, context))
            {
                json.WritePropertyName(key);
                if (valueType == "string") json.WriteStringValue(value);
                else WriteValue(json, service, key, valueType, hidden, context, response, depth + 1);
            }
            json.WriteEndObject();
            return;
        }
        switch (type)
        {
            case "string":
                json.WriteStringValue(hidden ? Hidden : StringValue(name, context));
                return;
            case "boolean":
                json.WriteBooleanValue(name is "consistentRead" or "withDecryption" or "enabled" or "publish" || context.NextDouble() < 0.2);
                return;
            case "integer":
                json.WriteNumberValue(IntegerHint(name, context) ?? context.Next(1, 10));
                return;
            case "double":
                json.WriteNumberValue(Math.Round(context.NextDouble() * 100, 2));
                return;
            case "timestamp":
                json.WriteStringValue(Timestamp(name, context));
                return;
            case "json":
                WriteFreeJson(json, name, context);
                return;
        }

        var shape = _catalog.Shape(service, type);
        if (shape is not { } s)
        {
            json.WriteStringValue(StringValue(name, context));
            return;
        }
        if (s.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            var value = context.NextDouble() < 0.6 ? values[0] : values[context.Next(0, values.GetArrayLength())];
            json.WriteStringValue(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetProperty("value").GetString());
            return;
        }
        if (s.TryGetProperty("members", out var members) && depth < MaxDepth)
        {
            WriteObject(json, service, members, context, response, depth + 1);
            return;
        }
        json.WriteStartObject();
        json.WriteEndObject();
    }

    private static (string Type, bool Redacted) TypeOf(JsonElement member) =>
        member.ValueKind == JsonValueKind.String
            ? (member.GetString()!, false)
            : (member.GetProperty("type").GetString()!, member.TryGetProperty("redacted", out var redacted) && redacted.ValueKind == JsonValueKind.True);

    /// <summary>A plausible string for a member, from its name.</summary>
    public static string StringValue(string name, RecordContext c)
    {
        string lower = name.ToLowerInvariant();
        switch (lower)
        {
            case "bucketname" or "bucket" or "s3bucket" or "s3bucketname": return c.Bucket;
            case "key" or "s3key" or "objectkey": return c.ObjectKey;
            case "host": return c.Service == "s3" ? $"{c.Bucket}.s3.{c.Region}.amazonaws.com" : $"{c.Service}.{c.Region}.amazonaws.com";
            case "prefix": return "releases/";
            case "rolearn": return $"arn:aws:iam::{c.Account}:role/{c.Role}";
            case "rolesessionname": return c.RoleSession;
            case "policyarn": return c.Pick(new[] { "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess", $"arn:aws:iam::{c.Account}:policy/orders-api-access" });
            case "policyname": return "orders-api-inline";
            case "username": return c.User;
            case "rolename": return c.Role.Contains('/', StringComparison.Ordinal) ? c.Role[(c.Role.LastIndexOf('/') + 1)..] : c.Role;
            case "groupname": return "developers";
            case "keyid" or "targetkeyid": return c.NextDouble() < 0.2 ? "alias/orders-data" : c.KmsKeyArn;
            case "functionname": return c.NextDouble() < 0.5 ? c.Function : c.FunctionArn;
            case "tablename": return c.Table;
            case "topicarn" or "targetarn": return c.TopicArn;
            case "queueurl": return c.QueueUrl;
            case "instanceid": return c.Instance;
            case "imageid": return "ami-0" + c.Hex(16);
            case "instancetype": return c.Pick(new[] { "t3.micro", "t3.medium", "m6i.large", "c7g.xlarge" });
            case "vpcid": return "vpc-0" + c.Hex(16);
            case "subnetid": return "subnet-0" + c.Hex(16);
            case "groupid": return "sg-0" + c.Hex(16);
            case "volumeid": return "vol-0" + c.Hex(16);
            case "loggroupname" or "loggroupnameprefix": return c.LogGroup;
            case "logstreamname": return $"{c.Time.UtcDateTime:yyyy'/'MM'/'dd}/[$LATEST]{c.Hex(32)}";
            case "secretid": return c.NextDouble() < 0.5 ? c.Secret : $"arn:aws:secretsmanager:{c.Region}:{c.Account}:secret:{c.Secret}-{c.Upper(6)}";
            case "name": return c.Service == "ssm" ? c.Parameter : c.Name;
            case "cluster" or "clustername" or "repositoryname" or "stackname" or "service" or "servicename": return c.Name;
            case "dbinstanceidentifier": return "orders-db";
            case "autoscalinggroupname": return "orders-api-asg";
            case "region" or "awsregion" or "location" or "locationconstraint": return c.Region;
            case "accountid" or "awsaccountid" or "sourceaccount": return c.Account;
            case "description": return "Managed by Terraform";
            case "message" or "messagebody" or "subject": return Hidden;
            case "sessiontoken": return "IQoJb3JpZ2luX2VjE" + c.Upper(24) + c.Hex(24);
            case "accesskeyid": return (c.Service == "iam" ? "AKIA" : "ASIA") + c.Upper(16);
            case "assumedroleid": return $"AROA{c.Upper(17)}:{c.RoleSession}";
            case "arn":
                return c.Service switch
                {
                    "sts" => $"arn:aws:sts::{c.Account}:assumed-role/{c.Role}/{c.RoleSession}",
                    "iam" => $"arn:aws:iam::{c.Account}:role/{c.Role}",
                    _ => $"arn:aws:{c.Service}:{c.Region}:{c.Account}:{c.Name}",
                };
            case "acl" or "policy" or "publicaccessblock" when c.Service == "s3": return ""; // S3 logs subresource flags as ""
            case "policy" or "policydocument" or "assumerolepolicydocument": return PolicyText(c);
            case "externalid": return c.Hex(12);
            case "statementid": return "AllowS3Invoke";
            case "principal": return "s3.amazonaws.com";
            case "action": return "lambda:InvokeFunction";
            case "role" when c.Service == "lambda": return $"arn:aws:iam::{c.Account}:role/{c.Role}";
            case "runtime": return "python3.12";
            case "handler": return "app.handler";
            case "cidrblock" or "cidrip": return "10.0." + c.Next(0, 16).ToString(CultureInfo.InvariantCulture) + ".0/24";
            case "ipprotocol": return "tcp";
            case "status": return "Active";
            case "protocol": return "https";
            case "endpoint": return "https://hooks.example.com/sns";
            case "path": return "/";
            case "identityid": return $"{c.Region}:{c.Guid()}";
            case "identitypoolid": return $"{c.Region}:{c.Guid()}";
            case "clientid": return c.Hex(26);
            case "authflow": return "USER_SRP_AUTH";
            case "requestid": return c.Guid();
            case "messageid": return c.Guid();
            case "versionid": return "v1";
            case "x-id": return c.EventName;
            case "x-amz-version-id" or "x-amz-request-id": return c.Upper(32);
            case "x-amz-server-side-encryption": return "aws:kms";
            case "x-amz-acl": return "private";
        }
        if (lower.EndsWith("arn", StringComparison.Ordinal)) return $"arn:aws:{c.Service}:{c.Region}:{c.Account}:{Kebab(name[..^3])}/{c.Name}";
        if (lower.EndsWith("url", StringComparison.Ordinal) || lower.EndsWith("uri", StringComparison.Ordinal)) return $"https://{c.Service}.{c.Region}.amazonaws.com/{c.Name}";
        if (lower.Contains('-', StringComparison.Ordinal)) return c.Upper(16);
        if (lower.EndsWith("id", StringComparison.Ordinal) && name.Length > 2) return $"{Kebab(name[..^2])}-{c.Hex(17)}";
        if (lower.EndsWith("ids", StringComparison.Ordinal) && name.Length > 3) return $"{Kebab(name[..^3])}-{c.Hex(17)}";
        if (lower.EndsWith("name", StringComparison.Ordinal) || lower.EndsWith("names", StringComparison.Ordinal)) return c.Name;
        if (lower.EndsWith("date", StringComparison.Ordinal) || lower.EndsWith("time", StringComparison.Ordinal)) return Timestamp(name, c);
        return c.Pick(new[] { "default", "standard", "enabled", c.Name });
    }

    private static long? IntegerHint(string name, RecordContext c)
    {
        string lower = name.ToLowerInvariant();
        return lower switch
        {
            "durationseconds" => c.Pick(new long[] { 900, 3600, 3600, 43200 }),
            "maxresults" or "maxitems" or "limit" or "maxkeys" or "max-keys" or "pagesize" => c.Pick(new long[] { 50, 100, 1000 }),
            "fromport" or "toport" or "port" => c.Pick(new long[] { 443, 22, 5432 }),
            "timeout" => 30,
            "memorysize" => c.Pick(new long[] { 512, 1024 }),
            "pendingwindowindays" => c.Pick(new long[] { 7, 30 }),
            "numberofbytes" => 32,
            "maxnumberofmessages" => 10,
            "waittimeseconds" => 20,
            "desiredcount" or "desiredcapacity" or "count" or "mincount" or "maxcount" or "minsize" => c.Next(1, 4),
            "maxsize" => c.Next(4, 10),
            _ when lower.EndsWith("size", StringComparison.Ordinal) => c.Next(20, 101),
            _ when lower.EndsWith("seconds", StringComparison.Ordinal) => c.Pick(new long[] { 30, 60, 300 }),
            _ => null,
        };
    }

    /// <summary>A timestamp in the form the service logs: STS, IAM and Cognito write "Jan 6, 2025, 9:20:03 AM".</summary>
    private static string Timestamp(string name, RecordContext c)
    {
        var time = name.ToLowerInvariant() switch
        {
            "expiration" => c.Time.AddHours(1),
            "deletiondate" => c.Time.AddDays(7),
            "starttime" => c.Time.AddHours(-3),
            _ => c.Time,
        };
        return c.Service is "sts" or "iam" or "cognito-identity" or "signin"
            ? time.UtcDateTime.ToString("MMM d, yyyy, h:mm:ss tt", CultureInfo.InvariantCulture)
            : time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether synth has a plausible value for a free-form (json) member: policies and DynamoDB items.</summary>
    private static bool HasFreeJsonValue(string name) =>
        name.Contains("olicy", StringComparison.OrdinalIgnoreCase) || name is "key" or "item" or "exclusiveStartKey";

    private static void WriteFreeJson(Utf8JsonWriter json, string name, RecordContext c)
    {
        if (name is "key" or "item" or "exclusiveStartKey")
        {
            json.WriteStartObject();
            json.WriteStartObject("orderId");
            json.WriteString("S", c.Guid());
            json.WriteEndObject();
            json.WriteEndObject();
            return;
        }
        if (name.Contains("olicy", StringComparison.Ordinal) && c.Service != "s3")
        {
            json.WriteStringValue(PolicyText(c)); // IAM logs policy documents as JSON strings
            return;
        }
        if (name.Contains("olicy", StringComparison.Ordinal))
        {
            json.WriteRawValue(PolicyText(c)); // S3 logs bucket policies as objects
            return;
        }
        json.WriteStringValue("");
    }

    private static string PolicyText(RecordContext c) =>
        c.NextDouble() < 0.5
            ? $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::{c.Bucket}/*\"}}]}}"
            : "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static IEnumerable<(string Key, string Value)> MapEntries(string name, RecordContext c)
    {
        switch (name.ToLowerInvariant())
        {
            case "encryptioncontext":
                yield return c.Service == "kms" && c.NextDouble() < 0.5
                    ? ("aws:lambda:FunctionArn", c.FunctionArn)
                    : ("aws:s3:arn", $"arn:aws:s3:::{c.Bucket}/{c.ObjectKey}");
                break;
            case "expressionattributenames":
                yield return ("#s", "status");
                break;
            case "expressionattributevalues":
                yield return (":s", "SHIPPED");
                break;
            case "key" or "item":
                yield return ("orderId", c.Guid());
                break;
            default:
                yield return ("team", "orders");
                if (c.NextDouble() < 0.3) yield return ("env", "prod");
                break;
        }
    }

    private static string Singular(string name) =>
        name.EndsWith("Set", StringComparison.Ordinal) ? name[..^3]
        : name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y"
        : name.EndsWith('s') && name.Length > 1 ? name[..^1]
        : name;

    private static string Kebab(string name)
    {
        var text = new System.Text.StringBuilder();
        foreach (char ch in name)
        {
            if (char.IsUpper(ch) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(ch));
        }
        return text.Length == 0 ? "resource" : text.ToString();
    }
}
