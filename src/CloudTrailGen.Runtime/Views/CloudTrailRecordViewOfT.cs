using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailGen;

/// <summary>
/// A record view (see <see cref="CloudTrailRecordView"/>) that can build its typed record: the
/// generated <c>CloudTrailRecord</c>, exactly as <c>CloudTrailLog.Read</c> gives it.
/// </summary>
/// <typeparam name="TRecord">The generated record envelope (<c>CloudTrailRecord</c>).</typeparam>
public sealed class CloudTrailRecordView<TRecord> : CloudTrailRecordView
    where TRecord : CloudTrailRecordBase
{
    private readonly JsonConverter<TRecord> _converter;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly JsonReaderOptions _readerOptions;
    private readonly bool _keepOriginalJson;
    private CloudTrailDelivery? _delivery;

    internal CloudTrailRecordView(JsonTypeInfo<TRecord> typeInfo, CloudTrailReadOptions options)
    {
        _converter = (JsonConverter<TRecord>)typeInfo.Converter;
        _serializerOptions = typeInfo.Options;
        _readerOptions = new JsonReaderOptions { MaxDepth = options.MaxDepth };
        _keepOriginalJson = options.KeepOriginalJson;
    }

    /// <summary>The wrapper's own fields (EventBridge, CloudWatch Logs), when it has any.</summary>
    internal void SetDelivery(CloudTrailDelivery? delivery) => _delivery = delivery;

    /// <summary>
    /// Reads the record whole: the typed record <c>CloudTrailLog.Read</c> gives for it, with the
    /// same <see cref="CloudTrailRecordBase.Delivery"/> (and its original JSON when
    /// <see cref="CloudTrailReadOptions.KeepOriginalJson"/> is set). Each call reads it anew.
    /// </summary>
    /// <returns>The record, which stays valid after the view moves on.</returns>
    /// <exception cref="CloudTrailFormatException">
    /// The typed reader refuses the record (valid JSON it cannot read; <c>CloudTrailLog.Read</c>
    /// would report it through <see cref="CloudTrailReadOptions.OnIssue"/> and pass over it).
    /// </exception>
    /// <exception cref="InvalidOperationException">The view holds no record (its reader moved on or ended).</exception>
    public TRecord Materialize()
    {
        var json = Utf8;
        TRecord? record;
        try
        {
            var reader = new Utf8JsonReader(json.Span, _readerOptions);
            reader.Read();
            using (RawJsonCopier.ReadingFrom(json))
            {
                record = _converter.Read(ref reader, typeof(TRecord), _serializerOptions);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new CloudTrailFormatException($"The record at byte {ByteOffset} could not be read: {e.Message}", ByteOffset, RecordIndex, e, FilePath);
        }
        if (record is null) throw new CloudTrailFormatException($"A null record at byte {ByteOffset}.", ByteOffset, RecordIndex, null, FilePath);
        CloudTrailDelivery? delivery = null;
        if (_delivery is { } wrapper)
        {
            delivery = new CloudTrailDelivery
            {
                EventBridgeId = wrapper.EventBridgeId,
                EventBridgeTime = wrapper.EventBridgeTime,
                Region = wrapper.Region,
                Account = wrapper.Account,
                DetailType = wrapper.DetailType,
                LogGroup = wrapper.LogGroup,
                LogStream = wrapper.LogStream,
                LogEventId = wrapper.LogEventId,
            };
        }
        if (_keepOriginalJson)
        {
            delivery ??= new CloudTrailDelivery();
            delivery.OriginalJson = RawJson.Parse(json.Span, _readerOptions);
        }
        record.SetDelivery(Format, RecordIndex, ByteOffset, FilePath, delivery);
        return record;
    }
}
