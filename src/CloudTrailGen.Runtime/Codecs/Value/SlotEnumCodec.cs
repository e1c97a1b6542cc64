using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// Open enums for a slot of a service type's member table: one codec type for every enum, where
/// <see cref="EnumCodec{TEnum}"/> brings two types per enum into a Native AOT image. Values cross
/// it boxed, made by the enum's table.
/// </summary>
internal sealed class SlotEnumCodec : JsonCodecBase
{
    private readonly OpenEnumTableBase _table;

    public SlotEnumCodec(OpenEnumTableBase table) => _table = table;

    internal override Fit ReadBoxed(ref Utf8JsonReader reader, out object? value)
    {
        if (!_table.Read(ref reader, out int known, out string spelling))
        {
            value = null;
            return Fit.No;
        }
        value = _table.BoxValue(known, spelling);
        return Fit.Exact;
    }

    internal override void WriteBoxed(Utf8JsonWriter writer, object value) => writer.WriteStringValue(_table.RawOf(value));

    internal override void WriteQuotedBoxed(Utf8JsonWriter writer, object value) => WriteBoxed(writer, value);
}
