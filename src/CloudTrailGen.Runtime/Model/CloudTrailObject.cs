using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// The base of every generated CloudTrail type. It reads and writes JSON objects member by member
/// and keeps whatever its typed members cannot hold: keys the catalog does not list, values that
/// do not fit their member's type, explicit <c>null</c>s and keys spelled in another letter case.
/// Reading then writing an object therefore gives back JSON equal to what was read.
/// </summary>
/// <remarks>
/// Generated classes supply their member table. Service types give it a codec per member and
/// keep their values here, in one slot per member, so they need no code per member beyond the
/// property. The envelope's types, read on every record, keep typed fields instead and supply a
/// switch that reads one member and a sequence of writes. Everything else (the object loop,
/// leniency, keeping raw values) is here, so the generated code stays small. The protected
/// members are for generated code and are hidden from completion lists
/// (<see cref="EditorBrowsableAttribute"/>); the public ones are for everyone.
/// </remarks>
public abstract partial class CloudTrailObject
{
    private const JsonTokenType NullToken = JsonTokenType.Null;

    // Bit m (m < 32): member m was an explicit JSON null; bit 32 + m: its value was its canonical
    // text in a string ("false", "900"). Later members keep a null as raw JSON in _kept, and the
    // quoting as a flag there.
    private const int MarkedMembers = 32;
    private ulong _marks;
    // What was kept, in the order it was kept; unused entries at the end are Free.
    private Kept[]? _kept;
    private const int Free = int.MinValue;

    /// <summary>A value kept as read: an unknown key (Member -1), or a member's raw value, quoting and/or original key spelling.</summary>
    private struct Kept
    {
        public int Member;
        public bool Quoted;
        public byte[]? Raw;

        // The key's text, or (rare) a RawKeyName: an unknown key that holds a lone surrogate
        // escape ("\ud800"), with its bytes as written, since Key has the surrogate as a char,
        // which Utf8JsonWriter would write as U+FFFD. One field for both keeps every entry small.
        private object? _key;

        public string? Key
        {
            readonly get => _key as string ?? (_key as RawKeyName)?.Text;
            set => _key = value;
        }

        /// <summary>Set after <see cref="Key"/>.</summary>
        public byte[]? RawKey
        {
            readonly get => (_key as RawKeyName)?.Bytes;
            set
            {
                if (value is not null) _key = new RawKeyName(Key!, value);
            }
        }
    }

    private sealed record RawKeyName(string Text, byte[] Bytes);

    private static readonly byte[] s_nullLiteral = "null"u8.ToArray();

    /// <summary>The entries kept so far (entries are never removed, so they are a prefix of the array).</summary>
    private Span<Kept> KeptEntries()
    {
        var kept = _kept;
        if (kept is null) return default;
        int count = kept.Length;
        while (count > 0 && kept[count - 1].Member == Free) count--;
        return kept.AsSpan(0, count);
    }

    /// <summary>A new entry at the end of what was kept (the array grows by doubling).</summary>
    private ref Kept AddKept()
    {
        int count = KeptEntries().Length;
        if (_kept is null || count == _kept.Length)
        {
            var larger = new Kept[_kept is null ? 1 : _kept.Length * 2];
            _kept?.CopyTo(larger, 0);
            for (int i = count; i < larger.Length; i++) larger[i].Member = Free;
            _kept = larger;
        }
        return ref _kept[count];
    }

    /// <summary>The JSON names of this type's members (generated).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract JsonMemberTable GetMemberTable();

    /// <summary>Reads member <paramref name="member"/> from the value the reader is on.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract void ReadMember(ref Utf8JsonReader reader, int member);

    /// <summary>Writes every member in catalog order (or what was kept for it).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract void WriteMembers(Utf8JsonWriter writer);

    /// <summary>
    /// A new, empty object of this object's type (generated service types return <c>new T()</c>);
    /// null when the type does not make one.
    /// </summary>
    /// <remarks>
    /// The runtime makes nested objects of a service type through one instance of it and this
    /// method: a direct <c>new</c>, where a generic <c>new T()</c> in code shared by every
    /// reference type is, under the JIT, a call into <see cref="Activator"/> several times slower.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual CloudTrailObject? CreateEmpty() => null;

