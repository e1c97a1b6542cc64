using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailGen;

/// <summary>A converter that can describe the type it converts (implemented by the runtime's converters).</summary>
internal interface ICloudTrailTypeInfoSource
{
    Type Type { get; }

    JsonTypeInfo CreateTypeInfo(JsonSerializerOptions options);
}
