using System;
using System.Globalization;
using System.Text;
using CloudTrailGen;
using TrailScan.Aws;

namespace TrailScan.Reading;

/// <summary>
/// The facts about a record that summaries and filters use: read from the typed envelope, or from
/// a record view's fields (<see cref="RecordFields"/>) with the same result, the typed record
/// being read only where the view's fields cannot tell (an Insights record, a value that may not
/// be a CloudTrail record, a userIdentity without any field the view reads).
/// </summary>
public static class RecordFacts
{
    /// <summary>"s3" for s3.amazonaws.com; "-" when absent. Insights records give the service they are about.</summary>
    public static string Service(CloudTrailRecord record) => ServiceId(EventSource(record));

    /// <summary>The eventSource (of the API the Insight is about, for Insights records).</summary>
    public static string? EventSource(CloudTrailRecord record) =>
        record.InsightDetails is { } insight ? insight.EventSource : record.EventSource;

    /// <summary>The eventName (of the API the Insight is about, for Insights records).</summary>
    public static string? EventName(CloudTrailRecord record) =>
        record.InsightDetails is { } insight ? insight.EventName : record.EventName;

    /// <summary>"s3" for s3.amazonaws.com.</summary>
    public static string ServiceId(string? eventSource)
    {
        if (string.IsNullOrEmpty(eventSource)) return "-";
        int dot = eventSource.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? eventSource[..dot] : eventSource;
    }

    /// <summary>The eventCategory as logged, "Insight" for Insights records that do not say, "-" when absent.</summary>
    public static string Category(CloudTrailRecord record) =>
        record.EventCategory is { } category ? category.Raw
        : record.InsightDetails is not null ? "Insight"
        : "-";

    /// <summary>
    /// Whether the JSON value read is a CloudTrail record at all (the generated
    /// <c>IsCloudTrailRecord</c>): it names its API (eventName or eventSource) or is an Insights
    /// record, and carries another field every record has (eventVersion, eventTime, eventID,
    /// awsRegion or userIdentity). {"foo":"bar"}, an AWS Config snapshot or a GuardDuty finding is not.
    /// </summary>
    public static bool IsCloudTrail(CloudTrailRecord record) => record.IsCloudTrailRecord;

    /// <summary>
    /// Whether the record is an Insights record (it has insightDetails, whatever else it carries).
    /// Every command counts it the same way: not as a call of the service it is about (not in the
    /// services, events or principals tables, nor a typed event), but as eventCategory Insight.
    /// </summary>
    public static bool IsInsight(CloudTrailRecord record) => record.InsightDetails is not null;

    /// <summary>The userIdentity type as logged, or "-".</summary>
    public static string IdentityType(CloudTrailRecord record) => record.UserIdentity?.Type?.Raw is { Length: > 0 } type ? type : "-";

    /// <summary>
    /// Who made the call, for people: the user name; "Role/session" for an assumed role; the
    /// service for AWS services; "root" for the root user; the account for another account.
    /// </summary>
    public static string Principal(UserIdentity? who)
    {
        if (who is null) return "-";
        if (who.Type?.Value == UserIdentityType.Root) return "root";
        if (who.UserName is { Length: > 0 } user) return user;
        if (AssumedRoleSession(who.Arn) is { } session) return session;
        if (who.SessionContext?.SessionIssuer?.UserName is { Length: > 0 } issuer) return issuer;
        if (who.InvokedBy is { Length: > 0 } service) return service;
        if (who.Type?.Value == UserIdentityType.AWSAccount && who.AccountId is { Length: > 0 } account) return account;
        if (who.PrincipalId is { Length: > 0 } principal) return principal;
        return who.Arn is { Length: > 0 } arn ? arn : "-";
    }

    /// <summary>
    /// A principal as tables show it: IAM Identity Center's role names
    /// (AWSReservedSSO_AdministratorAccess_0123456789abcdef) shortened to "SSO:AdministratorAccess".
    /// </summary>
    public static string Display(string principal)
    {
        const string Prefix = "AWSReservedSSO_";
        if (!principal.StartsWith(Prefix, StringComparison.Ordinal)) return principal;
        int slash = principal.IndexOf('/', StringComparison.Ordinal);
        string role = slash < 0 ? principal : principal[..slash];
        int hash = role.LastIndexOf('_');
        string permissionSet = hash > Prefix.Length ? role[Prefix.Length..hash] : role[Prefix.Length..];
        return $"SSO:{permissionSet}{(slash < 0 ? "" : principal[slash..])}";
    }

    /// <summary>"Admin/alice" for arn:aws:sts::111122223333:assumed-role/Admin/alice.</summary>
    public static string? AssumedRoleSession(string? arn)
    {
        const string Marker = ":assumed-role/";
        int at = arn?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : arn![(at + Marker.Length)..];
    }

