using System;
using System.Collections.Generic;
using CloudTrailGen;
using TrailScan.Aws;

namespace TrailScan.Reading;

/// <summary>
/// Which records a command looks at. Each option narrows: a record passes when it matches every
/// option given, and any one of the values of a repeated option; and none of the values of the
/// --not- options (--not-service, --not-event, --not-principal, --not-ip, --not-region, --not-account).
/// </summary>
public sealed class RecordFilter
{
    /// <summary>Service ids (<c>s3</c>) or eventSources (<c>s3.amazonaws.com</c>).</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>eventNames.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>An eventCategory: Management, Data, Insight or NetworkActivity.</summary>
    public string? Category { get; init; }

    /// <summary>Only records with an errorCode.</summary>
    public bool ErrorsOnly { get; init; }

    /// <summary>An ARN (the caller's, or the role it assumed) or a name (user, role, session, access key, service).</summary>
    public string? Principal { get; init; }

    /// <summary>Records at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Records before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Source addresses (<c>203.0.113.7</c>), CIDR blocks (<c>203.0.113.0/24</c>), or sourceIPAddress values that are not addresses (<c>lambda.amazonaws.com</c>).</summary>
    public IReadOnlyList<string> Ips { get; init; } = [];

    /// <summary>awsRegions.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Account ids: the recipientAccountId (whose log it is, the account the summary counts by; a trail's folder).</summary>
    public IReadOnlyList<string> Accounts { get; init; } = [];

    /// <summary>ARNs: a resource of the record (resources[].ARN, itself or under it), or an ARN in its requestParameters.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Services none of whose records pass (<c>--not-service</c>).</summary>
    public IReadOnlyList<string> NotServices { get; init; } = [];

    /// <summary>eventNames whose calls do not pass (<c>--not-event</c>).</summary>
    public IReadOnlyList<string> NotEvents { get; init; } = [];

    /// <summary>Principals whose calls do not pass (<c>--not-principal</c>).</summary>
    public IReadOnlyList<string> NotPrincipals { get; init; } = [];

    /// <summary>Source addresses or CIDR blocks that do not pass (<c>--not-ip</c>).</summary>
    public IReadOnlyList<string> NotIps { get; init; } = [];

    /// <summary>awsRegions that do not pass (<c>--not-region</c>).</summary>
    public IReadOnlyList<string> NotRegions { get; init; } = [];

    /// <summary>Accounts that do not pass (<c>--not-account</c>).</summary>
    public IReadOnlyList<string> NotAccounts { get; init; } = [];

    /// <summary>Whether --category Insight is given: then --service and --event match Insights records by the API they are about.</summary>
    public bool AsksForInsights => string.Equals(Category, "Insight", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the filter lets every record through.</summary>
    public bool IsEmpty => Describe().Count == 0;

    /// <summary>The filters given, as options ("--service iam", "--errors"), for the summary to say what it counted.</summary>
    public List<string> Describe()
    {
        var parts = new List<string>();
        foreach (string service in Services) parts.Add($"--service {service}");
        foreach (string name in Events) parts.Add($"--event {name}");
        if (Category is not null) parts.Add($"--category {Category}");
        if (ErrorsOnly) parts.Add("--errors");
        if (Principal is not null) parts.Add($"--principal {Principal}");
        if (Since is { } since) parts.Add($"--since {RecordFacts.Time(since)}");
        if (Until is { } until) parts.Add($"--until {RecordFacts.Time(until)}");
        foreach (string ip in Ips) parts.Add($"--ip {ip}");
        foreach (string region in Regions) parts.Add($"--region {region}");
        foreach (string account in Accounts) parts.Add($"--account {account}");
        foreach (string resource in Resources) parts.Add($"--resource {resource}");
        foreach (string service in NotServices) parts.Add($"--not-service {service}");
        foreach (string name in NotEvents) parts.Add($"--not-event {name}");
        foreach (string principal in NotPrincipals) parts.Add($"--not-principal {principal}");
        foreach (string ip in NotIps) parts.Add($"--not-ip {ip}");
        foreach (string region in NotRegions) parts.Add($"--not-region {region}");
        foreach (string account in NotAccounts) parts.Add($"--not-account {account}");
        return parts;
    }

    /// <summary>
    /// What is wrong with the filter, for a usage error: a service the catalog does not have, an
    /// eventName none of the services trailscan types has when it looks like one of theirs (or
    /// when only typed services are asked for), a time range that is empty.
    /// </summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        CheckServices("--service", Services, problems);
        CheckServices("--not-service", NotServices, problems);
        CheckEvents("--event", Events, Services, problems);
        CheckEvents("--not-event", NotEvents, [], problems);
        foreach (var (option, values) in new[] { ("--ip", Ips), ("--not-ip", NotIps) })
        {
            foreach (string ip in values)
            {
                if (ip.Contains('/') && !System.Net.IPNetwork.TryParse(ip, out _)) problems.Add($"{option} {ip}: not an address block (CIDR, such as 203.0.113.0/24 or 2001:db8::/32)");
            }
        }
        foreach (var (option, values) in new[] { ("--region", Regions), ("--not-region", NotRegions) })
        {
            foreach (string region in values)
            {
                if (!LooksLikeRegion(region)) problems.Add($"{option} {region}: not a region name (such as us-east-1 or eu-west-3)");
            }
        }
        foreach (var (option, values) in new[] { ("--account", Accounts), ("--not-account", NotAccounts) })
        {
            foreach (string account in values)
            {
                if (account.Length != 12 || !IsDigits(account)) problems.Add($"{option} {account}: not an account id (12 digits)");
            }
        }
        foreach (string resource in Resources)
        {
            if (!resource.StartsWith("arn:", StringComparison.Ordinal)) problems.Add($"--resource {resource}: not an ARN (arn:aws:...)");
        }
        if (Since is { } since && Until is { } until && since >= until)
        {
            problems.Add($"--since {RecordFacts.Time(since)} is not before --until {RecordFacts.Time(until)}: no record can match");
        }
        return problems;
    }

