using System;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// The record a view reader is on, read no further than it takes to find its end and its common
/// fields: nothing is built until asked for. The same instance is reused for every record of one
/// reading, so a view is valid only until the next record is read (as a <c>Utf8JsonReader</c> is
/// over its span): keep a field's value with <see cref="GetString"/>, the record with
/// <c>Materialize()</c>, or its bytes with <c>Utf8.ToArray()</c>.
/// </summary>
/// <remarks>
/// <para>
/// A class reused per record rather than a <c>ref struct</c>: views come from
/// <see cref="System.Collections.Generic.IEnumerable{T}"/> and
/// <see cref="System.Collections.Generic.IAsyncEnumerable{T}"/> (files, folders, S3 streams) and go
/// through <see cref="CloudTrailFilter"/>s and lambdas, none of which a <c>ref struct</c> allows.
/// Reading a view allocates nothing unless a .NET string or the typed record is asked for; what
/// is stored past the next record (a list of views) shows the last record read, so store what
/// <c>Materialize()</c> or <see cref="GetString"/> gives instead.
/// </para>
/// <para>
/// Fields are read as the typed reader reads them: keys as CloudTrail spells them, the last of a
/// repeated key wins, a string field that holds another JSON value (a number, an object) is
/// absent, <c>readOnly</c> is also read from "true"/"false" strings and <c>eventTime</c> from any
/// timestamp form the typed reader takes.
/// </para>
/// </remarks>
public abstract partial class CloudTrailRecordView
{
    private const int FieldCount = (int)CloudTrailRecordField.SessionIssuerPrincipalId + 1;
    private const int EventTimeSlot = FieldCount;
    private const int ReadOnlySlot = FieldCount + 1;

    // Objects whose fields are read: a slot each, to know whether the key was seen.
    private const int KeyUserIdentity = FieldCount + 2;
    private const int KeyInsightDetails = FieldCount + 3;
    private const int KeySessionContext = FieldCount + 4;
    private const int KeySessionIssuer = FieldCount + 5;
    private const int SlotCount = FieldCount + 6;
    private const int KeyNone = -1;

    private enum SlotKind : byte
    {
        None,
        String,     // the bytes are in the record
        Escaped,    // the bytes (unescaped) are in _scratch
        True,
        False,
        Number,     // the bytes are in the record
        Other,      // present, but not a value the field takes
    }

    private struct Slot
    {
        public int Start;
        public int Length;
        public SlotKind Kind;
        public bool Seen;   // the key was read (its value may be null)
    }

    private readonly Slot[] _slots = new Slot[SlotCount];
    private byte[] _scratch = new byte[256];
    private int _scratchUsed;
    private ReadOnlyMemory<byte> _json;
    private bool _valid;
    private bool _insight;

    private protected CloudTrailRecordView()
    {
    }

    /// <summary>The record's JSON, as it is in the input (for a record given as a JSON string: the string's text). Valid until the next record.</summary>
    public ReadOnlyMemory<byte> Utf8
    {
        get
        {
            CheckValid();
            return _json;
        }
    }

    /// <summary>The wrapper the record came in.</summary>
    public CloudTrailSourceFormat Format { get; private protected set; }

    /// <summary>The record's index among the records read (0-based), as <see cref="CloudTrailDelivery.RecordIndex"/>.</summary>
    public long RecordIndex { get; private protected set; }

    /// <summary>The offset of the record (or of its wrapper) in the decompressed input, as <see cref="CloudTrailDelivery.ByteOffset"/>.</summary>
    public long ByteOffset { get; private protected set; }

    /// <summary>The file the record was read from; for a stream, <see cref="CloudTrailReadOptions.SourceName"/>, else null.</summary>
    public string? FilePath { get; private protected set; }

    /// <summary><c>eventSource</c>, as a new string (see <see cref="GetUtf8"/> for no allocation).</summary>
    public string? EventSource => GetString(CloudTrailRecordField.EventSource);

    /// <summary><c>eventName</c>, as a new string (see <see cref="GetUtf8"/> for no allocation).</summary>
    public string? EventName => GetString(CloudTrailRecordField.EventName);

    /// <summary><c>eventCategory</c> as logged.</summary>
    public string? EventCategory => GetString(CloudTrailRecordField.EventCategory);

