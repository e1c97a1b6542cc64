using System;
using System.Collections.Generic;
using System.Text;

namespace CloudTrailGen;

/// <summary>
/// A test of a record view's fields, composable (<see cref="All"/>, <see cref="Any"/>,
/// <see cref="Not(CloudTrailFilter)"/>, <see cref="And"/>, <see cref="Or"/>): what to keep of a log before anything
/// is built. The filters made here compare the UTF-8 bytes the view found and allocate nothing,
/// so a record that does not match costs one pass over its bytes and a few comparisons.
/// </summary>
/// <remarks>
/// Names and values are compared ignoring ASCII letter case, as CloudTrail's own console does.
/// Derive from this class for a test of your own; a filter must not keep the view it is given.
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
    public static CloudTrailFilter Service(params string[] servicesOrEventSources) => new ServiceFilter(Utf8(servicesOrEventSources), []);

    /// <summary>
    /// Records of any of these services, a service id also matching every eventSource that
    /// <paramref name="services"/> lists for it (<c>cloudtrail</c>: cloudtrail-data.amazonaws.com too).
    /// </summary>
    /// <param name="services">The generated <c>CloudTrailServices.All</c>, or other services.</param>
    /// <param name="servicesOrEventSources">Service ids or eventSources.</param>
    public static CloudTrailFilter Service(IEnumerable<CloudTrailServiceInfo> services, params string[] servicesOrEventSources)
    {
        ArgumentNullException.ThrowIfNull(services);
        var sources = new List<string>();
        foreach (string id in Checked(servicesOrEventSources))
        {
            foreach (var service in services)
            {
                if (string.Equals(service.Id, id, StringComparison.OrdinalIgnoreCase)) sources.AddRange(service.EventSources);
            }
        }
        return new ServiceFilter(Utf8(servicesOrEventSources), Utf8(sources.ToArray()));
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
    public static CloudTrailFilter Field(CloudTrailRecordField field, params string[] values) => new FieldFilter(field, Utf8(values));

    /// <summary>Records whose eventTime is at or after <paramref name="since"/> and before <paramref name="until"/> (either may be null; a record without a time does not pass).</summary>
    /// <param name="since">The first time that passes.</param>
    /// <param name="until">The first time that does not pass, after <paramref name="since"/>.</param>
    public static CloudTrailFilter TimeRange(DateTimeOffset? since, DateTimeOffset? until)
    {
        if (since is { } s && until is { } u && s >= u) throw new ArgumentException($"The time range is empty: {s:O} is not before {u:O}.", nameof(until));
        return new TimeFilter(since, until);
    }

    /// <summary>
    /// Calls made by a principal. An ARN (<c>arn:...</c>) matches the caller's
    /// <c>userIdentity.arn</c>, an ARN under it (the role's ARN matches its sessions'
    /// <c>assumed-role/Role/session</c> ARNs when given as such), or the role a session was issued for
    /// (<c>sessionContext.sessionIssuer.arn</c>). A name matches the user name, the role's name, a
    /// session (<c>Role/session</c>, or the session name alone, or the part of an e-mail session
    /// name before '@'), the principal id or its part before ':', the access key, the service
    /// that called (<c>invokedBy</c>), the last part of the caller's ARN, or <c>root</c>.
    /// </summary>
    /// <param name="arnOrName">An ARN or a name.</param>
    public static CloudTrailFilter Principal(string arnOrName)
    {
        ArgumentException.ThrowIfNullOrEmpty(arnOrName);
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

    private static byte[][] Utf8(string[] values)
    {
        Checked(values);
        var bytes = new byte[values.Length][];
        for (int i = 0; i < values.Length; i++) bytes[i] = Encoding.UTF8.GetBytes(values[i]);
        return bytes;
    }

    internal static bool Same(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected) =>
        actual.Length == expected.Length && (actual.SequenceEqual(expected) || Ascii.EqualsIgnoreCase(actual, expected));

    private static bool StartsWith(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix) =>
        text.Length >= prefix.Length && Same(text[..prefix.Length], prefix);

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

    private sealed class FieldFilter(CloudTrailRecordField field, byte[][] values) : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record)
        {
            if (!record.Has(field)) return false;
            var actual = record.GetUtf8(field);
            foreach (byte[] value in values)
            {
                if (Same(actual, value)) return true;
            }
            return false;
        }
    }

    private sealed class ErrorsFilter : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record) => !record.GetUtf8(CloudTrailRecordField.ErrorCode).IsEmpty;
    }

    private sealed class ServiceFilter(byte[][] values, byte[][] sources) : CloudTrailFilter
    {
        public override bool Matches(CloudTrailRecordView record)
        {
            var source = record.GetUtf8(CloudTrailRecordField.EventSource);
            if (source.IsEmpty) return false;
            foreach (byte[] value in values)
            {
                if (Same(source, value)) return true;
                if (source.Length > value.Length && source[value.Length] == (byte)'.' && StartsWith(source, value)) return true;
            }
            foreach (byte[] value in sources)
            {
                if (Same(source, value)) return true;
            }
            return false;
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
        private readonly byte[] _value;
        private readonly byte[] _underArn;   // arn + "/"
        private readonly bool _isArn;

        public PrincipalFilter(string principal)
        {
            _value = Encoding.UTF8.GetBytes(principal);
            _underArn = Encoding.UTF8.GetBytes(principal + "/");
            _isArn = principal.StartsWith("arn:", StringComparison.OrdinalIgnoreCase);
        }

        public override bool Matches(CloudTrailRecordView record)
        {
            var arn = record.GetUtf8(CloudTrailRecordField.UserIdentityArn);
            if (_isArn)
            {
                return Same(arn, _value)
                    || Same(record.GetUtf8(CloudTrailRecordField.SessionIssuerArn), _value)
                    || StartsWith(arn, _underArn);
            }
            var value = _value.AsSpan();
            if (Same(record.GetUtf8(CloudTrailRecordField.UserIdentityUserName), value)
                || Same(record.GetUtf8(CloudTrailRecordField.SessionIssuerUserName), value)
                || Same(record.GetUtf8(CloudTrailRecordField.UserIdentityAccessKeyId), value)
                || Same(record.GetUtf8(CloudTrailRecordField.UserIdentityInvokedBy), value)
                || Same(record.GetUtf8(CloudTrailRecordField.SessionIssuerPrincipalId), value))
            {
                return true;
            }
            var principalId = record.GetUtf8(CloudTrailRecordField.UserIdentityPrincipalId);
            if (Same(principalId, value)) return true;
            int colon = principalId.IndexOf((byte)':');
            if (colon > 0 && Same(principalId[..colon], value)) return true;
            if (Same(value, "root"u8) && Same(record.GetUtf8(CloudTrailRecordField.UserIdentityType), "Root"u8)) return true;
            int slash = arn.LastIndexOf((byte)'/');
            if (slash >= 0)
            {
                var last = arn[(slash + 1)..];
                if (Same(last, value)) return true;
                int at = last.IndexOf((byte)'@');
                if (at > 0 && Same(last[..at], value)) return true;
            }
            int assumed = arn.IndexOf(":assumed-role/"u8);
            if (assumed >= 0 && Same(arn[(assumed + ":assumed-role/".Length)..], value)) return true;
            return false;
        }
    }
}
