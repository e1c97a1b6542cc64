using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace CloudTrailGen;

public abstract partial class CloudTrailObject
{
    // GetTypedMembers runs the generated WriteMembers against this writer: the Write helpers see
    // it and report the member instead of writing it. So listing members needs no generated code
    // per member, and the list follows exactly what serialization would write. Nothing is ever
    // written to it (Stream.Null), so one instance serves every thread.
    private protected static readonly Utf8JsonWriter s_memberListWriter = new(Stream.Null);

    // The list being filled by GetTypedMembers on this thread (one object at a time: the Write
    // helpers do not descend into nested values while listing).
    [ThreadStatic]
    private static List<CloudTrailMember>? t_memberList;

    /// <summary>
    /// The typed members this object has, in the order serialization writes them: every member
    /// that holds a value, was an explicit JSON <c>null</c>, or holds a value kept raw because it
    /// did not fit the member's type. Keys the catalog does not describe are not typed members:
    /// <see cref="GetUnknownMembers"/> lists them. Together the two lists are every key that
    /// <see cref="WriteTo"/> writes.
    /// </summary>
    /// <remarks>
    /// Generic code (coverage reports, redaction, generic search over a record) can walk any
    /// generated object with it, recursing into <see cref="CloudTrailMember.Value"/>s that are
    /// <see cref="CloudTrailObject"/>s, lists or maps. On a record, <c>requestParameters</c> and
    /// <c>responseElements</c> are listed as the typed event's <c>Request</c>/<c>Response</c>
    /// object once that property has been read, and as <see cref="RawJson"/> before.
    /// </remarks>
    public IReadOnlyList<CloudTrailMember> GetTypedMembers()
    {
        var previous = t_memberList;
        var list = new List<CloudTrailMember>();
        t_memberList = list;
        try
        {
            WriteMembers(s_memberListWriter);
        }
        finally
        {
            t_memberList = previous;
        }
        return list;
    }

    /// <summary>
    /// Called by the Write helpers instead of writing when they are given the listing writer:
    /// records member <paramref name="member"/> as the write would have written it (value,
    /// explicit null or raw value), or nothing when it would write nothing.
    /// </summary>
    private protected void ListMember(int member, object? value)
    {
        if (t_memberList is not { } list) return;

        if (IsMarkedNull(member))
        {
            list.Add(new CloudTrailMember(NameOf(member), null, null));
            return;
        }
        RawJson? raw = null;
        if (_kept is not null)
        {
            foreach (var kept in KeptEntries())
            {
                if (kept.Member == member && kept.Raw is not null)
                {
                    raw = new RawJson(kept.Raw);
                    break;
                }
            }
        }
        if (raw is { } r && r.ValueKind == JsonValueKind.Null) value = null; // an explicit null of member 32 or later
        if (raw is not null || value is not null)
        {
            list.Add(new CloudTrailMember(NameOf(member), value, raw is { ValueKind: JsonValueKind.Null } ? null : raw));
        }
    }

    /// <summary>The key a member is written under: its spelling as read, or the catalog's name.</summary>
    private string NameOf(int member)
    {
        if (_kept is not null)
        {
            foreach (var kept in KeptEntries())
            {
                if (kept.Member == member && kept.Key is not null) return kept.Key;
            }
        }
        return GetMemberTable().GetName(member);
    }
}
