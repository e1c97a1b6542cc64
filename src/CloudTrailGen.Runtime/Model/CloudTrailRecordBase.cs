using System;
using System.Buffers;
using System.ComponentModel;
using System.Text.Json;
using System.Threading;

namespace CloudTrailGen;

/// <summary>The base of the generated record envelope: adds what a reader knows about where a record came from.</summary>
/// <remarks>
/// While the record converter reads a record, the event class is picked as soon as
/// <c>eventSource</c> and <c>eventName</c> have been read (CloudTrail writes them before
/// <c>requestParameters</c> and <c>responseElements</c>): those two parts are then read straight
/// into the event's typed classes, with no raw copy and no second pass. When they come first, or
/// the event has no typed part, they are kept as raw JSON and typed on first use.
/// </remarks>
public abstract class CloudTrailRecordBase : CloudTrailObject
{
    // What the record converter knows during one read, per thread: kept out of the instances,
    // which would otherwise each carry these fields for their whole life.
    private sealed class ReadState
    {
        public CloudTrailRecordBase? Envelope;
        public Func<CloudTrailRecordBase, CloudTrailRecordBase?>? Dispatch;
        public string? Source;   // non-null once the event class was picked, for this eventSource...
        public string? Name;     // ...and this eventName
        public CloudTrailRecordBase? Event;
    }

    [ThreadStatic]
    private static ReadState? t_read;

    // Where a reader found the record, kept in the record itself: a CloudTrailDelivery object is
    // made only when Delivery is asked for (or when the wrapper has fields of its own), so knowing
    // the position of every record costs no allocation per record.
    private CloudTrailDelivery? _delivery;
    private string? _deliveryFile;
    private long _deliveryIndex;
    private long _deliveryOffset;
    private CloudTrailSourceFormat _deliveryFormat;
    private bool _delivered;

    /// <summary>
    /// How the record was delivered: the wrapper it came in, its index and byte offset, the file
    /// it was read from and the wrapper's own fields. Set on every record a <c>CloudTrailLog</c>
    /// reader returns; null for a record deserialized or made otherwise.
    /// </summary>
    public CloudTrailDelivery? Delivery
    {
        get
        {
            if (_delivery is { } delivery || !_delivered) return _delivery;
            delivery = new CloudTrailDelivery
            {
                Format = _deliveryFormat,
                RecordIndex = _deliveryIndex,
                ByteOffset = _deliveryOffset,
                FilePath = _deliveryFile,
            };
            return Interlocked.CompareExchange(ref _delivery, delivery, null) ?? delivery;
        }
    }

    /// <summary>
    /// Records where the reader found this record; <paramref name="delivery"/> (the wrapper's
    /// fields, or the original JSON) is completed and kept when given, else made on first use.
    /// </summary>
    internal void SetDelivery(CloudTrailSourceFormat format, long recordIndex, long byteOffset, string? filePath, CloudTrailDelivery? delivery)
    {
        _deliveryFormat = format;
        _deliveryIndex = recordIndex;
        _deliveryOffset = byteOffset;
        _deliveryFile = filePath;
        _delivered = true;
        if (delivery is not null)
        {
            delivery.Format = format;
            delivery.RecordIndex = recordIndex;
            delivery.ByteOffset = byteOffset;
            delivery.FilePath = filePath;
        }
        _delivery = delivery;
    }

    /// <summary>
    /// The event's typed <c>requestParameters</c>, for code that handles any event: the event
    /// class's <c>Request</c> (the same object, read with the record or on first use).
    /// </summary>
    /// <value>
    /// Null when the record has no event class, when the event has no request shape (see
    /// <see cref="HasRequestShape"/>), or when <c>requestParameters</c> was absent, null or not an
    /// object (nor a string holding one); the raw JSON is then in the record's <c>RequestParameters</c>.
    /// </value>
    public virtual CloudTrailObject? TypedRequest => null;

    /// <summary>
    /// The event's typed <c>responseElements</c>, for code that handles any event: the event
    /// class's <c>Response</c> (the same object, read with the record or on first use).
    /// </summary>
    /// <value>
    /// Null when the record has no event class, when the event has no response shape (see
    /// <see cref="HasResponseShape"/>), or when <c>responseElements</c> was absent, null or not an
    /// object (nor a string holding one); the raw JSON is then in the record's <c>ResponseElements</c>.
    /// </value>
    public virtual CloudTrailObject? TypedResponse => null;

    /// <summary>
    /// Whether this record's event class has a typed request (the catalog gives the event a
    /// request shape), whatever this record's <c>requestParameters</c> hold: it tells "no shape"
    /// from "no value" when <see cref="TypedRequest"/> is null. False for a record with no event class.
    /// </summary>
    /// <remarks>
    /// It asks the generated <see cref="CreateRequestPart"/> (one new, empty object) rather than a
    /// virtual of its own, which would add a member to each of thousands of generated classes.
    /// </remarks>
    public bool HasRequestShape => CreateRequestPart() is not null;

