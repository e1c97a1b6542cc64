using System;
using System.Collections.Generic;

namespace CloudTrailGen;

/// <summary>
/// A service of the catalog that a project generates types for: its id (what
/// <c>&lt;CloudTrailService Include="..." /&gt;</c> takes), the C# namespace of its types and the
/// <c>eventSource</c> values it logs under. The generated <c>CloudTrailServices</c> lists them and
/// finds one by eventSource, which is not always the eventSource host less <c>.amazonaws.com</c>
/// (<c>cloudtrail-data.amazonaws.com</c> is service <c>cloudtrail</c>).
/// </summary>
public sealed class CloudTrailServiceInfo
{
    /// <summary>Describes a service (generated code makes these).</summary>
    /// <param name="id">The service id.</param>
    /// <param name="title">The service's name for people, when the catalog has one.</param>
    /// <param name="namespace">The C# namespace of the service's generated types, in full.</param>
    /// <param name="eventSources">The eventSource values the service logs under.</param>
    public CloudTrailServiceInfo(string id, string? title, string @namespace, IReadOnlyList<string> eventSources)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(eventSources);
        Id = id;
        Title = title;
        Namespace = @namespace;
        EventSources = eventSources;
    }

    /// <summary>The service id, such as <c>iam</c> or <c>cognito-identity</c>.</summary>
    public string Id { get; }

    /// <summary>The service's name for people, such as "AWS Identity and Access Management"; null when the catalog has none.</summary>
    public string? Title { get; }

    /// <summary>The C# namespace of the service's event classes and shapes, in full (<c>MyApp.Aws.Iam</c>).</summary>
    public string Namespace { get; }

    /// <summary>The <c>eventSource</c> values the service logs under, such as <c>iam.amazonaws.com</c>.</summary>
    public IReadOnlyList<string> EventSources { get; }

    /// <summary>The service id.</summary>
    public override string ToString() => Id;
}
