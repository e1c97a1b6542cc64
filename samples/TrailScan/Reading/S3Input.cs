using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Security.Authentication;
using System.Xml;
using Amazon.Runtime;
using CloudTrailGen.S3;

namespace TrailScan.Reading;

/// <summary>
/// How s3:// inputs are read: the folders to list (accounts, regions, the time range of --since
/// and --until) and how to reach S3 (profile, region, endpoint).
/// </summary>
public sealed class S3Input
{
    /// <summary>The accounts whose folders to read (--account); empty for all.</summary>
    public IReadOnlyCollection<string> Accounts { get; init; } = [];

    /// <summary>The regions whose folders to read (--region); empty for all. The first is also the client's region.</summary>
    public IReadOnlyCollection<string> Regions { get; init; } = [];

    /// <summary>The named profile (--profile), else the SDK's default chain.</summary>
    public string? Profile { get; init; }

    /// <summary>The endpoint (--endpoint-url), else AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL or AWS.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>How long each S3 request may wait for an answer (--s3-timeout), else the library's default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The earliest record time wanted (--since): day folders before it are not listed.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The latest record time wanted (--until).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Whether --since, --until, --account or --region leave log objects of a trail unlisted.</summary>
    public bool NarrowsListing => Accounts.Count > 0 || Regions.Count > 0 || Since is not null || Until is not null;

    /// <summary>The query of one s3:// PATH.</summary>
    public CloudTrailS3Query Query(CloudTrailS3Location location) => new(location)
    {
        Accounts = Accounts,
        Regions = Regions,
        Since = Since,
        Until = Until,
    };

    /// <summary>
    /// Why an s3:// PATH cannot be read, in one line: the library's message, and for what the user
    /// can change here, what to change.
    /// </summary>
    public string Problem(Exception error)
    {
        string problem = Described(error);
        // The SDK sends an endpoint's path before the bucket (for a server that serves S3 under a
        // path): one that serves S3 at its root then answers for another bucket, or for a key.
        if (error is AmazonServiceException { StatusCode: >= HttpStatusCode.BadRequest, ErrorCode: var code } && !s_refusedCredentials.Contains(code ?? "") && PathOf(CloudTrailS3Client.ResolveEndpoint(EndpointUrl)) is { } path)
        {
            problem += $" (the endpoint's path {path} goes before the bucket in every request: unless the server serves S3 under that path, give the endpoint as scheme://host[:port] and the bucket in the s3:// PATH)";
        }
        return problem;
    }

    /// <summary>
    /// The endpoint without its path when the path's last folder is <paramref name="bucket"/> (the
    /// bucket given in --endpoint-url as well as in the s3:// PATH); else null.
    /// </summary>
    public string? EndpointWithoutBucket(string bucket) =>
        PathOf(EndpointUrl) is { } path && path[(path.LastIndexOf('/') + 1)..] == bucket ? new Uri(EndpointUrl!).GetLeftPart(UriPartial.Authority) : null;

    /// <summary>The path of an endpoint without its last '/'; null when it has none besides "/" (or is no URL).</summary>
    private static string? PathOf(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && url.AbsolutePath.TrimEnd('/') is { Length: > 0 } path ? path : null;

    private static string Described(Exception error) => error switch
    {
        TimeoutException => $"{error.Message}{NotS3} --s3-timeout SECONDS waits longer",
        AmazonServiceException { ErrorCode: { } code } when s_refusedCredentials.Contains(code) =>
            $"S3 refused the credentials ({code}: {error.Message}): give valid ones (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile NAME; a local S3-compatible server takes its own key pair)",
        // The HTTP client's own message says only "see inner exception"; the TLS stack's says why.
        _ when Cause<AuthenticationException>(error) is { } tls =>
            $"no TLS connection could be made to the endpoint ({tls.Message}): is it an http:// one, or is its certificate not trusted here?",
        // S3 answers each error of a GET with its error document; the SDK names an error without one by its status.
        AmazonServiceException service when service.ErrorCode == service.StatusCode.ToString() =>
            $"the endpoint did not answer as S3 does (HTTP {(int)service.StatusCode} {service.StatusCode} without an S3 error document){NotS3}",
        _ when Cause<XmlException>(error) is { } xml => $"the endpoint did not answer as S3 does (its answer is not XML: {xml.Message}){NotS3}",
        // XML that is not a listing (a web server's page served as XML): the library says so.
        InvalidDataException => $"the endpoint did not answer as S3 does ({error.Message}){NotS3}",
        _ => error.Message,
    };

    // What to check when the endpoint is not S3 or does not answer.
    private const string NotS3 = ": is the endpoint right (--endpoint-url, AWS_ENDPOINT_URL_S3)?";

    /// <summary>The exception of type <typeparamref name="T"/> that <paramref name="error"/> is or comes from, if any.</summary>
    private static T? Cause<T>(Exception error) where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is T cause) return cause;
        }
        return null;
    }

    // What S3 answers for credentials it does not take (AccessDenied is about what they may do).
    private static readonly HashSet<string> s_refusedCredentials = new(StringComparer.Ordinal)
    {
        "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired",
    };

    /// <summary>The client options: the bucket's region is not known, so the first --region, else the SDK's.</summary>
    public CloudTrailS3ClientOptions ClientOptions()
    {
        string? region = null;
        foreach (var r in Regions)
        {
            region = r;
            break;
        }
        return new CloudTrailS3ClientOptions { Profile = Profile, EndpointUrl = EndpointUrl, Region = region, Timeout = Timeout };
    }
}