    /// <summary>Whether the record is about <paramref name="principal"/>: an ARN (the caller's, or the role it assumed), or a name.</summary>
    public static bool MatchesPrincipal(UserIdentity? who, string principal)
    {
        if (who is null) return false;
        if (principal.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
        {
            return Same(who.Arn, principal)
                || Same(who.SessionContext?.SessionIssuer?.Arn, principal)
                || (who.Arn is { } arn && arn.StartsWith(principal + "/", StringComparison.OrdinalIgnoreCase));
        }
        string shown = Principal(who);
        string? session = LastSegment(AssumedRoleSession(who.Arn) is { } assumed ? "/" + assumed : null);
        return Same(shown, principal)
            || Same(Display(shown), principal) // as the tables show it: SSO:AdministratorAccess/alice@example.com
            || Same(session, principal)
            || (session is not null && session.IndexOf('@') > 0 && Same(session[..session.IndexOf('@')], principal)) // alice for alice@example.com
            || Same(BeforeColon(who.PrincipalId), principal) // the role id: AROA... of AROA...:session
            || Same(who.SessionContext?.SessionIssuer?.PrincipalId, principal)
            || Same(who.UserName, principal)
            || Same(who.SessionContext?.SessionIssuer?.UserName, principal)
            || Same(who.PrincipalId, principal)
            || Same(who.AccessKeyId, principal)
            || Same(who.InvokedBy, principal)
            || Same(LastSegment(who.Arn), principal);
    }

    /// <summary>As <see cref="IsCloudTrail(CloudTrailRecord)"/>, from the view's fields where they tell.</summary>
    public static bool IsCloudTrail(RecordFields record)
    {
        if (record.View is null) return IsCloudTrail(record.Record);
        bool names = record.HasText(CloudTrailRecordField.EventName) || record.HasText(CloudTrailRecordField.EventSource) || record.IsInsight;
        // The view does not read eventVersion, and cannot tell userIdentity {} from null: values
        // that are not plainly records (rare) are read whole to tell.
        if (names && (record.EventTime is not null || record.HasText(CloudTrailRecordField.EventId) || record.HasText(CloudTrailRecordField.AwsRegion) || record.HasIdentityField()))
        {
            return true;
        }
        return IsCloudTrail(record.Record);
    }

    /// <summary>As <see cref="Principal(UserIdentity?)"/>, from the view's fields.</summary>
    public static string Principal(RecordFields record)
    {
        if (record.View is null || !record.HasIdentityField()) return Principal(record.Record.UserIdentity);
        return Encoding.UTF8.GetString(PrincipalUtf8(record.View));
    }

    /// <summary>
    /// As <see cref="Principal(RecordFields)"/>, as UTF-8 without allocating: the view's
    /// <see cref="CloudTrailRecordView.TryGetPrincipalUtf8"/>, or "-". Only for a view whose
    /// userIdentity has a field it reads.
    /// </summary>
    private static ReadOnlySpan<byte> PrincipalUtf8(CloudTrailRecordView view) =>
        view.TryGetPrincipalUtf8(out var principal) ? principal : "-"u8;

    /// <summary>
    /// Appends <c>IdentityType + "\t" + Principal + "\t" + userIdentity.accountId</c> of a view's record to <paramref name="key"/>
    /// (the summary's principals key), without allocating; false when the typed record must say.
    /// </summary>
    internal static bool TryAppendPrincipalKey(RecordFields record, CharBuffer key)
    {
        if (record.View is null || !record.HasIdentityField()) return false;
        var type = record.Get(CloudTrailRecordField.UserIdentityType);
        if (type.IsEmpty) key.Append('-');
        else key.Append(type);
        key.Append('\t');
        key.Append(PrincipalUtf8(record.View));
        key.Append('\t');
        var account = record.Get(CloudTrailRecordField.UserIdentityAccountId);
        if (account.IsEmpty) key.Append('-');
        else key.Append(account);
        return true;
    }

    /// <summary>The summary's principals key of a typed record: as <see cref="TryAppendPrincipalKey"/> makes it from a view.</summary>
    internal static string PrincipalKey(CloudTrailRecord record) =>
        $"{IdentityType(record)}\t{Principal(record.UserIdentity)}\t{(record.UserIdentity?.AccountId is { Length: > 0 } account ? account : "-")}";

    /// <summary>
    /// As <see cref="MatchesPrincipal(UserIdentity?, string)"/>, from the view's fields (through
    /// <see cref="RecordFilter.PrincipalFilter"/>, made anew on each call: to test many records,
    /// make a <see cref="RecordFilter"/> with <see cref="RecordFilter.Principal"/> once).
    /// </summary>
    public static bool MatchesPrincipal(RecordFields record, string principal)
    {
        if (record.View is null || !record.HasIdentityField()) return MatchesPrincipal(record.Record.UserIdentity, principal);
        return RecordFilter.PrincipalFilter(principal).Matches(record.View);
    }

    /// <summary>An ISO-8601 UTC time to the second, or "-".</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    private static string? BeforeColon(string? id)
    {
        int colon = id?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 ? id![..colon] : null;
    }

    private static string? LastSegment(string? arn)
    {
        if (arn is null) return null;
        int slash = arn.LastIndexOf('/');
        return slash >= 0 ? arn[(slash + 1)..] : null;
    }

    private static bool Same(string? a, string b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
