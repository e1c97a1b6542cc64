namespace CloudTrailGen;

/// <summary>A member of a schema shape: its JSON key and its type in the catalog's notation.</summary>
public sealed class CloudTrailMemberSchema
{
    internal CloudTrailMemberSchema(string name, string type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The member's JSON key.</summary>
    public string Name { get; }

    /// <summary>
    /// The member's type as the catalog writes it: <c>string</c>, <c>boolean</c>,
    /// <c>integer</c>, <c>double</c>, <c>timestamp</c>, <c>json</c>, a shape name, <c>T[]</c> or
    /// <c>map&lt;T&gt;</c>. In a <see cref="CloudTrailSchemaObject"/> its value is a
    /// <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>,
    /// <see cref="System.DateTimeOffset"/>, <see cref="RawJson"/>, a string for an enum shape, a
    /// <see cref="CloudTrailSchemaObject"/> for a structure, a <c>List&lt;object?&gt;</c> or a
    /// <c>Dictionary&lt;string, object?&gt;</c>.
    /// </summary>
    public string Type { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + ": " + Type;
}
