using System;
using System.Diagnostics.CodeAnalysis;

namespace CloudTrailGen.S3;

/// <summary>Where a trail's logs are: a bucket and the prefix before <c>AWSLogs/</c>, if any.</summary>
public sealed record CloudTrailS3Location
{
    /// <summary>A bucket and an optional prefix (with or without a trailing <c>/</c>).</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="prefix">The trail's prefix (the S3 key prefix set on the trail), or null.</param>
    public CloudTrailS3Location(string bucket, string? prefix = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        Bucket = bucket;
        Prefix = Normalize(prefix);
    }

    /// <summary>The bucket name.</summary>
    public string Bucket { get; }

    /// <summary>The prefix, empty or ending with <c>/</c>; without the <c>AWSLogs/</c> folder.</summary>
    public string Prefix { get; }

    /// <summary>The key prefix of the AWSLogs folder: <c>PREFIX/AWSLogs/</c>.</summary>
    public string AwsLogsPrefix => Prefix + "AWSLogs/";

    /// <summary>Reads <c>s3://bucket</c> or <c>s3://bucket/prefix</c> (a prefix may end with <c>AWSLogs</c>).</summary>
    /// <param name="text">The address.</param>
    /// <param name="location">The location, when the address is one.</param>
    /// <returns>Whether the text is an <c>s3://</c> address with a bucket.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CloudTrailS3Location? location)
    {
        location = null;
        const string Scheme = "s3://";
        if (text is null || !text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var rest = text.Substring(Scheme.Length);
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest.Substring(0, slash);
        if (bucket.Length == 0) return false;
        location = new CloudTrailS3Location(bucket, slash < 0 ? null : rest.Substring(slash + 1));
        return true;
    }

    /// <summary>The address: <c>s3://bucket/prefix</c>.</summary>
    public override string ToString() => "s3://" + Bucket + "/" + Prefix;

    private static string Normalize(string? prefix)
    {
        prefix = prefix?.Trim('/') ?? "";
        // s3://bucket/prefix/AWSLogs names the same place as s3://bucket/prefix.
        if (prefix == "AWSLogs") return "";
        if (prefix.EndsWith("/AWSLogs", StringComparison.Ordinal)) prefix = prefix.Substring(0, prefix.Length - "/AWSLogs".Length);
        return prefix.Length == 0 ? "" : prefix + "/";
    }
}