    /// <summary><c>errorCode</c>.</summary>
    public string? ErrorCode => GetString(CloudTrailRecordField.ErrorCode);

    /// <summary><c>awsRegion</c>.</summary>
    public string? AwsRegion => GetString(CloudTrailRecordField.AwsRegion);

    /// <summary><c>recipientAccountId</c>.</summary>
    public string? RecipientAccountId => GetString(CloudTrailRecordField.RecipientAccountId);

    /// <summary><c>sourceIPAddress</c>.</summary>
    public string? SourceIPAddress => GetString(CloudTrailRecordField.SourceIPAddress);

    /// <summary><c>userIdentity.type</c> as logged.</summary>
    public string? UserIdentityType => GetString(CloudTrailRecordField.UserIdentityType);

    /// <summary><c>userIdentity.arn</c>.</summary>
    public string? UserIdentityArn => GetString(CloudTrailRecordField.UserIdentityArn);

    /// <summary><c>userIdentity.principalId</c>.</summary>
    public string? UserIdentityPrincipalId => GetString(CloudTrailRecordField.UserIdentityPrincipalId);

    /// <summary><c>userIdentity.sessionContext.sessionIssuer.arn</c>: the role a session was issued for.</summary>
    public string? SessionIssuerArn => GetString(CloudTrailRecordField.SessionIssuerArn);

    /// <summary>Whether the record has an <c>insightDetails</c> object (a CloudTrail Insights record).</summary>
    public bool IsInsight
    {
        get
        {
            CheckValid();
            return _insight;
        }
    }

    /// <summary><c>eventTime</c>, parsed as the typed record's <c>EventTime</c> is; null when absent or not a time. Allocates nothing.</summary>
    public DateTimeOffset? EventTime
    {
        get
        {
            CheckValid();
            var slot = _slots[EventTimeSlot];
            switch (slot.Kind)
            {
                case SlotKind.String:
                case SlotKind.Escaped:
                    var text = Bytes(slot);
                    if (CloudTrailTime.TryParseCanonical(text, out var value) || CloudTrailTime.TryParse(text, out value)) return value;
                    return null;
                case SlotKind.Number:
                    return Utf8Parser.TryParse(Bytes(slot), out double number, out int consumed) && consumed == slot.Length
                        && CloudTrailTime.TryFromEpoch(number, out var epoch) ? epoch : null;
                default:
                    return null;
            }
        }
    }

    /// <summary><c>readOnly</c> (true or false, also when logged as a string); null when absent or another value.</summary>
    public bool? ReadOnly
    {
        get
        {
            CheckValid();
            var slot = _slots[ReadOnlySlot];
            switch (slot.Kind)
            {
                case SlotKind.True:
                    return true;
                case SlotKind.False:
                    return false;
                case SlotKind.String:
                    var text = Bytes(slot);
                    if (Ascii.EqualsIgnoreCase(text, "true"u8)) return true;
                    if (Ascii.EqualsIgnoreCase(text, "false"u8)) return false;
                    return null;
                default:
                    return null;
            }
        }
    }

    /// <summary>Whether the record has the field as a JSON string (possibly empty).</summary>
    /// <param name="field">The field.</param>
    public bool Has(CloudTrailRecordField field)
    {
        CheckValid();
        return _slots[(int)field].Kind is SlotKind.String or SlotKind.Escaped;
    }

    /// <summary>
    /// A field's value as UTF-8 (escapes decoded), without allocating; empty when the field is
    /// absent or not a string (tell those from an empty string with <see cref="Has"/>). Valid
    /// until the next record.
    /// </summary>
    /// <param name="field">The field.</param>
    public ReadOnlySpan<byte> GetUtf8(CloudTrailRecordField field)
    {
        CheckValid();
        var slot = _slots[(int)field];
        return slot.Kind is SlotKind.String or SlotKind.Escaped ? Bytes(slot) : default;
    }

    /// <summary>A field's value as a new string; null when the field is absent or not a string.</summary>
    /// <param name="field">The field.</param>
    public string? GetString(CloudTrailRecordField field)
    {
        CheckValid();
        var slot = _slots[(int)field];
        return slot.Kind is SlotKind.String or SlotKind.Escaped ? Encoding.UTF8.GetString(Bytes(slot)) : null;
    }

