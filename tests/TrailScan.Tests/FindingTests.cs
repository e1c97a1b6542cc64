using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace TrailScan.Tests;

/// <summary>The notable changes an incident responder expects, each from a record written for it.</summary>
public class FindingTests
{
    private static int s_id;

    /// <summary>A call by IAM user mallory, with <paramref name="request"/> as requestParameters.</summary>
    private static string Call(string eventSource, string eventName, string request, string more = "")
    {
        int id = System.Threading.Interlocked.Increment(ref s_id);
        return $$"""{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEMALLORY01","arn":"arn:aws:iam::111122223333:user/mallory","accountId":"111122223333","accessKeyId":"AKIAEXAMPLEMALLORY1","userName":"mallory"},"eventTime":"2024-03-04T12:{{id % 60:00}}:00Z","eventSource":"{{eventSource}}","eventName":"{{eventName}}","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.77","userAgent":"aws-cli/2.15.30","requestParameters":{{request}},"responseElements":null,{{more}}"requestID":"r-{{id}}","eventID":"e4444444-1111-4111-8111-{{id:000000000000}}","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";
    }

    private static string ConsoleLogin(string identityType, string result, string mfaUsed)
    {
        int id = System.Threading.Interlocked.Increment(ref s_id);
        string identity = identityType == "Root"
            ? """{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","accessKeyId":""}"""
            : """{"type":"IAMUser","principalId":"AIDAEXAMPLEMALLORY01","arn":"arn:aws:iam::111122223333:user/mallory","accountId":"111122223333","accessKeyId":"","userName":"mallory"}""";
        return $$"""{"eventVersion":"1.09","userIdentity":{{identity}},"eventTime":"2024-03-04T13:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.77","userAgent":"Mozilla/5.0","requestParameters":null,"responseElements":{"ConsoleLogin":"{{result}}"},"additionalEventData":{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"{{mfaUsed}}"},"eventID":"e5555555-1111-4111-8111-{{id:000000000000}}","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";
    }

    /// <summary>Each record the issue names, the line the summary must give for it, and its ATT&amp;CK technique.</summary>
    public static TheoryData<string, string, string> Expected => new()
    {
        { Call("guardduty.amazonaws.com", "DeleteDetector", """{"detectorId":"12abc34d567e8fa901bc2d34e56789f0"}"""), "deleted GuardDuty detector 12abc34d567e8fa901bc2d34e56789f0", "T1562.001" },
        { Call("organizations.amazonaws.com", "LeaveOrganization", "null"), "the account LEFT its organization", "T1666" },
        { Call("iam.amazonaws.com", "DeactivateMFADevice", """{"userName":"alice","serialNumber":"arn:aws:iam::111122223333:mfa/alice"}"""), "deactivated MFA device arn:aws:iam::111122223333:mfa/alice of IAM user alice", "T1556.006" },
        { Call("iam.amazonaws.com", "PutUserPolicy", """{"userName":"alice","policyName":"everything","policyDocument":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}"""), "put inline policy everything on user alice", "T1098.003" },
        { Call("iam.amazonaws.com", "AttachGroupPolicy", """{"groupName":"developers","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"""), "attached arn:aws:iam::aws:policy/AdministratorAccess to group developers", "T1098.003" },
        { Call("iam.amazonaws.com", "UpdateAssumeRolePolicy", """{"roleName":"DeployRole","policyDocument":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"sts:AssumeRole\"}]}"}"""), "changed who may assume role DeployRole", "T1098.003" },
        { Call("iam.amazonaws.com", "CreateLoginProfile", """{"userName":"alice","passwordResetRequired":false}"""), "created a console password for IAM user alice", "T1098.001" },
        { Call("ec2.amazonaws.com", "ModifySnapshotAttribute", """{"snapshotId":"snap-0123456789abcdef0","attributeType":"CREATE_VOLUME_PERMISSION","createVolumePermission":{"add":{"items":[{"group":"all"}]}}}"""), "made snapshot snap-0123456789abcdef0 PUBLIC", "T1537" },
        { Call("ec2.amazonaws.com", "ModifySnapshotAttribute", """{"snapshotId":"snap-0123456789abcdef1","attributeType":"CREATE_VOLUME_PERMISSION","createVolumePermission":{"add":{"items":[{"userId":"444455556666"}]}}}"""), "shared snapshot snap-0123456789abcdef1 with account 444455556666", "T1537" },
        { Call("ec2.amazonaws.com", "DeleteFlowLogs", """{"DeleteFlowLogsRequest":{"FlowLogId":{"tag":1,"content":"fl-0123456789abcdef0"}},"flowLogSet":{"items":[{"flowLogId":"fl-0123456789abcdef0"}]}}"""), "deleted flow logs fl-0123456789abcdef0", "T1562.008" },
        { Call("kms.amazonaws.com", "PutKeyPolicy", """{"keyId":"1234abcd-12ab-34cd-56ef-1234567890ab","policyName":"default","policy":"{\"Version\":\"2012-10-17\"}"}"""), "changed the policy of key 1234abcd-12ab-34cd-56ef-1234567890ab", null! },
        { Call("kms.amazonaws.com", "PutKeyPolicy", """{"keyId":"1234abcd-12ab-34cd-56ef-1234567890ac","policyName":"default","policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"*\"]},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}"}"""), "made key 1234abcd-12ab-34cd-56ef-1234567890ac PUBLIC (policy lets everyone kms:Decrypt)", null! },
        { Call("s3.amazonaws.com", "PutBucketPolicy", """{"bucketName":"example-site","Host":"example-site.s3.eu-west-1.amazonaws.com","policy":"","bucketPolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::example-site/*"},{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::example-site/*"}]}}"""), "made bucket example-site PUBLIC (policy lets everyone s3:GetObject, s3:ListBucket)", "T1530" },
        { Call("s3.amazonaws.com", "PutBucketPolicy", """{"bucketName":"example-org","policy":"","bucketPolicy":{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}}}"""), "made bucket example-org PUBLIC (policy lets everyone s3:GetObject under a condition)", "T1530" },
        { Call("s3.amazonaws.com", "PutBucketPolicy", """{"bucketName":"example-logs","policy":"","bucketPolicy":{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject"}]}}"""), "changed the policy of bucket example-logs", "T1530" },
        { Call("s3.amazonaws.com", "DeleteBucketPublicAccessBlock", """{"bucketName":"example-payroll-exports","Host":"example-payroll-exports.s3.eu-west-1.amazonaws.com","publicAccessBlock":""}"""), "REMOVED public access block of bucket example-payroll-exports", "T1530" },
        { Call("s3.amazonaws.com", "PutBucketAcl", """{"bucketName":"example-payroll-exports","Host":"example-payroll-exports.s3.eu-west-1.amazonaws.com","acl":"","AccessControlPolicy":{"AccessControlList":{"Grant":[{"Grantee":{"xsi:type":"Group","URI":"http://acs.amazonaws.com/groups/global/AllUsers"},"Permission":"READ"}]},"Owner":{"ID":"abc"}}}"""), "made bucket example-payroll-exports PUBLIC (READ to everyone)", "T1530" },
        { Call("s3.amazonaws.com", "PutBucketAcl", """{"bucketName":"example-site","Host":"example-site.s3.eu-west-1.amazonaws.com","acl":"","x-amz-acl":"public-read"}"""), "made bucket example-site PUBLIC (public-read)", "T1530" },
        { Call("s3.amazonaws.com", "PutBucketAcl", """{"bucketName":"example-old","host":["example-old.s3.eu-west-1.amazonaws.com"],"acl":[""],"x-amz-acl":["public-read-write"]}"""), "made bucket example-old PUBLIC (public-read-write)", "T1530" },
        { Call("ec2.amazonaws.com", "DeleteFlowLogs", """{"flowLogId":["fl-0123456789abcdef1"]}"""), "deleted flow logs fl-0123456789abcdef1", "T1562.008" },
        { Call("ec2.amazonaws.com", "DeleteFlowLogs", """{"DeleteFlowLogsRequest":{"FlowLogId":{"content":"fl-0123456789abcdef2","tag":1}}}"""), "deleted flow logs fl-0123456789abcdef2", "T1562.008" },
        { Call("config.amazonaws.com", "StopConfigurationRecorder", """{"configurationRecorderName":"default"}"""), "STOPPED configuration recorder default", "T1562.008" },
        { ConsoleLogin("IAMUser", "Success", "No"), "console sign-in without MFA by IAM user mallory", "T1078.004" },
        { ConsoleLogin("Root", "Success", "No"), "root user signed in to the console WITHOUT MFA", "T1078.004" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_notable_change_is_found_with_what_it_changed_and_its_technique(string record, string detail, string? technique)
    {
        using var folder = new TempFolder();
        var run = App.Run(folder.Write("log.ndjson", Fixture.Ndjson(record)), "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, (long)run.Json["typedEvents"]!); // read through its typed event class
        var notable = Assert.Single(run.Json["notable"]!.AsArray())!;
        Assert.Equal(detail, (string?)notable["detail"]);
        Assert.Equal(technique, (string?)notable["technique"]);
    }

    [Theory]
    [InlineData("s3.amazonaws.com", "PutBucketAcl", """{"bucketName":"example-private","Host":"example-private.s3.eu-west-1.amazonaws.com","acl":"","AccessControlPolicy":{"AccessControlList":{"Grant":[{"Grantee":{"xsi:type":"CanonicalUser","ID":"abc"},"Permission":"FULL_CONTROL"}]},"Owner":{"ID":"abc"}}}""")]
    [InlineData("ec2.amazonaws.com", "ModifySnapshotAttribute", """{"snapshotId":"snap-0123456789abcdef2","attributeType":"CREATE_VOLUME_PERMISSION","createVolumePermission":{"remove":{"items":[{"group":"all"}]}}}""")]
    public void What_opens_nothing_is_not_notable(string eventSource, string eventName, string request)
    {
        using var folder = new TempFolder();
        var run = App.Run(folder.Write("log.ndjson", Fixture.Ndjson(Call(eventSource, eventName, request))), "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Json["notable"]!.AsArray());
    }

    [Fact]
    public void A_console_sign_in_with_mfa_is_not_notable()
    {
        using var folder = new TempFolder();
        var run = App.Run(folder.Write("log.ndjson", Fixture.Ndjson(ConsoleLogin("IAMUser", "Success", "Yes"))), "--format", "json");
        Assert.Empty(run.Json["notable"]!.AsArray());
    }

    [Fact]
    public void Every_kind_has_a_reason_and_one_entry_per_event_class()
    {
        var kinds = Reports.NotableEvents.Kinds;
        Assert.All(kinds, kind => Assert.False(string.IsNullOrWhiteSpace(kind.Why), kind.EventName));
        Assert.All(kinds, kind => Assert.True(kind.Technique is null || System.Text.RegularExpressions.Regex.IsMatch(kind.Technique, @"^T\d{4}(\.\d{3})?$"), kind.Technique));
        Assert.All(kinds, kind => Assert.Equal(kind.EventName + "Event", kind.EventType.Name));
        Assert.Equal(kinds.Length, kinds.Select(k => k.EventType).Distinct().Count());
    }
}
