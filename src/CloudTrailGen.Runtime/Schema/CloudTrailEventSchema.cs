namespace CloudTrailGen;

/// <summary>One event of the schema: its name, category and the shapes of its two typed parts.</summary>
public sealed class CloudTrailEventSchema
{
    internal CloudTrailEventSchema(CloudTrailServiceSchema service, string name, string category, bool? readOnly, CloudTrailShapeSchema? request, CloudTrailShapeSchema? response)
    {
        Service = service;
        Name = name;
        Category = category;
        ReadOnly = readOnly;
        Request = request;
        Response = response;
    }

    /// <summary>The service the event belongs to.</summary>
    public CloudTrailServiceSchema Service { get; }

    /// <summary>The catalog's <c>eventName</c> (records may also use an alias of it).</summary>
    public string Name { get; }

    /// <summary>The catalog's event category: <c>Management</c>, <c>Data</c>, ...</summary>
    public string Category { get; }

    /// <summary>Whether the event only reads; null when the catalog does not say.</summary>
    public bool? ReadOnly { get; }

    /// <summary>The shape of <c>requestParameters</c>; null when the catalog gives the event none.</summary>
    public CloudTrailShapeSchema? Request { get; }

    /// <summary>The shape of <c>responseElements</c>; null when the catalog gives the event none.</summary>
    public CloudTrailShapeSchema? Response { get; }

    /// <inheritdoc/>
    public override string ToString() => Service.Id + ":" + Name;
}
