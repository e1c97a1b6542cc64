using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>How well a JSON value fit the type it was read into.</summary>
internal enum Fit
{
    /// <summary>Writing the typed value gives the same JSON back.</summary>
    Exact,

    /// <summary>A typed value was read, but writing it would change the JSON (<c>"900 "</c> for 900): keep the raw value too.</summary>
    Coerced,

    /// <summary>The value was the typed value's canonical text in a string (<c>"900"</c>, <c>"false"</c>): remember only that.</summary>
    Quoted,

    /// <summary>The value does not fit: the reader has not moved, and only the raw value is kept.</summary>
    No,
}

/// <summary>
/// A codec seen without its value type: what a member table holds for each member, so that the
/// runtime can read and write a member it knows only by index. Values cross it boxed.
/// </summary>
public abstract class JsonCodecBase
{
    private protected JsonCodecBase(bool movesBeforeMismatch = false) => MovesBeforeMismatch = movesBeforeMismatch;

    /// <summary>
    /// Whether reading can return a fit other than <see cref="Fit.Exact"/> after moving the reader
    /// (lists and maps, which read on past values that do not fit). For every other codec the
    /// reader is still on the value's first token whenever the raw value must be kept, so the
    /// caller need not save a copy of the reader before reading.
    /// </summary>
    /// <remarks>A field, not a virtual property: it is asked once for every value read.</remarks>
    internal readonly bool MovesBeforeMismatch;

    /// <summary>Reads the value the reader is on, boxed (null on <see cref="Fit.No"/>).</summary>
    internal abstract Fit ReadBoxed(ref Utf8JsonReader reader, out object? value);

    /// <summary>Writes a value read by <see cref="ReadBoxed"/> or set through a property.</summary>
    internal abstract void WriteBoxed(Utf8JsonWriter writer, object value);

    /// <summary>Writes a value's canonical text as a JSON string (for values read as <see cref="Fit.Quoted"/>).</summary>
    internal abstract void WriteQuotedBoxed(Utf8JsonWriter writer, object value);
}

/// <summary>
/// Reads and writes values of one type leniently. Generated code names a codec for each member;
/// lists and maps compose them (<c>JsonCodec.ListOf(JsonCodec.String)</c>).
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public abstract class JsonCodec<T> : JsonCodecBase
{
    // The list and map codecs built on this one, made on first use. Typed as object on purpose:
    // a member of JsonCodec<T> that names JsonCodec<List<T>> makes every codec type imply a
    // codec of lists of it, without end, and Native AOT then reports IL3054 (generic recursion)
    // and spends minutes expanding it. Composition lives in static methods of JsonCodec instead.
    internal object? CachedList;
    internal object? CachedMap;

    private protected JsonCodec(bool movesBeforeMismatch = false)
        : base(movesBeforeMismatch)
    {
    }

    /// <summary>
    /// Reads the value the reader is on. On <see cref="Fit.Exact"/> and <see cref="Fit.Coerced"/>
    /// the reader ends on the value's last token; on <see cref="Fit.No"/> it has not moved.
    /// </summary>
    internal abstract Fit Read(ref Utf8JsonReader reader, out T value);

    internal abstract void Write(Utf8JsonWriter writer, T value);

    /// <summary>Writes the value's canonical text as a JSON string (for values read as <see cref="Fit.Quoted"/>).</summary>
    internal virtual void WriteQuoted(Utf8JsonWriter writer, T value) => Write(writer, value);

    /// <summary>Boxes a value read by this codec; codecs of small value sets reuse boxes.</summary>
    internal virtual object Box(T value) => value!;

    internal sealed override Fit ReadBoxed(ref Utf8JsonReader reader, out object? value)
    {
        Fit fit = Read(ref reader, out T typed);
        value = fit == Fit.No ? null : Box(typed);
        return fit;
    }

    internal sealed override void WriteBoxed(Utf8JsonWriter writer, object value) => Write(writer, (T)value);

    internal sealed override void WriteQuotedBoxed(Utf8JsonWriter writer, object value) => WriteQuoted(writer, (T)value);
}

/// <summary>The codecs generated code uses.</summary>
public static class JsonCodec
{
    /// <summary>JSON strings.</summary>
    public static JsonCodec<string> String { get; } = new StringCodec();

