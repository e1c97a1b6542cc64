using System;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CloudTrailGen;

/// <summary>Creates System.Text.Json metadata for generated types without reflection over their members (used by generated contexts).</summary>
/// <remarks>Called by the code CloudTrailGen generates, and hidden from completion lists: not meant for other code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CloudTrailTypeInfo
{
    /// <summary>
    /// Type information for a generated type of <paramref name="assembly"/>, from the converter its
    /// <see cref="JsonConverterAttribute"/> names: so a context needs no code per type. Safe for
    /// trimming and Native AOT: the attribute keeps the converter's constructor, and the converter
    /// creates the metadata for its own type.
    /// </summary>
    /// <returns>The type information, or null when <paramref name="type"/> is not such a type.</returns>
    public static JsonTypeInfo? FromConverterAttribute(Type type, Assembly assembly, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        if (type.Assembly != assembly || !typeof(CloudTrailObject).IsAssignableFrom(type)) return null;
        if (type.GetCustomAttribute<JsonConverterAttribute>(inherit: false)?.ConverterType is not { } converterType) return null;
        if (!typeof(ICloudTrailTypeInfoSource).IsAssignableFrom(converterType)) return null;
        var source = (ICloudTrailTypeInfoSource)Activator.CreateInstance(converterType)!;
        return source.Type == type ? source.CreateTypeInfo(options) : null;
    }
}
