using System;
using System.Linq;
using CloudTrailGen;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>The five example records of AWS's "Understanding CloudTrail events" page, read into typed classes.</summary>
public class SeedRecordTests
{
    [Fact]
    public void StartLogging_is_typed_with_envelope_values()
    {
        string json = Json.Seed("cloudtrail-start-logging");
        var record = Json.Read(json);

        var e = Assert.IsType<My.Ct.CloudTrail.StartLoggingEvent>(record);
        Assert.Equal("1.09", e.EventVersion);
        Assert.Equal(new DateTimeOffset(2023, 7, 19, 21, 33, 41, TimeSpan.Zero), e.EventTime);
        Assert.Equal("cloudtrail.amazonaws.com", e.EventSource);
        Assert.Equal("StartLogging", e.EventName);
        Assert.False(e.ReadOnly);
        Assert.True(e.ManagementEvent);
        Assert.True(e.SessionCredentialFromConsole); // logged as the string "true"
        Assert.True(e.EventCategory == EventCategory.Management);
        Assert.True(e.EventType == EventType.AwsApiCall);
        Assert.Null(e.ResponseElements);

        var identity = e.UserIdentity!;
        Assert.True(identity.Type == UserIdentityType.IAMUser);
        Assert.Equal("Mary_Major", identity.UserName);
        Assert.Equal("arn:aws:iam::123456789012:user/Mary_Major", identity.Arn);
        Assert.Equal(false, identity.SessionContext!.Attributes!.MfaAuthenticated); // the string "false"
        Assert.Equal(new DateTimeOffset(2023, 7, 19, 21, 11, 57, TimeSpan.Zero), identity.SessionContext.Attributes.CreationDate);
        Assert.Equal("TLSv1.2", e.TlsDetails!.TlsVersion);
        Assert.Equal("cloudtrail.us-east-1.amazonaws.com", e.TlsDetails.ClientProvidedHostHeader);

        Assert.Equal("myTrail", e.Request!.Name);
        Json.AssertRoundTrip(json, record);
    }

    [Fact]
    public void StartEventDataStoreIngestion_is_typed()
    {
        string json = Json.Seed("cloudtrail-start-event-data-store-ingestion");
        var e = Assert.IsType<My.Ct.CloudTrail.StartEventDataStoreIngestionEvent>(Json.Read(json));
        Assert.Equal("Paulo_Santos", e.UserIdentity!.UserName);
        Assert.Equal("arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/2a8f2138-0caa-46c8-a194-EXAMPLE87d41", e.Request!.EventDataStore);
        Json.AssertRoundTrip(json, e);
    }

    [Fact]
    public void SnsPublish_is_a_data_event_with_redacted_members_kept()
    {
        string json = Json.Seed("sns-publish");
        var e = Assert.IsType<My.Ct.Sns.PublishEvent>(Json.Read(json));
        Assert.True(e.EventCategory == EventCategory.Data);
        Assert.False(e.ManagementEvent);
        Assert.Null(e.SessionCredentialFromConsole);
        Assert.True(e.UserIdentity!.Type == UserIdentityType.AssumedRole);
        Assert.Equal("arn:aws:iam::123456789012:role/Admin", e.UserIdentity.SessionContext!.SessionIssuer!.Arn);

        var resource = Assert.Single(e.Resources!);
        Assert.True(resource.Type == ResourceType.SnsTopic);
        Assert.Equal("AWS::SNS::Topic", resource.Type!.Value.Raw);
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:ExampleSNSTopic", resource.Arn);

        var request = e.Request!;
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:ExampleSNSTopic", request.TopicArn);
        Assert.Equal("HIDDEN_DUE_TO_SECURITY_REASONS", request.Message);
        Assert.Equal("json", request.MessageStructure);
        // A map logged as the redaction string: no typed value, the string is kept.
        Assert.Null(request.MessageAttributes);
        Assert.True(request.TryGetRawValue("messageAttributes", out var raw));
        Assert.Equal("\"HIDDEN_DUE_TO_SECURITY_REASONS\"", raw.ToString());
        Assert.Equal("0787cd1e-d92b-521c-a8b4-90434e8ef840", e.Response!.MessageId);

        // Typed parts materialized: writing still gives the input back.
        Json.AssertRoundTrip(json, e);
    }

