using System;
using System.Linq;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// The generated service index: from a record's eventSource to its service id and C# namespace,
/// which stripping ".amazonaws.com" by hand gets wrong for some services.
/// </summary>
public class ServiceIndexTests
{
    [Fact]
    public void Every_selected_service_is_listed_with_its_namespace_and_eventSources()
    {
        Assert.Equal(
            new[] { "autoscaling", "cloudtrail", "cognito-identity", "dynamodb", "ec2", "iam", "kms", "lambda", "s3", "signin", "sns", "sts" },
            CloudTrailServices.All.Select(s => s.Id));
        var iam = CloudTrailServices.FindById("IAM")!;
        Assert.Equal("iam", iam.Id);
        Assert.Equal(typeof(My.Ct.Iam.AttachRolePolicyEvent).Namespace, iam.Namespace);
        Assert.Equal(new[] { "iam.amazonaws.com" }, iam.EventSources);
        Assert.Equal("AWS Identity and Access Management", iam.Title);
    }

    [Fact]
    public void A_records_eventSource_finds_its_service()
    {
        Assert.Equal("cloudtrail", CloudTrailServices.FindByEventSource("cloudtrail-data.amazonaws.com")!.Id);
        Assert.Equal("My.Ct.CognitoIdentity", CloudTrailServices.FindByEventSource("cognito-identity.amazonaws.com")!.Namespace);
        Assert.Equal("s3", CloudTrailServices.FindByEventSource("S3.amazonaws.com")!.Id);
        Assert.Null(CloudTrailServices.FindByEventSource("sqs.amazonaws.com")); // in the catalog, not generated here
        Assert.Null(CloudTrailServices.FindByEventSource(null));

        var record = Json.Read(Json.Seed("sns-publish"));
        Assert.Equal(typeof(My.Ct.Sns.PublishEvent).Namespace, CloudTrailServices.FindByEventSource(record.EventSource)!.Namespace);
    }
}
