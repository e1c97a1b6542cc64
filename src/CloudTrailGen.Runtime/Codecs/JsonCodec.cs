using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace CloudTrailGen;

/// <summary>The codecs generated code uses.</summary>
/// <remarks>Called by the code CloudTrailGen generates, and hidden from completion lists: not meant for other code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
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
