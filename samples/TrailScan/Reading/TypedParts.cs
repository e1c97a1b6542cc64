using System;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using CloudTrailGen;

namespace TrailScan.Aws
{
    // Every generated event class has typed Request and/or Response properties of its own types,
    // so code that handles any event (coverage, records) finds them by name. This annotation makes
    // that trim- and AOT-safe: the trimmer keeps the public properties of CloudTrailRecord and of
    // every class derived from it, and the analyzers accept GetType().GetProperty(...) on them.
    // It costs reflection metadata for the record classes only, and only in trailscan.
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
    public partial class CloudTrailRecord
    {
    }
}

namespace TrailScan.Reading
{
    using TrailScan.Aws;

    /// <summary>The typed <c>Request</c> and <c>Response</c> of any record, whatever its event class.</summary>
    public static class TypedParts
    {
        private static readonly ConcurrentDictionary<Type, Accessors> s_accessors = new();

        /// <summary>The event's typed requestParameters (parsed on first use), or null: no typed class, no request shape, or requestParameters not an object.</summary>
        public static CloudTrailObject? Request(CloudTrailRecord record) => Get(record).Request?.GetValue(record) as CloudTrailObject;

        /// <summary>The event's typed responseElements (parsed on first use), or null.</summary>
        public static CloudTrailObject? Response(CloudTrailRecord record) => Get(record).Response?.GetValue(record) as CloudTrailObject;

        /// <summary>Whether the record's class has a typed Request (the catalog gives the event a request shape).</summary>
        public static bool HasRequestShape(CloudTrailRecord record) => Get(record).Request is not null;

        /// <summary>Whether the record's class has a typed Response.</summary>
        public static bool HasResponseShape(CloudTrailRecord record) => Get(record).Response is not null;

        /// <summary>
        /// Reads Request and Response, so that serializing the record writes them from the typed
        /// model rather than copying the raw requestParameters/responseElements.
        /// </summary>
        public static void Materialize(CloudTrailRecord record)
        {
            var accessors = Get(record);
            accessors.Request?.GetValue(record);
            accessors.Response?.GetValue(record);
        }

        private static Accessors Get(CloudTrailRecord record)
        {
            Type type = record.GetType();
            if (s_accessors.TryGetValue(type, out var found)) return found;
            var accessors = new Accessors(Typed(type.GetProperty("Request")), Typed(type.GetProperty("Response")));
            s_accessors.TryAdd(type, accessors);
            return accessors;
        }

        private static PropertyInfo? Typed(PropertyInfo? property) =>
            property is not null && typeof(CloudTrailObject).IsAssignableFrom(property.PropertyType) && property.GetMethod is not null ? property : null;

        private sealed record Accessors(PropertyInfo? Request, PropertyInfo? Response);
    }
}