    /// <summary>Whether a field is a string equal to <paramref name="value"/> (ordinal, or ignoring ASCII case).</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The UTF-8 value.</param>
    /// <param name="ignoreCase">Whether ASCII letter case is ignored.</param>
    public bool FieldEquals(CloudTrailRecordField field, ReadOnlySpan<byte> value, bool ignoreCase = false)
    {
        if (!Has(field)) return false;
        var actual = Bytes(_slots[(int)field]);
        return actual.SequenceEqual(value) || (ignoreCase && Ascii.EqualsIgnoreCase(actual, value));
    }

    /// <summary>
    /// Who made the call, as people name them, without allocating: <c>root</c> for the root user
    /// (userIdentity.type Root); else the user name; else <c>Role/session</c> for an assumed role's
    /// session (the part of the ARN after <c>:assumed-role/</c>); else the name of the role the
    /// session was issued for; else the service that called (invokedBy); else the account, for
    /// another account (type AWSAccount); else the principal id; else the ARN. False when the
    /// record has none of these (no userIdentity, or one without any of them).
    /// </summary>
    /// <param name="principal">The name, as UTF-8: part of one of the view's fields, or <c>root</c>; valid until the next record.</param>
    /// <returns>Whether the record names who made the call.</returns>
    public bool TryGetPrincipalUtf8(out ReadOnlySpan<byte> principal)
    {
        var type = GetUtf8(CloudTrailRecordField.UserIdentityType);
        // An open enum's member: the typed reader matches members ignoring ASCII case.
        if (Ascii.EqualsIgnoreCase(type, "Root"u8))
        {
            principal = "root"u8;
            return true;
        }
        principal = GetUtf8(CloudTrailRecordField.UserIdentityUserName);
        if (!principal.IsEmpty) return true;
        var arn = GetUtf8(CloudTrailRecordField.UserIdentityArn);
        if (TryGetAssumedRoleSession(arn, out principal)) return true;
        principal = GetUtf8(CloudTrailRecordField.SessionIssuerUserName);
        if (!principal.IsEmpty) return true;
        principal = GetUtf8(CloudTrailRecordField.UserIdentityInvokedBy);
        if (!principal.IsEmpty) return true;
        if (Ascii.EqualsIgnoreCase(type, "AWSAccount"u8))
        {
            principal = GetUtf8(CloudTrailRecordField.UserIdentityAccountId);
            if (!principal.IsEmpty) return true;
        }
        principal = GetUtf8(CloudTrailRecordField.UserIdentityPrincipalId);
        if (!principal.IsEmpty) return true;
        principal = arn;
        return !arn.IsEmpty;
    }

    /// <summary><c>Role/session</c> of an assumed role's ARN (<c>arn:aws:sts::111122223333:assumed-role/Role/session</c>).</summary>
    internal static bool TryGetAssumedRoleSession(ReadOnlySpan<byte> arn, out ReadOnlySpan<byte> session)
    {
        int at = arn.IndexOf(":assumed-role/"u8);
        session = at < 0 ? default : arn[(at + ":assumed-role/".Length)..];
        return at >= 0;
    }

    /// <inheritdoc/>
    public override string ToString() => _valid ? $"{EventSource} {EventName} at byte {ByteOffset}" : "(no record)";

    private ReadOnlySpan<byte> Bytes(Slot slot) => slot.Kind switch
    {
        SlotKind.String or SlotKind.Number => _json.Span.Slice(slot.Start, slot.Length),
        SlotKind.Escaped => _scratch.AsSpan(slot.Start, slot.Length),
        _ => default,
    };

    private protected void CheckValid()
    {
        if (!_valid)
        {
            throw new InvalidOperationException("This record view holds no record: a view is valid only while its reader is on a record (until the next one is read). Keep Materialize()'s record, GetString's value or Utf8.ToArray() instead.");
        }
    }

    /// <summary>Makes the view say it holds no record (at the end of reading, or before the next).</summary>
    internal void Invalidate() => _valid = false;

    /// <summary>Points the view at a record whose fields <see cref="TryScan"/> has just found in <paramref name="json"/>.</summary>
    internal void SetScanned(ReadOnlyMemory<byte> json, CloudTrailSourceFormat format, long recordIndex, long byteOffset, string? filePath)
    {
        _json = json;
        Format = format;
        RecordIndex = recordIndex;
        ByteOffset = byteOffset;
        FilePath = filePath;
        _valid = true;
    }

