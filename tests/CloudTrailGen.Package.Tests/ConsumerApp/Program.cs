// A user's program built from the CloudTrailGen package alone. It reads three records through the
// generated types, checks the typed values and the lossless round trip, and says so in its exit
// code: 0 when every check passed, 1 otherwise (each failed check prints a FAIL line).
using System.Text.Json;
using System.Text.Json.Nodes;
using My.Ct;

var failures = new List<string>();
void Check(bool ok, string what)
{
    if (!ok) failures.Add(what);
}

// The Amazon SNS Publish data event of AWS's "Understanding CloudTrail events" page.
const string SnsPublish = """
    { "eventVersion": "1.09", "userIdentity": { "type": "AssumedRole", "principalId": "EX_PRINCIPAL_ID", "arn": "arn:aws:iam::123456789012:user/Bob", "accountId": "123456789012", "accessKeyId": "AKIAIOSFODNN7EXAMPLE", "sessionContext": { "sessionIssuer": { "type": "Role", "principalId": "AKIAIOSFODNN7EXAMPLE", "arn": "arn:aws:iam::123456789012:role/Admin", "accountId": "123456789012", "userName": "ExampleUser" }, "attributes": { "creationDate": "2023-08-21T16:44:05Z", "mfaAuthenticated": "false" } } }, "eventTime": "2023-08-21T16:48:37Z", "eventSource": "sns.amazonaws.com", "eventName": "Publish", "awsRegion": "us-east-1", "sourceIPAddress": "192.0.2.0", "userAgent": "aws-cli/1.29.16 md/Botocore#1.31.16 ua/2.0 os/linux#5.4.250-173.369.amzn2int.x86_64 md/arch#x86_64 lang/python#3.8.17 md/pyimpl#CPython cfg/retry-mode#legacy botocore/1.31.16", "requestParameters": { "topicArn": "arn:aws:sns:us-east-1:123456789012:ExampleSNSTopic", "message": "HIDDEN_DUE_TO_SECURITY_REASONS", "subject": "HIDDEN_DUE_TO_SECURITY_REASONS", "messageStructure": "json", "messageAttributes": "HIDDEN_DUE_TO_SECURITY_REASONS" }, "responseElements": { "messageId": "0787cd1e-d92b-521c-a8b4-90434e8ef840" }, "requestID": "0a8ab208-11bf-5e01-bd2d-ef55861b545d", "eventID": "bb3496d4-5252-4660-9c28-3c6aebdb21c0", "readOnly": false, "resources": [{ "accountId": "123456789012", "type": "AWS::SNS::Topic", "ARN": "arn:aws:sns:us-east-1:123456789012:ExampleSNSTopic" }], "eventType": "AwsApiCall", "managementEvent": false, "recipientAccountId": "123456789012", "eventCategory": "Data", "tlsDetails": { "tlsVersion": "TLSv1.2", "cipherSuite": "ECDHE-RSA-AES128-GCM-SHA256", "clientProvidedHostHeader": "sns.us-east-1.amazonaws.com" } }
    """;

// The Amazon Cognito GetCredentialsForIdentity data event of the same page.
const string CognitoCredentials = """
    { "eventVersion": "1.08", "userIdentity": { "type": "Unknown" }, "eventTime": "2023-01-19T16:55:08Z", "eventSource": "cognito-identity.amazonaws.com", "eventName": "GetCredentialsForIdentity", "awsRegion": "us-east-1", "sourceIPAddress": "192.0.2.4", "userAgent": "aws-cli/2.7.25 Python/3.9.11 Darwin/21.6.0 exe/x86_64 prompt/off command/cognito-identity.get-credentials-for-identity", "requestParameters": { "logins": { "cognito-idp.us-east-1.amazonaws.com/us-east-1_aaaaaaaaa": "HIDDEN_DUE_TO_SECURITY_REASONS" }, "identityId": "us-east-1:1cf667a2-49a6-454b-9e45-23199EXAMPLE" }, "responseElements": { "credentials": { "accessKeyId": "ASIAIOSFODNN7EXAMPLE", "sessionToken": "aAaAaAaAaAaAab1111111111EXAMPLE", "expiration": "Jan 19, 2023 5:55:08 PM" }, "identityId": "us-east-1:1cf667a2-49a6-454b-9e45-23199EXAMPLE" }, "requestID": "659dfc23-7c4e-4e7c-858a-1abce884d645", "eventID": "6ad1c766-5a41-4b28-b5ca-e223ccb00f0d", "readOnly": false, "resources": [{ "accountId": "111122223333", "type": "AWS::Cognito::IdentityPool", "ARN": "arn:aws:cognito-identity:us-east-1:111122223333:identitypool/us-east-1:2dg778b3-50b7-565c-0f56-34200EXAMPLE" }], "eventType": "AwsApiCall", "managementEvent": false, "recipientAccountId": "111122223333", "eventCategory": "Data" }
    """;

// An event of the project's own catalog file, my-events.json.
const string PayRunApproval = """
    { "eventVersion": "1.09", "userIdentity": { "type": "Unknown", "principalId": "manager-17" }, "eventTime": "2024-03-28T12:00:05Z", "eventSource": "payroll.example.com", "eventName": "ApprovePayRun", "awsRegion": "eu-west-1", "requestParameters": { "payRunId": "pr-2024-03", "employees": "412", "approvedAt": "Mar 28, 2024 12:00:04 PM" }, "responseElements": { "status": "Approved" }, "eventID": "3f2a1c0e-5b6d-4e7f-8a9b-EXAMPLEc0d1e", "eventType": "ActivityAuditLog", "recipientAccountId": "111122223333", "eventCategory": "ActivityAuditLog" }
    """;