    /// <summary><c>true</c>/<c>false</c>, also as strings in any letter case.</summary>
    public static JsonCodec<bool> Boolean { get; } = new BooleanCodec();

    /// <summary>64-bit integers, also in strings.</summary>
    public static JsonCodec<long> Integer { get; } = new IntegerCodec();

    /// <summary>Doubles, also in strings.</summary>
    public static JsonCodec<double> Double { get; } = new DoubleCodec();

    /// <summary>Timestamps in every format CloudTrail uses (see <see cref="CloudTrailTime"/>).</summary>
    public static JsonCodec<DateTimeOffset> Timestamp { get; } = new TimestampCodec();

    /// <summary>Any JSON value, kept raw.</summary>
    public static JsonCodec<RawJson> Json { get; } = new RawJsonCodec();

    /// <summary>An open enum.</summary>
    public static JsonCodec<OpenEnum<TEnum>> Enum<TEnum>()
        where TEnum : struct, System.Enum => EnumCodec<TEnum>.Instance;

    /// <summary>
    /// An open enum for a slot of a service type's member table: one codec per enum, of a type
    /// shared by every enum, where <see cref="Enum{TEnum}"/> takes two types per enum.
    /// </summary>
    public static JsonCodecBase SlotEnum<TEnum>()
        where TEnum : struct, System.Enum => OpenEnumTable<TEnum>.Current.SlotCodec;

    /// <summary>A generated object type: one shared codec per type, made with <c>new T()</c>.</summary>
    public static JsonCodec<T> Object<T>()
        where T : CloudTrailObject, new() => ObjectCodec<T>.Instance;

    /// <summary>
    /// A generated object type whose values are made by <paramref name="create"/>, which must
    /// return a new <typeparamref name="T"/> made by its constructor (generated code passes
    /// <c>() =&gt; new T()</c>: under the JIT, <c>new T()</c> in shared generic code is a call
    /// into <see cref="Activator"/>, several times slower). One shared codec per type: the
    /// factory of the first call is kept. Generated envelope types ask once and keep the codec in
    /// a static field of their own.
    /// </summary>
    public static JsonCodec<T> Object<T>(Func<T> create)
        where T : CloudTrailObject, new()
    {
        ArgumentNullException.ThrowIfNull(create);
        return ObjectCodec<T>.WithFactory ?? (ObjectCodec<T>.WithFactory = new ObjectCodec<T>(create));
    }

    /// <summary>A new codec of a generated object type.</summary>
    /// <remarks>
    /// For code that asks once and keeps the codec, as a service type's member table does: unlike
    /// <see cref="Object{T}()"/>, it needs no static field per type, and thousands of those would
    /// be static storage that a Native AOT app sets up when it starts.
    /// </remarks>
    public static JsonCodec<T> CreateObject<T>()
        where T : CloudTrailObject, new() => new ObjectCodec<T>(null);

    /// <summary>
    /// A new codec of a generated object type for a slot of a service type's member table: it
    /// needs no generic codec type and no static field per object type (each value is made by
    /// <c>new T()</c> through a delegate), where <see cref="Object{T}()"/> takes both.
    /// </summary>
    public static JsonCodecBase SlotObject<T>()
        where T : CloudTrailObject, new() => new ObjectFactoryCodec(new Func<CloudTrailObject>(New<T>));

    /// <summary>
    /// JSON arrays of a generated object type, read into a <see cref="List{T}"/>, for a slot of a
    /// service type's member table: read like <see cref="SlotObject{T}"/>, with no codec type per
    /// element type (each list is made through a delegate too), where
    /// <c>ListOf(CreateObject&lt;T&gt;())</c> takes three.
    /// </summary>
    public static JsonCodecBase SlotListOfObjects<T>()
        where T : CloudTrailObject, new() =>
        new ObjectListCodec(new ObjectFactoryCodec(new Func<CloudTrailObject>(New<T>)), new Func<System.Collections.IList>(NewList<T>));

    // Delegates made with 'new', not method group conversions: the compiler caches the latter in
    // a static field of a class per T, which is what these codecs are for avoiding.
    private static CloudTrailObject New<T>()
        where T : CloudTrailObject, new() => new T();

    private static System.Collections.IList NewList<T>()
        where T : CloudTrailObject => new List<T>();

