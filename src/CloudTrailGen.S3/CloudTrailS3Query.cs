using System;
using System.Collections.Generic;

namespace CloudTrailGen.S3;

/// <summary>Which CloudTrail objects to read from a bucket, and how.</summary>
public sealed class CloudTrailS3Query
{
    /// <summary>A query of a trail's bucket and prefix.</summary>
    /// <param name="location">The bucket and the prefix before <c>AWSLogs/</c>.</param>
    public CloudTrailS3Query(CloudTrailS3Location location)
    {
        ArgumentNullException.ThrowIfNull(location);
        Location = location;
    }

    /// <summary>The bucket and the prefix before <c>AWSLogs/</c>.</summary>
    public CloudTrailS3Location Location { get; }

    /// <summary>The accounts to read (12 digits); empty for every account found under <c>AWSLogs/</c>.</summary>
    public IReadOnlyCollection<string> Accounts { get; init; } = Array.Empty<string>();

    /// <summary>The regions to read (<c>us-east-1</c>, ...); empty for every region found.</summary>
    public IReadOnlyCollection<string> Regions { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The organizations (<c>o-...</c>) whose organization-trail folders to read; empty for all of them.
    /// Folders of account trails (<c>AWSLogs/ACCOUNT/</c>) are read unless <see cref="OrganizationTrailsOnly"/>.
    /// </summary>
    public IReadOnlyCollection<string> Organizations { get; init; } = Array.Empty<string>();

    /// <summary>Read only organization-trail folders (<c>AWSLogs/o-.../</c>).</summary>
    public bool OrganizationTrailsOnly { get; init; }

    /// <summary>The earliest event time wanted; null for no lower bound (every day folder is listed).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The latest event time wanted; null for now.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>
    /// How long after an event its file may be delivered: objects named up to this long after
    /// <see cref="Until"/> are read too. CloudTrail delivers within about 5 minutes on average; the
    /// default is 1 hour. The records of an object are not filtered by time: the caller does that.
    /// </summary>
    public TimeSpan DeliveryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many objects are read at the same time (default 8).</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>
    /// How many bytes of objects (their listed, compressed sizes) <see cref="CloudTrailS3Reader.DownloadAsync"/>
    /// downloads ahead of the object handed out last; null (the default) for an eighth of the memory
    /// the garbage collector may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>: the
    /// machine's or container's memory, or <c>DOTNET_GCHeapHardLimit</c> when set), at most 256 MiB.
    /// The object after the one handed out always downloads, however large.
    /// </summary>
    public long? MaxBufferedBytes { get; init; }

    internal void Validate()
    {
        if (MaxBufferedBytes < 0) throw new ArgumentOutOfRangeException(nameof(MaxBufferedBytes), MaxBufferedBytes, "The bytes downloaded ahead cannot be negative.");
        if (MaxConcurrency < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "At least one object must be read at a time.");
        if (DeliveryDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(DeliveryDelay), DeliveryDelay, "The delivery delay cannot be negative.");
        if (Since is { } since && Until is { } until && until < since) throw new ArgumentException("Until is before Since.", nameof(Until));
    }
}
