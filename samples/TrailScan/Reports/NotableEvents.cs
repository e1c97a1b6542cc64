using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using CloudTrailGen;
using TrailScan.Aws;
using TrailScan.Reading;

namespace TrailScan.Reports;

/// <summary>
/// A kind of notable change: the event it is read from (through its generated event class), why
/// an incident responder wants to see it, the MITRE ATT&amp;CK technique it fits (when one does),
/// and how to say what the record changed (null when this record is not notable, say an ACL
/// that grants nothing to the public).
/// </summary>
public sealed class NotableKind
{
    private NotableKind(Type eventType, string service, string eventName, string? technique, string why, Func<CloudTrailRecord, string?> describe)
    {
        EventType = eventType;
        Service = service;
        EventName = eventName;
        Technique = technique;
        Why = why;
        Describe = describe;
    }

    /// <summary>The generated event class.</summary>
    public Type EventType { get; }

    /// <summary>The service id.</summary>
    public string Service { get; }

    /// <summary>The eventName.</summary>
    public string EventName { get; }

    /// <summary>The MITRE ATT&amp;CK technique id (T1562.008), or null when none fits.</summary>
    public string? Technique { get; }

    /// <summary>Why it matters, in a line.</summary>
    public string Why { get; }

    /// <summary>What the record changed, read from its typed request and response; null when the record is not notable.</summary>
    public Func<CloudTrailRecord, string?> Describe { get; }

    /// <summary>A kind read through <typeparamref name="TEvent"/>.</summary>
    internal static NotableKind Of<TEvent>(string service, string eventName, string? technique, string why, Func<TEvent, string?> describe)
        where TEvent : CloudTrailRecord =>
        new(typeof(TEvent), service, eventName, technique, why, record => describe((TEvent)record));
}