    /// <summary>JSON arrays of <paramref name="element"/>'s values.</summary>
    public static JsonCodec<List<T>> ListOf<T>(JsonCodec<T> element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return (JsonCodec<List<T>>)(element.CachedList ??= new ListCodec<T>(element));
    }

    /// <summary>JSON objects with any keys whose values are <paramref name="value"/>'s values.</summary>
    public static JsonCodec<Dictionary<string, T>> MapOf<T>(JsonCodec<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return (JsonCodec<Dictionary<string, T>>)(value.CachedMap ??= new MapCodec<T>(value));
    }
}

/// <summary>
/// Decoding JSON strings. System.Text.Json throws InvalidOperationException for two kinds of
/// string: bytes that are not UTF-8 (not JSON text at all: here a JsonException) and a lone
/// surrogate escape such as <c>"\ud800"</c> (valid JSON that no .NET string decoded by
/// System.Text.Json can hold: here "does not fit", so the value is kept raw and written back as read).
/// </summary>
internal static class JsonStrings
{
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 that holds no escapes.</summary>
    /// <exception cref="JsonException">The bytes are not UTF-8.</exception>
    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return s_strict.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw InvalidUtf8(e);
        }
    }

    /// <summary>
    /// Whether the reader is on a string value without escapes in one segment: the common case,
    /// whose text is <c>StringCache.Get(reader.ValueSpan)</c>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsPlainString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && IsPlain(ref reader);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsPlain(ref Utf8JsonReader reader) => !reader.ValueIsEscaped && !reader.HasValueSequence;

    /// <summary>The string under the reader; false for a lone surrogate escape.</summary>
    /// <exception cref="JsonException">The string is not UTF-8.</exception>
    public static bool TryGet(ref Utf8JsonReader reader, out string value)
    {
        if (IsPlain(ref reader))
        {
            value = StringCache.Get(reader.ValueSpan);
            return true;
        }
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException e)
        {
            bool utf8 = reader.HasValueSequence ? IsUtf8(reader.ValueSequence) : System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
            if (!utf8) throw InvalidUtf8(e);
            value = null!;
            return false;
        }
    }

    /// <summary>
    /// Decodes an escaped string's raw bytes the way JSON defines them, keeping a lone surrogate
    /// escape as that UTF-16 code unit (which System.Text.Json refuses to do).
    /// </summary>
    public static string DecodeKeepingSurrogates(ReadOnlySpan<byte> escaped)
    {
        var builder = new StringBuilder(escaped.Length);
        int run = 0;
        for (int i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != (byte)'\\') continue;
            builder.Append(Decode(escaped[run..i]));
            byte e = escaped[i + 1];
            switch (e)
            {
                case (byte)'b': builder.Append('\b'); break;
                case (byte)'f': builder.Append('\f'); break;
                case (byte)'n': builder.Append('\n'); break;
                case (byte)'r': builder.Append('\r'); break;
                case (byte)'t': builder.Append('\t'); break;
                case (byte)'u':
                    Utf8Parser.TryParse(escaped.Slice(i + 2, 4), out ushort code, out _, 'X');
                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append((char)e); break;
            }
            i++;
            run = i + 1;
        }
        builder.Append(Decode(escaped[run..]));
        return builder.ToString();
    }

    public static JsonException InvalidUtf8(Exception? inner) =>
        new("A JSON string is not valid UTF-8 (JSON text must be UTF-8).", inner);

    private static bool IsUtf8(System.Buffers.ReadOnlySequence<byte> sequence)
    {
        byte[] bytes = System.Buffers.BuffersExtensions.ToArray(sequence);
        return System.Text.Unicode.Utf8.IsValid(bytes);
    }
}

internal sealed class StringCodec : JsonCodec<string>
{
    internal override Fit Read(ref Utf8JsonReader reader, out string value)
    {
        if (reader.TokenType != JsonTokenType.String || !JsonStrings.TryGet(ref reader, out value))
        {
            value = null!;
            return Fit.No;
        }
        return Fit.Exact;
    }

    internal override void Write(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);
}

