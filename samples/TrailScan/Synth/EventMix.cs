using System;
using System.Collections.Generic;

namespace TrailScan.Synth;

/// <summary>Who calls an API, as flags: synth picks a principal of one of these kinds.</summary>
[Flags]
public enum Callers
{
    /// <summary>No one (not used).</summary>
    None = 0,

    /// <summary>People.</summary>
    Human = 1,

    /// <summary>Deployment automation.</summary>
    Automation = 2,

    /// <summary>Applications.</summary>
    Workload = 4,

    /// <summary>AWS services for the account.</summary>
    Service = 8,

    /// <summary>The root user.</summary>
    Root = 16,

    /// <summary>Another account.</summary>
    OtherAccount = 32,

    /// <summary>An unauthenticated caller (Cognito sign-in, failed console sign-in).</summary>
    Anonymous = 64,
}

/// <summary>One API in the mix of a synthetic log.</summary>
/// <param name="Service">The catalog's service id.</param>
/// <param name="EventName">The eventName.</param>
/// <param name="Weight">How often, relative to the others (about "per mille of a real account's records").</param>
/// <param name="Callers">Who calls it.</param>
/// <param name="Fields">For an event the catalog lacks: the requestParameters keys to write (a trailing '!' for a value CloudTrail hides).</param>
/// <param name="Data">For an event the catalog lacks: whether it is a data event.</param>
public sealed record MixEntry(string Service, string EventName, double Weight, Callers Callers, string Fields = "", bool Data = false);

/// <summary>
/// The APIs that make up most CloudTrail logs, with how often each is called and by whom: a
/// modest table drawn from what real accounts log (credentials, KMS and S3 from applications,
/// Describe/List/Get from people, consoles and AWS services; few changes; sign-ins). Synth writes
/// these from the catalog when it has them, and from <see cref="MixEntry.Fields"/> otherwise, so
/// a log also holds some events trailscan does not type (as real ones do).
/// </summary>
public static class EventMix
{
    private const Callers People = Callers.Human | Callers.Automation;

