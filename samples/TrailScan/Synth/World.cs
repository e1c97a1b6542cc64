using System;
using System.Collections.Generic;
using System.Text;

namespace TrailScan.Synth;

/// <summary>How a principal calls AWS.</summary>
public enum ActorKind
{
    /// <summary>A person: console or CLI, signed in through IAM Identity Center (an SSO role) or as an IAM user.</summary>
    Human,

    /// <summary>Deployment automation: an IAM user's access key, or a CI role (GitHub Actions).</summary>
    Automation,

    /// <summary>An application: a Lambda function, an ECS task or an EC2 instance, with its role.</summary>
    Workload,

    /// <summary>An AWS service acting for the account (userIdentity type AWSService).</summary>
    Service,

    /// <summary>The account's root user.</summary>
    Root,

    /// <summary>Another AWS account (userIdentity type AWSAccount).</summary>
    OtherAccount,
}

/// <summary>A principal that appears in the synthetic log.</summary>
public sealed class Actor
{
    /// <summary>Its kind.</summary>
    public required ActorKind Kind { get; init; }

    /// <summary>userIdentity.type.</summary>
    public required string IdentityType { get; init; }

    /// <summary>The IAM user name (IAMUser) or the role name (AssumedRole).</summary>
    public string? Name { get; init; }

    /// <summary>The role session name (AssumedRole).</summary>
    public string? Session { get; init; }

    /// <summary>AWSService: the service's host (invokedBy).</summary>
    public string? InvokedBy { get; init; }

    /// <summary>The account the principal belongs to.</summary>
    public required string Account { get; init; }

    /// <summary>AIDA... / AROA... .</summary>
    public string PrincipalIdPrefix { get; init; } = "";

    /// <summary>AKIA... for IAM users, ASIA... for role sessions.</summary>
    public string AccessKeyId { get; init; } = "";

    /// <summary>The caller's IP address (or service host).</summary>
    public required string SourceIp { get; init; }

    /// <summary>The user agents it calls with.</summary>
    public required string[] UserAgents { get; init; }

    /// <summary>Whether it calls from the console.</summary>
    public bool Console { get; init; }

    /// <summary>Whether it signed in with MFA.</summary>
    public bool Mfa { get; init; }

    /// <summary>How often it calls, relative to others of its kind.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>The ARN of the caller (the assumed-role session ARN for roles).</summary>
    public string Arn => IdentityType switch
    {
        "IAMUser" => $"arn:aws:iam::{Account}:user/{Name}",
        "AssumedRole" => $"arn:aws:sts::{Account}:assumed-role/{Name}/{Session}",
        "Root" => $"arn:aws:iam::{Account}:root",
        _ => "",
    };

    /// <summary>The role's ARN (AssumedRole).</summary>
    public string RoleArn => Name!.StartsWith("AWSReservedSSO_", StringComparison.Ordinal)
        ? $"arn:aws:iam::{Account}:role/aws-reserved/sso.amazonaws.com/{Name}"
        : $"arn:aws:iam::{Account}:role/{Name}";
}

/// <summary>
/// The synthetic account: its principals and resources, made once from the seed so that every
/// record of a log refers to the same buckets, roles, keys and instances.
/// </summary>
public sealed class World
{
    /// <summary>The account the log belongs to (AWS documentation's example account).</summary>
    public const string Account = "111122223333";

    /// <summary>A second account of the organization.</summary>
    public const string PartnerAccount = "444455556666";

    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Regions, most used first; the weights say how often.</summary>
    public static readonly (string Region, double Weight)[] Regions = [("us-east-1", 0.62), ("eu-west-1", 0.22), ("us-west-2", 0.12), ("ap-southeast-2", 0.04)];

