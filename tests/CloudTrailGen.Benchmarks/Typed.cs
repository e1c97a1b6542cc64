using Bench.Ct;

namespace CloudTrailGen.Benchmarks;

/// <summary>Reads the typed request and response of the events a detection would look at.</summary>
internal static class Typed
{
    public static bool Touch(CloudTrailRecord record) => record switch
    {
        Bench.Ct.Sts.AssumeRoleEvent e => e.Request?.RoleArn is not null | e.Response?.Credentials is not null,
        Bench.Ct.Iam.AttachRolePolicyEvent e => e.Request?.PolicyArn is not null,
        Bench.Ct.Iam.CreateUserEvent e => e.Request?.UserName is not null | e.Response is not null,
        Bench.Ct.Ec2.RunInstancesEvent e => e.Request is not null | e.Response is not null,
        Bench.Ct.Ec2.AuthorizeSecurityGroupIngressEvent e => e.Request is not null,
        Bench.Ct.S3.GetObjectEvent e => e.Request?.BucketName is not null,
        Bench.Ct.S3.PutObjectEvent e => e.Request?.BucketName is not null,
        Bench.Ct.Kms.DecryptEvent e => e.Request is not null,
        Bench.Ct.Lambda.CreateFunctionEvent e => e.Request is not null | e.Response is not null,
        Bench.Ct.Sns.PublishEvent e => e.Request?.TopicArn is not null,
        Bench.Ct.SignIn.ConsoleLoginEvent e => e.Response is not null,
        Bench.Ct.CloudTrail.StopLoggingEvent e => e.Request is not null,
        _ => false,
    };
}