    /// <summary><see cref="CreateEmpty"/>, for the codecs.</summary>
    internal CloudTrailObject? NewEmpty() => CreateEmpty();

    /// <summary>
    /// The keys of this object that the catalog does not describe, with their values as read, in
    /// the order they were read.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, RawJson>> GetUnknownMembers()
    {
        var result = new List<KeyValuePair<string, RawJson>>();
        if (_kept is null) return result;
        foreach (var kept in KeptEntries())
        {
            if (kept.Member < 0) result.Add(new(kept.Key!, new RawJson(kept.Raw!)));
        }
        return result;
    }

    /// <summary>Adds or replaces a key that is written after the typed members.</summary>
    /// <exception cref="ArgumentException">The key is one of this type's typed members.</exception>
    public void SetUnknownMember(string key, RawJson value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (GetMemberTable().Find(Encoding.UTF8.GetBytes(key), out bool exact) >= 0 && exact)
        {
            throw new ArgumentException($"'{key}' is a typed member of {GetType().Name}: set its property instead.", nameof(key));
        }
        AddUnknown(key, value.Bytes, rawKey: null);
    }

    /// <summary>
    /// The value of a key exactly as it was read, when it is an unknown key or when its value did not
    /// fit the member's type exactly (for example <c>"HIDDEN_DUE_TO_SECURITY_REASONS"</c> where an
    /// object was expected, or <c>"Jan 19, 2023 5:55:08 PM"</c> for a timestamp). A number or boolean
    /// logged as a string of its usual text (<c>"900"</c>, <c>"false"</c>) is typed, and written back
    /// as a string, without a raw copy.
    /// </summary>
    public bool TryGetRawValue(string key, out RawJson value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = default;
        if (_kept is null) return false;
        int member = GetMemberTable().Find(Encoding.UTF8.GetBytes(key), out _);
        foreach (var kept in KeptEntries())
        {
            if (kept.Raw is null) continue;
            if ((member >= 0 && kept.Member == member) || (kept.Member < 0 && kept.Key == key))
            {
                value = new RawJson(kept.Raw);
                return true;
            }
        }
        return false;
    }

