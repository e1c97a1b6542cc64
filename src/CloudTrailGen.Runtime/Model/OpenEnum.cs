using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

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
