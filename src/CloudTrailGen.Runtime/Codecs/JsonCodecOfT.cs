using System.ComponentModel;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// Reads and writes values of one type leniently. Generated code names a codec for each member;
/// lists and maps compose them (<c>JsonCodec.ListOf(JsonCodec.String)</c>).
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <remarks>Called by the code CloudTrailGen generates, and hidden from completion lists: not meant for other code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class JsonCodec<T> : JsonCodecBase
{
    // The list and map codecs built on this one, made on first use. Typed as object on purpose:
    // a member of JsonCodec<T> that names JsonCodec<List<T>> makes every codec type imply a
    // codec of lists of it, without end, and Native AOT then reports IL3054 (generic recursion)
    // and spends minutes expanding it. Composition lives in static methods of JsonCodec instead.
    internal object? CachedList;
    internal object? CachedMap;

    private protected JsonCodec(bool movesBeforeMismatch = false)
        : base(movesBeforeMismatch)
    {
    }

    /// <summary>
    /// Reads the value the reader is on. On <see cref="Fit.Exact"/> and <see cref="Fit.Coerced"/>
    /// the reader ends on the value's last token; on <see cref="Fit.No"/> it has not moved.
    /// </summary>
    internal abstract Fit Read(ref Utf8JsonReader reader, out T value);

    internal abstract void Write(Utf8JsonWriter writer, T value);

    /// <summary>Writes the value's canonical text as a JSON string (for values read as <see cref="Fit.Quoted"/>).</summary>
    internal virtual void WriteQuoted(Utf8JsonWriter writer, T value) => Write(writer, value);

    /// <summary>Boxes a value read by this codec; codecs of small value sets reuse boxes.</summary>
    internal virtual object Box(T value) => value!;

    internal sealed override Fit ReadBoxed(ref Utf8JsonReader reader, out object? value)
    {
        Fit fit = Read(ref reader, out T typed);
        value = fit == Fit.No ? null : Box(typed);
        return fit;
    }

    internal sealed override void WriteBoxed(Utf8JsonWriter writer, object value) => Write(writer, (T)value);

    internal sealed override void WriteQuotedBoxed(Utf8JsonWriter writer, object value) => WriteQuoted(writer, (T)value);
}