/// <summary>
/// Security-relevant changes, each read through its generated event class: the C# a CloudTrail
/// user writes with CloudTrailGen (typed events, their Request and Response members, open enums).
/// <see cref="Kinds"/> is the whole list, kept as data: adding a finding is adding one entry.
/// </summary>
public static class NotableEvents
{
    /// <summary>Every kind of notable change, by service.</summary>
    public static readonly NotableKind[] Kinds =
    [
        // Sign-in
        NotableKind.Of<Aws.SignIn.ConsoleLoginEvent>("signin", "ConsoleLogin", "T1078.004",
            "console sign-in that failed (guessing), by the root user, or without MFA",
            e => e.Response?.ConsoleLogin?.Value switch
            {
                Aws.SignIn.SignInResult.Failure => "console sign-in FAILED",
                _ when e.UserIdentity?.Type?.Value == UserIdentityType.Root => "root user signed in to the console" + (MfaUsed(e) == false ? " WITHOUT MFA" : ""),
                Aws.SignIn.SignInResult.Success when MfaUsed(e) == false && e.UserIdentity?.Type?.Value == UserIdentityType.IAMUser =>
                    $"console sign-in without MFA by IAM user {Or(e.UserIdentity?.UserName)}",
                _ => null,
            }),

        // IAM: identities, credentials, permissions
        NotableKind.Of<Aws.Iam.CreateUserEvent>("iam", "CreateUser", "T1136.003", "a new IAM user is a way back in",
            e => $"created IAM user {Or(e.Request?.UserName)}"),
        NotableKind.Of<Aws.Iam.DeleteUserEvent>("iam", "DeleteUser", "T1531", "removes a user (and who could have seen what it did)",
            e => $"deleted IAM user {Or(e.Request?.UserName)}"),
        NotableKind.Of<Aws.Iam.CreateAccessKeyEvent>("iam", "CreateAccessKey", "T1098.001", "long-term credentials for a user",
            e => $"created access key {Or(e.Response?.AccessKey?.AccessKeyId)} for {Or(e.Request?.UserName ?? RecordFacts.Principal(e.UserIdentity))}"),
        NotableKind.Of<Aws.Iam.CreateLoginProfileEvent>("iam", "CreateLoginProfile", "T1098.001", "gives a user a console password",
            e => $"created a console password for IAM user {Or(e.Request?.UserName)}"),
        NotableKind.Of<Aws.Iam.DeactivateMFADeviceEvent>("iam", "DeactivateMFADevice", "T1556.006", "removes a user's second factor",
            e => $"deactivated MFA device {Or(e.Request?.SerialNumber)} of IAM user {Or(e.Request?.UserName)}"),
        NotableKind.Of<Aws.Iam.CreateRoleEvent>("iam", "CreateRole", "T1098.003", "a new role someone can assume",
            e => $"created role {Or(e.Request?.RoleName)}"),
        NotableKind.Of<Aws.Iam.UpdateAssumeRolePolicyEvent>("iam", "UpdateAssumeRolePolicy", "T1098.003", "changes who may assume a role",
            e => $"changed who may assume role {Or(e.Request?.RoleName)}"),
        NotableKind.Of<Aws.Iam.AttachRolePolicyEvent>("iam", "AttachRolePolicy", "T1098.003", "grants a role permissions",
            e => $"attached {Or(e.Request?.PolicyArn)} to role {Or(e.Request?.RoleName)}"),
        NotableKind.Of<Aws.Iam.AttachUserPolicyEvent>("iam", "AttachUserPolicy", "T1098.003", "grants a user permissions",
            e => $"attached {Or(e.Request?.PolicyArn)} to user {Or(e.Request?.UserName)}"),
        NotableKind.Of<Aws.Iam.AttachGroupPolicyEvent>("iam", "AttachGroupPolicy", "T1098.003", "grants every user of a group permissions",
            e => $"attached {Or(e.Request?.PolicyArn)} to group {Or(e.Request?.GroupName)}"),
        NotableKind.Of<Aws.Iam.DetachRolePolicyEvent>("iam", "DetachRolePolicy", "T1098", "changes what a role may do",
            e => $"detached {Or(e.Request?.PolicyArn)} from role {Or(e.Request?.RoleName)}"),
        NotableKind.Of<Aws.Iam.PutRolePolicyEvent>("iam", "PutRolePolicy", "T1098.003", "an inline policy on a role: permissions no managed policy shows",
            e => $"put inline policy {Or(e.Request?.PolicyName)} on role {Or(e.Request?.RoleName)}"),
        NotableKind.Of<Aws.Iam.PutUserPolicyEvent>("iam", "PutUserPolicy", "T1098.003", "an inline policy on a user: permissions no managed policy shows",
            e => $"put inline policy {Or(e.Request?.PolicyName)} on user {Or(e.Request?.UserName)}"),
        NotableKind.Of<Aws.Iam.CreatePolicyEvent>("iam", "CreatePolicy", null, "a new managed policy, ready to attach",
            e => $"created policy {Or(e.Request?.PolicyName)}"),

        // Logging and detection turned off
        NotableKind.Of<Aws.CloudTrail.StopLoggingEvent>("cloudtrail", "StopLogging", "T1562.008", "the trail stops recording",
            e => $"STOPPED logging of trail {Or(e.Request?.Name)}"),
        NotableKind.Of<Aws.CloudTrail.DeleteTrailEvent>("cloudtrail", "DeleteTrail", "T1562.008", "the trail is gone",
            e => $"deleted trail {Or(e.Request?.Name)}"),
        NotableKind.Of<Aws.CloudTrail.UpdateTrailEvent>("cloudtrail", "UpdateTrail", "T1562.008", "what the trail records, or where, changed",
            e => $"updated trail {Or(e.Request?.Name)}"),
        NotableKind.Of<Aws.GuardDuty.DeleteDetectorEvent>("guardduty", "DeleteDetector", "T1562.001", "GuardDuty stops looking",
            e => $"deleted GuardDuty detector {Or(e.Request?.DetectorId)}"),
        NotableKind.Of<Aws.ConfigService.StopConfigurationRecorderEvent>("config", "StopConfigurationRecorder", "T1562.008", "AWS Config stops recording changes",
            e => $"STOPPED configuration recorder {Or(e.Request?.ConfigurationRecorderName)}"),
        NotableKind.Of<Aws.Ec2.DeleteFlowLogsEvent>("ec2", "DeleteFlowLogs", "T1562.008", "network traffic is no longer logged",
            e => $"deleted flow logs {FlowLogIds(e)}"),
        NotableKind.Of<Aws.Organizations.LeaveOrganizationEvent>("organizations", "LeaveOrganization", "T1666", "the account leaves the organization's controls (SCPs, its trail)",
            e => "the account LEFT its organization"),

        // Keys
        NotableKind.Of<Aws.Kms.ScheduleKeyDeletionEvent>("kms", "ScheduleKeyDeletion", "T1485", "data encrypted under the key becomes unreadable",
            e => $"scheduled deletion of key {Or(e.Request?.KeyId)} in {e.Request?.PendingWindowInDays?.ToString(CultureInfo.InvariantCulture) ?? "30"} days"),
        NotableKind.Of<Aws.Kms.DisableKeyEvent>("kms", "DisableKey", "T1485", "data encrypted under the key cannot be read while it is disabled",
            e => $"disabled key {Or(e.Request?.KeyId)}"),
        NotableKind.Of<Aws.Kms.PutKeyPolicyEvent>("kms", "PutKeyPolicy", null, "changes who may use or manage the key",
            e => PublicPolicy(e.Request?.Policy) is { } grant
                ? $"made key {Or(e.Request?.KeyId)} PUBLIC ({grant})"
                : $"changed the policy of key {Or(e.Request?.KeyId)}"),

        // Data opened to others
        NotableKind.Of<Aws.S3.PutBucketPolicyEvent>("s3", "PutBucketPolicy", "T1530", "changes who may read or write the bucket",
            e => PublicPolicy(e.Request?.BucketPolicy) is { } grant
                ? $"made bucket {Or(e.Request?.BucketName)} PUBLIC ({grant})"
                : $"changed the policy of bucket {Or(e.Request?.BucketName)}"),
        NotableKind.Of<Aws.S3.PutBucketPublicAccessBlockEvent>("s3", "PutBucketPublicAccessBlock", "T1530", "the bucket's guard against public access changed",
            e => $"changed public access block of bucket {Or(e.Request?.BucketName)}"),
        NotableKind.Of<Aws.S3.DeleteBucketPublicAccessBlockEvent>("s3", "DeleteBucketPublicAccessBlock", "T1530", "the bucket's guard against public access is gone",
            e => $"REMOVED public access block of bucket {Or(e.Request?.BucketName)}"),
        NotableKind.Of<Aws.S3.PutBucketAclEvent>("s3", "PutBucketAcl", "T1530", "an ACL that grants everyone (or every AWS account) access",
            e => PublicGrant(e) is { } grant ? $"made bucket {Or(e.Request?.BucketName)} PUBLIC ({grant})" : null),
        NotableKind.Of<Aws.S3.DeleteBucketEvent>("s3", "DeleteBucket", "T1485", "the bucket and what it held are gone",
            e => $"deleted bucket {Or(e.Request?.BucketName)}"),
        NotableKind.Of<Aws.Ec2.ModifySnapshotAttributeEvent>("ec2", "ModifySnapshotAttribute", "T1537", "a disk snapshot shared with the public or another account",
            SnapshotShared),

        // Network and functions opened
        NotableKind.Of<Aws.Ec2.AuthorizeSecurityGroupIngressEvent>("ec2", "AuthorizeSecurityGroupIngress", "T1562.007", "opens a firewall to inbound traffic",
            e => $"opened ingress on {Or(e.Request?.GroupId ?? e.Request?.GroupName)}"),
        NotableKind.Of<Aws.Lambda.AddPermissionEvent>("lambda", "AddPermission", null, "lets another principal call a function",
            e => $"allowed {Or(e.Request?.Principal)} to call function {Or(e.Request?.FunctionName)}"),
    ];

