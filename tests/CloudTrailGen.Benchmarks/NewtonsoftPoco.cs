using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CloudTrailGen.Benchmarks;

// The same envelope POCOs as Poco.cs, for Newtonsoft.Json: the same members and types, with
// Newtonsoft's attributes for the key names and JToken where the System.Text.Json classes have
// JsonElement (Newtonsoft.Json cannot fill a JsonElement).

public sealed class NsLogFile
{
    [JsonProperty("Records")] public List<NsRecord>? Records { get; set; }
}

public sealed class NsRecord
{
    [JsonProperty("eventVersion")] public string? EventVersion { get; set; }
    [JsonProperty("userIdentity")] public NsUserIdentity? UserIdentity { get; set; }
    [JsonProperty("eventTime")] public DateTimeOffset? EventTime { get; set; }
    [JsonProperty("eventSource")] public string? EventSource { get; set; }
    [JsonProperty("eventName")] public string? EventName { get; set; }
    [JsonProperty("awsRegion")] public string? AwsRegion { get; set; }
    [JsonProperty("sourceIPAddress")] public string? SourceIPAddress { get; set; }
    [JsonProperty("userAgent")] public string? UserAgent { get; set; }
    [JsonProperty("errorCode")] public string? ErrorCode { get; set; }
    [JsonProperty("errorMessage")] public string? ErrorMessage { get; set; }
    [JsonProperty("requestParameters")] public JToken? RequestParameters { get; set; }
    [JsonProperty("responseElements")] public JToken? ResponseElements { get; set; }
    [JsonProperty("additionalEventData")] public JToken? AdditionalEventData { get; set; }
    [JsonProperty("requestID")] public string? RequestID { get; set; }
    [JsonProperty("eventID")] public string? EventID { get; set; }
    [JsonProperty("readOnly")] public bool? ReadOnly { get; set; }
    [JsonProperty("resources")] public List<NsResource>? Resources { get; set; }
    [JsonProperty("eventType")] public string? EventType { get; set; }
    [JsonProperty("apiVersion")] public string? ApiVersion { get; set; }
    [JsonProperty("managementEvent")] public bool? ManagementEvent { get; set; }
    [JsonProperty("recipientAccountId")] public string? RecipientAccountId { get; set; }
    [JsonProperty("serviceEventDetails")] public JToken? ServiceEventDetails { get; set; }
    [JsonProperty("sharedEventID")] public string? SharedEventID { get; set; }
    [JsonProperty("vpcEndpointId")] public string? VpcEndpointId { get; set; }
    [JsonProperty("eventCategory")] public string? EventCategory { get; set; }
    [JsonProperty("sessionCredentialFromConsole")] public JToken? SessionCredentialFromConsole { get; set; }
    [JsonProperty("tlsDetails")] public NsTlsDetails? TlsDetails { get; set; }
    [JsonProperty("insightDetails")] public JToken? InsightDetails { get; set; }
    [JsonExtensionData] public IDictionary<string, JToken>? Extra { get; set; }
}

public sealed class NsUserIdentity
{
    [JsonProperty("type")] public string? Type { get; set; }
    [JsonProperty("principalId")] public string? PrincipalId { get; set; }
    [JsonProperty("arn")] public string? Arn { get; set; }
    [JsonProperty("accountId")] public string? AccountId { get; set; }
    [JsonProperty("accessKeyId")] public string? AccessKeyId { get; set; }
    [JsonProperty("userName")] public string? UserName { get; set; }
    [JsonProperty("invokedBy")] public string? InvokedBy { get; set; }
    [JsonProperty("sessionContext")] public NsSessionContext? SessionContext { get; set; }
    [JsonExtensionData] public IDictionary<string, JToken>? Extra { get; set; }
}

public sealed class NsSessionContext
{
    [JsonProperty("sessionIssuer")] public NsSessionIssuer? SessionIssuer { get; set; }
    [JsonProperty("attributes")] public NsAttributes? Attributes { get; set; }
    [JsonExtensionData] public IDictionary<string, JToken>? Extra { get; set; }
}

public sealed class NsSessionIssuer
{
    [JsonProperty("type")] public string? Type { get; set; }
    [JsonProperty("principalId")] public string? PrincipalId { get; set; }
    [JsonProperty("arn")] public string? Arn { get; set; }
    [JsonProperty("accountId")] public string? AccountId { get; set; }
    [JsonProperty("userName")] public string? UserName { get; set; }
}

public sealed class NsAttributes
{
    [JsonProperty("creationDate")] public string? CreationDate { get; set; }
    [JsonProperty("mfaAuthenticated")] public string? MfaAuthenticated { get; set; }
}

public sealed class NsResource
{
    [JsonProperty("accountId")] public string? AccountId { get; set; }
    [JsonProperty("type")] public string? Type { get; set; }
    [JsonProperty("ARN")] public string? Arn { get; set; }
}

public sealed class NsTlsDetails
{
    [JsonProperty("tlsVersion")] public string? TlsVersion { get; set; }
    [JsonProperty("cipherSuite")] public string? CipherSuite { get; set; }
    [JsonProperty("clientProvidedHostHeader")] public string? ClientProvidedHostHeader { get; set; }
}
