using System;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.S3;

namespace CloudTrailGen.S3;

/// <summary>Makes the S3 client a <see cref="CloudTrailS3Reader"/> uses, from the options an AWS user expects.</summary>
public static class CloudTrailS3Client
{
    /// <summary>The variable that names an endpoint for S3 only (read before <see cref="EndpointVariable"/>).</summary>
    public const string S3EndpointVariable = "AWS_ENDPOINT_URL_S3";

    /// <summary>The variable that names an endpoint for every service.</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL";

    /// <summary>
    /// How long a request waits for an answer unless <see cref="CloudTrailS3ClientOptions.Timeout"/>
    /// says: 30 seconds (S3 answers a listing or starts sending an object in milliseconds; the SDK's
    /// own default leaves a server that accepts the connection but never answers waiting for many minutes).
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private const string NoCredentials =
        "No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (for a local S3-compatible server, its own key pair), " +
        "or name a profile of ~/.aws/config or ~/.aws/credentials (AWS_PROFILE), or run where a role gives them (SSO login, instance or task role).";

    /// <summary>The endpoint in effect: <paramref name="endpointUrl"/>, else <c>AWS_ENDPOINT_URL_S3</c>, else <c>AWS_ENDPOINT_URL</c>, else null (AWS).</summary>
    /// <param name="endpointUrl">The endpoint given on the command line, if any.</param>
    /// <returns>The endpoint, or null.</returns>
    public static string? ResolveEndpoint(string? endpointUrl) =>
        NonEmpty(endpointUrl) ?? NonEmpty(Environment.GetEnvironmentVariable(S3EndpointVariable)) ?? NonEmpty(Environment.GetEnvironmentVariable(EndpointVariable));

    /// <summary>
    /// A client for the options: credentials from the profile or the SDK's default chain; each
    /// request's time to answer bounded (<see cref="CloudTrailS3ClientOptions.Timeout"/>); the SDK's
    /// retries (throttling and timeouts included), as many as <see cref="CloudTrailS3ClientOptions.MaxAttempts"/>.
    /// </summary>
    /// <param name="options">Profile, region, endpoint; null for the defaults.</param>
    /// <returns>A new client; the caller disposes of it.</returns>
    /// <exception cref="CloudTrailS3CredentialsException">The profile does not exist or has no credentials, or (without a profile or credentials) the SDK's default chain finds none.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive, or the attempts fewer than 1.</exception>
    /// <exception cref="ArgumentException">The endpoint from <c>AWS_ENDPOINT_URL_S3</c> or <c>AWS_ENDPOINT_URL</c> is not an absolute http:// or https:// URL.</exception>
    public static IAmazonS3 Create(CloudTrailS3ClientOptions? options = null)
    {
        options ??= new CloudTrailS3ClientOptions();
        var timeout = options.Timeout ?? DefaultTimeout;
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), timeout, "The timeout must be positive.");
        if (options.MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxAttempts, "At least one attempt must be made.");
        var config = new AmazonS3Config { Timeout = timeout };
        if (options.MaxAttempts is { } attempts) config.MaxErrorRetry = attempts - 1;
        var region = NonEmpty(options.Region);
        var credentials = options.Credentials;
        if (NonEmpty(options.Profile) is { } profileName)
        {
            var chain = new CredentialProfileStoreChain();
            if (!chain.TryGetProfile(profileName, out var profile) || !chain.TryGetAWSCredentials(profileName, out var fromProfile))
            {
                throw new CloudTrailS3CredentialsException($"The AWS profile '{profileName}' was not found or has no credentials: see ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE).");
            }
            credentials ??= fromProfile;
            region ??= profile.Region?.SystemName;
        }
        if (ResolveEndpoint(options.EndpointUrl) is { } endpoint)
        {
            // EndpointUrl was checked when it was set; one from the environment is checked here, by the same rule.
            if (NonEmpty(options.EndpointUrl) is null)
            {
                CheckEndpoint(endpoint, NonEmpty(Environment.GetEnvironmentVariable(S3EndpointVariable)) is not null ? S3EndpointVariable : EndpointVariable);
            }
            // S3-compatible stores serve buckets as paths, not as host names; they sign with a
            // region too (us-east-1 when none is given), and few of them take the flexible
            // checksums the SDK sends by default, so checksums are sent only where S3 requires them.
            // A path in the endpoint (a server that serves S3 under one) goes before the bucket in
            // each request, signed with it; the SDK puts a slash of its own between them.
            config.ServiceURL = endpoint.TrimEnd('/');
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region ?? "us-east-1";
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        if (credentials is null)
        {
            // Resolved here, not at the first request: the SDK's own error then lists one exception
            // per place it looked, over several lines, as the error of a listing.
            try
            {
                credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials(config);
            }
            catch (AmazonClientException e)
            {
                throw new CloudTrailS3CredentialsException(NoCredentials, e);
            }
        }
        return new AmazonS3Client(credentials, config);
    }

    /// <summary>
    /// The one rule for an endpoint, wherever it comes from: an absolute http:// or https:// URL
    /// (the SDK's own message for anything else, "Value for ServiceURL is not a valid URL", names
    /// neither the value nor what to give). <paramref name="what"/> names where it came from.
    /// </summary>
    internal static string CheckEndpoint(string endpoint, string what)
    {
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0)
        {
            return endpoint;
        }
        throw new ArgumentException($"{what} '{endpoint}' is not an absolute http:// or https:// URL: give one such as http://127.0.0.1:9000.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