    /// <summary>The table.</summary>
    public static readonly MixEntry[] Entries =
    [
        // Credentials
        new("sts", "AssumeRole", 90, Callers.Service | Callers.Workload | People, "roleArn roleSessionName durationSeconds"),
        new("sts", "GetCallerIdentity", 25, People | Callers.Workload),
        new("sts", "AssumeRoleWithWebIdentity", 12, Callers.Automation, "roleArn roleSessionName durationSeconds"),
        new("sts", "GetSessionToken", 2, Callers.Human),
        // KMS, mostly for S3, DynamoDB, Lambda and Secrets Manager on an application's behalf
        new("kms", "Decrypt", 80, Callers.Workload | Callers.Service, "keyId encryptionAlgorithm"),
        new("kms", "GenerateDataKey", 50, Callers.Workload | Callers.Service, "keyId keySpec"),
        new("kms", "Encrypt", 8, Callers.Workload, "keyId"),
        new("kms", "DescribeKey", 12, People | Callers.Service, "keyId"),
        new("kms", "ScheduleKeyDeletion", 0.05, Callers.Human, "keyId pendingWindowInDays"),
        // S3 data events and bucket reads
        new("s3", "GetObject", 70, Callers.Workload | Callers.OtherAccount, "bucketName Host key", true),
        new("s3", "PutObject", 35, Callers.Workload | Callers.Automation, "bucketName Host key", true),
        new("s3", "HeadObject", 15, Callers.Workload, "bucketName Host key", true),
        new("s3", "ListObjects", 12, Callers.Workload | Callers.Human, "bucketName Host prefix", true),
        new("s3", "DeleteObject", 6, Callers.Workload | Callers.Automation, "bucketName Host key", true),
        new("s3", "GetBucketAcl", 8, Callers.Service, "bucketName Host acl"),
        new("s3", "GetBucketLocation", 8, People, "bucketName Host location"),
        new("s3", "ListBuckets", 4, People, "Host"),
        new("s3", "GetBucketPolicy", 3, Callers.Service | Callers.Human, "bucketName Host policy"),
        new("s3", "PutBucketPolicy", 0.1, Callers.Human, "bucketName Host policy"),
        // EC2
        new("ec2", "DescribeInstances", 30, People | Callers.Service),
        new("ec2", "DescribeNetworkInterfaces", 10, Callers.Service),
        new("ec2", "DescribeSecurityGroups", 10, People),
        new("ec2", "DescribeSubnets", 8, People | Callers.Service),
        new("ec2", "DescribeVolumes", 8, Callers.Service | Callers.Automation),
        new("ec2", "DescribeVpcs", 6, People),
        new("ec2", "DescribeImages", 5, Callers.Automation),
        new("ec2", "CreateNetworkInterface", 2, Callers.Service, "subnetId groupSet"),
        new("ec2", "CreateTags", 3, Callers.Automation | Callers.Service, "resourcesSet tagSet"),
        new("ec2", "RunInstances", 1.5, Callers.Automation | Callers.Service, "instanceType imageId"),
        new("ec2", "TerminateInstances", 0.8, Callers.Automation | Callers.Service, "instancesSet"),
        new("ec2", "AuthorizeSecurityGroupIngress", 0.3, Callers.Human, "groupId ipPermissions"),
        // CloudWatch Logs and CloudWatch
        new("logs", "CreateLogStream", 20, Callers.Workload | Callers.Service, "logGroupName logStreamName"),
        new("logs", "DescribeLogGroups", 6, Callers.Human, "logGroupNamePrefix"),
        new("logs", "DescribeLogStreams", 5, Callers.Human, "logGroupName"),
        new("logs", "FilterLogEvents", 3, Callers.Human, "logGroupName filterPattern"),
        new("logs", "CreateLogGroup", 1, Callers.Automation, "logGroupName"),
        new("monitoring", "GetMetricData", 8, Callers.Human | Callers.Service, "startTime endTime"),
        new("monitoring", "DescribeAlarms", 6, Callers.Human | Callers.Service, "alarmNames"),
        new("monitoring", "PutMetricAlarm", 0.3, Callers.Automation, "alarmName metricName namespace"),
        // Lambda
        new("lambda", "Invoke", 30, Callers.Service | Callers.Workload, "functionName invocationType", true),
        new("lambda", "GetFunction", 4, People, "functionName"),
        new("lambda", "ListFunctions", 3, People),
        new("lambda", "UpdateFunctionCode", 1, Callers.Automation, "functionName s3Bucket s3Key"),
        new("lambda", "UpdateFunctionConfiguration", 0.5, Callers.Automation, "functionName timeout memorySize"),
        new("lambda", "AddPermission", 0.2, Callers.Automation, "functionName statementId action principal"),
        // DynamoDB
        new("dynamodb", "GetItem", 30, Callers.Workload, "tableName key", true),
        new("dynamodb", "Query", 20, Callers.Workload, "tableName keyConditionExpression", true),
        new("dynamodb", "PutItem", 20, Callers.Workload, "tableName key", true),
        new("dynamodb", "UpdateItem", 10, Callers.Workload, "tableName key updateExpression", true),
        new("dynamodb", "DeleteItem", 3, Callers.Workload, "tableName key", true),
        new("dynamodb", "DescribeTable", 8, Callers.Automation | Callers.Service, "tableName"),
        // IAM: many reads, few changes
        new("iam", "GetRole", 8, People, "roleName"),
        new("iam", "ListAttachedRolePolicies", 4, People, "roleName"),
        new("iam", "ListRoles", 3, People),
        new("iam", "GetPolicy", 3, People, "policyArn"),
        new("iam", "GetPolicyVersion", 3, People, "policyArn versionId"),
        new("iam", "GetUser", 2, People, "userName"),
        new("iam", "ListAccessKeys", 1.5, Callers.Human, "userName"),
        new("iam", "CreateRole", 0.3, Callers.Automation, "roleName assumeRolePolicyDocument"),
        new("iam", "AttachRolePolicy", 0.4, People, "roleName policyArn"),
        new("iam", "DetachRolePolicy", 0.2, People, "roleName policyArn"),
        new("iam", "PutRolePolicy", 0.3, Callers.Automation, "roleName policyName policyDocument"),
        new("iam", "CreatePolicy", 0.2, Callers.Automation, "policyName policyDocument"),
        new("iam", "CreateUser", 0.15, Callers.Human, "userName"),
        new("iam", "CreateAccessKey", 0.15, Callers.Human, "userName"),
        new("iam", "AttachUserPolicy", 0.1, Callers.Human, "userName policyArn"),
        new("iam", "DeleteUser", 0.1, Callers.Human, "userName"),
        // Sign-in
        new("signin", "ConsoleLogin", 3.5, Callers.Human | Callers.Root),
        new("signin", "SwitchRole", 0.5, Callers.Human),
        new("signin", "RenewRole", 0.5, Callers.Human),
        new("signin", "CheckMfa", 0.3, Callers.Human),
        // Messaging
        new("sns", "Publish", 15, Callers.Workload, "topicArn message! subject!", true),
        new("sns", "GetTopicAttributes", 2, Callers.Service | Callers.Automation, "topicArn"),
        new("sns", "Subscribe", 0.3, Callers.Automation, "topicArn protocol endpoint"),
        new("sns", "CreateTopic", 0.2, Callers.Automation, "name"),
        new("sqs", "SendMessage", 15, Callers.Workload, "queueUrl messageBody!", true),
        new("sqs", "ReceiveMessage", 15, Callers.Workload, "queueUrl maxNumberOfMessages waitTimeSeconds", true),
        new("sqs", "DeleteMessage", 10, Callers.Workload, "queueUrl receiptHandle!", true),
        new("sqs", "GetQueueAttributes", 5, Callers.Service, "queueUrl attributeNames"),
        new("events", "PutEvents", 6, Callers.Workload, "entries"),
        new("events", "DescribeRule", 2, Callers.Automation, "name"),
        new("events", "PutRule", 0.3, Callers.Automation, "name eventPattern state"),
        // Configuration and secrets
        new("ssm", "GetParameter", 20, Callers.Workload | Callers.Automation, "name withDecryption"),
        new("ssm", "UpdateInstanceInformation", 15, Callers.Workload, "instanceId agentVersion platformType"),
        new("ssm", "GetParameters", 8, Callers.Workload, "names withDecryption"),
        new("ssm", "GetParametersByPath", 4, Callers.Workload, "path recursive withDecryption"),
        new("ssm", "DescribeInstanceInformation", 3, Callers.Human | Callers.Service),
        new("secretsmanager", "GetSecretValue", 18, Callers.Workload, "secretId"),
        new("secretsmanager", "DescribeSecret", 3, Callers.Automation | Callers.Service, "secretId"),
        new("secretsmanager", "ListSecrets", 2, Callers.Human),
        // Containers
        new("ecr", "GetAuthorizationToken", 12, Callers.Workload | Callers.Service | Callers.Automation),
        new("ecr", "BatchGetImage", 6, Callers.Service, "repositoryName imageIds"),
        new("ecr", "GetDownloadUrlForLayer", 6, Callers.Service, "repositoryName layerDigest"),
        new("ecr", "BatchCheckLayerAvailability", 3, Callers.Automation, "repositoryName layerDigests"),
        new("ecr", "PutImage", 0.5, Callers.Automation, "repositoryName imageTag"),
        new("ecs", "DescribeTasks", 5, Callers.Human | Callers.Service, "cluster tasks"),
        new("ecs", "ListTasks", 4, Callers.Human | Callers.Service, "cluster"),
        new("ecs", "DescribeServices", 4, People, "cluster services"),
        new("ecs", "RunTask", 0.8, Callers.Service, "cluster taskDefinition count"),
        new("ecs", "UpdateService", 0.5, Callers.Automation, "cluster service desiredCount"),
        new("eks", "DescribeCluster", 5, People, "name"),
        new("eks", "ListClusters", 1, Callers.Human),
        // Databases, load balancing, scaling, stacks
        new("rds", "DescribeDBInstances", 5, Callers.Human | Callers.Service, "dBInstanceIdentifier"),
        new("rds", "DescribeDBClusters", 3, Callers.Human | Callers.Service),
        new("rds", "CreateDBSnapshot", 0.2, Callers.Service, "dBInstanceIdentifier dBSnapshotIdentifier"),
        new("elasticloadbalancing", "DescribeTargetHealth", 6, Callers.Service | Callers.Human, "targetGroupArn"),
        new("elasticloadbalancing", "DescribeLoadBalancers", 5, People),
        new("elasticloadbalancing", "RegisterTargets", 1, Callers.Service, "targetGroupArn targets"),
        new("elasticloadbalancing", "DeregisterTargets", 1, Callers.Service, "targetGroupArn targets"),
        new("autoscaling", "DescribeAutoScalingGroups", 6, Callers.Service | Callers.Human),
        new("autoscaling", "CompleteLifecycleAction", 1, Callers.Workload, "lifecycleHookName autoScalingGroupName lifecycleActionResult instanceId"),
        new("autoscaling", "UpdateAutoScalingGroup", 0.5, Callers.Automation, "autoScalingGroupName desiredCapacity"),
        new("autoscaling", "CreateAutoScalingGroup", 0.1, Callers.Automation, "autoScalingGroupName minSize maxSize"),
        new("cloudformation", "DescribeStacks", 6, Callers.Automation | Callers.Human, "stackName"),
        new("cloudformation", "DescribeStackEvents", 4, Callers.Automation, "stackName"),
        new("cloudformation", "ListStacks", 2, People),
        new("cloudformation", "CreateChangeSet", 0.3, Callers.Automation, "stackName changeSetName"),
        new("cloudformation", "ExecuteChangeSet", 0.3, Callers.Automation, "stackName changeSetName"),
        // Governance and security
        new("cloudtrail", "LookupEvents", 2, Callers.Human),
        new("cloudtrail", "DescribeTrails", 2, Callers.Service | Callers.Human),
        new("cloudtrail", "GetTrailStatus", 2, Callers.Service, "name"),
        new("cloudtrail", "UpdateTrail", 0.05, Callers.Human, "name"),
        new("cloudtrail", "StopLogging", 0.03, Callers.Human, "name"),
        new("config", "PutEvaluations", 3, Callers.Workload, "evaluations resultToken!"),
        new("config", "DescribeConfigRules", 1, Callers.Service),
        new("guardduty", "ListDetectors", 2, Callers.Service | Callers.Human),
        new("guardduty", "GetFindings", 1, Callers.Human, "detectorId findingIds"),
        new("securityhub", "BatchImportFindings", 2, Callers.Service, "findings"),
        new("access-analyzer", "ListAnalyzers", 0.5, Callers.Service),
        new("organizations", "DescribeOrganization", 3, Callers.Service | Callers.Human),
        new("organizations", "ListAccounts", 1, Callers.Human),
        new("sso", "ListAccountAssignments", 0.5, Callers.Human, "instanceArn accountId permissionSetArn"),
        new("route53", "ListHostedZones", 2, People),
        new("route53", "ChangeResourceRecordSets", 0.3, Callers.Automation, "hostedZoneId changeBatch"),
        new("apigateway", "GetRestApis", 1, Callers.Human),
        new("acm", "DescribeCertificate", 1, Callers.Service, "certificateArn"),
        new("tagging", "GetResources", 2, Callers.Service | Callers.Human),
        new("states", "StartExecution", 1, Callers.Workload, "stateMachineArn input!"),
        new("athena", "GetQueryExecution", 2, Callers.Human, "queryExecutionId"),
        new("glue", "GetTable", 2, Callers.Workload, "databaseName name"),
        // Cognito: unauthenticated sign-in flows
        new("cognito-idp", "InitiateAuth", 4, Callers.Anonymous, "authFlow clientId"),
        new("cognito-identity", "GetId", 2, Callers.Anonymous, "identityPoolId"),
        new("cognito-identity", "GetCredentialsForIdentity", 2, Callers.Anonymous, "identityId"),
    ];

