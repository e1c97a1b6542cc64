using System;
using System.Buffers;
using System.Collections.Generic;

namespace CloudTrailGen;

/// <summary>
/// A test of a record view's fields, composable (<see cref="All"/>, <see cref="Any"/>,
/// <see cref="Not(CloudTrailFilter)"/>, <see cref="And"/>, <see cref="Or"/>): what to keep of a log before anything
/// is built. The filters made here compare the UTF-8 bytes the view found and allocate nothing,
/// so a record that does not match costs one pass over its bytes and a few comparisons.
/// </summary>
/// <remarks>
/// <para>
/// Names and values are compared ignoring letter case, as
/// <c>string.Equals(a, b, StringComparison.OrdinalIgnoreCase)</c> compares strings (also for text
/// that is not ASCII), for every field: CloudTrail logs eventSource, awsRegion and errorCode in
/// one case and eventName and eventCategory as the API spells them, so a value that differs only
/// in case can only mean the same one (<c>createuser</c> is CreateUser); IAM does not tell user,
/// role and group names apart by case (it refuses <c>Admin</c> beside <c>admin</c>), so neither
/// does <see cref="Principal(string)"/>, for names and for ARNs; access key ids and account ids
/// have no case to tell. Only the times of <see cref="TimeRange"/> and the addresses of
/// <see cref="SourceIp"/> are compared by value.
/// </para>
/// <para>
/// Derive from this class for a test of your own; a filter must not keep the view it is given.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var filter = CloudTrailFilter.Service("iam").And(CloudTrailFilter.Errors().Not());
/// foreach (var view in CloudTrailLog.ReadFileViews(path))
/// {
///     if (filter.Matches(view)) Handle(view.Materialize());
/// }
/// </code>
/// </example>
public abstract class CloudTrailFilter
{
    /// <summary>Makes a filter (for derived classes).</summary>
    protected CloudTrailFilter()
    {
    }

    /// <summary>Whether the record the view is on passes.</summary>
    /// <param name="record">The view, on a record.</param>
    public abstract bool Matches(CloudTrailRecordView record);

    /// <summary>A filter that passes what both this one and <paramref name="other"/> pass.</summary>
    /// <param name="other">The other filter.</param>
    public CloudTrailFilter And(CloudTrailFilter other) => All(this, other);

    /// <summary>A filter that passes what this one or <paramref name="other"/> passes.</summary>
    /// <param name="other">The other filter.</param>
    public CloudTrailFilter Or(CloudTrailFilter other) => Any(this, other);

    /// <summary>A filter that passes what this one does not.</summary>
    public CloudTrailFilter Not() => new NotFilter(this);

    /// <summary>A filter that passes what every one of <paramref name="filters"/> passes (every record when there are none).</summary>
    /// <param name="filters">The filters, tested in order until one fails.</param>
    public static CloudTrailFilter All(params CloudTrailFilter[] filters) => new AllFilter(Checked(filters));

    /// <summary>A filter that passes what any one of <paramref name="filters"/> passes (no record when there are none).</summary>
    /// <param name="filters">The filters, tested in order until one passes.</param>
    public static CloudTrailFilter Any(params CloudTrailFilter[] filters) => new AnyFilter(Checked(filters));

    /// <summary>A filter that passes what <paramref name="filter"/> does not.</summary>
    /// <param name="filter">The filter.</param>
    public static CloudTrailFilter Not(CloudTrailFilter filter) => new NotFilter(filter ?? throw new ArgumentNullException(nameof(filter)));

    /// <summary>
    /// Records of any of these services: a service id (<c>s3</c>: every eventSource
    /// <c>s3.*</c>, such as s3.amazonaws.com) or an eventSource (<c>s3.amazonaws.com</c>).
    /// </summary>
    /// <param name="servicesOrEventSources">Service ids or eventSources.</param>
    public static CloudTrailFilter Service(params string[] servicesOrEventSources) => new ServiceFilter(FilterText.Of(Checked(servicesOrEventSources)), []);