internal sealed class BooleanCodec : JsonCodec<bool>
{
    internal override Fit Read(ref Utf8JsonReader reader, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return Fit.Exact;
            case JsonTokenType.False:
                value = false;
                return Fit.Exact;
            case JsonTokenType.String when !reader.HasValueSequence && !reader.ValueIsEscaped:
                var span = reader.ValueSpan;
                if (span.Length == 4 && System.Text.Ascii.EqualsIgnoreCase(span, "true"u8))
                {
                    value = true;
                    return span.SequenceEqual("true"u8) ? Fit.Quoted : Fit.Coerced;
                }
                if (span.Length == 5 && System.Text.Ascii.EqualsIgnoreCase(span, "false"u8))
                {
                    value = false;
                    return span.SequenceEqual("false"u8) ? Fit.Quoted : Fit.Coerced;
                }
                break;
        }
        value = false;
        return Fit.No;
    }

    internal override void Write(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);

    internal override void WriteQuoted(Utf8JsonWriter writer, bool value) => writer.WriteStringValue(value ? "true"u8 : "false"u8);

    private static readonly object s_true = true;
    private static readonly object s_false = false;

    internal override object Box(bool value) => value ? s_true : s_false;
}

internal sealed class IntegerCodec : JsonCodec<long>
{
    // Boxes of the integers CloudTrail logs most (counts, ports, sizes, durations), made on first use.
    private const int SmallCount = 1024;
    private static readonly object?[] s_small = new object?[SmallCount];

    internal override object Box(long value) =>
        (ulong)value < SmallCount ? s_small[value] ??= value : value;

    internal override Fit Read(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetInt64(out value)) return Fit.No;
            if (reader.HasValueSequence) return Fit.Coerced;
            Span<byte> canonical = stackalloc byte[24];
            return Utf8Formatter.TryFormat(value, canonical, out int written)
                && reader.ValueSpan.SequenceEqual(canonical[..written]) ? Fit.Exact : Fit.Coerced;
        }
        if (reader.TokenType == JsonTokenType.String && JsonStrings.TryGet(ref reader, out string text)
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            if (reader.HasValueSequence || reader.ValueIsEscaped) return Fit.Coerced;
            Span<byte> canonical = stackalloc byte[24];
            return Utf8Formatter.TryFormat(value, canonical, out int written)
                && reader.ValueSpan.SequenceEqual(canonical[..written]) ? Fit.Quoted : Fit.Coerced;
        }
        value = 0;
        return Fit.No;
    }

    internal override void Write(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);

    internal override void WriteQuoted(Utf8JsonWriter writer, long value)
    {
        Span<byte> buffer = stackalloc byte[24];
        Utf8Formatter.TryFormat(value, buffer, out int written);
        writer.WriteStringValue(buffer[..written]);
    }
}

internal sealed class DoubleCodec : JsonCodec<double>
{
    internal override Fit Read(ref Utf8JsonReader reader, out double value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDouble(out value)) return Fit.No;
            if (reader.HasValueSequence) return Fit.Coerced;
            Span<byte> canonical = stackalloc byte[32];
            int written = Format(value, canonical);
            return reader.ValueSpan.SequenceEqual(canonical[..written]) ? Fit.Exact : Fit.Coerced;
        }
        if (reader.TokenType == JsonTokenType.String && JsonStrings.TryGet(ref reader, out string text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value))
        {
            return Fit.Coerced;
        }
        value = 0;
        return Fit.No;
    }

    internal override void Write(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
            return;
        }
        Span<byte> buffer = stackalloc byte[32];
        writer.WriteRawValue(buffer[..Format(value, buffer)], skipInputValidation: true);
    }

    private static int Format(double value, Span<byte> destination)
    {
        value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture);
        return written;
    }
}

internal sealed class TimestampCodec : JsonCodec<DateTimeOffset>
{
    internal override Fit Read(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.HasValueSequence || reader.ValueIsEscaped)
            {
                value = default;
                return JsonStrings.TryGet(ref reader, out string text) && CloudTrailTime.TryParse(text, out value) ? Fit.Coerced : Fit.No;
            }
            var span = reader.ValueSpan;
            if (CloudTrailTime.TryParseCanonical(span, out value)) return Fit.Exact;
            if (!CloudTrailTime.TryParse(span, out value)) return Fit.No;
            Span<byte> canonical = stackalloc byte[40];
            int written = CloudTrailTime.Format(value, canonical);
            return span.SequenceEqual(canonical[..written]) ? Fit.Exact : Fit.Coerced;
        }
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double number)
            && CloudTrailTime.TryFromEpoch(number, out value))
        {
            return Fit.Coerced;
        }
        value = default;
        return Fit.No;
    }

    internal override void Write(Utf8JsonWriter writer, DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[40];
        writer.WriteStringValue(buffer[..CloudTrailTime.Format(value, buffer)]);
    }
}