    /// <summary>
    /// Reads the JSON object at the start of <paramref name="json"/> to its end with
    /// <c>Utf8JsonReader</c>, noting where the fields of the view are: one pass of the tokenizer,
    /// nothing allocated. False when the object does not end within <paramref name="json"/> (more
    /// input is needed). What the view's own scanner (<see cref="TryScanFast"/>) leaves open.
    /// </summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    internal bool TryScanWithReader(ReadOnlySpan<byte> json, JsonReaderOptions options, out int length)
    {
        Reset();
        length = 0;
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(options));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        int top = KeyNone, second = KeyNone, third = KeyNone, fourth = KeyNone;
        while (reader.Read())
        {
            var type = reader.TokenType;
            int depth = reader.CurrentDepth;
            if (type == JsonTokenType.PropertyName)
            {
                switch (depth)
                {
                    case 1:
                        top = Accept(TopKey(ref reader, out bool exact), exact);
                        second = KeyNone;
                        break;
                    case 2:
                        second = top == KeyUserIdentity ? Accept(IdentityKey(ref reader, out exact), exact) : KeyNone;
                        third = KeyNone;
                        break;
                    case 3:
                        third = second == KeySessionContext ? Accept(IssuerObjectKey(ref reader, out exact), exact) : KeyNone;
                        fourth = KeyNone;
                        break;
                    case 4:
                        fourth = third == KeySessionIssuer ? Accept(IssuerKey(ref reader, out exact), exact) : KeyNone;
                        break;
                }
                continue;
            }
            if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                if (depth == 0)
                {
                    length = (int)reader.BytesConsumed;
                    return true;
                }
                continue;
            }
            // A value: of the key at its depth.
            switch (depth)
            {
                case 1:
                    if (top == KeyNone) break;
                    if (top == KeyUserIdentity)
                    {
                        ClearFrom(CloudTrailRecordField.UserIdentityType);
                        _slots[KeySessionContext] = default;
                        _slots[KeySessionIssuer] = default;
                        _slots[KeyUserIdentity].Seen = true;
                        if (type != JsonTokenType.StartObject) top = KeyNone; // its fields are not read: no object
                        break;
                    }
                    if (top == KeyInsightDetails)
                    {
                        _insight = type == JsonTokenType.StartObject;
                        _slots[KeyInsightDetails].Seen = true;
                        break;
                    }
                    Store(top, ref reader, type);
                    break;
                case 2:
                    if (second == KeyNone) break;
                    if (second == KeySessionContext)
                    {
                        ClearFrom(CloudTrailRecordField.SessionIssuerArn);
                        _slots[KeySessionIssuer] = default;
                        _slots[KeySessionContext].Seen = true;
                        if (type != JsonTokenType.StartObject) second = KeyNone;
                        break;
                    }
                    Store(second, ref reader, type);
                    break;
                case 3:
                    if (third != KeySessionIssuer) break;
                    ClearFrom(CloudTrailRecordField.SessionIssuerArn);
                    _slots[KeySessionIssuer].Seen = true;
                    if (type != JsonTokenType.StartObject) third = KeyNone;
                    break;
                case 4:
                    if (fourth != KeyNone) Store(fourth, ref reader, type);
                    break;
            }
        }
        return false;
    }

    /// <summary>
    /// A key as the typed reader takes it: spelled as CloudTrail spells it, the last value wins;
    /// in another letter case, only when no value was read for the field yet (else it is another key).
    /// </summary>
    private int Accept(int id, bool exact) => id == KeyNone || (!exact && _slots[id].Seen) ? KeyNone : id;

    private void ClearFrom(CloudTrailRecordField first)
    {
        int from = (int)first;
        Array.Clear(_slots, from, (int)CloudTrailRecordField.SessionIssuerPrincipalId + 1 - from);
    }

    private void Store(int slot, ref Utf8JsonReader reader, JsonTokenType type)
    {
        ref var target = ref _slots[slot];
        target.Seen = true;
        switch (type)
        {
            case JsonTokenType.String:
                if (!reader.ValueIsEscaped)
                {
                    target.Start = (int)reader.TokenStartIndex + 1;
                    target.Length = reader.ValueSpan.Length;
                    target.Kind = SlotKind.String;
                    return;
                }
                int room = reader.ValueSpan.Length;
                if (_scratch.Length - _scratchUsed < room) Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + room));
                try
                {
                    int written = reader.CopyString(_scratch.AsSpan(_scratchUsed));
                    target.Start = _scratchUsed;
                    target.Length = written;
                    target.Kind = SlotKind.Escaped;
                    _scratchUsed += written;
                }
                catch (InvalidOperationException)
                {
                    target = new Slot { Kind = SlotKind.Other, Seen = true }; // a lone surrogate escape: no string holds it
                }
                return;
            case JsonTokenType.True:
                target = new Slot { Kind = SlotKind.True, Seen = true };
                return;
            case JsonTokenType.False:
                target = new Slot { Kind = SlotKind.False, Seen = true };
                return;
            case JsonTokenType.Number:
                target.Start = (int)reader.TokenStartIndex;
                target.Length = reader.ValueSpan.Length;
                target.Kind = SlotKind.Number;
                return;
            case JsonTokenType.Null:
                target = new Slot { Seen = true };
                return;
            default:
                target = new Slot { Kind = SlotKind.Other, Seen = true };
                return;
        }
    }

    private static int TopKey(ref Utf8JsonReader reader, out bool exact)
        => reader.ValueIsEscaped ? EscapedKey(ref reader, s_topKeys, out exact) : TopKey(reader.ValueSpan, out exact);

    private static int IdentityKey(ref Utf8JsonReader reader, out bool exact)
        => reader.ValueIsEscaped ? EscapedKey(ref reader, s_identityKeys, out exact) : IdentityKey(reader.ValueSpan, out exact);

    private static int IssuerObjectKey(ref Utf8JsonReader reader, out bool exact)
        => reader.ValueIsEscaped ? EscapedKey(ref reader, s_sessionKeys, out exact) : IssuerObjectKey(reader.ValueSpan, out exact);

    private static int IssuerKey(ref Utf8JsonReader reader, out bool exact)
        => reader.ValueIsEscaped ? EscapedKey(ref reader, s_issuerKeys, out exact) : IssuerKey(reader.ValueSpan, out exact);

    /// <summary>A key of the record itself, written without escapes.</summary>
    private static int TopKey(ReadOnlySpan<byte> name, out bool exact)
    {
        exact = true;
        int id = KeyNone;
        bool unread = false; // a key of the record format that the view does not read: no need to look further
        switch (name.Length)
        {
            case 7:
                if (name.SequenceEqual("eventID"u8)) id = (int)CloudTrailRecordField.EventId;
                break;
            case 8:
                if (name.SequenceEqual("readOnly"u8)) id = ReadOnlySlot;
                else unread = name.SequenceEqual("addendum"u8);
                break;
            case 9:
                if (name.SequenceEqual("eventName"u8)) id = (int)CloudTrailRecordField.EventName;
                else if (name.SequenceEqual("eventTime"u8)) id = EventTimeSlot;
                else if (name.SequenceEqual("eventType"u8)) id = (int)CloudTrailRecordField.EventType;
                else if (name.SequenceEqual("errorCode"u8)) id = (int)CloudTrailRecordField.ErrorCode;
                else if (name.SequenceEqual("awsRegion"u8)) id = (int)CloudTrailRecordField.AwsRegion;
                else if (name.SequenceEqual("userAgent"u8)) id = (int)CloudTrailRecordField.UserAgent;
                else unread = name.SequenceEqual("requestID"u8) || name.SequenceEqual("resources"u8);
                break;
            case 10:
                unread = name.SequenceEqual("tlsDetails"u8) || name.SequenceEqual("apiVersion"u8);
                break;
            case 11:
                if (name.SequenceEqual("eventSource"u8)) id = (int)CloudTrailRecordField.EventSource;
                break;
            case 12:
                if (name.SequenceEqual("userIdentity"u8)) id = KeyUserIdentity;
                else unread = name.SequenceEqual("eventVersion"u8) || name.SequenceEqual("errorMessage"u8);
                break;
            case 13:
                if (name.SequenceEqual("eventCategory"u8)) id = (int)CloudTrailRecordField.EventCategory;
                else unread = name.SequenceEqual("sharedEventID"u8) || name.SequenceEqual("vpcEndpointId"u8);
                break;
            case 14:
                if (name.SequenceEqual("insightDetails"u8)) id = KeyInsightDetails;
                break;
            case 15:
                if (name.SequenceEqual("sourceIPAddress"u8)) id = (int)CloudTrailRecordField.SourceIPAddress;
                else unread = name.SequenceEqual("managementEvent"u8);
                break;
            case 16:
                unread = name.SequenceEqual("responseElements"u8);
                break;
            case 17:
                unread = name.SequenceEqual("requestParameters"u8) || name.SequenceEqual("edgeDeviceDetails"u8);
                break;
            case 18:
                if (name.SequenceEqual("recipientAccountId"u8)) id = (int)CloudTrailRecordField.RecipientAccountId;
                break;
            case 19:
                unread = name.SequenceEqual("additionalEventData"u8) || name.SequenceEqual("serviceEventDetails"u8);
                break;
        }
        return id != KeyNone || unread ? id : FoldedKey(name, s_topKeys, out exact);
    }

    /// <summary>A key of userIdentity, written without escapes.</summary>
    private static int IdentityKey(ReadOnlySpan<byte> name, out bool exact)
    {
        exact = true;
        int id = KeyNone;
        switch (name.Length)
        {
            case 3:
                if (name.SequenceEqual("arn"u8)) id = (int)CloudTrailRecordField.UserIdentityArn;
                break;
            case 4:
                if (name.SequenceEqual("type"u8)) id = (int)CloudTrailRecordField.UserIdentityType;
                break;
            case 8:
                if (name.SequenceEqual("userName"u8)) id = (int)CloudTrailRecordField.UserIdentityUserName;
                break;
            case 9:
                if (name.SequenceEqual("accountId"u8)) id = (int)CloudTrailRecordField.UserIdentityAccountId;
                else if (name.SequenceEqual("invokedBy"u8)) id = (int)CloudTrailRecordField.UserIdentityInvokedBy;
                break;
            case 11:
                if (name.SequenceEqual("principalId"u8)) id = (int)CloudTrailRecordField.UserIdentityPrincipalId;
                else if (name.SequenceEqual("accessKeyId"u8)) id = (int)CloudTrailRecordField.UserIdentityAccessKeyId;
                break;
            case 14:
                if (name.SequenceEqual("sessionContext"u8)) id = KeySessionContext;
                break;
        }
        return id != KeyNone ? id : FoldedKey(name, s_identityKeys, out exact);
    }

    /// <summary>A key of sessionContext, written without escapes.</summary>
    private static int IssuerObjectKey(ReadOnlySpan<byte> name, out bool exact)
    {
        exact = true;
        return name.SequenceEqual("sessionIssuer"u8) ? KeySessionIssuer : FoldedKey(name, s_sessionKeys, out exact);
    }

    /// <summary>A key of sessionIssuer, written without escapes.</summary>
    private static int IssuerKey(ReadOnlySpan<byte> name, out bool exact)
    {
        exact = true;
        if (name.SequenceEqual("arn"u8)) return (int)CloudTrailRecordField.SessionIssuerArn;
        if (name.SequenceEqual("userName"u8)) return (int)CloudTrailRecordField.SessionIssuerUserName;
        if (name.SequenceEqual("principalId"u8)) return (int)CloudTrailRecordField.SessionIssuerPrincipalId;
        return FoldedKey(name, s_issuerKeys, out exact);
    }

    /// <summary>A key in another ASCII letter case (<c>eventname</c>), as the typed reader also takes it.</summary>
    private static int FoldedKey(ReadOnlySpan<byte> name, (byte[] Name, int Id)[] keys, out bool exact)
    {
        exact = false;
        if (name.IsEmpty) return KeyNone;
        byte last = (byte)(name[^1] | 0x20);
        foreach (var (key, id) in keys)
        {
            // Length and last letter first: most names that reach here are keys not read at all.
            if (key.Length == name.Length && (key[^1] | 0x20) == last && Ascii.EqualsIgnoreCase(name, key)) return id;
        }
        return KeyNone;
    }

    /// <summary>A key written with escapes (the reader on it): compared once decoded (rare).</summary>
    private static int EscapedKey(ref Utf8JsonReader reader, (byte[] Name, int Id)[] keys, out bool exact)
    {
        exact = false;
        if (reader.ValueSpan.Length > 64) return KeyNone; // longer than any key read here, even written with escapes
        Span<byte> name = stackalloc byte[64];
        int written;
        try
        {
            written = reader.CopyString(name);
        }
        catch (InvalidOperationException)
        {
            return KeyNone; // a lone surrogate escape: no key of ours
        }
        return DecodedKey(name[..written], keys, out exact);
    }

    /// <summary>A key written with escapes (its token, quotes included): compared once decoded (rare).</summary>
    private static int EscapedKey(ReadOnlySpan<byte> token, (byte[] Name, int Id)[] keys, out bool exact)
    {
        exact = false;
        var decoded = Decoded(token, stackalloc byte[64]);
        return decoded.IsEmpty ? KeyNone : DecodedKey(decoded, keys, out exact);
    }

    private static int DecodedKey(ReadOnlySpan<byte> decoded, (byte[] Name, int Id)[] keys, out bool exact)
    {
        foreach (var (key, id) in keys)
        {
            if (decoded.SequenceEqual(key))
            {
                exact = true;
                return id;
            }
        }
        return FoldedKey(decoded, keys, out exact);
    }

    private static readonly (byte[] Name, int Id)[] s_topKeys =
    [
        ("eventSource"u8.ToArray(), (int)CloudTrailRecordField.EventSource),
        ("eventName"u8.ToArray(), (int)CloudTrailRecordField.EventName),
        ("eventCategory"u8.ToArray(), (int)CloudTrailRecordField.EventCategory),
        ("eventType"u8.ToArray(), (int)CloudTrailRecordField.EventType),
        ("eventID"u8.ToArray(), (int)CloudTrailRecordField.EventId),
        ("errorCode"u8.ToArray(), (int)CloudTrailRecordField.ErrorCode),
        ("awsRegion"u8.ToArray(), (int)CloudTrailRecordField.AwsRegion),
        ("recipientAccountId"u8.ToArray(), (int)CloudTrailRecordField.RecipientAccountId),
        ("sourceIPAddress"u8.ToArray(), (int)CloudTrailRecordField.SourceIPAddress),
        ("userAgent"u8.ToArray(), (int)CloudTrailRecordField.UserAgent),
        ("eventTime"u8.ToArray(), EventTimeSlot),
        ("readOnly"u8.ToArray(), ReadOnlySlot),
        ("userIdentity"u8.ToArray(), KeyUserIdentity),
        ("insightDetails"u8.ToArray(), KeyInsightDetails),
    ];

    private static readonly (byte[] Name, int Id)[] s_identityKeys =
    [
        ("type"u8.ToArray(), (int)CloudTrailRecordField.UserIdentityType),
        ("arn"u8.ToArray(), (int)CloudTrailRecordField.UserIdentityArn),
        ("principalId"u8.ToArray(), (int)CloudTrailRecordField.UserIdentityPrincipalId),
        ("accountId"u8.ToArray(), (int)CloudTrailRecordField.UserIdentityAccountId),
        ("userName"u8.ToArray(), (int)CloudTrailRecordField.UserIdentityUserName),
        ("accessKeyId"u8.ToArray(), (int)CloudTrailRecordField.UserIdentityAccessKeyId),
        ("invokedBy"u8.ToArray(), (int)CloudTrailRecordField.UserIdentityInvokedBy),
        ("sessionContext"u8.ToArray(), KeySessionContext),
    ];

    private static readonly (byte[] Name, int Id)[] s_sessionKeys =
    [
        ("sessionIssuer"u8.ToArray(), KeySessionIssuer),
    ];

    private static readonly (byte[] Name, int Id)[] s_issuerKeys =
    [
        ("arn"u8.ToArray(), (int)CloudTrailRecordField.SessionIssuerArn),
        ("userName"u8.ToArray(), (int)CloudTrailRecordField.SessionIssuerUserName),
        ("principalId"u8.ToArray(), (int)CloudTrailRecordField.SessionIssuerPrincipalId),
    ];
}
