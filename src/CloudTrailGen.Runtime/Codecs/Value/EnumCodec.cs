using System;
using System.Text.Json;

namespace CloudTrailGen;

internal sealed class EnumCodec<TEnum> : JsonCodec<OpenEnum<TEnum>>
    where TEnum : struct, Enum
{
    public static readonly EnumCodec<TEnum> Instance = new();

    internal override Fit Read(ref Utf8JsonReader reader, out OpenEnum<TEnum> value)
    {
        if (!OpenEnumTable<TEnum>.Current.Read(ref reader, out int known, out string spelling))
        {
            value = default;
            return Fit.No;
        }
        value = new OpenEnum<TEnum>(OpenEnumTable<TEnum>.ToEnum(known), spelling);
        return Fit.Exact;
    }

    internal override void Write(Utf8JsonWriter writer, OpenEnum<TEnum> value) => writer.WriteStringValue(value.Raw);

    internal override object Box(OpenEnum<TEnum> value) => OpenEnumTable<TEnum>.Current.Box(value);
}