    private static readonly Dictionary<Type, NotableKind> s_byType = ByType();

    /// <summary>What the root user does, when no kind above says more (T1078.004: the root user is rarely who should act).</summary>
    public const string RootTechnique = "T1078.004";

    /// <summary>The kind of notable change the record is, and a line about it; null when it is not notable.</summary>
    public static (NotableKind? Kind, string Detail)? Find(CloudTrailRecord record)
    {
        string? failed = string.IsNullOrEmpty(record.ErrorCode) ? null : $" (failed: {record.ErrorCode})";
        NotableKind? kind = s_byType.GetValueOrDefault(record.GetType());
        string? detail = kind?.Describe(record);
        if (detail is null && record.UserIdentity?.Type?.Value == UserIdentityType.Root)
        {
            return (null, "root user activity" + failed);
        }
        return detail is null ? null : (kind, detail + failed);
    }

    /// <summary>Whether the caller is the root user, as <see cref="Find"/> tells from the typed record (the enum ignores ASCII case).</summary>
    public static bool MayBeRoot(RecordFields record) =>
        record.View is null || System.Text.Ascii.EqualsIgnoreCase(record.Get(CloudTrailRecordField.UserIdentityType), "Root"u8);

    /// <summary>
    /// Whether records of <paramref name="schema"/>'s event (the event an eventSource and eventName,
    /// or an alias of it, are read as) may be notable changes: <see cref="Kinds"/> has an event
    /// of its name. Only such records (and the root user's) need their typed record read.
    /// </summary>
    public static bool IsKindEvent(CloudTrailEventSchema? schema) => schema is not null && s_names.Contains(schema.Name);