    /// <summary>Makes the world from a seed.</summary>
    public World(Random random)
    {
        string Id(string prefix, int length)
        {
            var text = new StringBuilder(prefix);
            for (int i = 0; i < length; i++) text.Append(Alphanumeric[random.Next(Alphanumeric.Length)]);
            return text.ToString();
        }
        string Hex(int length)
        {
            var text = new StringBuilder();
            for (int i = 0; i < length; i++) text.Append("0123456789abcdef"[random.Next(16)]);
            return text.ToString();
        }

        string browser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        string firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
        string cli = "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off";
        string terraform = "APN/1.0 HashiCorp/1.0 Terraform/1.10.2 (+https://www.terraform.io) terraform-provider-aws/5.81.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.6 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64";
        string boto = "Boto3/1.35.76 md/Botocore#1.35.76 ua/2.0 os/linux#5.10.228-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.76";
        string java = "aws-sdk-java/2.29.29 Linux/6.1.115-126.197.amzn2023.x86_64 OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. md/internal io/sync http/Apache cfg/retry-mode/legacy";
        string dotnet = "aws-sdk-dotnet-coreclr/3.7.400.63 ua/2.0 OS/Linux_6.1.115-126.197.amzn2023.x86_64 md/aws-sdk-dotnet-core#3.7.400.63 lang/.NET_Core#8.0.11 exec-env/AWS_ECS_FARGATE cfg/retry-mode#legacy";
        string go = "aws-sdk-go-v2/1.32.6 ua/2.1 os/linux lang/go#1.23.4 md/GOOS#linux md/GOARCH#amd64 exec-env/AWS_ECS_EC2";

        string ssoAdmin = $"AWSReservedSSO_AdministratorAccess_{Hex(16)}";
        string ssoReadOnly = $"AWSReservedSSO_ReadOnlyAccess_{Hex(16)}";
        Actors =
        [
            new Actor { Kind = ActorKind.Human, IdentityType = "AssumedRole", Name = ssoAdmin, Session = "alice@example.com", Account = Account, PrincipalIdPrefix = Id("AROA", 17), AccessKeyId = Id("ASIA", 16), SourceIp = "198.51.100.23", UserAgents = [browser, cli], Console = true, Mfa = false, Weight = 3 },
            new Actor { Kind = ActorKind.Human, IdentityType = "AssumedRole", Name = ssoReadOnly, Session = "bob@example.com", Account = Account, PrincipalIdPrefix = Id("AROA", 17), AccessKeyId = Id("ASIA", 16), SourceIp = "203.0.113.45", UserAgents = [firefox], Console = true, Weight = 2 },
            new Actor { Kind = ActorKind.Human, IdentityType = "IAMUser", Name = "carol", Account = Account, PrincipalIdPrefix = Id("AIDA", 17), AccessKeyId = Id("AKIA", 16), SourceIp = "198.51.100.87", UserAgents = [cli], Mfa = true, Weight = 1 },
            new Actor { Kind = ActorKind.Automation, IdentityType = "IAMUser", Name = "ci-deployer", Account = Account, PrincipalIdPrefix = Id("AIDA", 17), AccessKeyId = Id("AKIA", 16), SourceIp = "203.0.113.10", UserAgents = [terraform], Weight = 2 },
            new Actor { Kind = ActorKind.Automation, IdentityType = "AssumedRole", Name = "github-actions-deploy", Session = "GitHubActions", Account = Account, PrincipalIdPrefix = Id("AROA", 17), AccessKeyId = Id("ASIA", 16), SourceIp = "192.0.2.140", UserAgents = [cli, terraform], Weight = 3 },
            new Actor { Kind = ActorKind.Workload, IdentityType = "AssumedRole", Name = "thumbnailer-role", Session = "thumbnailer", Account = Account, PrincipalIdPrefix = Id("AROA", 17), AccessKeyId = Id("ASIA", 16), SourceIp = "192.0.2.17", UserAgents = [boto], Weight = 4 },
            new Actor { Kind = ActorKind.Workload, IdentityType = "AssumedRole", Name = "orders-api-task", Session = Hex(32), Account = Account, PrincipalIdPrefix = Id("AROA", 17), AccessKeyId = Id("ASIA", 16), SourceIp = "192.0.2.60", UserAgents = [dotnet], Weight = 5 },
            new Actor { Kind = ActorKind.Workload, IdentityType = "AssumedRole", Name = "report-worker-role", Session = $"i-0{Hex(16)}", Account = Account, PrincipalIdPrefix = Id("AROA", 17), AccessKeyId = Id("ASIA", 16), SourceIp = "192.0.2.91", UserAgents = [java, go], Weight = 3 },
            new Actor { Kind = ActorKind.Service, IdentityType = "AWSService", InvokedBy = "lambda.amazonaws.com", Account = Account, SourceIp = "lambda.amazonaws.com", UserAgents = ["lambda.amazonaws.com"], Weight = 3 },
            new Actor { Kind = ActorKind.Service, IdentityType = "AWSService", InvokedBy = "ecs-tasks.amazonaws.com", Account = Account, SourceIp = "ecs-tasks.amazonaws.com", UserAgents = ["ecs-tasks.amazonaws.com"], Weight = 2 },
            new Actor { Kind = ActorKind.Service, IdentityType = "AWSService", InvokedBy = "ec2.amazonaws.com", Account = Account, SourceIp = "ec2.amazonaws.com", UserAgents = ["ec2.amazonaws.com"], Weight = 1 },
            new Actor { Kind = ActorKind.Service, IdentityType = "AWSService", InvokedBy = "config.amazonaws.com", Account = Account, SourceIp = "config.amazonaws.com", UserAgents = ["config.amazonaws.com"], Weight = 1 },
            new Actor { Kind = ActorKind.Root, IdentityType = "Root", Account = Account, PrincipalIdPrefix = Account, AccessKeyId = "", SourceIp = "198.51.100.23", UserAgents = [browser], Console = true, Mfa = true },
            new Actor { Kind = ActorKind.OtherAccount, IdentityType = "AWSAccount", Account = PartnerAccount, PrincipalIdPrefix = Id("AROA", 17), SourceIp = "192.0.2.200", UserAgents = [java], Weight = 1 },
        ];

        foreach (string region in new[] { "us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2" })
        {
            KmsKeys[region] = [Guid(random), Guid(random)];
        }
        for (int i = 0; i < 4; i++) Instances.Add($"i-0{Hex(16)}");
        for (int i = 0; i < 2; i++) Vpcs.Add($"vpc-0{Hex(16)}");
        for (int i = 0; i < 4; i++) Subnets.Add($"subnet-0{Hex(16)}");
        for (int i = 0; i < 3; i++) SecurityGroups.Add($"sg-0{Hex(16)}");
        for (int i = 0; i < 2; i++) Images.Add($"ami-0{Hex(16)}");
        for (int i = 0; i < 2; i++) Volumes.Add($"vol-0{Hex(16)}");
    }

