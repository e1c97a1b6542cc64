using System.Globalization;
using TrailScan.Aws;
using TrailScan.Reading;

namespace TrailScan.Reports;

/// <summary>
/// Security-relevant changes, each read through its generated event class: the C# a CloudTrail
/// user writes with CloudTrailGen (a switch on typed events, their Request and Response members,
/// open enums).
/// </summary>
public static class NotableEvents
{
    /// <summary>A line about the record when it is a notable change, or null.</summary>
    public static string? Describe(CloudTrailRecord record)
    {
        string? failed = string.IsNullOrEmpty(record.ErrorCode) ? null : $" (failed: {record.ErrorCode})";
        string? detail = record switch
        {
            Aws.SignIn.ConsoleLoginEvent e => e.Response?.ConsoleLogin?.Value switch
            {
                Aws.SignIn.SignInResult.Failure => "console sign-in FAILED",
                _ when record.UserIdentity?.Type?.Value == UserIdentityType.Root => "root user signed in to the console",
                _ => null,
            },
            Aws.Iam.CreateUserEvent e => $"created IAM user {Or(e.Request?.UserName)}",
            Aws.Iam.DeleteUserEvent e => $"deleted IAM user {Or(e.Request?.UserName)}",
            Aws.Iam.CreateAccessKeyEvent e =>
                $"created access key {Or(e.Response?.AccessKey?.AccessKeyId)} for {Or(e.Request?.UserName ?? RecordFacts.Principal(record.UserIdentity))}",
            Aws.Iam.CreateRoleEvent e => $"created role {Or(e.Request?.RoleName)}",
            Aws.Iam.AttachRolePolicyEvent e => $"attached {Or(e.Request?.PolicyArn)} to role {Or(e.Request?.RoleName)}",
            Aws.Iam.AttachUserPolicyEvent e => $"attached {Or(e.Request?.PolicyArn)} to user {Or(e.Request?.UserName)}",
            Aws.Iam.DetachRolePolicyEvent e => $"detached {Or(e.Request?.PolicyArn)} from role {Or(e.Request?.RoleName)}",
            Aws.Iam.PutRolePolicyEvent e => $"put inline policy {Or(e.Request?.PolicyName)} on role {Or(e.Request?.RoleName)}",
            Aws.Iam.CreatePolicyEvent e => $"created policy {Or(e.Request?.PolicyName)}",
            Aws.Kms.ScheduleKeyDeletionEvent e =>
                $"scheduled deletion of key {Or(e.Request?.KeyId)} in {e.Request?.PendingWindowInDays?.ToString(CultureInfo.InvariantCulture) ?? "30"} days",
            Aws.Kms.DisableKeyEvent e => $"disabled key {Or(e.Request?.KeyId)}",
            Aws.S3.PutBucketPolicyEvent e => $"changed the policy of bucket {Or(e.Request?.BucketName)}",
            Aws.S3.PutBucketPublicAccessBlockEvent e => $"changed public access block of bucket {Or(e.Request?.BucketName)}",
            Aws.S3.DeleteBucketEvent e => $"deleted bucket {Or(e.Request?.BucketName)}",
            Aws.CloudTrail.StopLoggingEvent e => $"STOPPED logging of trail {Or(e.Request?.Name)}",
            Aws.CloudTrail.DeleteTrailEvent e => $"deleted trail {Or(e.Request?.Name)}",
            Aws.CloudTrail.UpdateTrailEvent e => $"updated trail {Or(e.Request?.Name)}",
            Aws.Ec2.AuthorizeSecurityGroupIngressEvent e => $"opened ingress on {Or(e.Request?.GroupId ?? e.Request?.GroupName)}",
            Aws.Lambda.AddPermissionEvent e => $"allowed {Or(e.Request?.Principal)} to call function {Or(e.Request?.FunctionName)}",
            _ when record.UserIdentity?.Type?.Value == UserIdentityType.Root => "root user activity",
            _ => null,
        };
        return detail is null ? null : detail + failed;
    }

    private static string Or(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
