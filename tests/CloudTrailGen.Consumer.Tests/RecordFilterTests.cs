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

    /// <summary>The indexes of the records of <paramref name="records"/> (JSON lines) the filter passes.</summary>
    private static List<int> Passing(CloudTrailFilter filter, params string[] records)
    {
        var passing = new List<int>();
        foreach (var view in CloudTrailLog.ReadViews(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", records)))))
        {
            if (filter.Matches(view)) passing.Add((int)view.RecordIndex);
        }
        return passing;
    }

    private static string WithIdentity(string identity) =>
        $$"""{"eventVersion":"1.08","userIdentity":{{{identity}}},"eventTime":"2024-03-01T10:00:00Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers","awsRegion":"us-east-1"}""";

    private static string WithSourceIp(string sourceIp) =>
        $$"""{"eventVersion":"1.08","eventTime":"2024-03-01T10:00:00Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers","awsRegion":"us-east-1","sourceIPAddress":"{{sourceIp}}"}""";

    private static readonly string[] s_identities =
    [
        // 0: an IAM Identity Center session
        WithIdentity("""
            "type":"AssumedRole","principalId":"AROASSOEXAMPLE:carol@example.com","arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/carol@example.com","accountId":"111122223333","accessKeyId":"ASIASSOEXAMPLE",
            "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROASSOEXAMPLE","arn":"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef","accountId":"111122223333","userName":"AWSReservedSSO_AdministratorAccess_0123456789abcdef"}}
            """),
        // 1: another account's call
        WithIdentity("""
            "type":"AWSAccount","principalId":"AIDAOTHER","accountId":"999988887777"
            """),
        // 2: an AWS account that called through a service: the service is who is shown
        WithIdentity("""
            "type":"AWSAccount","accountId":"999988887777","invokedBy":"athena.amazonaws.com"
            """),
        // 3: a user whose name is not ASCII (a federated name), and whose ARN ends with an e-mail address
        WithIdentity("""
            "type":"IAMUser","principalId":"AIDAUNICODE","arn":"arn:aws:iam::111122223333:user/dave@example.com","userName":"Ärger"
            """),
        // 4: a role session with a plain session name
        WithIdentity("""
            "type":"AssumedRole","principalId":"AROADEPLOY:build-42","arn":"arn:aws:sts::111122223333:assumed-role/Deployer/build-42",
            "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROADEPLOY","arn":"arn:aws:iam::111122223333:role/Deployer","userName":"Deployer"}}
            """),
        // 5: no userIdentity
        """{"eventVersion":"1.08","eventTime":"2024-03-01T10:00:00Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers"}""",
    ];

    [Theory]
    [InlineData("SSO:AdministratorAccess", new int[0])] // the role's display name: its sessions are SSO:AdministratorAccess/...
    [InlineData("SSO:AdministratorAccess/carol@example.com", new[] { 0 })]
    [InlineData("sso:administratoraccess/CAROL@example.com", new[] { 0 })]
    [InlineData("AWSReservedSSO_AdministratorAccess_0123456789abcdef", new[] { 0 })]
    [InlineData("carol", new[] { 0 })]
    [InlineData("carol@example.com", new[] { 0 })]
    [InlineData("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef", new[] { 0 })]
    [InlineData("999988887777", new[] { 1 })] // shown as the account: nothing else names it
    [InlineData("AIDAOTHER", new[] { 1 })]
    [InlineData("athena.amazonaws.com", new[] { 2 })]
    [InlineData("ärger", new[] { 3 })] // case ignored beyond ASCII, as string.Equals(..., OrdinalIgnoreCase)
    [InlineData("ÄRGER", new[] { 3 })]
    [InlineData("dave@example.com", new[] { 3 })] // the last part of the ARN...
    [InlineData("dave", new int[0])] // ...but the part before '@' only of a role session's name
    [InlineData("build-42", new[] { 4 })]
    [InlineData("BUILD-42", new[] { 4 })]
    [InlineData("Deployer/build-42", new[] { 4 })]
    [InlineData("deployer", new[] { 4 })]
    [InlineData("AROADEPLOY", new[] { 4 })]
    [InlineData("AROADEPLOY:build-42", new[] { 4 })]
    [InlineData("arn:aws:iam::111122223333:role/deployer", new[] { 4 })]
    [InlineData("arn:aws:sts::111122223333:assumed-role/Deployer/build-42", new[] { 4 })]
    [InlineData("arn:aws:sts::111122223333:assumed-role/Deployer/build-4", new int[0])]
    [InlineData("build", new int[0])]
    [InlineData("-", new int[0])]
    public void Principal_matches_sessions_accounts_and_identity_center_names(string principal, int[] expected) =>
        Assert.Equal(expected, Passing(CloudTrailFilter.Principal(principal), s_identities));

    [Fact]
    public void The_principal_a_view_names_is_who_made_the_call()
    {
        var names = new List<string?>();
        foreach (var view in CloudTrailLog.ReadViews(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", s_records.Concat(s_identities))))))
        {
            names.Add(view.TryGetPrincipalUtf8(out var name) ? Encoding.UTF8.GetString(name) : null);
        }
        Assert.Equal(
            [
                "Admin/alice@example.com", "bob", "lambda.amazonaws.com", "root",
                "AWSReservedSSO_AdministratorAccess_0123456789abcdef/carol@example.com", "999988887777", "athena.amazonaws.com", "Ärger", "Deployer/build-42", null,
            ],
            names);
    }

    [Fact]
    public void Names_and_values_are_compared_ignoring_case()
    {
        Assert.Equal([0], Passing(CloudTrailFilter.EventName("CREATEUSER")));
        Assert.Equal([0], Passing(CloudTrailFilter.EventName("createUser")));
        Assert.Equal([], Passing(CloudTrailFilter.EventName("CreateUsers")));
        Assert.Equal([], Passing(CloudTrailFilter.EventName("CreateUse")));
        Assert.Equal([1], Passing(CloudTrailFilter.ErrorCode("accessdenied")));
        Assert.Equal([1], Passing(CloudTrailFilter.Region("EU-WEST-3")));
        Assert.Equal([1], Passing(CloudTrailFilter.Category("data")));
        Assert.Equal([0, 1], Passing(CloudTrailFilter.Service("IAM.amazonaws.COM", "S3")));
        Assert.Equal([], Passing(CloudTrailFilter.Service("iam.amazon")));
        Assert.Equal([], Passing(CloudTrailFilter.Service("ia")));
        Assert.Equal([0], Passing(CloudTrailFilter.Principal("ARN:AWS:IAM::111122223333:ROLE/ADMIN")));
        Assert.Equal([0], Passing(CloudTrailFilter.Principal("ADMIN/Alice@Example.com")));
        // Not ASCII: the record's value is decoded and compared as strings are.
        string unicode = """{"eventVersion":"1.08","eventTime":"2024-03-01T10:00:00Z","eventSource":"iam.amazonaws.com","eventName":"Überprüfen","awsRegion":"us-east-1"}""";
        Assert.Equal([0], Passing(CloudTrailFilter.EventName("ÜBERPRÜFEN"), unicode));
        Assert.Equal([0], Passing(CloudTrailFilter.EventName("\u00fcberpr\u00fcfen"), unicode));
        Assert.Equal([], Passing(CloudTrailFilter.EventName("Uberprufen"), unicode));
        Assert.Equal([0], Passing(CloudTrailFilter.Service(s_schemaLike, "identity"), """{"eventVersion":"1.08","eventSource":"iam.amazonaws.com","eventName":"ListUsers"}"""));
    }

    /// <summary>A service whose eventSource does not begin with its id.</summary>
    private static readonly CloudTrailServiceInfo[] s_schemaLike = [new CloudTrailServiceInfo("identity", null, "Identity", ["iam.amazonaws.com"])];

    [Fact]
    public void Service_takes_the_event_sources_of_a_schema()
    {
        var schema = new CloudTrailSchema(["cloudtrail", "iam"], [["cloudtrail.amazonaws.com", "cloudtrail-data.amazonaws.com"], ["iam.amazonaws.com"]], _ => default);
        Assert.Equal([2], Passing(CloudTrailFilter.Service(schema, "CloudTrail")));
        Assert.Equal([0], Passing(CloudTrailFilter.Service(schema, "iam")));
        Assert.Equal([], Passing(CloudTrailFilter.Service(schema, "signin.amazon")));
    }

    [Theory]
    [InlineData("203.0.113.0/24", new[] { 1, 2, 3 })]
    [InlineData("203.0.113.7", new[] { 2 })]
    [InlineData("203.0.113.7/32", new[] { 2 })]
    [InlineData("203.0.113.128/25", new[] { 3 })]
    [InlineData("203.0.112.0/23", new[] { 0, 1, 2, 3 })]
    [InlineData("0.0.0.0/0", new[] { 0, 1, 2, 3, 4 })] // every IPv4 address (::ffff:203.0.113.7 is an IPv6 address)
    [InlineData("::/0", new[] { 5, 6, 7, 8 })]
    [InlineData("2001:db8::/32", new[] { 5, 6 })]
    [InlineData("2001:db8::7", new[] { 5 })] // the same address, however it is written
    [InlineData("2001:0DB8:0000:0000:0000:0000:0000:0007", new[] { 5 })]
    [InlineData("::ffff:203.0.113.7", new[] { 8 })]
    [InlineData("LAMBDA.amazonaws.com", new[] { 9 })]
    [InlineData("AWS Internal", new[] { 10 })]
    [InlineData("lambda", new int[0])]
    public void Source_ip_matches_addresses_blocks_and_service_names(string value, int[] expected)
    {
        string[] records =
        [
            WithSourceIp("203.0.112.255"), WithSourceIp("203.0.113.0"), WithSourceIp("203.0.113.7"), WithSourceIp("203.0.113.255"),
            WithSourceIp("203.0.114.0"), WithSourceIp("2001:db8:0:0::7"), WithSourceIp("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"),
            WithSourceIp("2001:db9::"), WithSourceIp("::ffff:203.0.113.7"), WithSourceIp("lambda.amazonaws.com"), WithSourceIp("AWS Internal"),
            """{"eventVersion":"1.08","eventSource":"iam.amazonaws.com","eventName":"ListUsers"}""",
        ];
        Assert.Equal(expected, Passing(CloudTrailFilter.SourceIp(value), records));
    }

    [Fact]
    public void Source_ip_reads_addresses_as_dotnet_does()
    {
        // Each written form against each other: the filter matches exactly when IPAddress says they are the same address.
        string[] forms =
        [
            "203.0.113.7", "0203.0.113.7", "203.0.113.07", "0xCB.0.113.7", "203.0.29447", "203.0.113.7.1", "203.0.113", "256.0.0.1", "1.2.3.4 ",
            "2001:db8::7", "2001:DB8:0:0:0:0:0:7", "2001:db8::0:7", "2001:db8:0:0:0:0:0:0:7", "2001:db8::7::1", "2001:db8:::7", ":2001:db8::7",
            "2001:db8::7:", "::", "0::0", "::1", "1::", "::ffff:203.0.113.7", "fe80::1%3", "fe80::1", "12345::1", "g::1", "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8", "1:2:3:4::5:6:7:8",
        ];
        foreach (string filterForm in forms)
        {
            bool filterIsAddress = System.Net.IPAddress.TryParse(filterForm, out var expectedAddress);
            if (!filterIsAddress) continue;
            var filter = CloudTrailFilter.SourceIp(filterForm);
            var passing = Passing(filter, forms.Select(WithSourceIp).ToArray());
            var expected = new List<int>();
            for (int i = 0; i < forms.Length; i++)
            {
                if (string.Equals(forms[i], filterForm, StringComparison.OrdinalIgnoreCase)
                    || (System.Net.IPAddress.TryParse(forms[i], out var address) && address.Equals(expectedAddress)))
                {
                    expected.Add(i);
                }
            }
            Assert.True(expected.SequenceEqual(passing), $"{filterForm}: expected {string.Join(",", expected.Select(i => forms[i]))}, got {string.Join(",", passing.Select(i => forms[i]))}");
        }
        var error = Assert.Throws<ArgumentException>(() => CloudTrailFilter.SourceIp("203.0.113.0/33"));
        Assert.Contains("'203.0.113.0/33' is not an address block", error.Message);
        Assert.Throws<ArgumentException>(() => CloudTrailFilter.SourceIp("lambda.amazonaws.com/24"));
    }

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
        seed = seed.Concat(s_identities).Append(WithSourceIp("2001:db8::7")).Append(WithSourceIp("::ffff:203.0.113.7")).Append(WithSourceIp("lambda.amazonaws.com")).ToArray();
        var filter = CloudTrailFilter.All(
            CloudTrailFilter.Service("iam", "s3", "sts", "sns", "cloudtrail"),
            CloudTrailFilter.TimeRange(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), null),
            CloudTrailFilter.Any(
                CloudTrailFilter.Principal("nobody"),
                CloudTrailFilter.Principal("SSO:ReadOnly"),
                CloudTrailFilter.Principal("nöbody"),
                CloudTrailFilter.Principal("arn:aws:iam::111122223333:role/Nobody"),
                CloudTrailFilter.EventName("NoSuchEvent"),
                CloudTrailFilter.EventName("Überprüfen"),
                CloudTrailFilter.SourceIp("198.51.100.0/24", "2001:db9::/32", "198.51.100.7", "sns.amazonaws.com")));
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
