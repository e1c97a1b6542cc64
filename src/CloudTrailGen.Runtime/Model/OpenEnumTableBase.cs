using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;

namespace CloudTrailGen;

/// <summary>
/// The JSON spellings of a generated enum's members, seen without the enum type: everything that
/// does not depend on it, so that it is compiled once, not once per enum (under Native AOT each
/// enum instantiates its generic code separately).
/// </summary>
/// <remarks>Called by the code CloudTrailGen generates, and hidden from completion lists: not meant for other code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
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
            spelling = exact && exactSpelling is not null ? exactSpelling : StringCache.Shared.Get(reader.ValueSpan);
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
