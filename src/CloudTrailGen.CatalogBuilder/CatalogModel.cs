using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudTrailGen.CatalogBuilder;

// The catalog as the builder holds it before writing: mutable, so that API models, merges and
// overrides can each change it in turn. catalog/README.md describes what every field means.

/// <summary>One service file.</summary>
internal sealed class CatService
{
    public CatService(string id) => Id = id;

    public string Id { get; }
    public string? Title { get; set; }
    public string? Namespace { get; set; }
    public SortedSet<string> EventSources { get; } = new(StringComparer.Ordinal);
    public SortedSet<string> ResourceTypes { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, CatEvent> Events { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, CatShape> Shapes { get; } = new(StringComparer.Ordinal);

    /// <summary>The shape of <c>additionalEventData</c> for every event of the service that names none of its own (from a patch; not written as such).</summary>
    public string? AdditionalEventData { get; set; }

    /// <summary>The API models (aws-sdk ids) this service was built from, in merge order.</summary>
    public List<string> Models { get; } = new();

    /// <summary>The packages and versions those models were read from (<c>@aws-sdk/client-sts 3.1178.0</c>).</summary>
    public SortedSet<string> Sources { get; } = new(StringComparer.Ordinal);
}

/// <summary>One eventName.</summary>
internal sealed class CatEvent
{
    public string? Doc { get; set; }
    public string Category { get; set; } = "Management";
    public bool? ReadOnly { get; set; }
    public List<string> Aliases { get; } = new();
    public List<string> ResourceTypes { get; } = new();
    public CatMembers? Request { get; set; }
    public CatMembers? Response { get; set; }

    /// <summary>The name of the structure shape that types the event's <c>additionalEventData</c>.</summary>
    public string? AdditionalEventData { get; set; }

    /// <summary>
    /// The eventSource of the model the event came from; written only when the service has several
    /// and it is not the one named after the service (CloudTrail Lake's <c>PutAuditEvents</c> is
    /// logged by <c>cloudtrail-data.amazonaws.com</c>).
    /// </summary>
    public string? EventSource { get; set; }
}

/// <summary>A shape: a structure (<see cref="Members"/>) or an enum (<see cref="Enum"/>).</summary>
internal sealed class CatShape
{
    public string? Doc { get; set; }
    public CatMembers? Members { get; set; }
    public List<CatEnumValue>? Enum { get; set; }

    public bool IsEnum => Enum is not null;

    /// <summary>A key for "same content": two shapes with equal signatures can share one name.</summary>
    public string Signature() => IsEnum
        ? "enum:" + string.Join("|", Enum!.Select(v => v.Value))
        : "struct:" + string.Join("|", Members!.Select(m => m.Key + "=" + m.Type + (m.Redacted ? "!" : "")));
}

/// <summary>An enum value with an optional C# name and aliases.</summary>
internal sealed record CatEnumValue(string Value, string? Name = null, IReadOnlyList<string>? Aliases = null);

/// <summary>One member: JSON key, type expression and the optional fields.</summary>
internal sealed class CatMember
{
    public CatMember(string key, string type)
    {
        Key = key;
        Type = type;
    }

    public string Key { get; set; }
    public string Type { get; set; }
    public string? Doc { get; set; }
    public string? Name { get; set; }
    public bool Redacted { get; set; }

    public CatMember Clone() => new(Key, Type) { Doc = Doc, Name = Name, Redacted = Redacted };
}

/// <summary>
/// The ordered members of a structure or of a request/response. Keys are unique ignoring case,
/// since readers match keys that way: the first member with a key keeps it.
/// </summary>
internal sealed class CatMembers : List<CatMember>
{
    public CatMember? Find(string key) => this.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds a member unless one with the same key (ignoring case) is there; returns whether it was added.</summary>
    public bool TryAdd(CatMember member)
    {
        if (Find(member.Key) is not null) return false;
        Add(member);
        return true;
    }

    /// <summary>Adds or replaces the member with this key (ignoring case), keeping its position.</summary>
    public void Set(CatMember member)
    {
        int index = FindIndex(m => string.Equals(m.Key, member.Key, StringComparison.OrdinalIgnoreCase));
        if (index < 0) Add(member);
        else this[index] = member;
    }
}
