using System;
using System.Text;
using CloudTrailGen;
using TrailScan.Aws;

namespace TrailScan.Reading;

/// <summary>
/// The record being read, as filters and counts look at it: over a record view (local files and
/// standard input: nothing is built until <see cref="Record"/> is asked for) or over a typed record
/// (S3, whose reader hands over records read on its own threads). One instance per reading, reused
/// for every record: valid until the next record is read.
/// </summary>
public sealed class RecordFields
{
    private CloudTrailRecordView<CloudTrailRecord>? _view;
    private CloudTrailRecord? _record;
    private byte[] _scratch = new byte[256];

    /// <summary>Points at the record a view is on (its typed record is read on demand).</summary>
    internal void Set(CloudTrailRecordView<CloudTrailRecord> view)
    {
        _view = view;
        _record = null;
    }

    /// <summary>Points at a typed record (read already).</summary>
    internal void Set(CloudTrailRecord record)
    {
        _view = null;
        _record = record;
    }

    /// <summary>Keeps the typed record read from the view (when it was read to check it).</summary>
    internal void Materialized(CloudTrailRecord record) => _record = record;

    /// <summary>The view, when the record is read as one (null when the command reads every record typed).</summary>
    public CloudTrailRecordView<CloudTrailRecord>? View => _view;

    /// <summary>Whether the typed record was read already (by <see cref="Record"/>, or by the reader).</summary>
    public bool IsMaterialized => _record is not null;

    /// <summary>The typed record: the generated event class, exactly what <c>CloudTrailLog.Read</c> gives; read once per record, on first use.</summary>
    public CloudTrailRecord Record => _record ??= _view!.Materialize();

    /// <summary>
    /// The record's JSON as it is in the input: exact bytes, for a view; for a typed record, its
    /// <c>Delivery.OriginalJson</c> (read with KeepOriginalJson), else empty.
    /// </summary>
    public ReadOnlyMemory<byte> Utf8 => _view is { } view ? view.Utf8 : _record?.Delivery?.OriginalJson is { } original ? original.Utf8 : default;

    /// <summary>Whether the record is an Insights record (see <see cref="RecordFacts.IsInsight(CloudTrailRecord)"/>).</summary>
    public bool IsInsight => _view is { } view ? view.IsInsight : _record!.InsightDetails is not null;

    /// <summary>eventTime, as the typed record's.</summary>
    public DateTimeOffset? EventTime => _view is { } view ? view.EventTime : _record!.EventTime;

    /// <summary>Whether the record has the field as a string (possibly empty).</summary>
    public bool Has(CloudTrailRecordField field) => _view is { } view ? view.Has(field) : Typed(field) is not null;

    /// <summary>The field's UTF-8 value (empty when absent); valid until the next record or the next call.</summary>
    public ReadOnlySpan<byte> Get(CloudTrailRecordField field)
    {
        if (_view is { } view) return view.GetUtf8(field);
        string? text = Typed(field);
        if (string.IsNullOrEmpty(text)) return default;
        int length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (length > _scratch.Length) _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        return _scratch.AsSpan(0, Encoding.UTF8.GetBytes(text, _scratch));
    }

    /// <summary>The field's value as a string; null when absent.</summary>
    public string? GetString(CloudTrailRecordField field) => _view is { } view ? view.GetString(field) : Typed(field);

    /// <summary>Whether the field is a non-empty string.</summary>
    public bool HasText(CloudTrailRecordField field) => !Get(field).IsEmpty;

    /// <summary>Whether any field of userIdentity that the view reads is present.</summary>
    public bool HasIdentityField()
    {
        for (var field = CloudTrailRecordField.UserIdentityType; field <= CloudTrailRecordField.SessionIssuerPrincipalId; field++)
        {
            if (Has(field)) return true;
        }
        return false;
    }

    private string? Typed(CloudTrailRecordField field)
    {
        var record = _record!;
        return field switch
        {
            CloudTrailRecordField.EventSource => record.EventSource,
            CloudTrailRecordField.EventName => record.EventName,
            CloudTrailRecordField.EventCategory => record.EventCategory?.Raw,
            CloudTrailRecordField.EventType => record.EventType?.Raw,
            CloudTrailRecordField.EventId => record.EventID,
            CloudTrailRecordField.ErrorCode => record.ErrorCode,
            CloudTrailRecordField.AwsRegion => record.AwsRegion,
            CloudTrailRecordField.RecipientAccountId => record.RecipientAccountId,
            CloudTrailRecordField.SourceIPAddress => record.SourceIPAddress,
            CloudTrailRecordField.UserAgent => record.UserAgent,
            CloudTrailRecordField.UserIdentityType => record.UserIdentity?.Type?.Raw,
            CloudTrailRecordField.UserIdentityArn => record.UserIdentity?.Arn,
            CloudTrailRecordField.UserIdentityPrincipalId => record.UserIdentity?.PrincipalId,
            CloudTrailRecordField.UserIdentityAccountId => record.UserIdentity?.AccountId,
            CloudTrailRecordField.UserIdentityUserName => record.UserIdentity?.UserName,
            CloudTrailRecordField.UserIdentityAccessKeyId => record.UserIdentity?.AccessKeyId,
            CloudTrailRecordField.UserIdentityInvokedBy => record.UserIdentity?.InvokedBy,
            CloudTrailRecordField.SessionIssuerArn => record.UserIdentity?.SessionContext?.SessionIssuer?.Arn,
            CloudTrailRecordField.SessionIssuerUserName => record.UserIdentity?.SessionContext?.SessionIssuer?.UserName,
            CloudTrailRecordField.SessionIssuerPrincipalId => record.UserIdentity?.SessionContext?.SessionIssuer?.PrincipalId,
            _ => null,
        };
    }
}
