using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using CloudTrailGen;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>CloudTrailFilter on record views: what each filter passes, composition, and no allocation per record.</summary>
public class RecordFilterTests
{
    private static readonly string[] s_records =
    [
        """{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:alice@example.com","arn":"arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111122223333:role/Admin","accountId":"111122223333","userName":"Admin"}}},"eventTime":"2024-03-01T10:00:00Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","readOnly":false,"eventCategory":"Management","recipientAccountId":"111122223333"}""",
        """{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/bob","accountId":"111122223333","userName":"bob"},"eventTime":"2024-03-02T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"eu-west-3","errorCode":"AccessDenied","readOnly":true,"eventCategory":"Data","recipientAccountId":"444455556666"}""",
        """{"eventVersion":"1.08","userIdentity":{"type":"AWSService","invokedBy":"lambda.amazonaws.com"},"eventTime":"2024-03-03T10:00:00Z","eventSource":"cloudtrail-data.amazonaws.com","eventName":"PutAuditEvents","awsRegion":"us-east-1","eventCategory":"Management","recipientAccountId":"111122223333"}""",
        """{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"},"eventTime":"2024-03-04T10:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","errorCode":"","eventCategory":"Management","recipientAccountId":"111122223333"}""",
    ];

    /// <summary>The indexes of the records the filter passes.</summary>
    private static List<int> Passing(CloudTrailFilter filter)
    {
        byte[] input = Encoding.UTF8.GetBytes(string.Join("\n", s_records));
        var passing = new List<int>();
        foreach (var view in CloudTrailLog.ReadViews(new MemoryStream(input)))
        {
            if (filter.Matches(view)) passing.Add((int)view.RecordIndex);
        }
        return passing;
    }

    [Fact]
    public void Each_filter_passes_what_it_names()
    {
        Assert.Equal([0], Passing(CloudTrailFilter.Service("iam")));
        Assert.Equal([0, 1], Passing(CloudTrailFilter.Service("IAM", "s3.amazonaws.com")));
        Assert.Equal([], Passing(CloudTrailFilter.Service("cloudtrail")));
        Assert.Equal([2], Passing(CloudTrailFilter.Service(CloudTrailServices.All, "cloudtrail")));
        Assert.Equal([1, 3], Passing(CloudTrailFilter.EventName("getobject", "ConsoleLogin")));
        Assert.Equal([1], Passing(CloudTrailFilter.Category("Data")));
        Assert.Equal([1], Passing(CloudTrailFilter.Errors()));
        Assert.Equal([1], Passing(CloudTrailFilter.ErrorCode("AccessDenied")));
        Assert.Equal([1], Passing(CloudTrailFilter.Region("eu-west-3")));
        Assert.Equal([1], Passing(CloudTrailFilter.Account("444455556666")));
        Assert.Equal([0], Passing(CloudTrailFilter.Field(CloudTrailRecordField.SourceIPAddress, "203.0.113.7")));
        Assert.Equal([1, 2], Passing(CloudTrailFilter.TimeRange(new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 3, 3, 10, 0, 1, TimeSpan.Zero))));
        Assert.Equal([3], Passing(CloudTrailFilter.TimeRange(new DateTimeOffset(2024, 3, 4, 10, 0, 0, TimeSpan.Zero), null)));
        Assert.Equal([0, 1], Passing(CloudTrailFilter.TimeRange(null, new DateTimeOffset(2024, 3, 3, 10, 0, 0, TimeSpan.Zero))));
        Assert.Throws<ArgumentException>(() => CloudTrailFilter.TimeRange(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/Admin", new[] { 0 })]
    [InlineData("arn:aws:sts::111122223333:assumed-role/Admin", new[] { 0 })]
    [InlineData("arn:aws:iam::111122223333:user/bob", new[] { 1 })]
    [InlineData("arn:aws:iam::111122223333:user/bo", new int[0])]
    [InlineData("Admin", new[] { 0 })]
    [InlineData("Admin/alice@example.com", new[] { 0 })]
    [InlineData("alice@example.com", new[] { 0 })]
    [InlineData("alice", new[] { 0 })]
    [InlineData("AROAEXAMPLE", new[] { 0 })]
    [InlineData("ASIAEXAMPLE", new[] { 0 })]
    [InlineData("bob", new[] { 1 })]
    [InlineData("AIDAEXAMPLE", new[] { 1 })]
    [InlineData("lambda.amazonaws.com", new[] { 2 })]
    [InlineData("root", new[] { 3 })]
    [InlineData("carol", new int[0])]
    public void Principal_matches_arns_and_names(string principal, int[] expected) =>
        Assert.Equal(expected, Passing(CloudTrailFilter.Principal(principal)));

    [Fact]
    public void Filters_compose()
    {
        var iamOrS3 = CloudTrailFilter.Service("iam").Or(CloudTrailFilter.Service("s3"));
        Assert.Equal([0, 1], Passing(iamOrS3));
        Assert.Equal([1], Passing(iamOrS3.And(CloudTrailFilter.Errors())));
        Assert.Equal([0], Passing(iamOrS3.And(CloudTrailFilter.Errors().Not())));
        Assert.Equal([2, 3], Passing(CloudTrailFilter.Not(iamOrS3)));
        Assert.Equal([0, 1, 2, 3], Passing(CloudTrailFilter.All()));
        Assert.Equal([], Passing(CloudTrailFilter.Any()));
        Assert.Equal([0, 2, 3], Passing(CloudTrailFilter.All(CloudTrailFilter.Region("us-east-1"), CloudTrailFilter.Account("111122223333"))));
    }

    [Fact]
    public void A_record_that_does_not_match_allocates_nothing()
    {
        var seed = new[] { "cloudtrail-start-logging", "sns-publish", "cognito-get-credentials-for-identity", "insight-autoscaling-complete-lifecycle-action" }
            .Select(n => JsonNode.Parse(Json.Seed(n))!.ToJsonString()).Concat(s_records).ToArray();
        byte[] Log(int count) => Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", Enumerable.Range(0, count).Select(i => seed[i % seed.Length])) + "]}");
        var filter = CloudTrailFilter.All(
            CloudTrailFilter.Service("iam", "s3", "sts", "sns", "cloudtrail"),
            CloudTrailFilter.TimeRange(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), null),
            CloudTrailFilter.Principal("nobody").Or(CloudTrailFilter.EventName("NoSuchEvent")));
        long Allocated(byte[] log, out int records)
        {
            int seen = 0, matched = 0;
            var stream = new MemoryStream(log);
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var view in CloudTrailLog.ReadViews(stream))
            {
                seen++;
                if (filter.Matches(view)) matched++;
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, matched);
            records = seen;
            return allocated;
        }
        byte[] small = Log(20_000), large = Log(40_000);
        Allocated(small, out _); // warm up: first-use allocations (statics, JIT) are not per record
        long a = Allocated(small, out int n1);
        long b = Allocated(large, out int n2);
        Assert.Equal(20_000, n1);
        Assert.Equal(40_000, n2);
        double perRecord = (double)b / n2;
        double marginal = (double)(b - a) / (n2 - n1);
        Assert.True(perRecord < 64, $"{perRecord:F1} bytes allocated per record ({b} for {n2})");
        Assert.True(marginal < 8, $"{marginal:F1} bytes allocated per added record");
    }
}
