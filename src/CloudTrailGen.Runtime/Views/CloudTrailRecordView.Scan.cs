using System;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// The view's own scanner: one pass over a record's bytes that checks them as JSON, finds where
/// the record ends and where the view's fields are, and builds no tokens for the rest.
/// </summary>
/// <remarks>
/// <para>
/// <c>Utf8JsonReader</c> stops at every token of a record to hand it over; a view needs the ten or
/// so envelope fields at the top and in <c>userIdentity</c>, and only needs the rest checked and
/// stepped over (requestParameters, responseElements, resources: most of a record's bytes). This
/// scanner steps over them in tight loops (strings with a vectorized search for their end), and
/// accepts exactly the JSON that <c>Utf8JsonReader</c> accepts with the reader's options (no
/// comments, no trailing commas, the same nesting limit); it does not check UTF-8, which the
/// framer checks for the whole record, as it does for the typed reader.
/// </para>
/// <para>
/// Whatever it does not settle (more input needed, malformed JSON, nesting past the reader's limit)
/// it leaves to <see cref="TryScanWithReader"/> and the framer, which say what is wrong as the
/// typed reader does. Its fields are the reader-based scan's, field for field: tests compare the
/// two on real records and on random damage done to them.
/// </para>
/// </remarks>
public abstract partial class CloudTrailRecordView
{
    // The object whose keys are read: the record, its userIdentity, userIdentity.sessionContext,
    // and sessionContext.sessionIssuer.
    private enum Scope
    {
        Record,
        Identity,
        Session,
        Issuer,
    }

    // How many levels of a skipped value one call tracks (one bit a level).
    private const int SkipDepthLimit = 64;

    /// <summary>Where the scan is: the record's bytes, the position, and what it found on the way.</summary>
    private ref struct Cursor
    {
        public ReadOnlySpan<byte> Json;
        public int Pos;
        public int MaxDepth;
        public int TopKeys;
        public bool OpensAsRecord;
    }

    /// <summary>
    /// Finds the record's end and the view's fields in the object at the start of
    /// <paramref name="json"/> (see <see cref="TryScan"/>), falling back on the reader for what the
    /// view's own scanner leaves open.
    /// </summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    internal bool TryScan(ReadOnlySpan<byte> json, JsonReaderOptions options, out int length)
        => TryScanFast(json, options.MaxDepth, out length, out _) || TryScanWithReader(json, options, out length);

    /// <summary>
    /// The view's own scan of the object at the start of <paramref name="json"/>. False when it
    /// does not settle the record (it ends past <paramref name="json"/>, it is not JSON, or it nests
    /// deeper than the reader's limit): then the fields are not set, and the reader says why.
    /// </summary>
    /// <param name="json">The bytes, starting at the record (whitespace before it is skipped).</param>
    /// <param name="maxDepth">The reader's nesting limit (0 for System.Text.Json's default, 64).</param>
    /// <param name="length">Where the record ends.</param>
    /// <param name="opensAsRecord">Whether one of its first four keys is a record key as CloudTrail spells it.</param>
    internal bool TryScanFast(ReadOnlySpan<byte> json, int maxDepth, out int length, out bool opensAsRecord)
    {
        Reset();
        length = 0;
        opensAsRecord = false;
        var c = new Cursor { Json = json, MaxDepth = maxDepth > 0 ? maxDepth : 64 };
        if (!SkipWhitespace(ref c) || json[c.Pos] != (byte)'{') return false;
        if (!ScanObject(ref c, Scope.Record, depth: 1))
        {
            Reset();
            return false;
        }
        length = c.Pos;
        opensAsRecord = c.OpensAsRecord;
        return true;
    }

    private void Reset()
    {
        _valid = false;
        Array.Clear(_slots);
        _scratchUsed = 0;
        _insight = false;
    }

