using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailGen;

/// <summary>Creates System.Text.Json metadata for generated types without reflection (used by generated contexts).</summary>
public static class CloudTrailTypeInfo
{
    /// <summary>Type information for a generated type, backed by its converter.</summary>
    public static JsonTypeInfo<T> Create<T>(JsonSerializerOptions options)
        where T : CloudTrailObject, new() =>
        JsonMetadataServices.CreateValueInfo<T>(options, new CloudTrailObjectConverter<T>());
}
