using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using Bench.Ct;

namespace CloudTrailGen.Benchmarks;

/// <summary>Reads typed request and response parts of records.</summary>
internal static class Typed
{
    /// <summary>Reads the typed request and response of the events a detection would look at.</summary>
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

    // Per event class: a compiled getter of its Request and of its Response (found by reflection
    // once per class, then called like a property; the benchmark's own cost is one dictionary
    // look-up per record).
    [ThreadStatic]
    private static Dictionary<Type, Func<CloudTrailRecord, int>>? t_readers;

    /// <summary>
    /// Parses the typed <c>Request</c> and <c>Response</c> of every record whose class has them
    /// (every event of the selected services); returns how many typed parts were read.
    /// </summary>
    public static int ReadAll(CloudTrailRecord record)
    {
        var readers = t_readers ??= new Dictionary<Type, Func<CloudTrailRecord, int>>();
        Type type = record.GetType();
        if (type == typeof(CloudTrailRecord)) return 0;
        if (!readers.TryGetValue(type, out var read))
        {
            read = Compile(type);
            readers[type] = read;
        }
        return read(record);
    }

    private static Func<CloudTrailRecord, int> Compile(Type type)
    {
        var record = Expression.Parameter(typeof(CloudTrailRecord), "record");
        var typed = Expression.Convert(record, type);
        Expression count = Expression.Constant(0);
        foreach (string name in new[] { "Request", "Response" })
        {
            var property = type.GetProperty(name);
            if (property is null) continue;
            var notNull = Expression.NotEqual(Expression.Property(typed, property), Expression.Constant(null, property.PropertyType));
            count = Expression.Add(count, Expression.Condition(notNull, Expression.Constant(1), Expression.Constant(0)));
        }
        return Expression.Lambda<Func<CloudTrailRecord, int>>(count, record).Compile();
    }
}
