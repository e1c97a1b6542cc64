using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace CloudTrailGen;

/// <summary>
/// Returns the schema text of service <paramref name="service"/> (its index in the schema's
/// list): generated code returns a UTF-8 literal compiled into the app, so the text costs no
/// allocation and no start-up work until a record of the service is read.
/// </summary>
/// <param name="service">The service's index, as given to the <see cref="CloudTrailSchema"/> constructor.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate ReadOnlySpan<byte> CloudTrailSchemaText(int service);

/// <summary>
/// The catalog of the selected services as data: every event's <c>requestParameters</c> and
/// <c>responseElements</c> members and their types. Records of events the project has no
/// generated class for are read through it, into <see cref="CloudTrailSchemaObject"/>s, with the
/// same codecs as the classes: the schema tier. A service's text is parsed when a record of it is
/// first read; a shape's member table when an object of it is first read.
/// </summary>
/// <remarks>
/// The generated <c>CloudTrailLog.Schema</c> is the schema of the project's selection. Instances
/// are safe to use from several threads.
/// </remarks>
public sealed class CloudTrailSchema
{
    private readonly CloudTrailServiceSchema[] _services;
    private readonly Dictionary<string, CloudTrailServiceSchema> _bySource;

    /// <summary>Creates a schema over generated service texts (called by generated code).</summary>
    /// <param name="serviceIds">The services' ids, by index.</param>
    /// <param name="eventSources">Each service's eventSources, by the same index.</param>
    /// <param name="text">The text of each service, by the same index.</param>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public CloudTrailSchema(string[] serviceIds, string[][] eventSources, CloudTrailSchemaText text)
    {
        ArgumentNullException.ThrowIfNull(serviceIds);
        ArgumentNullException.ThrowIfNull(eventSources);
        ArgumentNullException.ThrowIfNull(text);
        if (serviceIds.Length != eventSources.Length)
        {
            throw new ArgumentException($"{eventSources.Length} eventSource lists were given for {serviceIds.Length} services.", nameof(eventSources));
        }
        _services = new CloudTrailServiceSchema[serviceIds.Length];
        _bySource = new Dictionary<string, CloudTrailServiceSchema>(StringComparer.Ordinal);
        for (int i = 0; i < serviceIds.Length; i++)
        {
            var service = new CloudTrailServiceSchema(serviceIds[i], eventSources[i], text, i);
            _services[i] = service;
            foreach (var source in eventSources[i]) _bySource.TryAdd(source, service);
        }
    }

    /// <summary>The services of the schema, in the order the generator gave them (by id).</summary>
    public IReadOnlyList<CloudTrailServiceSchema> Services => _services;

    /// <summary>The service whose eventSource this is; null when the schema has none.</summary>
    public CloudTrailServiceSchema? FindService(string? eventSource) =>
        eventSource is not null && _bySource.TryGetValue(eventSource, out var service) ? service : null;

    /// <summary>
    /// The event an <c>eventSource</c> and <c>eventName</c> name (also by an alias the catalog
    /// gives the event); null when the schema does not have it.
    /// </summary>
    public CloudTrailEventSchema? FindEvent(string? eventSource, string? eventName) =>
        eventName is not null && FindService(eventSource) is { } service ? service.FindEvent(eventName) : null;
}