    private static void CheckServices(string option, IReadOnlyList<string> services, List<string> problems)
    {
        foreach (string service in services)
        {
            if (CatalogIndex.IsService(service)) continue;
            var near = CatalogIndex.Closest(RecordFacts.ServiceId(service), CatalogIndex.ServiceIds);
            problems.Add($"{option} {service}: no such service in the catalog{DidYouMean(near)}");
        }
    }

    private static void CheckEvents(string option, IReadOnlyList<string> events, IReadOnlyList<string> services, List<string> problems)
    {
        bool onlyTyped = services.Count > 0 && AllTyped(services);
        bool someUntyped = services.Count > 0 && !onlyTyped;
        foreach (string name in events)
        {
            if (someUntyped) break; // the events of a service trailscan does not type are not known by name
            if (CatalogIndex.TypedEvents.Count == 0 || CatalogIndex.TypedEvents.Contains(name)) continue;
            var near = CatalogIndex.Closest(name, CatalogIndex.TypedEvents);
            // An eventName of a service trailscan does not type cannot be checked: only one that
            // looks like a misspelt known name (or asked of typed services only) is refused.
            if (near.Count > 0 || onlyTyped)
            {
                problems.Add($"{option} {name}: no such eventName in the services trailscan types{DidYouMean(near)}");
            }
        }
    }