internal sealed class RawJsonCodec : JsonCodec<RawJson>
{
    internal override Fit Read(ref Utf8JsonReader reader, out RawJson value)
    {
        value = RawJsonCopier.Copy(ref reader);
        return Fit.Exact;
    }

    internal override void Write(Utf8JsonWriter writer, RawJson value) => value.WriteTo(writer);
}

internal sealed class EnumCodec<TEnum> : JsonCodec<OpenEnum<TEnum>>
    where TEnum : struct, Enum
{
    public static readonly EnumCodec<TEnum> Instance = new();

    internal override Fit Read(ref Utf8JsonReader reader, out OpenEnum<TEnum> value)
    {
        if (!OpenEnumTable<TEnum>.Current.Read(ref reader, out int known, out string spelling))
        {
            value = default;
            return Fit.No;
        }
        value = new OpenEnum<TEnum>(OpenEnumTable<TEnum>.ToEnum(known), spelling);
        return Fit.Exact;
    }

    internal override void Write(Utf8JsonWriter writer, OpenEnum<TEnum> value) => writer.WriteStringValue(value.Raw);

    internal override object Box(OpenEnum<TEnum> value) => OpenEnumTable<TEnum>.Current.Box(value);
}

/// <summary>
/// Open enums for a slot of a service type's member table: one codec type for every enum, where
/// <see cref="EnumCodec{TEnum}"/> brings two types per enum into a Native AOT image. Values cross
/// it boxed, made by the enum's table.
/// </summary>
internal sealed class SlotEnumCodec : JsonCodecBase
{
    private readonly OpenEnumTableBase _table;

    public SlotEnumCodec(OpenEnumTableBase table) => _table = table;

    internal override Fit ReadBoxed(ref Utf8JsonReader reader, out object? value)
    {
        if (!_table.Read(ref reader, out int known, out string spelling))
        {
            value = null;
            return Fit.No;
        }
        value = _table.BoxValue(known, spelling);
        return Fit.Exact;
    }

    internal override void WriteBoxed(Utf8JsonWriter writer, object value) => writer.WriteStringValue(_table.RawOf(value));

    internal override void WriteQuotedBoxed(Utf8JsonWriter writer, object value) => WriteBoxed(writer, value);
}

internal sealed class ObjectCodec<T> : JsonCodec<T>
    where T : CloudTrailObject, new()
{
    public static readonly ObjectCodec<T> Instance = new(null);

    // The codec of JsonCodec.Object(create), made on first use (two threads may both make one).
    public static ObjectCodec<T>? WithFactory;

    private readonly Func<T>? _create;

    public ObjectCodec(Func<T>? create) => _create = create;

    internal override Fit Read(ref Utf8JsonReader reader, out T value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            value = null!;
            return Fit.No;
        }
        value = _create is { } create ? create() : new T();
        value.ReadFrom(ref reader);
        return Fit.Exact;
    }

    internal override void Write(Utf8JsonWriter writer, T value) => value.WriteTo(writer);
}

/// <summary>
/// Reads generated objects made by a factory delegate, so that a member table needs no generic
/// codec type per object type.
/// </summary>
internal sealed class ObjectFactoryCodec : JsonCodecBase
{
    private readonly Func<CloudTrailObject> _create;

    public ObjectFactoryCodec(Func<CloudTrailObject> create) => _create = create;

    /// <summary>Reads an object; on <see cref="Fit.No"/> (not an object) the reader has not moved.</summary>
    internal Fit ReadObject(ref Utf8JsonReader reader, out CloudTrailObject? value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            value = null;
            return Fit.No;
        }
        var result = _create();
        result.ReadFrom(ref reader);
        value = result;
        return Fit.Exact;
    }

    internal override Fit ReadBoxed(ref Utf8JsonReader reader, out object? value)
    {
        Fit fit = ReadObject(ref reader, out var result);
        value = result;
        return fit;
    }

    internal override void WriteBoxed(Utf8JsonWriter writer, object value) => ((CloudTrailObject)value).WriteTo(writer);

    internal override void WriteQuotedBoxed(Utf8JsonWriter writer, object value) => WriteBoxed(writer, value);
}