    /// <summary>Every principal.</summary>
    public IReadOnlyList<Actor> Actors { get; }

    /// <summary>S3 buckets.</summary>
    public string[] Buckets { get; } = ["example-build-artifacts", $"example-app-logs-{Account}", "example-payroll-exports", "example-static-site", $"cdk-hnb659fds-assets-{Account}-us-east-1"];

    /// <summary>Object keys, with {0} for a date.</summary>
    public string[] ObjectKeys { get; } = ["releases/{0}/app.tar.gz", "thumbnails/{0}/IMG_0042.jpg", "exports/{0}/payroll.csv", "index.html", "AWSLogs/111122223333/elasticloadbalancing/us-east-1/{0}/alb.log.gz", "uploads/{0}/invoice-7731.pdf"];

    /// <summary>Lambda functions.</summary>
    public string[] Functions { get; } = ["thumbnailer", "orders-api-authorizer", "nightly-report", "cloudtrail-forwarder"];

    /// <summary>DynamoDB tables.</summary>
    public string[] Tables { get; } = ["orders", "sessions", "thumbnails"];

    /// <summary>SNS topics.</summary>
    public string[] Topics { get; } = ["order-events", "alerts", "thumbnail-done"];

    /// <summary>SQS queues.</summary>
    public string[] Queues { get; } = ["orders-queue", "thumbnail-jobs", "orders-dlq"];

    /// <summary>IAM roles that can be assumed.</summary>
    public string[] Roles { get; } = ["DeployRole", "thumbnailer-role", "orders-api-task", "report-worker-role", "OrganizationAccountAccessRole", "ReadOnlyAuditRole"];

    /// <summary>IAM users.</summary>
    public string[] Users { get; } = ["carol", "ci-deployer", "build-bot", "backup-operator"];

    /// <summary>Managed policies.</summary>
    public string[] Policies { get; } = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess", $"arn:aws:iam::{Account}:policy/orders-api-access"];

    /// <summary>Secrets.</summary>
    public string[] Secrets { get; } = ["prod/orders/db", "prod/payments/api-key", "staging/orders/db"];

    /// <summary>SSM parameters.</summary>
    public string[] Parameters { get; } = ["/orders/prod/db-host", "/orders/prod/feature-flags", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"];

    /// <summary>CloudWatch Logs groups.</summary>
    public string[] LogGroups { get; } = ["/aws/lambda/thumbnailer", "/aws/lambda/nightly-report", "/ecs/orders-api", "/aws/eks/prod/cluster"];

    /// <summary>Other names: ECS/EKS clusters, ECR repositories, stacks, RDS instances, trails.</summary>
    public string[] Names { get; } = ["prod", "orders-api", "thumbnailer", "network", "orders-db", "management-events"];

    /// <summary>KMS key ids per region.</summary>
    public Dictionary<string, string[]> KmsKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>EC2 instance ids.</summary>
    public List<string> Instances { get; } = [];

    /// <summary>VPC ids.</summary>
    public List<string> Vpcs { get; } = [];

    /// <summary>Subnet ids.</summary>
    public List<string> Subnets { get; } = [];

    /// <summary>Security group ids.</summary>
    public List<string> SecurityGroups { get; } = [];

    /// <summary>AMI ids.</summary>
    public List<string> Images { get; } = [];

    /// <summary>EBS volume ids.</summary>
    public List<string> Volumes { get; } = [];

    /// <summary>A random UUID in the usual text form.</summary>
    public static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        string hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
