using System;
using System.Collections.Generic;
using TrailScan.Aws;
using static TrailScan.Export.ParquetField;

namespace TrailScan.Export;

/// <summary>
/// The <c>records</c> table: every envelope field of a record as a typed column (the nested
/// userIdentity, its sessionContext and tlsDetails as structs, resources as a list of structs, the
/// way the CloudTrail table AWS documents for Athena has them), requestParameters,
/// responseElements, additionalEventData and the other free-form parts as JSON text, and the
/// input the record came from with its index there.
/// </summary>
public static class RecordsTable
{
    /// <summary>The table's folder name.</summary>
    public const string Name = "records";

    private static ParquetField S(string name) => Value(name, ParquetType.String);

    /// <summary>The table's schema.</summary>
    public static IReadOnlyList<ParquetField> Schema { get; } =
    [
        S("eventVersion"),
        Struct("userIdentity",
            S("type"), S("principalId"), S("arn"), S("accountId"), S("invokedBy"), S("accessKeyId"), S("userName"),
            Struct("sessionContext",
                Struct("attributes", Value("creationDate", ParquetType.Timestamp), Value("mfaAuthenticated", ParquetType.Boolean)),
                Struct("sessionIssuer", S("type"), S("principalId"), S("arn"), S("accountId"), S("userName")),
                Struct("webIdFederationData", S("federatedProvider"), S("attributes")),
                S("sourceIdentity"), S("ec2RoleDelivery"), Value("assumedRoot", ParquetType.Boolean)),
            S("identityProvider"), S("credentialId"), S("sourceIdentity"),
            Struct("onBehalfOf", S("userId"), S("identityStoreArn")),
            Struct("inScopeOf", S("issuerType"), S("credentialsIssuedTo"), S("sourceArn"), S("sourceAccount"))),
        Value("eventTime", ParquetType.Timestamp),
        S("eventSource"), S("eventName"), S("awsRegion"), S("sourceIPAddress"), S("userAgent"),
        S("errorCode"), S("errorMessage"),
        S("requestParameters"), S("responseElements"), S("additionalEventData"),
        S("requestID"), S("eventID"),
        Value("readOnly", ParquetType.Boolean),
        List("resources", Struct("element", S("arn"), S("accountId"), S("type"))),
        S("eventType"), S("apiVersion"),
        Value("managementEvent", ParquetType.Boolean),
        S("recipientAccountId"), S("serviceEventDetails"), S("sharedEventID"),
        S("vpcEndpointId"), S("vpcEndpointAccountId"), S("eventCategory"),
        Struct("addendum", S("reason"), S("updatedFields"), S("originalRequestID"), S("originalEventID")),
        Value("sessionCredentialFromConsole", ParquetType.Boolean),
        S("edgeDeviceDetails"),
        Struct("tlsDetails", S("tlsVersion"), S("cipherSuite"), S("clientProvidedHostHeader")),
        S("insightDetails"), S("eventContext"),
        S("sourceObject"),
        Value("recordIndex", ParquetType.Int64),
    ];