    private static readonly HashSet<string> s_names = EventNames();

    private static HashSet<string> EventNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in Kinds) names.Add(kind.EventName);
        return names;
    }

    /// <summary>A line about the record when it is a notable change, or null.</summary>
    public static string? Describe(CloudTrailRecord record) => Find(record)?.Detail;

    private static Dictionary<Type, NotableKind> ByType()
    {
        var byType = new Dictionary<Type, NotableKind>();
        foreach (var kind in Kinds) byType.Add(kind.EventType, kind);
        return byType;
    }

    private static string Or(string? value) => string.IsNullOrEmpty(value) ? "-" : value;

    /// <summary>additionalEventData.MFAUsed of a console sign-in: true, false, or null when not logged.</summary>
    private static bool? MfaUsed(CloudTrailRecord record)
    {
        if (record.AdditionalEventData is not { } data || data.ValueKind != JsonValueKind.Object) return null;
        var element = data.ToJsonElement();
        if (!element.TryGetProperty("MFAUsed", out var used) || used.ValueKind != JsonValueKind.String) return null;
        return string.Equals(used.GetString(), "Yes", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The flow logs a DeleteFlowLogs removes: from the typed flowLogSet, or where records put
    /// them as EC2 logs newer operations (DeleteFlowLogsRequest.FlowLogId, converted from XML) or
    /// older ones did (flowLogId: [...], which the catalog does not describe).
    /// </summary>
    private static string FlowLogIds(Aws.Ec2.DeleteFlowLogsEvent e)
    {
        var ids = new List<string>();
        foreach (var item in e.Request?.FlowLogSet?.Items ?? [])
        {
            if (item?.FlowLogId is { Length: > 0 } id) ids.Add(id);
        }
        if (ids.Count == 0 && e.Request?.DeleteFlowLogsRequestValue is { } converted) Strings(converted.ToJsonElement(), "FlowLogId", ids);
        if (ids.Count == 0 && e.Request is { } request && request.TryGetRawValue("flowLogId", out var listed)) Strings(listed.ToJsonElement(), null, ids);
        return ids.Count == 0 ? "-" : string.Join(", ", ids);
    }

    /// <summary>
    /// The strings under <paramref name="key"/> (anywhere in <paramref name="json"/>; the whole of
    /// it when null): strings, arrays of them, and the "content" of the objects XML becomes.
    /// </summary>
    private static void Strings(JsonElement json, string? key, List<string> into)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String when key is null:
                if (json.GetString() is { Length: > 0 } text) into.Add(text);
                break;
            case JsonValueKind.Array:
                foreach (var item in json.EnumerateArray()) Strings(item, key, into);
                break;
            case JsonValueKind.Object:
                foreach (var property in json.EnumerateObject())
                {
                    if (key is null && property.NameEquals("content")) Strings(property.Value, null, into);
                    else if (key is not null && property.NameEquals(key)) Strings(property.Value, null, into);
                    else if (key is not null) Strings(property.Value, key, into);
                }
                break;
        }
    }

    // The grantee URIs that mean everyone, and every AWS account.
    private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
    private const string AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    private static readonly string[] s_publicCannedAcls = ["public-read-write", "public-read", "authenticated-read"];

    /// <summary>
    /// What an ACL grants the public (a canned ACL, a grant to AllUsers or AuthenticatedUsers), or
    /// null. Read from the typed request; where a value did not fit its type (records log the
    /// canned ACL as ["public-read"], and the grants as {"Grant":[...]}), from the value as read.
    /// </summary>
    private static string? PublicGrant(Aws.S3.PutBucketAclEvent e)
    {
        var request = e.Request;
        if (request is null) return null;
        if (request.XAmzAcl?.Raw is { } canned && Array.IndexOf(s_publicCannedAcls, canned) >= 0) return canned;
        if (request.TryGetRawValue("x-amz-acl", out var cannedAsRead))
        {
            var values = new List<string>();
            Strings(cannedAsRead.ToJsonElement(), null, values);
            foreach (string value in values)
            {
                if (Array.IndexOf(s_publicCannedAcls, value) >= 0) return value;
            }
        }
        foreach (var grant in request.AccessControlPolicy?.AccessControlList ?? [])
        {
            if (Grantee(grant?.Grantee?.Uri) is { } who) return $"{Or(grant!.Permission?.Raw)} to {who}";
        }
        RawJson grants = default;
        if (request.AccessControlPolicy is { } policy && policy.TryGetRawValue("AccessControlList", out grants) || request.TryGetRawValue("AccessControlPolicy", out grants))
        {
            if (PublicGrantAsRead(grants.ToJsonElement()) is { } found) return found;
        }
        foreach (var (permission, value) in new[] { ("READ", request.XAmzGrantRead), ("WRITE", request.XAmzGrantWrite), ("READ_ACP", request.XAmzGrantReadAcp), ("WRITE_ACP", request.XAmzGrantWriteAcp), ("FULL_CONTROL", request.XAmzGrantFullControl) })
        {
            if (value is null) continue;
            if (value.Contains("AllUsers", StringComparison.OrdinalIgnoreCase)) return $"{permission} to everyone";
            if (value.Contains("AuthenticatedUsers", StringComparison.OrdinalIgnoreCase)) return $"{permission} to every AWS account";
        }
        return null;
    }

    /// <summary>
    /// What a resource policy lets everyone do: "policy lets everyone s3:GetObject", with "under a
    /// condition" when the statement has one (a condition may narrow it to an organization or an
    /// address, which this does not judge); null when no statement allows the principal "*" (or
    /// {"AWS":"*"}). The policy as logged: an object, or a string holding one.
    /// </summary>
    internal static string? PublicPolicy(RawJson? policy)
    {
        if (policy is not { } raw) return null;
        JsonElement document = raw.ToJsonElement();
        if (document.ValueKind != JsonValueKind.String) return PublicStatement(document);
        try
        {
            using var inner = JsonDocument.Parse(document.GetString()!);
            return PublicStatement(inner.RootElement);
        }
        catch (JsonException)
        {
            return null; // a policy string that is not JSON grants nothing that can be read
        }
    }

    /// <summary>As <see cref="PublicPolicy"/>, for the policy document itself.</summary>
    private static string? PublicStatement(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("Statement", out var statements)) return null;
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToArray() : [statements])
        {
            if (statement.ValueKind != JsonValueKind.Object
                || !statement.TryGetProperty("Effect", out var effect) || effect.ValueKind != JsonValueKind.String || effect.GetString() != "Allow"
                || !statement.TryGetProperty("Principal", out var principal) || !IsEveryone(principal))
            {
                continue;
            }
            var actions = new List<string>();
            if (statement.TryGetProperty("Action", out var action)) Strings(action, null, actions);
            string what = actions.Count == 0 ? "anything" : string.Join(", ", actions);
            return $"policy lets everyone {what}{(statement.TryGetProperty("Condition", out _) ? " under a condition" : "")}";
        }
        return null;

        // "*", {"AWS":"*"} or {"AWS":["*", ...]}.
        static bool IsEveryone(JsonElement principal) => principal.ValueKind switch
        {
            JsonValueKind.String => principal.GetString() == "*",
            JsonValueKind.Object => principal.TryGetProperty("AWS", out var aws) && (aws.ValueKind == JsonValueKind.String ? aws.GetString() == "*"
                : aws.ValueKind == JsonValueKind.Array && aws.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == "*")),
            _ => false,
        };
    }

    private static string? Grantee(string? uri) =>
        string.Equals(uri, AllUsers, StringComparison.OrdinalIgnoreCase) ? "everyone"
        : string.Equals(uri, AuthenticatedUsers, StringComparison.OrdinalIgnoreCase) ? "every AWS account"
        : null;

    /// <summary>A public grant in grants as read ({"Grant":[{"Grantee":{"URI":...},"Permission":...}]}, at any depth).</summary>
    private static string? PublicGrantAsRead(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in json.EnumerateArray())
                {
                    if (PublicGrantAsRead(item) is { } found) return found;
                }
                break;
            case JsonValueKind.Object:
                if (json.TryGetProperty("Grantee", out var grantee) && grantee.ValueKind == JsonValueKind.Object
                    && grantee.TryGetProperty("URI", out var uri) && uri.ValueKind == JsonValueKind.String && Grantee(uri.GetString()) is { } who)
                {
                    string permission = json.TryGetProperty("Permission", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? "-" : "-";
                    return $"{permission} to {who}";
                }
                foreach (var property in json.EnumerateObject())
                {
                    if (PublicGrantAsRead(property.Value) is { } found) return found;
                }
                break;
        }
        return null;
    }

    /// <summary>"made snapshot snap-1 PUBLIC", "shared snapshot snap-1 with account 444455556666", or null when nothing is added.</summary>
    private static string? SnapshotShared(Aws.Ec2.ModifySnapshotAttributeEvent e)
    {
        var added = e.Request?.CreateVolumePermission?.Add?.Items;
        if (added is null) return null;
        var accounts = new List<string>();
        foreach (var permission in added)
        {
            if (permission is null) continue;
            if (string.Equals(permission.Group?.Raw, "all", StringComparison.OrdinalIgnoreCase)) return $"made snapshot {Or(e.Request?.SnapshotId)} PUBLIC";
            if (permission.UserId is { Length: > 0 } account) accounts.Add(account);
        }
        return accounts.Count == 0 ? null : $"shared snapshot {Or(e.Request?.SnapshotId)} with account {string.Join(", ", accounts)}";
    }
}
