using System;

namespace CloudTrailGen.S3;

/// <summary>A CloudTrail log object in S3, with what its key says about it.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Key">The object key (<c>[PREFIX/]AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/NAME</c>).</param>
/// <param name="Size">The object's size in bytes, as listed (compressed).</param>
/// <param name="Account">The account from the key.</param>
/// <param name="Region">The region from the key.</param>
/// <param name="OrganizationId">The organization (<c>o-...</c>) of an organization trail, else null.</param>
/// <param name="DeliveredAt">The time in the object's name (to the minute): CloudTrail delivered the file then, so its records are of this time or earlier.</param>
public sealed record CloudTrailS3Object(
    string Bucket,
    string Key,
    long Size,
    string Account,
    string Region,
    string? OrganizationId,
    DateTimeOffset DeliveredAt)
{
    /// <summary>The object as an address: <c>s3://bucket/key</c>.</summary>
    public override string ToString() => "s3://" + Bucket + "/" + Key;
}
