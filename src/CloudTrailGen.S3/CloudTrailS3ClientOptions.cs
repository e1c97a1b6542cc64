using System;
using Amazon.Runtime;

namespace CloudTrailGen.S3;

/// <summary>How to reach S3, the way the AWS CLI takes it (every value optional).</summary>
public sealed class CloudTrailS3ClientOptions
{
    /// <summary>The named profile of the shared config and credentials files (<c>--profile</c>); null for the SDK's default chain (<c>AWS_PROFILE</c>, environment, SSO, instance or task role, ...).</summary>
    public string? Profile { get; init; }

    /// <summary>The region (<c>--region</c>); null for the SDK's default (<c>AWS_REGION</c>, the profile's region, ...).</summary>
    public string? Region { get; init; }

    /// <summary>
    /// An S3-compatible endpoint (<c>--endpoint-url</c>); null for <c>AWS_ENDPOINT_URL_S3</c>, then
    /// <c>AWS_ENDPOINT_URL</c>, then AWS itself. With an endpoint, requests use path-style addressing:
    /// <c>scheme://host[:port]/BUCKET/KEY</c>. A path in the endpoint goes before the bucket in every
    /// request (for a server that serves S3 under a path); the bucket is the query's, never the endpoint's.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not an absolute http:// or https:// URL (such as <c>http://127.0.0.1:9000</c>).</exception>
    public string? EndpointUrl
    {
        get => _endpointUrl;
        init => _endpointUrl = value is null ? null : CloudTrailS3Client.CheckEndpoint(value, "The S3 endpoint URL");
    }

    private readonly string? _endpointUrl;

    /// <summary>
    /// How long each request may wait for S3 to answer before the attempt fails (and is tried again,
    /// up to <see cref="MaxAttempts"/>), and how long a read of an object's body may go without data
    /// before it fails (a body is not sent again); null for <see cref="CloudTrailS3Client.DefaultTimeout"/>.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// How many times a request is sent before its error is given up on (throttling, server errors,
    /// timeouts); null for the SDK's default (<c>AWS_MAX_ATTEMPTS</c>, the profile's <c>max_attempts</c>,
    /// else 3 in the standard retry mode).
    /// </summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Credentials to use instead of the profile or the default chain (tests, or a caller that has its own).</summary>
    public AWSCredentials? Credentials { get; init; }
}
