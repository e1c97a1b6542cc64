using System.ComponentModel;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// The base of generated service types (requestParameters, responseElements and their shapes):
/// values are kept in one slot per member and read and written with the member table's codecs,
/// so a generated class needs no code per member beyond its property. That keeps the consumer's
/// compile time low however many services are selected.
/// </summary>
public abstract class CloudTrailCompactObject : CloudTrailObject
{
    private const JsonTokenType NullToken = JsonTokenType.Null;

    // The values by member index (allocated on first use). Value types are boxed; booleans,
    // small integers and known enum values share boxes.
    private object?[]? _slots;

    private static readonly JsonCodecBase s_string = JsonCodec.String;

    /// <summary>Reads member <paramref name="member"/> into its slot with the member table's codec.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected override void ReadMember(ref Utf8JsonReader reader, int member) => ReadSlot(ref reader, member, GetMemberTable());

    /// <summary><see cref="ReadMember"/> with this type's member table in hand.</summary>
    internal void ReadSlot(ref Utf8JsonReader reader, int member, JsonMemberTable table)
    {
        var slots = _slots ??= new object?[table.Count];
        if (reader.TokenType == NullToken)
        {
            MarkNull(member);
            slots[member] = null;
            return;
        }
        var codec = table.GetCodec(member);
        if (ReferenceEquals(codec, s_string) && JsonStrings.IsPlainString(ref reader))
        {
            slots[member] = StringCache.Shared.Get(reader.ValueSpan); // the string codec's common case, without the virtual call
            return;
        }
        if (codec.MovesBeforeMismatch)
        {
            slots[member] = ReadFromStart(ref reader, member, codec);
            return;
        }
        Fit fit = codec.ReadBoxed(ref reader, out object? value);
        if (fit != Fit.Exact) Keep(member, fit, ref reader, ref reader);
        slots[member] = value;
    }

    // Lists and maps move the reader before a mismatch: a copy keeps the value's start. A separate
    // method, so that the large copy (which holds references, so it is cleared on entry) is made
    // only for them and not on every member read.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private object? ReadFromStart(ref Utf8JsonReader reader, int member, JsonCodecBase codec)
    {
        var start = reader;
        Fit fit = codec.ReadBoxed(ref reader, out object? value);
        if (fit != Fit.Exact) Keep(member, fit, ref start, ref reader);
        return value;
    }

    /// <summary>Writes the slots in catalog order with the member table's codecs (or what was kept for them).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected override void WriteMembers(Utf8JsonWriter writer)
    {
        var table = GetMemberTable();
        for (int member = 0; member < table.Count; member++)
        {
            object? value = _slots?[member];
            if (ReferenceEquals(writer, s_memberListWriter))
            {
                ListMember(member, value);
                continue;
            }
            if (WriteKept(writer, member) || value is null) continue;
            WriteName(writer, member);
            var codec = table.GetCodec(member);
            if (IsQuoted(member)) codec.WriteQuotedBoxed(writer, value);
            else codec.WriteBoxed(writer, value);
        }
    }

    /// <summary>The value of a reference-type member kept in its slot (generated properties call it).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected T? Slot<T>(int member)
        where T : class => _slots is { } slots ? (T?)slots[member] : null;

    /// <summary>The value of a value-type member kept in its slot (generated properties call it).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected T? SlotValue<T>(int member)
        where T : struct => _slots is { } slots && slots[member] is T value ? value : null;

    /// <summary>The value in member <paramref name="member"/>'s slot, boxed; null when it has none.</summary>
    private protected object? GetSlot(int member) => _slots is { } slots ? slots[member] : null;

    /// <summary>Assigns a member kept in a slot: the new value replaces whatever raw value was kept for it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected void SetSlot(int member, object? value)
    {
        (_slots ??= new object?[GetMemberTable().Count])[member] = value;
        Forget(member);
    }
}