    /// <summary>Writes this object as JSON.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (HasRawKeys())
        {
            WriteWithRawKeys(writer);
            return;
        }
        writer.WriteStartObject();
        WriteMembers(writer);
        if (_kept is not null)
        {
            foreach (var kept in KeptEntries())
            {
                if (kept.Member >= 0) continue;
                writer.WritePropertyName(kept.Key!);
                writer.WriteRawValue(kept.Raw!, skipInputValidation: true);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>Reads the object the reader is on (a StartObject token), leaving the reader on its EndObject.</summary>
    /// <remarks>
    /// The object loop is compiled three times, once per kind of object (<see cref="IObjectKind"/>):
    /// the record envelope, the envelope's parts and the service types. Each copy's branches then
    /// learn one kind's keys. With one shared copy, a log whose records come in no fixed order (a
    /// real trail) keeps defeating the processor's branch prediction: on the benchmarks' shuffled
    /// input typed reading took about 5% longer with one copy than with three (median of 12 interleaved runs).
    /// </remarks>
    internal void ReadFrom(ref Utf8JsonReader reader)
    {
        if (this is CloudTrailCompactObject) ReadObject<ServiceObject>(ref reader);
        else if (this is CloudTrailRecordBase) ReadObject<RecordObject>(ref reader);
        else ReadObject<EnvelopeObject>(ref reader);
    }

    /// <summary>A kind of object the object loop is compiled for: a struct type argument, so each kind gets its own code.</summary>
    private interface IObjectKind
    {
        /// <summary>Whether the object is a <see cref="CloudTrailCompactObject"/> (its members are read into slots here).</summary>
        static abstract bool Compact { get; }
    }

    /// <summary>The service types (requestParameters, responseElements and their shapes).</summary>
    private struct ServiceObject : IObjectKind
    {
        public static bool Compact => true;
    }

    /// <summary>The record envelope. The same as <see cref="EnvelopeObject"/> but for its own copy of the loop.</summary>
    private struct RecordObject : IObjectKind
    {
        public static bool Compact => false;
    }

    /// <summary>The envelope's parts (userIdentity, sessionContext, ...).</summary>
    private struct EnvelopeObject : IObjectKind
    {
        public static bool Compact => false;
    }

    private void ReadObject<TKind>(ref Utf8JsonReader reader)
        where TKind : struct, IObjectKind
    {
        var table = GetMemberTable();
        int words = (table.Count + 63) >> 6;
        // Not stackalloc: a method with stackalloc is compiled once, fully optimized but without a
        // profile (it cannot be replaced on stack), and this loop is the hottest code of a read.
        SeenWords inline = default;
        Span<ulong> seen = words <= SeenWords.Length ? inline : new ulong[words];
        int previous = -1;
        while (true)
        {
            if (!reader.Read()) throw Truncated();
            if (reader.TokenType == JsonTokenType.EndObject) return;

            string? key = null;
            byte[]? rawKey = null;
            bool exact = false;
            int member;
            if (reader.ValueIsEscaped || reader.HasValueSequence)
            {
                key = ReadKey(ref reader, out rawKey);
                member = rawKey is null ? table.Find(Encoding.UTF8.GetBytes(key), out exact) : -1;
            }
            else
            {
                member = table.FindAfter(reader.ValueSpan, previous, out exact);
            }
            if (member >= 0 && (seen[member >> 6] & (1UL << member)) != 0)
            {
                // A repeated key: the last value wins, as in most JSON readers. A key that only
                // matches another spelling of a member already read is a different key: keep it.
                key ??= ReadKey(ref reader, out rawKey);
                if (!string.Equals(key, SpellingOf(member, table), StringComparison.Ordinal)) member = -1;
                else Forget(member);
            }
            if (member < 0 || !exact) key ??= ReadKey(ref reader, out rawKey);
            if (!reader.Read()) throw Truncated();

            if (member < 0)
            {
                AddUnknown(key!, RawJsonCopier.Copy(ref reader).Bytes, rawKey);
                continue;
            }
            seen[member >> 6] |= 1UL << member;
            previous = member;
            if (!exact) Keep(member, key, raw: null);
            // A service type's slots are read here with the table in hand (its ReadMember would ask
            // for the table again, a virtual call per member).
            if (TKind.Compact) System.Runtime.CompilerServices.Unsafe.As<CloudTrailCompactObject>(this).ReadSlot(ref reader, member, table);
            else ReadMember(ref reader, member);
        }
    }

    /// <summary>Which members were read, a bit each, for types of up to 256 members.</summary>
    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct SeenWords
    {
        public const int Length = 4;
        private ulong _word;
    }

    private static JsonException Truncated() => new("The JSON object ends before it is complete.");

    /// <summary>A key's text; for a key with a lone surrogate escape, also its bytes as written.</summary>
    private static string ReadKey(ref Utf8JsonReader reader, out byte[]? rawKey)
    {
        rawKey = null;
        if (JsonStrings.TryGet(ref reader, out string key)) return key;
        rawKey = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
        return JsonStrings.DecodeKeepingSurrogates(rawKey);
    }

    private bool HasRawKeys()
    {
        if (_kept is null) return false;
        foreach (var kept in KeptEntries())
        {
            if (kept.RawKey is not null) return true;
        }
        return false;
    }

    /// <summary>
    /// Writes an object that has a key with a lone surrogate escape. Utf8JsonWriter cannot write
    /// such a key (it writes U+FFFD instead), so the object is written to a buffer, its unknown
    /// keys as they were read, and the buffer copied in as a raw value. Rare: only hostile or
    /// broken input has such keys.
    /// </summary>
    private void WriteWithRawKeys(Utf8JsonWriter writer)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var inner = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = writer.Options.Encoder, SkipValidation = true }))
        {
            inner.WriteStartObject();
            WriteMembers(inner);
            inner.Flush();
        }
        foreach (var kept in KeptEntries())
        {
            if (kept.Member >= 0) continue;
            if (buffer.WrittenSpan[^1] != (byte)'{') Append(buffer, ","u8);
            Append(buffer, "\""u8);
            Append(buffer, kept.RawKey ?? JsonEncodedText.Encode(kept.Key!, writer.Options.Encoder).EncodedUtf8Bytes);
            Append(buffer, "\":"u8);
            Append(buffer, kept.Raw!);
        }
        Append(buffer, "}"u8);
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);

        static void Append(System.Buffers.ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => System.Buffers.BuffersExtensions.Write(buffer, bytes);
    }

    /// <summary>Moves what this object kept (unknown keys, raw values, nulls) to another instance.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected void MoveStateTo(CloudTrailObject target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target._marks = _marks;
        target._kept = _kept;
        _marks = 0;
        _kept = null;
    }

    /// <summary>A raw JSON field's value: null for <c>default(RawJson)</c>, which generated fields hold for "absent".</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static RawJson? Present(RawJson value) => value.IsUnset ? null : value;

    /// <summary>An open enum field's value: null for <c>default(OpenEnum)</c>, which generated fields hold for "absent".</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static OpenEnum<TEnum>? Present<TEnum>(OpenEnum<TEnum> value)
        where TEnum : struct, Enum => value.IsUnset ? null : value;

    /// <summary>Assigns a property: the new value replaces whatever raw value was kept for it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected void Set<T>(ref T field, T value, int member)
    {
        field = value;
        Forget(member);
    }

    /// <summary>Reads a member whose type is a reference type.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected T? Read<T>(ref Utf8JsonReader reader, int member, JsonCodec<T> codec)
        where T : class
    {
        if (reader.TokenType == NullToken)
        {
            MarkNull(member);
            return null;
        }
        Fit fit = ReadKeeping(ref reader, member, codec, out T? value);
        return fit == Fit.No ? null : value;
    }

    /// <summary>
    /// Reads a member of type string: the same as <c>Read(ref reader, member, JsonCodec.String)</c>,
    /// with the common case (a string without escapes) read here rather than through the codec.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected string? ReadString(ref Utf8JsonReader reader, int member)
    {
        return JsonStrings.IsPlainString(ref reader) ? StringCache.Shared.Get(reader.ValueSpan) : Read(ref reader, member, JsonCodec.String);
    }

    /// <summary>Reads a value with its codec, keeping the raw value when it does not fit exactly.</summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private Fit ReadKeeping<T>(ref Utf8JsonReader reader, int member, JsonCodec<T> codec, out T value)
    {
        if (codec.MovesBeforeMismatch) return ReadKeepingFromStart(ref reader, member, codec, out value);

        // Not copied first: on any fit but Exact the reader is still on the value's first token.
        Fit fit = codec.Read(ref reader, out value);
        if (fit != Fit.Exact) Keep(member, fit, ref reader, ref reader);
        return fit;
    }

    /// <summary>
    /// <see cref="ReadKeeping"/> for codecs that move the reader before a mismatch: a copy of the
    /// reader keeps the value's start. Never inlined: the copy is a large local holding references,
    /// which every method it were inlined into would clear on entry, once per inlined call site
    /// (a generated ReadMember inlines dozens).
    /// </summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private Fit ReadKeepingFromStart<T>(ref Utf8JsonReader reader, int member, JsonCodec<T> codec, out T value)
    {
        var start = reader;
        Fit fit = codec.Read(ref reader, out value);
        if (fit != Fit.Exact) Keep(member, fit, ref start, ref reader);
        return fit;
    }

    /// <summary>Reads a member whose type is a value type.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected T? ReadNullable<T>(ref Utf8JsonReader reader, int member, JsonCodec<T> codec)
        where T : struct
    {
        if (reader.TokenType == NullToken)
        {
            MarkNull(member);
            return null;
        }
        Fit fit = ReadKeeping(ref reader, member, codec, out T value);
        return fit == Fit.No ? null : value;
    }

    /// <summary>Writes a member whose type is a reference type (or what was kept for it).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected void Write<T>(Utf8JsonWriter writer, int member, T? value, JsonCodec<T> codec)
        where T : class
    {
        if (ReferenceEquals(writer, s_memberListWriter))
        {
            ListMember(member, value);
            return;
        }
        if (WriteKept(writer, member) || value is null) return;
        WriteName(writer, member);
        codec.Write(writer, value);
    }

    /// <summary>Writes a member whose type is a value type (or what was kept for it).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected void WriteNullable<T>(Utf8JsonWriter writer, int member, T? value, JsonCodec<T> codec)
        where T : struct
    {
        if (ReferenceEquals(writer, s_memberListWriter))
        {
            ListMember(member, value); // boxes only while listing
            return;
        }
        if (WriteKept(writer, member) || value is null) return;
        WriteName(writer, member);
        if (IsQuoted(member)) codec.WriteQuoted(writer, value.GetValueOrDefault());
        else codec.Write(writer, value.GetValueOrDefault());
    }

    /// <summary>
    /// Writes the typed view of a raw member (an event's <c>Request</c> or <c>Response</c>) when
    /// there is one and the raw value was an object; otherwise leaves the member to the raw writer.
    /// A raw value that was a JSON string holding an object stays a string.
    /// </summary>
    /// <returns>Whether the member was written.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected bool WriteTyped(Utf8JsonWriter writer, int member, CloudTrailObject? typed, RawJson? raw)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (typed is null || (raw is { } r && r.ValueKind != JsonValueKind.Object)) return false;
        if (ReferenceEquals(writer, s_memberListWriter))
        {
            ListMember(member, typed);
            return true;
        }
        WriteName(writer, member);
        typed.WriteTo(writer);
        return true;
    }

    /// <summary>
    /// Reads an object of type <typeparamref name="T"/> from raw JSON: an object, or a string that
    /// holds a JSON object (CloudTrail sometimes logs <c>requestParameters</c> that way).
    /// </summary>
    /// <remarks>
    /// Nesting is limited as <see cref="CloudTrailReadOptions.MaxDepth"/> limits it by default
    /// (128): the raw value carries no options of its own.
    /// </remarks>
    /// <returns>The object, or null when the value is not an object (or is nested deeper than 128).</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static T? ParseObject<T>(RawJson? raw)
        where T : CloudTrailObject, new() =>
        raw is { } json ? (T?)ParseInto(new T(), json) : null;

    /// <summary>
    /// Reads raw JSON into <paramref name="empty"/>, a new object of any type, as
    /// <see cref="ParseObject{T}(RawJson?)"/> reads into a new <c>T</c>.
    /// </summary>
    /// <returns><paramref name="empty"/>, read; null when the value is not an object (or is nested deeper than 128).</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static CloudTrailObject? ParseObject(CloudTrailObject empty, RawJson? raw)
    {
        ArgumentNullException.ThrowIfNull(empty);
        return raw is { } json ? ParseInto(empty, json) : null;
    }

    private static readonly JsonReaderOptions s_parseOptions = new() { MaxDepth = CloudTrailReadOptions.DefaultMaxDepth };

    // Not generic: the code is the same for every type.
    private static CloudTrailObject? ParseInto(CloudTrailObject empty, RawJson json)
    {
        byte[] bytes = json.Bytes;
        if (json.ValueKind == JsonValueKind.String)
        {
            string? inner = json.GetStringValue(); // null when it cannot be decoded
            if (inner is null || !inner.TrimStart().StartsWith('{')) return null;
            bytes = Encoding.UTF8.GetBytes(inner);
        }
        else if (json.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes, s_parseOptions);
            reader.Read();
            empty.ReadFrom(ref reader);
            return empty;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null; // a string that only looked like an object, or raw bytes given by hand that are not JSON
        }
    }

    private string SpellingOf(int member, JsonMemberTable table)
    {
        if (_kept is not null)
        {
            foreach (var kept in KeptEntries())
            {
                if (kept.Member == member && kept.Key is not null) return kept.Key;
            }
        }
        return table.GetName(member);
    }

    private protected void MarkNull(int member)
    {
        if (member < MarkedMembers) _marks |= 1UL << member;
        else Keep(member, key: null, s_nullLiteral);
    }

    private protected void Keep(int member, Fit fit, ref Utf8JsonReader start, ref Utf8JsonReader reader)
    {
        if (fit == Fit.Quoted)
        {
            if (member < MarkedMembers) _marks |= 1UL << (MarkedMembers + member);
            else KeepQuoted(member);
            return;
        }
        KeepRaw(member, ref start, ref reader);
    }

    private void KeepRaw(int member, ref Utf8JsonReader start, ref Utf8JsonReader reader)
    {
        // Copy from the value's first token; the copy leaves 'start' on its last token.
        var raw = RawJsonCopier.Copy(ref start);
        reader = start;
        Keep(member, key: null, raw.Bytes);
    }

    private void Keep(int member, string? key, byte[]? raw)
    {
        var span = KeptEntries();
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i].Member == member)
            {
                if (key is not null) span[i].Key = key;
                if (raw is not null) span[i].Raw = raw;
                return;
            }
        }
        AddKept() = new Kept { Member = member, Key = key, Raw = raw };
    }

    private void KeepQuoted(int member)
    {
        var span = KeptEntries();
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i].Member == member)
            {
                span[i].Quoted = true;
                return;
            }
        }
        AddKept() = new Kept { Member = member, Quoted = true };
    }

    /// <summary>Whether member <paramref name="member"/> (under 32) was an explicit null; later members keep a raw <c>null</c> instead.</summary>
    private bool IsMarkedNull(int member) => member < MarkedMembers && (_marks & (1UL << member)) != 0;

    /// <summary>Whether the member's value was read from a string of its canonical text, and is written back that way.</summary>
    private protected bool IsQuoted(int member)
    {
        if (member < MarkedMembers) return (_marks & (1UL << (MarkedMembers + member))) != 0;
        if (_kept is null) return false;
        foreach (var kept in KeptEntries())
        {
            if (kept.Member == member) return kept.Quoted;
        }
        return false;
    }

    private void AddUnknown(string key, byte[] raw, byte[]? rawKey)
    {
        var span = KeptEntries();
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i].Member < 0 && string.Equals(span[i].Key, key, StringComparison.Ordinal))
            {
                span[i].Raw = raw; // a repeated unknown key: the last value wins
                return;
            }
        }
        AddKept() = new Kept { Member = -1, Key = key, Raw = raw, RawKey = rawKey };
    }

    /// <summary>Drops the raw value and null mark of a member (its key spelling stays).</summary>
    private protected void Forget(int member)
    {
        if (member < MarkedMembers) _marks &= ~((1UL << member) | (1UL << (MarkedMembers + member)));
        if (_kept is null) return;
        var span = KeptEntries();
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i].Member == member)
            {
                span[i].Raw = null;
                span[i].Quoted = false;
            }
        }
    }

    private protected bool WriteKept(Utf8JsonWriter writer, int member)
    {
        if (IsMarkedNull(member))
        {
            WriteName(writer, member);
            writer.WriteNullValue();
            return true;
        }
        if (_kept is null) return false;
        foreach (var kept in KeptEntries())
        {
            if (kept.Member == member && kept.Raw is not null)
            {
                WriteName(writer, member);
                writer.WriteRawValue(kept.Raw, skipInputValidation: true);
                return true;
            }
        }
        return false;
    }

    private protected void WriteName(Utf8JsonWriter writer, int member)
    {
        if (_kept is not null)
        {
            foreach (var kept in KeptEntries())
            {
                if (kept.Member == member && kept.Key is not null)
                {
                    writer.WritePropertyName(kept.Key);
                    return;
                }
            }
        }
        writer.WritePropertyName(GetMemberTable().GetEncodedName(member));
    }
}