    /// <summary>
    /// Whether this record's event class has a typed response (the catalog gives the event a
    /// response shape), whatever this record's <c>responseElements</c> hold: it tells "no shape"
    /// from "no value" when <see cref="TypedResponse"/> is null. False for a record with no event class.
    /// </summary>
    /// <remarks>Asks <see cref="CreateResponsePart"/>, as <see cref="HasRequestShape"/> does.</remarks>
    public bool HasResponseShape => CreateResponsePart() is not null;

    /// <summary>A new, empty <c>requestParameters</c> object of this event class; null when it has none (generated).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual CloudTrailObject? CreateRequestPart() => null;

    /// <summary>A new, empty <c>responseElements</c> object of this event class; null when it has none (generated).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual CloudTrailObject? CreateResponsePart() => null;

    /// <summary>
    /// Reads <c>requestParameters</c> (<paramref name="request"/>) or <c>responseElements</c>:
    /// straight into the typed class when the event class is known by now and the value is an
    /// object (<paramref name="typed"/> is then set and null returned), else as raw JSON.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="member">The member's index in the member table.</param>
    /// <param name="request">Whether the member is <c>requestParameters</c>.</param>
    /// <param name="eventSource">The <c>eventSource</c> read so far, if any.</param>
    /// <param name="eventName">The <c>eventName</c> read so far, if any.</param>
    /// <param name="typed">The typed value; null unless the value was read typed.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected RawJson? ReadPart(ref Utf8JsonReader reader, int member, bool request, string? eventSource, string? eventName, ref CloudTrailObject? typed)
    {
        typed = null;
        if (reader.TokenType == JsonTokenType.StartObject && eventSource is not null && eventName is not null
            && t_read is { } state && ReferenceEquals(state.Envelope, this))
        {
            if (!ReferenceEquals(eventSource, state.Source) || !ReferenceEquals(eventName, state.Name))
            {
                state.Event = state.Dispatch!(this);
                state.Source = eventSource;
                state.Name = eventName;
            }
            var ev = state.Event;
            var part = ev is null ? null : request ? ev.CreateRequestPart() : ev.CreateResponsePart();
            if (part is not null)
            {
                var start = reader;
                try
                {
                    part.ReadFrom(ref reader);
                    typed = part;
                    return null;
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException)
                {
                    // Kept raw instead: a value the raw copy cannot read either fails the record as before.
                    reader = start;
                }
            }
        }
        return ReadNullable(ref reader, member, JsonCodec.Json);
    }

    /// <summary>Whether this envelope's <c>eventSource</c> and <c>eventName</c> are these very strings (generated).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual bool HasEventKey(string? eventSource, string? eventName) => false;

    /// <summary>Starts a read by the record converter: <paramref name="dispatch"/> picks the event class.</summary>
    internal void BeginRead(Func<CloudTrailRecordBase, CloudTrailRecordBase?> dispatch)
    {
        var state = t_read ??= new ReadState();
        state.Envelope = this;
        state.Dispatch = dispatch;
        state.Source = null;
        state.Name = null;
        state.Event = null;
    }

    /// <summary>
    /// Ends a read: the event class picked while reading, when eventSource and eventName have not
    /// changed since (a repeated key can change them).
    /// </summary>
    /// <returns>Whether the pick still holds; <paramref name="picked"/> may be null (no class).</returns>
    internal bool EndRead(out CloudTrailRecordBase? picked)
    {
        picked = null;
        if (t_read is not { } state || !ReferenceEquals(state.Envelope, this)) return false;
        bool holds = state.Source is not null && HasEventKey(state.Source, state.Name);
        if (holds) picked = state.Event;
        state.Envelope = null;
        state.Source = null;
        state.Name = null;
        state.Event = null;
        return holds;
    }

    /// <summary>
    /// A typed view of a member kept as raw JSON (an event's <c>additionalEventData</c>): read into a
    /// new <typeparamref name="T"/> on first use, and again once the raw value is another one. Changing
    /// the view does not change the raw value.
    /// </summary>
    /// <typeparam name="T">The generated class of the view.</typeparam>
    /// <param name="raw">The member's raw value now.</param>
    /// <param name="cache">A field of the generated class that keeps the view and the value it was read from.</param>
    /// <returns>The view; null when the value is absent or not an object (nor a string holding one).</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static T? ViewOf<T>(RawJson? raw, ref object? cache)
        where T : CloudTrailObject, new()
    {
        if (raw is not { } value) return null;
        byte[] source = value.Bytes;
        if (cache is TypedView view && ReferenceEquals(view.Source, source)) return view.Value as T;
        var parsed = ParseObject<T>(value);
        cache = new TypedView(source, parsed);
        return parsed;
    }

    /// <summary>A view and the raw bytes it was read from.</summary>
    private sealed class TypedView(byte[] source, CloudTrailObject? value)
    {
        public byte[] Source { get; } = source;

        public CloudTrailObject? Value { get; } = value;
    }

    /// <summary>
    /// The JSON of a typed part read without a raw copy (what <c>RequestParameters</c> and
    /// <c>ResponseElements</c> return then): the typed value written out (non-ASCII text unescaped), equal as JSON to what was read.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static RawJson? RawOf(CloudTrailObject? typed)
    {
        if (typed is null) return null;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
        {
            typed.WriteTo(writer);
        }
        return new RawJson(buffer.WrittenSpan.ToArray());
    }
}