    /// <summary>us-east-1, eu-west-3, us-gov-west-1, cn-north-1, ap-southeast-5: letters, dashes, a number at the end.</summary>
    private static bool LooksLikeRegion(string region)
    {
        string[] parts = region.Split('-');
        if (parts.Length < 3 || !IsDigits(parts[^1])) return false;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i].Length == 0) return false;
            foreach (char c in parts[i])
            {
                if (c is < 'a' or > 'z') return false;
            }
        }
        return true;
    }

    private static bool IsDigits(string text)
    {
        if (text.Length == 0) return false;
        foreach (char c in text)
        {
            if (c is < '0' or > '9') return false;
        }
        return true;
    }

    private static bool AllTyped(IReadOnlyList<string> services)
    {
        foreach (string service in services)
        {
            if (!CatalogIndex.IsTypedService(service)) return false;
        }
        return true;
    }

    private static string DidYouMean(List<string> near) => near.Count switch
    {
        0 => "",
        1 => $"; did you mean {near[0]}?",
        _ => $"; did you mean {string.Join(", ", near.GetRange(0, near.Count - 1))} or {near[^1]}?",
    };

    /// <summary>
    /// Whether the record passes, as <see cref="Matches(CloudTrailRecord)"/> says, tested on its
    /// view by <see cref="ViewFilter"/>: the typed record is read only for an Insights record
    /// (matched by the API it is about), for --resource (resources and requestParameters), and
    /// for a principal when the view's fields cannot tell (a userIdentity without any field it reads).
    /// </summary>
    public bool Matches(RecordFields record)
    {
        if (record.View is not { } view || record.IsInsight) return Matches(record.Record);
        if ((Principal is not null || NotPrincipals.Count > 0) && !record.HasIdentityField()) return Matches(record.Record);
        if (!ViewFilter.Matches(view)) return false;
        if (Resources.Count > 0 && !MatchesResource(record.Record)) return false;
        return true;
    }

    /// <summary>
    /// Every option but --resource as one <see cref="CloudTrailFilter"/> on record views (made on
    /// first use; it keeps nothing per record, so threads may share it).
    /// </summary>
    public CloudTrailFilter ViewFilter => _viewFilter ??= BuildViewFilter();

    private CloudTrailFilter? _viewFilter;

    private CloudTrailFilter BuildViewFilter()
    {
        var filters = new List<CloudTrailFilter>();
        if (Services.Count > 0) filters.Add(CloudTrailFilter.Service(Aws.CloudTrailLog.Schema, [.. Services]));
        if (NotServices.Count > 0) filters.Add(CloudTrailFilter.Service(Aws.CloudTrailLog.Schema, [.. NotServices]).Not());
        if (Events.Count > 0) filters.Add(CloudTrailFilter.EventName([.. Events]));
        if (NotEvents.Count > 0) filters.Add(CloudTrailFilter.EventName([.. NotEvents]).Not());
        if (Ips.Count > 0) filters.Add(CloudTrailFilter.SourceIp([.. Ips]));
        if (NotIps.Count > 0) filters.Add(CloudTrailFilter.SourceIp([.. NotIps]).Not());
        if (Regions.Count > 0) filters.Add(CloudTrailFilter.Region([.. Regions]));
        if (NotRegions.Count > 0) filters.Add(CloudTrailFilter.Region([.. NotRegions]).Not());
        if (Accounts.Count > 0) filters.Add(CloudTrailFilter.Account([.. Accounts]));
        if (NotAccounts.Count > 0) filters.Add(CloudTrailFilter.Account([.. NotAccounts]).Not());
        foreach (string principal in NotPrincipals) filters.Add(PrincipalFilter(principal).Not());
        if (Category is not null)
        {
            // The summary shows a record without eventCategory as "-".
            var category = CloudTrailFilter.Category(Category);
            filters.Add(Category == "-" ? category.Or(new ViewTest(static view => !view.Has(CloudTrailRecordField.EventCategory))) : category);
        }
        if (ErrorsOnly) filters.Add(CloudTrailFilter.Errors());
        if (Principal is not null) filters.Add(PrincipalFilter(Principal));
        if (Since is not null || Until is not null)
        {
            filters.Add(Since is { } since && Until is { } until && since >= until ? CloudTrailFilter.Any() : CloudTrailFilter.TimeRange(Since, Until));
        }
        return CloudTrailFilter.All([.. filters]);
    }

    /// <summary>
    /// --principal as the runtime's <see cref="CloudTrailFilter.Principal(string)"/> takes it, and
    /// "-", as the summary shows a userIdentity that names no one.
    /// </summary>
    public static CloudTrailFilter PrincipalFilter(string principal)
    {
        var filter = CloudTrailFilter.Principal(principal);
        return principal == "-" ? filter.Or(new ViewTest(static view => !view.TryGetPrincipalUtf8(out _))) : filter;
    }

    /// <summary>A test of a view's fields that the runtime's filters do not make.</summary>
    private sealed class ViewTest(Func<CloudTrailRecordView, bool> test) : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record) => test(record);
    }

    /// <summary>Whether <paramref name="record"/> passes.</summary>
    public bool Matches(CloudTrailRecord record)
    {
        if (Services.Count > 0 || Events.Count > 0 || NotServices.Count > 0 || NotEvents.Count > 0)
        {
            // One rule for Insights records: they are not calls, so --service and --event match
            // them (by the API they are about) only when --category Insight asks for them.
            bool insight = RecordFacts.IsInsight(record);
            if (insight && !AsksForInsights && (Services.Count > 0 || Events.Count > 0)) return false;
            string? eventSource = insight ? record.InsightDetails!.EventSource : record.EventSource;
            string? eventName = insight ? record.InsightDetails!.EventName : record.EventName;
            if (Services.Count > 0 && !MatchesService(Services, eventSource)) return false;
            if (Events.Count > 0 && !MatchesAny(Events, eventName)) return false;
            if (!insight || AsksForInsights)
            {
                if (NotServices.Count > 0 && MatchesService(NotServices, eventSource)) return false;
                if (NotEvents.Count > 0 && MatchesAny(NotEvents, eventName)) return false;
            }
        }
        if (Ips.Count > 0 && !MatchesIp(Ips, record.SourceIPAddress)) return false;
        if (NotIps.Count > 0 && MatchesIp(NotIps, record.SourceIPAddress)) return false;
        if (Regions.Count > 0 && !MatchesAny(Regions, record.AwsRegion)) return false;
        if (NotRegions.Count > 0 && MatchesAny(NotRegions, record.AwsRegion)) return false;
        if (Accounts.Count > 0 && !MatchesAny(Accounts, record.RecipientAccountId)) return false;
        if (NotAccounts.Count > 0 && MatchesAny(NotAccounts, record.RecipientAccountId)) return false;
        if (Resources.Count > 0 && !MatchesResource(record)) return false;
        foreach (string principal in NotPrincipals)
        {
            if (RecordFacts.MatchesPrincipal(record.UserIdentity, principal)) return false;
        }
        if (Category is not null && !string.Equals(RecordFacts.Category(record), Category, StringComparison.OrdinalIgnoreCase)) return false;
        if (ErrorsOnly && string.IsNullOrEmpty(record.ErrorCode)) return false;
        if (Principal is not null && !RecordFacts.MatchesPrincipal(record.UserIdentity, Principal)) return false;
        if (Since is not null || Until is not null)
        {
            if (record.EventTime is not { } time) return false;
            if (Since is { } since && time < since) return false;
            if (Until is { } until && time >= until) return false;
        }
        return true;
    }

    /// <summary>
    /// Whether <paramref name="sourceIp"/> is one of <paramref name="ips"/>: an address, in a
    /// CIDR block, or (for what is not an address, such as lambda.amazonaws.com) the same text.
    /// </summary>
    private static bool MatchesIp(IReadOnlyList<string> ips, string? sourceIp)
    {
        if (string.IsNullOrEmpty(sourceIp)) return false;
        bool isAddress = System.Net.IPAddress.TryParse(sourceIp, out var address);
        foreach (string ip in ips)
        {
            if (string.Equals(ip, sourceIp, StringComparison.OrdinalIgnoreCase)) return true;
            if (!isAddress) continue;
            if (ip.Contains('/') && System.Net.IPNetwork.TryParse(ip, out var network) && network.Contains(address!)) return true;
            if (System.Net.IPAddress.TryParse(ip, out var other) && other.Equals(address)) return true;
        }
        return false;
    }

    /// <summary>Whether the record names one of <see cref="Resources"/>: in resources[].ARN (it, or a resource under it), or in its requestParameters.</summary>
    private bool MatchesResource(CloudTrailRecord record)
    {
        foreach (string arn in Resources)
        {
            foreach (var resource in record.Resources ?? [])
            {
                if (resource?.Arn is not { } logged) continue;
                if (string.Equals(logged, arn, StringComparison.Ordinal)) return true;
                if (logged.Length > arn.Length && logged.StartsWith(arn, StringComparison.Ordinal) && logged[arn.Length] is '/' or ':') return true;
            }
        }
        if (record.RequestParameters is { } request)
        {
            _resourceBytes ??= Utf8(Resources);
            foreach (byte[] arn in _resourceBytes)
            {
                if (request.Utf8.Span.IndexOf(arn) >= 0) return true;
            }
        }
        return false;
    }

    private byte[][]? _resourceBytes;

    private static byte[][] Utf8(IReadOnlyList<string> values)
    {
        var bytes = new byte[values.Count][];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = System.Text.Encoding.UTF8.GetBytes(values[i]);
        return bytes;
    }

    private static bool MatchesService(IReadOnlyList<string> services, string? eventSource)
    {
        if (string.IsNullOrEmpty(eventSource)) return false;
        foreach (string service in services)
        {
            if (string.Equals(eventSource, service, StringComparison.OrdinalIgnoreCase)) return true;
            if (eventSource.Length > service.Length && eventSource[service.Length] == '.'
                && eventSource.StartsWith(service, StringComparison.OrdinalIgnoreCase)) return true;
            // A service id matches every eventSource the catalog lists for it (cloudtrail: cloudtrail-data too).
            foreach (string source in CatalogIndex.EventSourcesOf(service))
            {
                if (string.Equals(eventSource, source, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }

    private static bool MatchesAny(IReadOnlyList<string> values, string? value)
    {
        if (value is null) return false;
        foreach (string candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
