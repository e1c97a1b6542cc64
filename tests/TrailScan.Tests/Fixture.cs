using System.Linq;

namespace TrailScan.Tests;

/// <summary>
/// Nine records written for these tests, each chosen for what it makes the commands count. The
/// expected numbers in the tests follow from them (they are worked out in the comments).
/// </summary>
public static class Fixture
{
    // iam CreateUser (typed) by an assumed role. Request: userName, path typed (2); extraKey is not in
    // the catalog, with a, b, c inside: 4 untyped. Response: user + its 5 members typed (6).
    public const string CreateUser = """{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEDEPLOY:alice","arn":"arn:aws:sts::111122223333:assumed-role/DeployRole/alice","accountId":"111122223333","accessKeyId":"ASIAEXAMPLEALICE0001","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEDEPLOY","arn":"arn:aws:iam::111122223333:role/DeployRole","accountId":"111122223333","userName":"DeployRole"},"attributes":{"creationDate":"2024-03-04T09:15:21Z","mfaAuthenticated":"false"}}},"eventTime":"2024-03-04T09:20:03Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.23","userAgent":"aws-cli/2.15.30","requestParameters":{"userName":"build-bot","path":"/","extraKey":{"a":1,"b":[{"c":2}]}},"responseElements":{"user":{"userName":"build-bot","userId":"AIDAEXAMPLEBUILDBOT01","arn":"arn:aws:iam::111122223333:user/build-bot","path":"/","createDate":"Mar 4, 2024 9:20:03 AM"}},"requestID":"11111111-1111-4111-8111-111111111111","eventID":"21111111-1111-4111-8111-111111111111","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";

    // s3 GetObject (typed, data event) that failed. Request: bucketName, Host, key typed (3).
    public const string GetObjectDenied = """{"eventVersion":"1.10","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEBUILDBOT01","arn":"arn:aws:iam::111122223333:user/build-bot","accountId":"111122223333","accessKeyId":"AKIAEXAMPLEBUILDBOT1","userName":"build-bot"},"eventTime":"2024-03-04T09:47:33Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.10","userAgent":"Boto3/1.34.64","errorCode":"AccessDenied","errorMessage":"Access Denied","requestParameters":{"bucketName":"example-payroll-exports","Host":"example-payroll-exports.s3.eu-west-1.amazonaws.com","key":"2024/02/payroll.csv"},"responseElements":null,"requestID":"EXAMPLE0123456789","eventID":"31111111-1111-4111-8111-111111111111","readOnly":true,"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::example-payroll-exports/2024/02/payroll.csv"}],"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"111122223333","eventCategory":"Data"}""";

    // sts AssumeRole (typed) by Lambda. Request: roleArn, roleSessionName typed (2); durationSeconds
    // "nine hundred" does not fit integer: 1 untyped. Response: credentials + 3, assumedRoleUser + 2 typed (7).
    public const string AssumeRole = """{"eventVersion":"1.08","userIdentity":{"type":"AWSService","invokedBy":"lambda.amazonaws.com"},"eventTime":"2024-03-04T09:50:00Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"eu-west-1","sourceIPAddress":"lambda.amazonaws.com","userAgent":"lambda.amazonaws.com","requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/thumbnailer-role","roleSessionName":"thumbnailer","durationSeconds":"nine hundred"},"responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLETHUMB0001","sessionToken":"IQoJb3JpZ2luX2VjEXAMPLE","expiration":"Mar 4, 2024, 10:50:00 AM"},"assumedRoleUser":{"assumedRoleId":"AROAEXAMPLETHUMB:thumbnailer","arn":"arn:aws:sts::111122223333:assumed-role/thumbnailer-role/thumbnailer"}},"requestID":"41111111-1111-4111-8111-111111111111","eventID":"51111111-1111-4111-8111-111111111111","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";

    // A bedrock data event whose eventName the catalog does not have (as a log holds the calls of an
    // API newer than the catalog; the name is made up for the test), so the record stays a
    // CloudTrailRecord. Request: 2 untyped keys.
    public const string InvokeAgent = """{"eventVersion":"1.10","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEORDERS:task","arn":"arn:aws:sts::111122223333:assumed-role/orders-api-task/task","accountId":"111122223333","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/orders-api-task","userName":"orders-api-task"}}},"eventTime":"2024-03-04T10:00:00Z","eventSource":"bedrock.amazonaws.com","eventName":"InvokeAgentPreview","awsRegion":"eu-west-1","sourceIPAddress":"192.0.2.60","userAgent":"aws-sdk-dotnet-coreclr/3.7","requestParameters":{"agentId":"AGENT12345","agentAliasId":"ALIAS12345"},"responseElements":null,"requestID":"61111111-1111-4111-8111-111111111111","eventID":"71111111-1111-4111-8111-111111111111","readOnly":false,"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"111122223333","eventCategory":"Data"}""";

    // An Insights Start and End pair (sharedEventID) about ec2 RunInstances.
    public const string InsightStart = """{"eventVersion":"1.08","eventTime":"2024-03-04T10:05:00Z","awsRegion":"eu-west-1","eventID":"81111111-1111-4111-8111-111111111111","eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"91111111-1111-4111-8111-111111111111","insightDetails":{"state":"Start","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","insightType":"ApiCallRateInsight","insightContext":{"statistics":{"baseline":{"average":0.0125},"insight":{"average":12.5},"insightDuration":1}}},"eventCategory":"Insight"}""";

    public const string InsightEnd = """{"eventVersion":"1.08","eventTime":"2024-03-04T10:15:00Z","awsRegion":"eu-west-1","eventID":"a1111111-1111-4111-8111-111111111111","eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"91111111-1111-4111-8111-111111111111","insightDetails":{"state":"End","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","insightType":"ApiCallRateInsight","insightContext":{"statistics":{"baseline":{"average":0.0125},"insight":{"average":12.5},"insightDuration":10,"baselineDuration":10080}}},"eventCategory":"Insight"}""";

    // signin ConsoleLogin (typed) that failed: response ConsoleLogin typed (1).
    public const string ConsoleLoginFailed = """{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"111122223333","accountId":"111122223333","accessKeyId":"","userName":"mallory"},"eventTime":"2024-03-04T10:20:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.77","userAgent":"Mozilla/5.0","errorMessage":"Failed authentication","requestParameters":null,"responseElements":{"ConsoleLogin":"Failure"},"additionalEventData":{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"No"},"eventID":"b1111111-1111-4111-8111-111111111111","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";

    // ec2 DescribeInstances (typed) that failed. Request: instancesSet, items, 2 x instanceId, filterSet typed (5).
    public const string DescribeInstancesDenied = """{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEREADONLY:bob","arn":"arn:aws:sts::111122223333:assumed-role/ReadOnly/bob","accountId":"111122223333","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/ReadOnly","userName":"ReadOnly"}}},"eventTime":"2024-03-04T10:30:00Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.45","userAgent":"console.ec2.amazonaws.com","errorCode":"Client.UnauthorizedOperation","errorMessage":"You are not authorized to perform this operation.","requestParameters":{"instancesSet":{"items":[{"instanceId":"i-0123456789abcdef0"},{"instanceId":"i-0123456789abcdef1"}]},"filterSet":{}},"responseElements":null,"requestID":"c1111111-1111-4111-8111-111111111111","eventID":"d1111111-1111-4111-8111-111111111111","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";

    // kms Decrypt (typed). Request: encryptionContext + its one entry + encryptionAlgorithm typed (3).
    public const string Decrypt = """{"eventVersion":"1.09","userIdentity":{"type":"AWSService","invokedBy":"s3.amazonaws.com"},"eventTime":"2024-03-04T10:40:00Z","eventSource":"kms.amazonaws.com","eventName":"Decrypt","awsRegion":"eu-west-1","sourceIPAddress":"s3.amazonaws.com","userAgent":"s3.amazonaws.com","requestParameters":{"encryptionContext":{"aws:s3:arn":"arn:aws:s3:::example-build-artifacts/app.tar.gz"},"encryptionAlgorithm":"SYMMETRIC_DEFAULT"},"responseElements":null,"requestID":"e1111111-1111-4111-8111-111111111111","eventID":"f1111111-1111-4111-8111-111111111111","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";

    /// <summary>All nine, in time order.</summary>
    public static readonly string[] All = [CreateUser, GetObjectDenied, AssumeRole, InvokeAgent, InsightStart, InsightEnd, ConsoleLoginFailed, DescribeInstancesDenied, Decrypt];

    /// <summary>Them as NDJSON.</summary>
    public static string Ndjson(params string[] records) => string.Join("\n", records.Length == 0 ? All : records) + "\n";

    /// <summary>Them as a CloudTrail log file, pretty-printed as people save them.</summary>
    public static string LogFile(params string[] records) =>
        "{\n  \"Records\": [\n    " + string.Join(",\n    ", records.Length == 0 ? All : records) + "\n  ]\n}\n";

    // Worked out from the comments above.
    public const int Records = 9;
    public const int TypedEvents = 6; // CreateUser, GetObject, AssumeRole, ConsoleLogin, DescribeInstances, Decrypt
    public const int InsightRecords = 2;
    public const int KeysTyped = 2 + 6 + 3 + 2 + 7 + 1 + 5 + 3; // 29
    public const int KeysUntyped = 4 + 1 + 2; // 7

    public static readonly string[] Times = All.Select(r => r[(r.IndexOf("\"eventTime\":\"", System.StringComparison.Ordinal) + 13)..][..20]).ToArray();
}
