using System;
using System.Diagnostics.CodeAnalysis;

namespace CloudTrailGen.S3;

/// <summary>
/// Where a trail's logs are: a bucket and the prefix before <c>AWSLogs/</c>, if any, and
/// optionally one folder under <c>AWSLogs/</c> to read alone (an account's, a region's, a day's).
/// </summary>
public sealed record CloudTrailS3Location
{
    /// <summary>A bucket and an optional prefix (with or without a trailing <c>/</c>).</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="prefix">
    /// The trail's prefix (the S3 key prefix set on the trail), or null. It may go on into the
    /// layout (<c>PREFIX/AWSLogs/ACCOUNT</c> or <c>PREFIX/AWSLogs/o-ORG</c>, down to
    /// <c>.../CloudTrail/REGION/YYYY/MM/DD</c>): the part after its <c>AWSLogs</c> folder is then
    /// <see cref="Folder"/>. That folder is the last <c>AWSLogs</c> folder when it ends the prefix or
    /// an account (12 digits) or organization (<c>o-</c> and 10 to 32 lowercase letters or digits)
    /// follows it; otherwise the whole prefix is the trail's (<c>archive/AWSLogs/old</c>). A trail's
    /// prefix that itself ends with an <c>AWSLogs</c> folder is given with the layout's after it
    /// (<c>archive/AWSLogs/AWSLogs</c>).
    /// </param>
    public CloudTrailS3Location(string bucket, string? prefix = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        Bucket = bucket;
        (Prefix, Folder, string? notOwner) = Split(prefix);
        PrefixNote = notOwner is null ? null
            : $"'{notOwner}' after AWSLogs/ is neither a 12-digit account id nor an organization id (o- and 10 to 32 lowercase letters or digits), so all of {Prefix} was taken as the trail's prefix";
        // Kept, not built on each use: the listing asks for them at every folder it walks.
        AwsLogsPrefix = Prefix + "AWSLogs/";
        FolderPrefix = AwsLogsPrefix + Folder;
    }

    /// <summary>The bucket name.</summary>
    public string Bucket { get; }

    /// <summary>The prefix, empty or ending with <c>/</c>; without the <c>AWSLogs/</c> folder.</summary>
    public string Prefix { get; }

    /// <summary>
    /// When the last <c>AWSLogs</c> folder of the prefix is followed by a name that is neither an
    /// account id (12 digits) nor an organization id, so that the whole prefix was taken as the
    /// trail's (as <c>archive/AWSLogs/old</c> is): a sentence that says so, naming that name; otherwise null.
    /// It is the likely reason when a listing finds no account folder under <see cref="AwsLogsPrefix"/>:
    /// a mistyped account id (<c>s3://bucket/AWSLogs/1111</c>) is read that way.
    /// </summary>
    public string? PrefixNote { get; }

    /// <summary>The key prefix of the AWSLogs folder: <c>PREFIX/AWSLogs/</c>.</summary>
    public string AwsLogsPrefix { get; }

    /// <summary>
    /// The folder under <c>AWSLogs/</c> to read alone (<c>ACCOUNT/</c>, <c>o-ORG/ACCOUNT/CloudTrail/REGION/YYYY/MM/</c>,
    /// ...), ending with <c>/</c>, or the key of one log object there (its name is a CloudTrail log
    /// file's, <c>ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_RANDOM.json.gz</c>), which is read alone;
    /// empty for the whole trail. Folders are whole names: <c>1111</c> is not <c>111122223333</c>.
    /// </summary>
    public string Folder { get; }

    /// <summary>Whether <see cref="Folder"/> is one log object's key rather than a folder.</summary>
    internal bool NamesObject => Folder.Length > 0 && !Folder.EndsWith('/');

    /// <summary>The key prefix of what is read: <see cref="AwsLogsPrefix"/> and <see cref="Folder"/>.</summary>
    public string FolderPrefix { get; }

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

    /// <summary>The address: <c>s3://bucket/prefix</c>, or <c>s3://bucket/prefix/AWSLogs/folder/</c> (or <c>.../object</c>) with a <see cref="Folder"/>.</summary>
    public override string ToString() => "s3://" + Bucket + "/" + (Folder.Length == 0 ? Prefix : FolderPrefix);

    /// <summary>
    /// Whether the folder <paramref name="keyPrefix"/> (ending with <c>/</c>) holds <see cref="FolderPrefix"/>
    /// or is in it: a folder on the way to what is read, or part of it.
    /// </summary>
    internal bool Reaches(string keyPrefix) =>
        keyPrefix.StartsWith(FolderPrefix, StringComparison.Ordinal) || FolderPrefix.StartsWith(keyPrefix, StringComparison.Ordinal);

    /// <summary>What to list of the folder <paramref name="keyPrefix"/>: itself, or <see cref="FolderPrefix"/> when that is in it.</summary>
    internal string Narrowed(string keyPrefix) => FolderPrefix.Length > keyPrefix.Length ? FolderPrefix : keyPrefix;

    // The trail's prefix, and the folder under AWSLogs/ that follows it (s3://bucket/prefix/AWSLogs
    // names the same place as s3://bucket/prefix). Only the last AWSLogs folder can be the layout's,
    // as no account, organization, region or date folder is called so; it is, when nothing follows
    // it or an account's or organization's folder does. Otherwise every AWSLogs folder in the
    // address is the prefix's (a trail's prefix may be archive/AWSLogs/old); the name that followed
    // the last one is returned too, for PrefixNote.
    private static (string Prefix, string Folder, string? NotOwner) Split(string? prefix)
    {
        var trimmed = prefix?.Trim('/') ?? "";
        var parts = trimmed.Length == 0 ? [] : trimmed.Split('/');
        int awsLogs = Array.LastIndexOf(parts, "AWSLogs");
        if (awsLogs < 0) return (Folders(parts), "", null);
        if (awsLogs + 1 < parts.Length && !IsOwnerFolder(parts[awsLogs + 1])) return (Folders(parts), "", parts[awsLogs + 1]);
        var inside = parts[(awsLogs + 1)..];
        // A log object's key (as the S3 console copies it) names that object alone.
        bool logObject = inside.Length > 0 && CloudTrailS3Layout.TryParseName(inside[^1], out _, out _, out _);
        return (Folders(parts[..awsLogs]), logObject ? string.Join('/', inside) : Folders(inside), null);

        static string Folders(string[] names) => names.Length == 0 ? "" : string.Join('/', names) + "/";
        static bool IsOwnerFolder(string name) => CloudTrailS3Layout.IsAccountFolder(name) || CloudTrailS3Layout.IsOrganizationFolder(name);
    }
}
