using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;

namespace CloudTrailGen;

/// <summary>
/// The services a project generates types for, by id and by eventSource (both ignoring case).
/// Generated code offers it as <c>CloudTrailServices</c>.
/// </summary>
/// <remarks>Made by the code CloudTrailGen generates, and hidden from completion lists: use <c>CloudTrailServices</c>.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CloudTrailServiceIndex : IReadOnlyList<CloudTrailServiceInfo>
{
    private readonly CloudTrailServiceInfo[] _services;
    private readonly Dictionary<string, CloudTrailServiceInfo> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CloudTrailServiceInfo> _byEventSource = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes the services (generated code makes this); where two claim an id or eventSource, the first wins.</summary>
    /// <param name="services">The services, in the order they are listed.</param>
    public CloudTrailServiceIndex(CloudTrailServiceInfo[] services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        foreach (var service in services)
        {
            _byId.TryAdd(service.Id, service);
            foreach (string source in service.EventSources) _byEventSource.TryAdd(source, service);
        }
    }

    /// <summary>How many services there are.</summary>
    public int Count => _services.Length;

    /// <summary>The service at <paramref name="index"/>.</summary>
    public CloudTrailServiceInfo this[int index] => _services[index];

    /// <summary>The service that logs under <paramref name="eventSource"/> (ignoring case); null when none of these does.</summary>
    public CloudTrailServiceInfo? FindByEventSource(string? eventSource) =>
        eventSource is not null && _byEventSource.TryGetValue(eventSource, out var service) ? service : null;

    /// <summary>The service with the id <paramref name="id"/> (ignoring case); null when none of these has it.</summary>
    public CloudTrailServiceInfo? FindById(string? id) =>
        id is not null && _byId.TryGetValue(id, out var service) ? service : null;

    /// <inheritdoc/>
    public IEnumerator<CloudTrailServiceInfo> GetEnumerator() => ((IEnumerable<CloudTrailServiceInfo>)_services).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
