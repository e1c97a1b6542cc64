using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrailGen.Benchmarks;

// The envelope as a careful user would write it by hand for System.Text.Json: strings where
// CloudTrail is inconsistent ("mfaAuthenticated":"false", sessionCredentialFromConsole "true" or
// true), JsonElement for the free-form parts.

public sealed class PocoLogFile
{
    [JsonPropertyName("Records")] public List<PocoRecord>? Records { get; set; }
}

public sealed class PocoRecord
{
    [JsonPropertyName("eventVersion")] public string? EventVersion { get; set; }
    [JsonPropertyName("userIdentity")] public PocoUserIdentity? UserIdentity { get; set; }
    [JsonPropertyName("eventTime")] public DateTimeOffset? EventTime { get; set; }
    [JsonPropertyName("eventSource")] public string? EventSource { get; set; }
    [JsonPropertyName("eventName")] public string? EventName { get; set; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; set; }
    [JsonPropertyName("sourceIPAddress")] public string? SourceIPAddress { get; set; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; set; }
    [JsonPropertyName("errorCode")] public string? ErrorCode { get; set; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; set; }
    [JsonPropertyName("requestParameters")] public JsonElement? RequestParameters { get; set; }
    [JsonPropertyName("responseElements")] public JsonElement? ResponseElements { get; set; }
    [JsonPropertyName("additionalEventData")] public JsonElement? AdditionalEventData { get; set; }
    [JsonPropertyName("requestID")] public string? RequestID { get; set; }
    [JsonPropertyName("eventID")] public string? EventID { get; set; }
    [JsonPropertyName("readOnly")] public bool? ReadOnly { get; set; }
    [JsonPropertyName("resources")] public List<PocoResource>? Resources { get; set; }
    [JsonPropertyName("eventType")] public string? EventType { get; set; }
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }
    [JsonPropertyName("managementEvent")] public bool? ManagementEvent { get; set; }
    [JsonPropertyName("recipientAccountId")] public string? RecipientAccountId { get; set; }
    [JsonPropertyName("serviceEventDetails")] public JsonElement? ServiceEventDetails { get; set; }
    [JsonPropertyName("sharedEventID")] public string? SharedEventID { get; set; }
    [JsonPropertyName("vpcEndpointId")] public string? VpcEndpointId { get; set; }
    [JsonPropertyName("eventCategory")] public string? EventCategory { get; set; }
    [JsonPropertyName("sessionCredentialFromConsole")] public JsonElement? SessionCredentialFromConsole { get; set; }
    [JsonPropertyName("tlsDetails")] public PocoTlsDetails? TlsDetails { get; set; }
    [JsonPropertyName("insightDetails")] public JsonElement? InsightDetails { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class PocoUserIdentity
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("principalId")] public string? PrincipalId { get; set; }
    [JsonPropertyName("arn")] public string? Arn { get; set; }
    [JsonPropertyName("accountId")] public string? AccountId { get; set; }
    [JsonPropertyName("accessKeyId")] public string? AccessKeyId { get; set; }
    [JsonPropertyName("userName")] public string? UserName { get; set; }
    [JsonPropertyName("invokedBy")] public string? InvokedBy { get; set; }
    [JsonPropertyName("sessionContext")] public PocoSessionContext? SessionContext { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class PocoSessionContext
{
    [JsonPropertyName("sessionIssuer")] public PocoSessionIssuer? SessionIssuer { get; set; }
    [JsonPropertyName("attributes")] public PocoAttributes? Attributes { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class PocoSessionIssuer
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("principalId")] public string? PrincipalId { get; set; }
    [JsonPropertyName("arn")] public string? Arn { get; set; }
    [JsonPropertyName("accountId")] public string? AccountId { get; set; }
    [JsonPropertyName("userName")] public string? UserName { get; set; }
}

public sealed class PocoAttributes
{
    [JsonPropertyName("creationDate")] public string? CreationDate { get; set; }
    [JsonPropertyName("mfaAuthenticated")] public string? MfaAuthenticated { get; set; }
}

public sealed class PocoResource
{
    [JsonPropertyName("accountId")] public string? AccountId { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("ARN")] public string? Arn { get; set; }
}

public sealed class PocoTlsDetails
{
    [JsonPropertyName("tlsVersion")] public string? TlsVersion { get; set; }
    [JsonPropertyName("cipherSuite")] public string? CipherSuite { get; set; }
    [JsonPropertyName("clientProvidedHostHeader")] public string? ClientProvidedHostHeader { get; set; }
}

[JsonSerializable(typeof(PocoLogFile))]
[JsonSerializable(typeof(PocoRecord))]
public sealed partial class PocoContext : JsonSerializerContext
{
}