    [Fact]
    public void Cognito_credentials_expiration_in_month_name_format_is_a_timestamp()
    {
        string json = Json.Seed("cognito-get-credentials-for-identity");
        var e = Assert.IsType<My.Ct.CognitoIdentity.GetCredentialsForIdentityEvent>(Json.Read(json));
        Assert.True(e.UserIdentity!.Type == UserIdentityType.Unknown);
        Assert.Equal("HIDDEN_DUE_TO_SECURITY_REASONS", e.Request!.Logins!["cognito-idp.us-east-1.amazonaws.com/us-east-1_aaaaaaaaa"]);
        Assert.Equal("us-east-1:1cf667a2-49a6-454b-9e45-23199EXAMPLE", e.Request.IdentityId);
        var credentials = e.Response!.Credentials!;
        Assert.Equal("ASIAIOSFODNN7EXAMPLE", credentials.AccessKeyId);
        Assert.Equal(new DateTimeOffset(2023, 1, 19, 17, 55, 8, TimeSpan.Zero), credentials.Expiration);
        Assert.True(e.Resources![0].Type == ResourceType.CognitoIdentityPool);
        Json.AssertRoundTrip(json, e);
    }

    [Fact]
    public void Insight_record_has_statistics_and_attributions()
    {
        string json = Json.Seed("insight-autoscaling-complete-lifecycle-action");
        var record = Json.Read(json);
        Assert.IsType<CloudTrailRecord>(record); // Insights records carry no eventSource of their own
        Assert.Null(record.UserIdentity);
        Assert.True(record.EventCategory == EventCategory.Insight);
        Assert.True(record.EventType == EventType.AwsCloudTrailInsight);
        Assert.Equal("979c82fe-14d4-4e4c-aa01-EXAMPLE3acee", record.SharedEventID);

        var insight = record.InsightDetails!;
        Assert.True(insight.State == InsightState.Start);
        Assert.True(insight.InsightType == InsightType.ApiCallRateInsight);
        Assert.Equal("autoscaling.amazonaws.com", insight.EventSource);
        Assert.Equal("CompleteLifecycleAction", insight.EventName);
        var statistics = insight.InsightContext!.Statistics!;
        Assert.Equal(9.82222E-5, statistics.Baseline!.Average);
        Assert.Equal(5.0, statistics.Insight!.Average);
        Assert.Equal(1, statistics.InsightDuration);
        Assert.Equal(10181, statistics.BaselineDuration);

        var attributions = insight.InsightContext.Attributions!;
        Assert.Equal(new[] { "userIdentityArn", "userAgent", "errorCode" }, attributions.Select(a => a.Attribute).ToArray());
        Assert.Equal(3, attributions[0].Insight!.Count);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/CodeDeployRole2", attributions[0].Insight![1].Value);
        Assert.Equal(9.82222E-5, attributions[2].Baseline![0].Average);

        Json.AssertRoundTrip(json, record);
    }

    [Fact]
    public void Every_seed_record_round_trips_with_its_exact_number_text()
    {
        foreach (var name in new[] { "cloudtrail-start-logging", "cloudtrail-start-event-data-store-ingestion", "sns-publish", "cognito-get-credentials-for-identity", "insight-autoscaling-complete-lifecycle-action" })
        {
            string json = Json.Seed(name);
            string output = Json.Write(Json.Read(json));
            Json.AssertRoundTrip(json, Json.Read(json), name);
            if (json.Contains("9.82222E-5", StringComparison.Ordinal)) Assert.Contains("9.82222E-5", output, StringComparison.Ordinal);
        }
    }
}
