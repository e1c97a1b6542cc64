using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;

namespace CloudTrailGen;

/// <summary>
/// A value of an enum that AWS may extend at any time. Reading never fails: a value the catalog
/// knows maps to <see cref="Value"/>, and any other value is kept in <see cref="Raw"/> with
/// <see cref="Value"/> left at the enum's <c>Unrecognized</c> (zero) member. Match known values with
/// <c>switch (record.EventCategory?.Value)</c> or compare with <c>==</c>.
/// </summary>
/// <typeparam name="TEnum">A generated enum whose zero member is <c>Unrecognized</c>.</typeparam>
public readonly struct OpenEnum<TEnum> : IEquatable<OpenEnum<TEnum>>
    where TEnum : struct, Enum
{
    private readonly string? _raw;

    /// <summary>Wraps a string as it appears in JSON, resolving it against the known values (ignoring case).</summary>
    public OpenEnum(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        _raw = raw;
        Value = OpenEnumTable<TEnum>.ToEnum(OpenEnumTable<TEnum>.Current.Resolve(raw));
    }

    internal OpenEnum(TEnum value, string raw)
    {
        Value = value;
        _raw = raw;
    }

    /// <summary>The known value, or the zero (<c>Unrecognized</c>) member when the string is not known.</summary>
    public TEnum Value { get; }

    /// <summary>The string exactly as it was read (or the known value's JSON spelling).</summary>
    public string Raw => _raw ?? string.Empty;

    /// <summary>Whether this is <c>default(OpenEnum)</c>, which generated fields use for "absent" (a value read always has its string).</summary>
    internal bool IsUnset => _raw is null;

    /// <summary>Whether <see cref="Raw"/> is one of the values the catalog lists.</summary>
    public bool IsKnown
    {
        get
        {
            TEnum value = Value;
            return Unsafe.As<TEnum, int>(ref value) != 0;
        }
    }

    /// <summary>A known value, with its JSON spelling.</summary>
    public static implicit operator OpenEnum<TEnum>(TEnum value) =>
        new(value, OpenEnumTable<TEnum>.Current.GetName(value));

    /// <summary>Whether the value is the given known value.</summary>
    public static bool operator ==(OpenEnum<TEnum> left, TEnum right) =>
        left.IsKnown && EqualityComparer<TEnum>.Default.Equals(left.Value, right);

    /// <summary>Whether the value is not the given known value.</summary>
    public static bool operator !=(OpenEnum<TEnum> left, TEnum right) => !(left == right);

    /// <summary>Equal when both are the same known value, or both unknown with the same string.</summary>
    public static bool operator ==(OpenEnum<TEnum> left, OpenEnum<TEnum> right) => left.Equals(right);

    /// <summary>The negation of <see cref="op_Equality(OpenEnum{TEnum}, OpenEnum{TEnum})"/>.</summary>
    public static bool operator !=(OpenEnum<TEnum> left, OpenEnum<TEnum> right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(OpenEnum<TEnum> other) =>
        IsKnown || other.IsKnown
            ? EqualityComparer<TEnum>.Default.Equals(Value, other.Value)
            : string.Equals(Raw, other.Raw, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OpenEnum<TEnum> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IsKnown ? Value.GetHashCode() : StringComparer.Ordinal.GetHashCode(Raw);

    /// <summary>The string as read.</summary>
    public override string ToString() => Raw;
}

/// <summary>
/// The JSON spellings of a generated enum's members, seen without the enum type: everything that
/// does not depend on it, so that it is compiled once, not once per enum (under Native AOT each
/// enum instantiates its generic code separately).
/// </summary>
public abstract class OpenEnumTableBase
{
    private readonly string[] _names;
    private readonly string[][]? _aliases;
    private Utf8Lookup? _lookup;
    private object?[]? _boxes;
    private SlotEnumCodec? _slotCodec;

    // Registration only keeps the arrays: an app with many services registers thousands of enums
    // when it loads, and most are never read, so the lookup is built on first use.
    private protected OpenEnumTableBase(string[] names, string[][]? aliases)
    {
        _names = names;
        _aliases = aliases;
    }

    private Utf8Lookup Lookup => _lookup ?? BuildLookup();

    private Utf8Lookup BuildLookup()
    {
        var keys = new List<string>(_names);
        var values = new List<int>();
        for (int i = 0; i < _names.Length; i++) values.Add(i + 1);
        if (_aliases is not null)
        {
            for (int i = 0; i < _aliases.Length && i < _names.Length; i++)
            {
                foreach (var alias in _aliases[i] ?? Array.Empty<string>())
                {
                    keys.Add(alias);
                    values.Add(i + 1);
                }
            }
        }
        // Two threads may both build it: the lookups are equal and immutable, either may win.
        var lookup = new Utf8Lookup(keys.ToArray(), values.ToArray());
        Volatile.Write(ref _lookup, lookup);
        return lookup;
    }

    /// <summary>The codec of the enum's values for a slot of a member table (one per enum, made on first use).</summary>
    internal JsonCodecBase SlotCodec => _slotCodec ??= new SlotEnumCodec(this);

    /// <summary>The spelling of member <paramref name="value"/> (1-based), or null for any other value.</summary>
    internal string? NameOf(int value) => (uint)(value - 1) < (uint)_names.Length ? _names[value - 1] : null;

    /// <summary>The member (1-based; 0 when unknown) of a string, ignoring case.</summary>
    internal int Resolve(string raw)
    {
        int value = Lookup.Find(Encoding.UTF8.GetBytes(raw), out _);
        return value < 0 ? 0 : value;
    }

    /// <summary>
    /// Reads the string the reader is on: its member (1-based; 0 when unknown) and its text (the
    /// table's own string on an exact match, so that known values need no new string).
    /// </summary>
    /// <returns>False when the value is not a string this codec can hold (the reader has not moved).</returns>
    internal bool Read(ref System.Text.Json.Utf8JsonReader reader, out int value, out string spelling)
    {
        value = 0;
        spelling = null!;
        if (reader.TokenType != System.Text.Json.JsonTokenType.String) return false;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            if (!JsonStrings.TryGet(ref reader, out spelling)) return false;
            value = Lookup.Find(Encoding.UTF8.GetBytes(spelling), out _);
        }
        else
        {
            value = Lookup.Find(reader.ValueSpan, out bool exact, out string? exactSpelling);
            spelling = exact && exactSpelling is not null ? exactSpelling : StringCache.Get(reader.ValueSpan);
        }
        if (value < 0) value = 0;
        return true;
    }

    /// <summary>
    /// The slot of the box that a known value in its table spelling shares; a null reference for
    /// any other value (boxed anew each time).
    /// </summary>
    private protected ref object? SharedBox(int value, string raw)
    {
        int index = value - 1;
        if ((uint)index >= (uint)_names.Length || !ReferenceEquals(raw, _names[index])) return ref Unsafe.NullRef<object?>();
        return ref (_boxes ??= new object?[_names.Length])[index];
    }

    /// <summary>A boxed <c>OpenEnum</c> of this table's enum.</summary>
    internal abstract object BoxValue(int value, string raw);

    /// <summary>The string of a value boxed by <see cref="BoxValue"/>.</summary>
    internal abstract string RawOf(object boxed);
}

/// <summary>
/// The JSON spellings of a generated enum's members. Generated code registers one table per enum
/// when its assembly loads; member <c>i + 1</c> of the enum is value <c>i</c> of the table.
/// </summary>
/// <typeparam name="TEnum">The generated enum.</typeparam>
public sealed class OpenEnumTable<TEnum> : OpenEnumTableBase
    where TEnum : struct, Enum
{
    private static OpenEnumTable<TEnum>? s_current;

    private OpenEnumTable(string[] names, string[][]? aliases)
        : base(names, aliases)
    {
    }

    internal static OpenEnumTable<TEnum> Current =>
        s_current ?? throw new InvalidOperationException(
            $"No values are registered for {typeof(TEnum).Name}: it is not an enum generated by CloudTrailGen.");

    /// <summary>Registers the JSON spellings of <typeparamref name="TEnum"/>'s members (called by generated code).</summary>
    /// <param name="names">The spelling of each member after <c>Unrecognized</c>, in order.</param>
    /// <param name="aliases">Other spellings read as the same member, per member (may be null).</param>
    public static void Register(string[] names, string[][]? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (Unsafe.SizeOf<TEnum>() != sizeof(int))
        {
            throw new ArgumentException($"{typeof(TEnum).Name} must have an int underlying type.");
        }
        s_current = new OpenEnumTable<TEnum>(names, aliases);
    }

    internal string GetName(TEnum value) => NameOf(Unsafe.As<TEnum, int>(ref value)) ?? value.ToString();

    /// <summary>A boxed value; known values in their table spelling share one box each.</summary>
    internal object Box(OpenEnum<TEnum> value)
    {
        TEnum known = value.Value;
        ref object? shared = ref SharedBox(Unsafe.As<TEnum, int>(ref known), value.Raw);
        if (Unsafe.IsNullRef(ref shared)) return value;
        return shared ??= value;
    }

    internal override object BoxValue(int value, string raw) => Box(new OpenEnum<TEnum>(ToEnum(value), raw));

    internal override string RawOf(object boxed) => ((OpenEnum<TEnum>)boxed).Raw;

    internal static TEnum ToEnum(int value) => Unsafe.As<int, TEnum>(ref value);
}