var sns = JsonSerializer.Deserialize(SnsPublish, CloudTrailJsonContext.Default.CloudTrailRecord);
if (sns is My.Ct.Sns.PublishEvent publish)
{
    Check(publish.Request?.TopicArn == "arn:aws:sns:us-east-1:123456789012:ExampleSNSTopic", "Publish Request.TopicArn");
    Check(publish.Response?.MessageId == "0787cd1e-d92b-521c-a8b4-90434e8ef840", "Publish Response.MessageId");
    Check(publish.EventCategory?.Value == EventCategory.Data, "Publish EventCategory");
    Check(publish.EventTime == new DateTimeOffset(2023, 8, 21, 16, 48, 37, TimeSpan.Zero), "Publish EventTime");
    // A redacted map: the typed property is empty, the logged string is kept.
    Check(publish.Request?.MessageAttributes is null
          && publish.Request!.TryGetRawValue("messageAttributes", out var attributes)
          && attributes.GetStringValue() == "HIDDEN_DUE_TO_SECURITY_REASONS", "Publish messageAttributes kept raw");
    Console.WriteLine($"sns Publish: PublishEvent topic={publish.Request?.TopicArn} messageId={publish.Response?.MessageId}");
}
else
{
    Check(false, $"SNS Publish read as {sns?.GetType().FullName ?? "null"}");
}

var cognito = JsonSerializer.Deserialize(CognitoCredentials, CloudTrailJsonContext.Default.CloudTrailRecord);
if (cognito is My.Ct.CognitoIdentity.GetCredentialsForIdentityEvent credentials)
{
    DateTimeOffset? expiration = credentials.Response?.Credentials?.Expiration;
    Check(expiration == new DateTimeOffset(2023, 1, 19, 17, 55, 8, TimeSpan.Zero), "Credentials.Expiration");
    Check(credentials.Request?.IdentityId == "us-east-1:1cf667a2-49a6-454b-9e45-23199EXAMPLE", "Request.IdentityId");
    Check(credentials.UserIdentity?.Type?.Value == UserIdentityType.Unknown, "UserIdentity.Type");
    Console.WriteLine($"cognito-identity GetCredentialsForIdentity: GetCredentialsForIdentityEvent expiration={expiration?.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
}
else
{
    Check(false, $"Cognito GetCredentialsForIdentity read as {cognito?.GetType().FullName ?? "null"}");
}

var payroll = JsonSerializer.Deserialize(PayRunApproval, CloudTrailJsonContext.Default.CloudTrailRecord);
if (payroll is My.Ct.Payroll.ApprovePayRunEvent approval)
{
    Check(approval.Request?.Employees == 412, "ApprovePayRun Request.Employees (a number in a string)");
    Check(approval.Request?.ApprovedAt == new DateTimeOffset(2024, 3, 28, 12, 0, 4, TimeSpan.Zero), "ApprovePayRun Request.ApprovedAt");
    Check(approval.Response?.Status?.Value == My.Ct.Payroll.PayRunStatus.Approved, "ApprovePayRun Response.Status");
    // An eventCategory the envelope's enum does not list: kept as written, not rejected.
    Check(approval.EventCategory is { IsKnown: false, Raw: "ActivityAuditLog" }, "open enum keeps ActivityAuditLog");
    Console.WriteLine($"payroll ApprovePayRun: ApprovePayRunEvent payRun={approval.Request?.PayRunId} status={approval.Response?.Status}");
}
else
{
    Check(false, $"payroll ApprovePayRun read as {payroll?.GetType().FullName ?? "null"}");
}

// Lossless: writing a record back gives the JSON that was read.
int equal = 0;
string[] originals = [SnsPublish, CognitoCredentials, PayRunApproval];
foreach (string original in originals)
{
    var record = JsonSerializer.Deserialize(original, CloudTrailJsonContext.Default.CloudTrailRecord)!;
    string written = JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);
    if (JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written))) equal++;
    else Check(false, $"round trip of {record.EventName} gave {written}");
}
Console.WriteLine($"round trip: {equal} of {originals.Length} records equal");

// A nested generated type through the context's type information (found from its [JsonConverter]
// attribute: this must also work after trimming, under Native AOT).
if (CloudTrailJsonContext.Default.GetTypeInfo(typeof(My.Ct.CognitoIdentity.Credentials)) is System.Text.Json.Serialization.Metadata.JsonTypeInfo<My.Ct.CognitoIdentity.Credentials> credentialsInfo)
{
    var nested = JsonSerializer.Deserialize("""{"accessKeyId":"ASIAEXAMPLE","expiration":"Jan 19, 2023 5:55:08 PM"}""", credentialsInfo)!;
    Check(nested.AccessKeyId == "ASIAEXAMPLE" && nested.Expiration == new DateTimeOffset(2023, 1, 19, 17, 55, 8, TimeSpan.Zero), "Credentials read through its type information");
    Check(JsonSerializer.Serialize(nested, credentialsInfo) == """{"accessKeyId":"ASIAEXAMPLE","expiration":"Jan 19, 2023 5:55:08 PM"}""", "Credentials written through its type information");
    Console.WriteLine("type information: Credentials read and written");
}
else
{
    Check(false, "no type information for CognitoIdentity.Credentials");
}

foreach (string failure in failures) Console.WriteLine("FAIL: " + failure);
return failures.Count == 0 ? 0 : 1;