    /// <summary>Services whose calls CloudTrail logs in us-east-1 whatever the caller's region.</summary>
    public static readonly HashSet<string> GlobalServices = new(StringComparer.Ordinal) { "iam", "signin", "organizations", "route53", "cloudfront", "health", "sso" };

    /// <summary>The IAM action prefix of a service id (monitoring → cloudwatch).</summary>
    public static string ActionPrefix(string service) => service switch
    {
        "monitoring" => "cloudwatch",
        "elasticloadbalancing" => "elasticloadbalancing",
        "access-analyzer" => "access-analyzer",
        "tagging" => "tag",
        _ => service,
    };

    /// <summary>Whether an eventName reads only (Get/List/Describe/...), for events the catalog lacks.</summary>
    public static bool LooksReadOnly(string eventName) =>
        eventName.StartsWith("Get", StringComparison.Ordinal) || eventName.StartsWith("List", StringComparison.Ordinal)
        || eventName.StartsWith("Describe", StringComparison.Ordinal) || eventName.StartsWith("Head", StringComparison.Ordinal)
        || eventName.StartsWith("Lookup", StringComparison.Ordinal) || eventName.StartsWith("BatchGet", StringComparison.Ordinal)
        || eventName.StartsWith("Check", StringComparison.Ordinal) || eventName.StartsWith("Receive", StringComparison.Ordinal);
}