/// <summary>JSON arrays of a codec's values: what fits is kept, and any element that does not makes the whole list kept raw too.</summary>
internal sealed class ListCodec<T> : JsonCodec<List<T>>
{
    private readonly JsonCodec<T> _element;

    public ListCodec(JsonCodec<T> element)
        : base(movesBeforeMismatch: true) => _element = element;

    internal override Fit Read(ref Utf8JsonReader reader, out List<T> value)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            value = null!;
            return Fit.No;
        }
        value = new List<T>();
        var fit = Fit.Exact;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var elementFit = _element.Read(ref reader, out T element);
            if (elementFit == Fit.No)
            {
                // Keep going: the caller keeps the whole array raw, and the list holds what fit.
                reader.TrySkip();
                fit = Fit.Coerced;
                continue;
            }
            if (elementFit is Fit.Coerced or Fit.Quoted) fit = Fit.Coerced;
            value.Add(element);
        }
        return fit;
    }

    internal override void Write(Utf8JsonWriter writer, List<T> value)
    {
        writer.WriteStartArray();
        foreach (var element in value) _element.Write(writer, element);
        writer.WriteEndArray();
    }
}

/// <summary>
/// JSON arrays of a generated object type, read like <see cref="ListCodec{T}"/> through an
/// <see cref="ObjectFactoryCodec"/> into lists made by a factory delegate: one codec type for
/// every element type, where a generic codec would bring three types per element type into a
/// Native AOT image.
/// </summary>
internal sealed class ObjectListCodec : JsonCodecBase
{
    private readonly ObjectFactoryCodec _element;
    private readonly Func<System.Collections.IList> _createList;

    public ObjectListCodec(ObjectFactoryCodec element, Func<System.Collections.IList> createList)
        : base(movesBeforeMismatch: true)
    {
        _element = element;
        _createList = createList;
    }

    internal override Fit ReadBoxed(ref Utf8JsonReader reader, out object? value)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            value = null;
            return Fit.No;
        }
        var list = _createList();
        var fit = Fit.Exact;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (_element.ReadObject(ref reader, out var element) == Fit.No)
            {
                // Not an object: as in ListCodec, the caller keeps the whole array raw.
                reader.TrySkip();
                fit = Fit.Coerced;
                continue;
            }
            list.Add(element);
        }
        value = list;
        return fit;
    }

    internal override void WriteBoxed(Utf8JsonWriter writer, object value)
    {
        writer.WriteStartArray();
        foreach (var element in (System.Collections.IList)value)
        {
            // A null put in the list by the application is written as null.
            if (element is null) writer.WriteNullValue();
            else ((CloudTrailObject)element).WriteTo(writer);
        }
        writer.WriteEndArray();
    }

    internal override void WriteQuotedBoxed(Utf8JsonWriter writer, object value) => WriteBoxed(writer, value);
}

internal sealed class MapCodec<T> : JsonCodec<Dictionary<string, T>>
{
    private readonly JsonCodec<T> _value;

    public MapCodec(JsonCodec<T> value)
        : base(movesBeforeMismatch: true) => _value = value;

    internal override Fit Read(ref Utf8JsonReader reader, out Dictionary<string, T> value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            value = null!;
            return Fit.No;
        }
        value = new Dictionary<string, T>(StringComparer.Ordinal);
        var fit = Fit.Exact;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool decoded = JsonStrings.TryGet(ref reader, out string key);
            reader.Read();
            if (!decoded)
            {
                // A key with a lone surrogate escape: the caller keeps the whole map raw.
                reader.TrySkip();
                fit = Fit.Coerced;
                continue;
            }
            var valueFit = _value.Read(ref reader, out T item);
            if (valueFit == Fit.No)
            {
                reader.TrySkip();
                fit = Fit.Coerced;
                continue;
            }
            if (valueFit is Fit.Coerced or Fit.Quoted || value.ContainsKey(key)) fit = Fit.Coerced;
            value[key] = item;
        }
        return fit;
    }

    internal override void Write(Utf8JsonWriter writer, Dictionary<string, T> value)
    {
        writer.WriteStartObject();
        foreach (var pair in value)
        {
            writer.WritePropertyName(pair.Key);
            _value.Write(writer, pair.Value);
        }
        writer.WriteEndObject();
    }
}