    /// <summary>Reads the object at the cursor (its '{'), at nesting level <paramref name="depth"/>, noting the fields of <paramref name="scope"/>.</summary>
    private bool ScanObject(ref Cursor c, Scope scope, int depth)
    {
        if (depth > c.MaxDepth) return false;
        c.Pos++;
        if (!SkipWhitespace(ref c)) return false;
        var json = c.Json;
        if (json[c.Pos] == (byte)'}')
        {
            c.Pos++;
            return true;
        }
        while (true)
        {
            int keyStart = c.Pos;
            if (json[keyStart] != (byte)'"' || !SkipString(ref c, out bool escaped)) return false;
            int id = Key(ref c, scope, json[keyStart..c.Pos], escaped);
            if (!SkipWhitespace(ref c) || json[c.Pos] != (byte)':') return false;
            c.Pos++;
            if (!SkipWhitespace(ref c)) return false;
            if (!(id == KeyNone ? SkipValue(ref c, depth) : Value(ref c, scope, id, depth))) return false;
            if (!SkipWhitespace(ref c)) return false;
            byte next = json[c.Pos++];
            if (next == (byte)'}') return true;
            if (next != (byte)',' || !SkipWhitespace(ref c)) return false;
        }
    }

    /// <summary>The slot of a key of <paramref name="scope"/> (<see cref="KeyNone"/> for a key not read), as the reader-based scan accepts it.</summary>
    private int Key(ref Cursor c, Scope scope, ReadOnlySpan<byte> token, bool escaped)
    {
        var name = token[1..^1];
        bool exact;
        int id;
        if (escaped)
        {
            var keys = scope switch
            {
                Scope.Record => s_topKeys,
                Scope.Identity => s_identityKeys,
                Scope.Session => s_sessionKeys,
                _ => s_issuerKeys,
            };
            id = EscapedKey(token, keys, out exact);
        }
        else
        {
            id = scope switch
            {
                Scope.Record => TopKey(name, out exact),
                Scope.Identity => IdentityKey(name, out exact),
                Scope.Session => IssuerObjectKey(name, out exact),
                _ => IssuerKey(name, out exact),
            };
        }
        if (scope == Scope.Record && c.TopKeys < 4)
        {
            c.TopKeys++;
            if (!c.OpensAsRecord) c.OpensAsRecord = escaped ? RecordKeys.IsRecordKey(Decoded(token, stackalloc byte[64])) : RecordKeys.IsRecordKey(name);
        }
        return Accept(id, exact);
    }

    /// <summary>The value of a key whose slot is <paramref name="id"/>, in <paramref name="scope"/>.</summary>
    private bool Value(ref Cursor c, Scope scope, int id, int depth)
    {
        bool isObject = c.Json[c.Pos] == (byte)'{';
        switch (scope)
        {
            case Scope.Record when id == KeyUserIdentity:
                ClearFrom(CloudTrailRecordField.UserIdentityType);
                _slots[KeySessionContext] = default;
                _slots[KeySessionIssuer] = default;
                _slots[KeyUserIdentity].Seen = true;
                return isObject ? ScanObject(ref c, Scope.Identity, depth + 1) : SkipValue(ref c, depth);
            case Scope.Record when id == KeyInsightDetails:
                _insight = isObject;
                _slots[KeyInsightDetails].Seen = true;
                return SkipValue(ref c, depth);
            case Scope.Identity when id == KeySessionContext:
                ClearFrom(CloudTrailRecordField.SessionIssuerArn);
                _slots[KeySessionIssuer] = default;
                _slots[KeySessionContext].Seen = true;
                return isObject ? ScanObject(ref c, Scope.Session, depth + 1) : SkipValue(ref c, depth);
            case Scope.Session:
                ClearFrom(CloudTrailRecordField.SessionIssuerArn);
                _slots[KeySessionIssuer].Seen = true;
                return isObject ? ScanObject(ref c, Scope.Issuer, depth + 1) : SkipValue(ref c, depth);
            default:
                return StoreValue(ref c, id, depth);
        }
    }

    /// <summary>Notes the value at the cursor in a field's slot, as <see cref="Store"/> does for the reader.</summary>
    private bool StoreValue(ref Cursor c, int slot, int depth)
    {
        ref var target = ref _slots[slot];
        int start = c.Pos;
        switch (c.Json[start])
        {
            case (byte)'"':
                if (!SkipString(ref c, out bool escaped)) return false;
                if (!escaped)
                {
                    target = new Slot { Start = start + 1, Length = c.Pos - start - 2, Kind = SlotKind.String, Seen = true };
                    return true;
                }
                StoreEscaped(ref target, c.Json[start..c.Pos]);
                return true;
            case (byte)'t':
                target = new Slot { Kind = SlotKind.True, Seen = true };
                return SkipLiteral(ref c, "true"u8);
            case (byte)'f':
                target = new Slot { Kind = SlotKind.False, Seen = true };
                return SkipLiteral(ref c, "false"u8);
            case (byte)'n':
                target = new Slot { Seen = true };
                return SkipLiteral(ref c, "null"u8);
            case (byte)'{' or (byte)'[':
                target = new Slot { Kind = SlotKind.Other, Seen = true };
                return SkipContainer(ref c, depth);
            default:
                if (!SkipNumber(ref c)) return false;
                target = new Slot { Start = start, Length = c.Pos - start, Kind = SlotKind.Number, Seen = true };
                return true;
        }
    }