    /// <summary>Adds <paramref name="record"/>'s row to the buffers.</summary>
    public static void Fill(ColumnBuffer[] c, CloudTrailRecord r, string sourceObject, long recordIndex)
    {
        int i = 0;
        Columns.String(c[i++], r.EventVersion, 0);

        var who = r.UserIdentity;
        int w = who is null ? 0 : 1;
        Columns.String(c[i++], who?.Type?.ToString(), w);
        Columns.String(c[i++], who?.PrincipalId, w);
        Columns.String(c[i++], who?.Arn, w);
        Columns.String(c[i++], who?.AccountId, w);
        Columns.String(c[i++], who?.InvokedBy, w);
        Columns.String(c[i++], who?.AccessKeyId, w);
        Columns.String(c[i++], who?.UserName, w);
        var session = who?.SessionContext;
        int s = session is null ? w : w + 1;
        var attributes = session?.Attributes;
        int a = attributes is null ? s : s + 1;
        Columns.Timestamp(c[i++], attributes?.CreationDate, a);
        Columns.Boolean(c[i++], attributes?.MfaAuthenticated, a);
        var issuer = session?.SessionIssuer;
        int si = issuer is null ? s : s + 1;
        Columns.String(c[i++], issuer?.Type, si);
        Columns.String(c[i++], issuer?.PrincipalId, si);
        Columns.String(c[i++], issuer?.Arn, si);
        Columns.String(c[i++], issuer?.AccountId, si);
        Columns.String(c[i++], issuer?.UserName, si);
        var federation = session?.WebIdFederationData;
        int f = federation is null ? s : s + 1;
        Columns.String(c[i++], federation?.FederatedProvider, f);
        Columns.Json(c[i++], federation?.Attributes, f);
        Columns.String(c[i++], session?.SourceIdentity, s);
        Columns.String(c[i++], session?.Ec2RoleDelivery, s);
        Columns.Boolean(c[i++], session?.AssumedRoot, s);
        Columns.String(c[i++], who?.IdentityProvider, w);
        Columns.String(c[i++], who?.CredentialId, w);
        Columns.String(c[i++], who?.SourceIdentity, w);
        var behalf = who?.OnBehalfOf;
        int b = behalf is null ? w : w + 1;
        Columns.String(c[i++], behalf?.UserId, b);
        Columns.String(c[i++], behalf?.IdentityStoreArn, b);
        var scope = who?.InScopeOf;
        int sc = scope is null ? w : w + 1;
        Columns.String(c[i++], scope?.IssuerType, sc);
        Columns.String(c[i++], scope?.CredentialsIssuedTo, sc);
        Columns.String(c[i++], scope?.SourceArn, sc);
        Columns.String(c[i++], scope?.SourceAccount, sc);

        Columns.Timestamp(c[i++], r.EventTime, 0);
        Columns.String(c[i++], r.EventSource, 0);
        Columns.String(c[i++], r.EventName, 0);
        Columns.String(c[i++], r.AwsRegion, 0);
        Columns.String(c[i++], r.SourceIPAddress, 0);
        Columns.String(c[i++], r.UserAgent, 0);
        Columns.String(c[i++], r.ErrorCode, 0);
        Columns.String(c[i++], r.ErrorMessage, 0);
        Columns.Json(c[i++], r.RequestParameters, 0);
        Columns.Json(c[i++], r.ResponseElements, 0);
        Columns.Json(c[i++], r.AdditionalEventData, 0);
        Columns.String(c[i++], r.RequestID, 0);
        Columns.String(c[i++], r.EventID, 0);
        Columns.Boolean(c[i++], r.ReadOnly, 0);

        // resources: list (1) / repeated list (2) / element struct (3) / field (4)
        var resources = r.Resources;
        for (int field = 0; field < 3; field++)
        {
            var column = c[i++];
            if (resources is null)
            {
                column.AddNull(0);
                continue;
            }
            if (resources.Count == 0)
            {
                column.AddNull(1);
                continue;
            }
            for (int n = 0; n < resources.Count; n++)
            {
                int repetition = n == 0 ? 0 : 1;
                var resource = resources[n];
                string? value = resource is null ? null : field switch
                {
                    0 => resource.Arn,
                    1 => resource.AccountId,
                    _ => resource.Type?.ToString(),
                };
                if (value is not null) column.Add(value, repetition);
                else column.AddNull(resource is null ? 2 : 3, repetition);
            }
        }

        Columns.String(c[i++], r.EventType?.ToString(), 0);
        Columns.String(c[i++], r.ApiVersion, 0);
        Columns.Boolean(c[i++], r.ManagementEvent, 0);
        Columns.String(c[i++], r.RecipientAccountId, 0);
        Columns.Json(c[i++], r.ServiceEventDetails, 0);
        Columns.String(c[i++], r.SharedEventID, 0);
        Columns.String(c[i++], r.VpcEndpointId, 0);
        Columns.String(c[i++], r.VpcEndpointAccountId, 0);
        Columns.String(c[i++], r.EventCategory?.ToString(), 0);
        var addendum = r.Addendum;
        int ad = addendum is null ? 0 : 1;
        Columns.String(c[i++], addendum?.Reason, ad);
        Columns.String(c[i++], addendum?.UpdatedFields, ad);
        Columns.String(c[i++], addendum?.OriginalRequestID, ad);
        Columns.String(c[i++], addendum?.OriginalEventID, ad);
        Columns.Boolean(c[i++], r.SessionCredentialFromConsole, 0);
        Columns.Json(c[i++], r.EdgeDeviceDetails, 0);
        var tls = r.TlsDetails;
        int t = tls is null ? 0 : 1;
        Columns.String(c[i++], tls?.TlsVersion, t);
        Columns.String(c[i++], tls?.CipherSuite, t);
        Columns.String(c[i++], tls?.ClientProvidedHostHeader, t);
        Columns.String(c[i++], r.InsightDetails is { } insight ? Columns.JsonText(insight) : null, 0);
        Columns.Json(c[i++], r.EventContext, 0);
        Columns.String(c[i++], sourceObject, 0);
        c[i++].Add(recordIndex);
        if (i != c.Length) throw new InvalidOperationException($"records: {i} columns filled of {c.Length}.");
    }
}
