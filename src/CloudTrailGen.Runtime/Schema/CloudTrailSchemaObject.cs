using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace CloudTrailGen;

/// <summary>
/// A typed object read by schema: the <c>requestParameters</c>, <c>responseElements</c> or a
/// nested structure of an event that has no generated class in this project. It is read and
/// written exactly as the generated class of the same shape would be (the same codecs, the same
/// lenience, unknown keys and values that do not fit kept, <see cref="CloudTrailObject.GetTypedMembers"/>);
/// its members are found by their JSON key instead of by property.
/// </summary>
/// <remarks>
/// Values have the types <see cref="CloudTrailMemberSchema.Type"/> lists: an enum is its string,
/// a list is a <c>List&lt;object?&gt;</c> and a map a <c>Dictionary&lt;string, object?&gt;</c>.
/// </remarks>
public sealed class CloudTrailSchemaObject : CloudTrailCompactObject
{
    /// <summary>Creates an empty object of a shape.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    public CloudTrailSchemaObject(CloudTrailShapeSchema shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
    }

    /// <summary>
    /// Reads raw JSON (an object, or a string holding one, as CloudTrail sometimes logs
    /// <c>requestParameters</c>) by schema, as the record's own typed part would be read.
    /// </summary>
    /// <returns>The object; null when the value is not an object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    public static CloudTrailSchemaObject? Parse(CloudTrailShapeSchema shape, RawJson json) =>
        (CloudTrailSchemaObject?)ParseObject(new CloudTrailSchemaObject(shape), json);

    /// <summary>The shape the object is read with.</summary>
    public CloudTrailShapeSchema Shape { get; }

    /// <summary>
    /// The value of the member with this JSON key; null when it has none (absent, an explicit
    /// null, or a value that did not fit its type: <see cref="CloudTrailObject.TryGetRawValue"/>
    /// has it then). Setting it replaces what was read.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The shape has no member of that key: <see cref="CloudTrailObject.GetUnknownMembers"/> lists keys outside the schema.</exception>
    /// <exception cref="ArgumentException">The value set is not of the member's type.</exception>
    public object? this[string member]
    {
        get => GetSlot(IndexOrThrow(member));
        set
        {
            int index = IndexOrThrow(member);
            if (value is not null && !Accepts(Shape.Members[index].Type, value))
            {
                throw new ArgumentException($"A {value.GetType().Name} cannot be the value of '{member}', of type '{Shape.Members[index].Type}'.", nameof(value));
            }
            SetSlot(index, value);
        }
    }

    /// <summary>The value of the member with this JSON key, when the shape has that member.</summary>
    /// <returns>False when the shape has no such member.</returns>
    public bool TryGetValue(string member, out object? value)
    {
        int index = Shape.IndexOf(member);
        value = index < 0 ? null : GetSlot(index);
        return index >= 0;
    }

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected override JsonMemberTable GetMemberTable() => Shape.Table;

    /// <inheritdoc/>
    public override string ToString() => Shape.Name;

    private int IndexOrThrow(string member)
    {
        int index = Shape.IndexOf(member);
        return index >= 0 ? index : throw new KeyNotFoundException($"The shape {Shape.Name} has no member '{member}'.");
    }

    private bool Accepts(string type, object value) => type switch
    {
        "string" => value is string,
        "boolean" => value is bool,
        "integer" => value is long,
        "double" => value is double,
        "timestamp" => value is DateTimeOffset,
        "json" => value is RawJson,
        _ when type.EndsWith("[]", StringComparison.Ordinal) => value is List<object?>,
        _ when type.StartsWith("map<", StringComparison.Ordinal) => value is Dictionary<string, object?>,
        // A shape: a structure holds a schema object, an enum its string.
        _ => Shape.Service.IsStructure(type) ? value is CloudTrailSchemaObject : value is string,
    };
}