    /// <summary>A string value with escapes: decoded into the scratch buffer (a lone surrogate escape, which no string holds, is <see cref="SlotKind.Other"/>).</summary>
    private void StoreEscaped(ref Slot target, ReadOnlySpan<byte> token)
    {
        var reader = new Utf8JsonReader(token);
        reader.Read();
        int room = token.Length - 2;
        if (_scratch.Length - _scratchUsed < room) Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + room));
        try
        {
            int written = reader.CopyString(_scratch.AsSpan(_scratchUsed));
            target = new Slot { Start = _scratchUsed, Length = written, Kind = SlotKind.Escaped, Seen = true };
            _scratchUsed += written;
        }
        catch (InvalidOperationException)
        {
            target = new Slot { Kind = SlotKind.Other, Seen = true };
        }
    }

    /// <summary>A key written with escapes, decoded (empty when it cannot be: too long for a key read here, or a lone surrogate escape).</summary>
    private static ReadOnlySpan<byte> Decoded(ReadOnlySpan<byte> token, Span<byte> into)
    {
        if (token.Length - 2 > into.Length) return default;
        var reader = new Utf8JsonReader(token);
        reader.Read();
        try
        {
            return into[..reader.CopyString(into)];
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static bool SkipWhitespace(ref Cursor c)
    {
        var json = c.Json;
        int pos = c.Pos;
        while ((uint)pos < (uint)json.Length)
        {
            if (!JsonScan.IsWhitespace(json[pos]))
            {
                c.Pos = pos;
                return true;
            }
            pos++;
        }
        return false;
    }

    /// <summary>Steps over the value at the cursor, checking it; <paramref name="depth"/> is the level of the object or array it is in.</summary>
    private static bool SkipValue(ref Cursor c, int depth)
    {
        switch (c.Json[c.Pos])
        {
            case (byte)'"':
                return SkipString(ref c, out _);
            case (byte)'{' or (byte)'[':
                return SkipContainer(ref c, depth);
            case (byte)'t':
                return SkipLiteral(ref c, "true"u8);
            case (byte)'f':
                return SkipLiteral(ref c, "false"u8);
            case (byte)'n':
                return SkipLiteral(ref c, "null"u8);
            default:
                return SkipNumber(ref c);
        }
    }

    /// <summary>Steps over the string at the cursor (its opening quote), checking its escapes and that it holds no control character.</summary>
    private static bool SkipString(ref Cursor c, out bool escaped)
    {
        escaped = false;
        var json = c.Json;
        int pos = c.Pos + 1;
        while (true)
        {
            int stop = JsonScan.IndexOfStringStop(json[pos..]);
            if (stop < 0) return false;
            pos += stop;
            byte b = json[pos];
            if (b == (byte)'"')
            {
                c.Pos = pos + 1;
                return true;
            }
            if (b != (byte)'\\' || pos + 1 >= json.Length) return false; // a control character, or more input needed
            escaped = true;
            switch (json[pos + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    pos += 2;
                    break;
                case (byte)'u':
                    if (pos + 6 > json.Length || !IsHex(json[pos + 2]) || !IsHex(json[pos + 3]) || !IsHex(json[pos + 4]) || !IsHex(json[pos + 5])) return false;
                    pos += 6;
                    break;
                default:
                    return false;
            }
        }
    }

    private static bool IsHex(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 5;

    private static bool SkipLiteral(ref Cursor c, ReadOnlySpan<byte> literal)
    {
        if (!c.Json[c.Pos..].StartsWith(literal)) return false;
        c.Pos += literal.Length;
        return true;
    }

    /// <summary>Steps over a number as JSON spells it (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>); what may follow it is checked by the caller.</summary>
    private static bool SkipNumber(ref Cursor c)
    {
        var json = c.Json;
        int pos = c.Pos;
        if (json[pos] == (byte)'-') pos++;
        if ((uint)pos >= (uint)json.Length) return false;
        if (json[pos] == (byte)'0') pos++;
        else if (!SkipDigits(json, ref pos)) return false;
        if ((uint)pos < (uint)json.Length && json[pos] == (byte)'.')
        {
            pos++;
            if (!SkipDigits(json, ref pos)) return false;
        }
        if ((uint)pos < (uint)json.Length && (json[pos] | 0x20) == (byte)'e')
        {
            pos++;
            if ((uint)pos < (uint)json.Length && json[pos] is (byte)'+' or (byte)'-') pos++;
            if (!SkipDigits(json, ref pos)) return false;
        }
        if ((uint)pos >= (uint)json.Length) return false; // the number may go on in the next input
        c.Pos = pos;
        return true;
    }

    /// <summary>Steps over one digit or more.</summary>
    private static bool SkipDigits(ReadOnlySpan<byte> json, ref int pos)
    {
        int start = pos;
        while ((uint)pos < (uint)json.Length && (uint)(json[pos] - '0') <= 9) pos++;
        return pos > start;
    }

    /// <summary>
    /// Steps over the object or array at the cursor, checking it: a bit for each level open (1 for
    /// an object), up to <see cref="SkipDepthLimit"/> levels; the levels below those are stepped
    /// over by a call of its own (one call per 64 levels, up to the reader's nesting limit).
    /// </summary>
    /// <param name="c">The cursor, on the '{' or '['.</param>
    /// <param name="depth">The level of the object or array the value is in.</param>
    private static bool SkipContainer(ref Cursor c, int depth)
    {
        ulong objects = 0;
        int levels = 0;
        var json = c.Json;
        while (true)
        {
            // On a '{' or '[': open it, or, with 64 levels open here, step over it with another call.
            if (levels == SkipDepthLimit)
            {
                if (!SkipContainer(ref c, depth + levels)) return false;
            }
            else
            {
                bool isObject = json[c.Pos] == (byte)'{';
                if (depth + ++levels > c.MaxDepth) return false; // the reader says it is too deep
                objects = (objects << 1) | (isObject ? 1UL : 0UL);
                c.Pos++;
                if (!SkipWhitespace(ref c)) return false;
                byte first = json[c.Pos];
                if (first == (isObject ? (byte)'}' : (byte)']'))
                {
                    c.Pos++;
                    levels--;
                    objects >>= 1;
                }
                else
                {
                    if (isObject && !SkipMemberName(ref c)) return false;
                    first = json[c.Pos];
                    if (first is (byte)'{' or (byte)'[') continue;
                    if (!SkipScalar(ref c, first)) return false;
                }
            }

            // After a value, or a closed level: ',' and the next value, or the end of levels.
            while (true)
            {
                if (levels == 0) return true;
                if (!SkipWhitespace(ref c)) return false;
                byte b = json[c.Pos++];
                bool inObject = (objects & 1) != 0;
                if (b == (inObject ? (byte)'}' : (byte)']'))
                {
                    levels--;
                    objects >>= 1;
                    continue;
                }
                if (b != (byte)',' || !SkipWhitespace(ref c)) return false;
                if (inObject && !SkipMemberName(ref c)) return false;
                b = json[c.Pos];
                if (b is (byte)'{' or (byte)'[') break; // open it
                if (!SkipScalar(ref c, b)) return false;
            }
        }
    }

    /// <summary>Steps over <c>"name" :</c> and the whitespace after it.</summary>
    private static bool SkipMemberName(ref Cursor c)
    {
        if (c.Json[c.Pos] != (byte)'"' || !SkipString(ref c, out _)) return false;
        if (!SkipWhitespace(ref c) || c.Json[c.Pos] != (byte)':') return false;
        c.Pos++;
        return SkipWhitespace(ref c);
    }

    private static bool SkipScalar(ref Cursor c, byte first) => first switch
    {
        (byte)'"' => SkipString(ref c, out _),
        (byte)'t' => SkipLiteral(ref c, "true"u8),
        (byte)'f' => SkipLiteral(ref c, "false"u8),
        (byte)'n' => SkipLiteral(ref c, "null"u8),
        _ => SkipNumber(ref c),
    };
}
