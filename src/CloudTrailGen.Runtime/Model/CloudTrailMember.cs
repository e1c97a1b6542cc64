using System;
using System.Collections.Generic;

namespace CloudTrailGen;

/// <summary>
/// One typed member of a generated object, as <see cref="CloudTrailObject.GetTypedMembers"/> lists it.
/// </summary>
public readonly record struct CloudTrailMember
{
    internal CloudTrailMember(string name, object? value, RawJson? rawValue)
    {
        Name = name;
        Value = value;
        RawValue = rawValue;
    }

    /// <summary>The member's JSON key: as it was read (a key may have come in another letter case), or the catalog's name.</summary>
    public string Name { get; }

    /// <summary>
    /// The typed value, or null when the JSON value was <c>null</c> or did not fit the member's type.
    /// Strings are <see cref="string"/>; booleans, integers, doubles and timestamps are boxed
    /// <see cref="bool"/>, <see cref="long"/>, <see cref="double"/> and <see cref="DateTimeOffset"/>;
    /// open enums are boxed <see cref="OpenEnum{TEnum}"/>; <c>json</c> members are boxed
    /// <see cref="RawJson"/>; nested shapes are <see cref="CloudTrailObject"/>s; lists are
    /// <see cref="List{T}"/> (walk them as <see cref="System.Collections.IList"/>) and maps
    /// <see cref="Dictionary{TKey,TValue}"/> with string keys (walk them as
    /// <see cref="System.Collections.IDictionary"/>).
    /// </summary>
    public object? Value { get; }

    /// <summary>
    /// The value exactly as read when it did not fit the member's type exactly (what
    /// <see cref="CloudTrailObject.TryGetRawValue"/> returns for the key): then this, not
    /// <see cref="Value"/>, is what serialization writes. Null otherwise.
    /// </summary>
    public RawJson? RawValue { get; }

    /// <summary>Whether the member was an explicit JSON <c>null</c> (or was set to null after being read as one).</summary>
    public bool IsNull => Value is null && RawValue is null;
}