    /// <summary>
    /// Records of any of these services, a service id also matching every eventSource that
    /// <paramref name="services"/> lists for it (<c>cloudtrail</c>: cloudtrail-data.amazonaws.com too).
    /// </summary>
    /// <param name="services">The generated <c>CloudTrailServices.All</c>, or other services.</param>
    /// <param name="servicesOrEventSources">Service ids or eventSources.</param>
    public static CloudTrailFilter Service(IEnumerable<CloudTrailServiceInfo> services, params string[] servicesOrEventSources)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Service(services, s => s.Id, s => s.EventSources, servicesOrEventSources);
    }

    /// <summary>
    /// Records of any of these services, a service id also matching every eventSource that
    /// <paramref name="schema"/> lists for it (<c>cloudtrail</c>: cloudtrail-data.amazonaws.com too).
    /// </summary>
    /// <param name="schema">The schema of the services (the generated <c>CloudTrailLog.Schema</c>).</param>
    /// <param name="servicesOrEventSources">Service ids or eventSources.</param>
    public static CloudTrailFilter Service(CloudTrailSchema schema, params string[] servicesOrEventSources)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Service(schema.Services, s => s.Id, s => s.EventSources, servicesOrEventSources);
    }

    private static CloudTrailFilter Service<TService>(IEnumerable<TService> services, Func<TService, string> id, Func<TService, IReadOnlyList<string>> eventSources, string[] servicesOrEventSources)
    {
        var sources = new List<string>();
        foreach (string value in Checked(servicesOrEventSources))
        {
            foreach (var service in services)
            {
                if (string.Equals(id(service), value, StringComparison.OrdinalIgnoreCase)) sources.AddRange(eventSources(service));
            }
        }
        return new ServiceFilter(FilterText.Of(servicesOrEventSources), FilterText.Of(sources.ToArray()));
    }

    /// <summary>Records whose eventName is one of <paramref name="eventNames"/>.</summary>
    /// <param name="eventNames">eventNames, such as CreateUser.</param>
    public static CloudTrailFilter EventName(params string[] eventNames) => Field(CloudTrailRecordField.EventName, eventNames);

    /// <summary>Records whose eventCategory is one of <paramref name="categories"/> (Management, Data, Insight, NetworkActivity).</summary>
    /// <param name="categories">Categories.</param>
    public static CloudTrailFilter Category(params string[] categories) => Field(CloudTrailRecordField.EventCategory, categories);

    /// <summary>Records of failed calls: those with a non-empty errorCode.</summary>
    public static CloudTrailFilter Errors() => new ErrorsFilter();

    /// <summary>Records whose errorCode is one of <paramref name="errorCodes"/> (AccessDenied, ...).</summary>
    /// <param name="errorCodes">Error codes.</param>
    public static CloudTrailFilter ErrorCode(params string[] errorCodes) => Field(CloudTrailRecordField.ErrorCode, errorCodes);

    /// <summary>Records logged in one of <paramref name="regions"/> (awsRegion).</summary>
    /// <param name="regions">Regions, such as us-east-1.</param>
    public static CloudTrailFilter Region(params string[] regions) => Field(CloudTrailRecordField.AwsRegion, regions);

    /// <summary>Records in the log of one of <paramref name="accounts"/> (recipientAccountId).</summary>
    /// <param name="accounts">Account ids.</param>
    public static CloudTrailFilter Account(params string[] accounts) => Field(CloudTrailRecordField.RecipientAccountId, accounts);

    /// <summary>Records whose <paramref name="field"/> is a string equal to one of <paramref name="values"/>.</summary>
    /// <param name="field">The field.</param>
    /// <param name="values">The values.</param>
    public static CloudTrailFilter Field(CloudTrailRecordField field, params string[] values) => new FieldFilter(field, FilterText.Of(Checked(values)));

    /// <summary>
    /// Records whose sourceIPAddress is one of <paramref name="addressesOrBlocks"/>: an address
    /// (<c>203.0.113.7</c>, <c>2001:db8::7</c>: the same address, however it is written), an
    /// address block (<c>203.0.113.0/24</c>, <c>2001:db8::/32</c>: an address of the same family in
    /// it; an IPv4 block does not hold IPv4-mapped IPv6 addresses), or text that is not an address,
    /// as CloudTrail logs for calls that AWS services make (<c>lambda.amazonaws.com</c>,
    /// <c>AWS Internal</c>), compared ignoring case. Addresses written as CloudTrail writes them
    /// (dotted decimal, IPv6 hex groups) are read without allocating; other forms
    /// (<c>::ffff:203.0.113.7</c>, <c>fe80::1%3</c>) are read by <see cref="System.Net.IPAddress.TryParse(ReadOnlySpan{char}, out System.Net.IPAddress?)"/>, as one object each.
    /// </summary>
    /// <param name="addressesOrBlocks">Addresses, CIDR blocks or other sourceIPAddress values.</param>
    /// <exception cref="ArgumentException">A value with a '/' is not an address block (as <see cref="System.Net.IPNetwork.TryParse(string, out System.Net.IPNetwork)"/> reads them).</exception>
    public static CloudTrailFilter SourceIp(params string[] addressesOrBlocks)
    {
        var texts = FilterText.Of(Checked(addressesOrBlocks));
        var addresses = new List<IpAddressValue>();
        var blocks = new List<IpBlock>();
        foreach (string value in addressesOrBlocks)
        {
            if (value.Contains('/'))
            {
                if (!System.Net.IPNetwork.TryParse(value, out var network))
                {
                    throw new ArgumentException($"'{value}' is not an address block (CIDR, such as 203.0.113.0/24 or 2001:db8::/32).", nameof(addressesOrBlocks));
                }
                blocks.Add(IpBlock.From(network));
            }
            if (System.Net.IPAddress.TryParse(value, out var address)) addresses.Add(IpAddressValue.From(address));
        }
        return new SourceIpFilter(texts, addresses.ToArray(), blocks.ToArray());
    }

    /// <summary>Records whose eventTime is at or after <paramref name="since"/> and before <paramref name="until"/> (either may be null; a record without a time does not pass).</summary>
    /// <param name="since">The first time that passes.</param>
    /// <param name="until">The first time that does not pass, after <paramref name="since"/>.</param>
    public static CloudTrailFilter TimeRange(DateTimeOffset? since, DateTimeOffset? until)
    {
        if (since is { } s && until is { } u && s >= u) throw new ArgumentException($"The time range is empty: {s:O} is not before {u:O}.", nameof(until));
        return new TimeFilter(since, until);
    }

    /// <summary>
    /// Calls made by a principal, given as an ARN or as a name, compared ignoring case.
    /// <list type="bullet">
    /// <item>An ARN (<c>arn:...</c>) matches the caller's <c>userIdentity.arn</c>, an ARN under it
    /// (<c>arn:aws:sts::111122223333:assumed-role/Admin</c> matches the sessions
    /// <c>.../assumed-role/Admin/alice</c>), or the role a session was issued for
    /// (<c>sessionContext.sessionIssuer.arn</c>: <c>arn:aws:iam::111122223333:role/Admin</c> matches
    /// every session of the role).</item>
    /// <item>A name matches who made the call as <see cref="CloudTrailRecordView.TryGetPrincipalUtf8"/> names
    /// them (<c>root</c>, the user, <c>Role/session</c>, ...); the same as IAM Identity Center
    /// shows it (<c>SSO:AdministratorAccess</c> for the role
    /// <c>AWSReservedSSO_AdministratorAccess_0123456789abcdef</c>, <c>SSO:AdministratorAccess/alice@example.com</c>
    /// for its session); an assumed role's session name (<c>alice@example.com</c>) or its part
    /// before '@' (<c>alice</c>); the user name; the name of the role the session was issued for;
    /// the principal id (<c>AROAEXAMPLE:alice</c>) or its part before ':' (the role's id,
    /// <c>AROAEXAMPLE</c>); the issuing role's principal id; the access key id; the service that
    /// called (<c>invokedBy</c>); or the last part of the caller's ARN, after its last '/'.</item>
    /// </list>
    /// </summary>
    /// <param name="arnOrName">An ARN or a name.</param>
    public static CloudTrailFilter Principal(string arnOrName)
    {
        ArgumentNullException.ThrowIfNull(arnOrName);
        return new PrincipalFilter(arnOrName);
    }

    private static CloudTrailFilter[] Checked(CloudTrailFilter[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        foreach (var filter in filters) ArgumentNullException.ThrowIfNull(filter, nameof(filters));
        return (CloudTrailFilter[])filters.Clone();
    }

    private static string[] Checked(string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (string value in values) ArgumentNullException.ThrowIfNull(value, nameof(values));
        return values;
    }

    private sealed class AllFilter(CloudTrailFilter[] filters) : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record)
        {
            foreach (var filter in filters)
            {
                if (!filter.Matches(record)) return false;
            }
            return true;
        }
    }

    private sealed class AnyFilter(CloudTrailFilter[] filters) : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record)
        {
            foreach (var filter in filters)
            {
                if (filter.Matches(record)) return true;
            }
            return false;
        }
    }

    private sealed class NotFilter(CloudTrailFilter filter) : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record) => !filter.Matches(record);
    }

    private sealed class FieldFilter(CloudTrailRecordField field, FilterText[] values) : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record)
        {
            if (!record.Has(field)) return false;
            var actual = record.GetUtf8(field);
            foreach (var value in values)
            {
                if (value.Matches(actual)) return true;
            }
            return false;
        }
    }

    private sealed class ErrorsFilter : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record) => !record.GetUtf8(CloudTrailRecordField.ErrorCode).IsEmpty;
    }

    private sealed class ServiceFilter(FilterText[] values, FilterText[] sources) : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record)
        {
            var source = record.GetUtf8(CloudTrailRecordField.EventSource);
            if (source.IsEmpty) return false;
            foreach (var value in values)
            {
                if (value.Matches(source) || value.IsDottedPrefixOf(source)) return true;
            }
            foreach (var value in sources)
            {
                if (value.Matches(source)) return true;
            }
            return false;
        }
    }

    private sealed class SourceIpFilter(FilterText[] texts, IpAddressValue[] addresses, IpBlock[] blocks) : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record)
        {
            var source = record.GetUtf8(CloudTrailRecordField.SourceIPAddress);
            if (source.IsEmpty) return false;
            foreach (var text in texts)
            {
                if (text.Matches(source)) return true;
            }
            if ((addresses.Length == 0 && blocks.Length == 0) || !IpAddressValue.TryParse(source, out var address)) return false;
            foreach (var block in blocks)
            {
                if (block.Contains(address)) return true;
            }
            return Array.IndexOf(addresses, address) >= 0;
        }
    }

    private sealed class TimeFilter(DateTimeOffset? since, DateTimeOffset? until) : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record)
        {
            if (record.EventTime is not { } time) return false;
            if (since is { } s && time < s) return false;
            if (until is { } u && time >= u) return false;
            return true;
        }
    }

    private sealed class PrincipalFilter : CloudTrailFilter
    {
        private const string SsoRolePrefix = "AWSReservedSSO_";
        private readonly FilterText _value;
        private readonly FilterText _underArn;   // arn + "/"
        private readonly bool _isArn;

        public PrincipalFilter(string principal)
        {
            _value = new FilterText(principal);
            _underArn = new FilterText(principal + "/");
            _isArn = principal.StartsWith("arn:", StringComparison.OrdinalIgnoreCase);
        }

        public override bool Matches(CloudTrailRecordView record)
        {
            var arn = record.GetUtf8(CloudTrailRecordField.UserIdentityArn);
            bool hasArn = record.Has(CloudTrailRecordField.UserIdentityArn);
            if (_isArn)
            {
                return (hasArn && (_value.Matches(arn) || _underArn.IsPrefixOf(arn)))
                    || Is(record, CloudTrailRecordField.SessionIssuerArn);
            }
            if (record.TryGetPrincipalUtf8(out var shown) && (_value.Matches(shown) || IsSsoDisplayName(shown))) return true;
            if (CloudTrailRecordView.TryGetAssumedRoleSession(arn, out var session))
            {
                session = session[(session.LastIndexOf((byte)'/') + 1)..];
                if (_value.Matches(session)) return true;
                int at = session.IndexOf((byte)'@');
                if (at > 0 && _value.Matches(session[..at])) return true;
            }
            var principalId = record.GetUtf8(CloudTrailRecordField.UserIdentityPrincipalId);
            int colon = principalId.IndexOf((byte)':');
            if (colon > 0 && _value.Matches(principalId[..colon])) return true;
            if (Is(record, CloudTrailRecordField.SessionIssuerPrincipalId)
                || Is(record, CloudTrailRecordField.UserIdentityUserName)
                || Is(record, CloudTrailRecordField.SessionIssuerUserName)
                || Is(record, CloudTrailRecordField.UserIdentityPrincipalId)
                || Is(record, CloudTrailRecordField.UserIdentityAccessKeyId)
                || Is(record, CloudTrailRecordField.UserIdentityInvokedBy))
            {
                return true;
            }
            int slash = arn.LastIndexOf((byte)'/');
            return hasArn && slash >= 0 && _value.Matches(arn[(slash + 1)..]);
        }

        private bool Is(CloudTrailRecordView record, CloudTrailRecordField field) =>
            record.Has(field) && _value.Matches(record.GetUtf8(field));

        /// <summary>
        /// Whether the value is how IAM Identity Center shows <paramref name="shown"/>: the role
        /// <c>AWSReservedSSO_PermissionSet_hash</c> (and its sessions, <c>.../session</c>) as
        /// <c>SSO:PermissionSet</c> (<c>SSO:PermissionSet/session</c>).
        /// </summary>
        private bool IsSsoDisplayName(ReadOnlySpan<byte> shown)
        {
            if (!shown.StartsWith("AWSReservedSSO_"u8)) return false;
            int slash = shown.IndexOf((byte)'/');
            var role = slash < 0 ? shown : shown[..slash];
            int hash = role.LastIndexOf((byte)'_');
            var permissionSet = hash > SsoRolePrefix.Length ? role[SsoRolePrefix.Length..hash] : role[SsoRolePrefix.Length..];
            var rest = slash < 0 ? default : shown[slash..];
            int length = 4 + permissionSet.Length + rest.Length;
            byte[]? rented = null;
            Span<byte> display = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
            try
            {
                "SSO:"u8.CopyTo(display);
                permissionSet.CopyTo(display[4..]);
                rest.CopyTo(display[(4 + permissionSet.Length)..]);
                return _value.Matches(display[..length]);
            }
            finally
            {
                if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
