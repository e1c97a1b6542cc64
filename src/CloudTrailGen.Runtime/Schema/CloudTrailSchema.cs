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
    // By eventSource, the services that log under it (usually one; the first by id comes first).
    private readonly Dictionary<string, CloudTrailServiceSchema[]> _bySource;

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
        _bySource = new Dictionary<string, CloudTrailServiceSchema[]>(StringComparer.Ordinal);
        for (int i = 0; i < serviceIds.Length; i++)
        {
            var service = new CloudTrailServiceSchema(serviceIds[i], eventSources[i], text, i);
            _services[i] = service;
            foreach (var source in eventSources[i])
            {
                _bySource[source] = _bySource.TryGetValue(source, out var others) ? [.. others, service] : [service];
            }
        }
    }

    /// <summary>The services of the schema, in the order the generator gave them (by id).</summary>
    public IReadOnlyList<CloudTrailServiceSchema> Services => _services;

    /// <summary>The service whose eventSource this is (the first by id, when several share it); null when the schema has none.</summary>
    public CloudTrailServiceSchema? FindService(string? eventSource) =>
        eventSource is not null && _bySource.TryGetValue(eventSource, out var services) ? services[0] : null;

    /// <summary>
    /// The event an <c>eventSource</c> and <c>eventName</c> name (also by an alias the catalog
    /// gives the event); null when the schema does not have it. Where services share an
    /// eventSource, the first by id that has the event wins, as it does for generated classes.
    /// </summary>
    public CloudTrailEventSchema? FindEvent(string? eventSource, string? eventName)
    {
        if (eventSource is null || eventName is null || !_bySource.TryGetValue(eventSource, out var services)) return null;
        foreach (var service in services)
        {
            if (service.FindEvent(eventName) is { } ev) return ev;
        }
        return null;
    }
}
