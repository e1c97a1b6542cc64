using System.ComponentModel;
using System.Text.Json;

namespace CloudTrailGen;

/// <summary>
/// A codec seen without its value type: what a member table holds for each member, so that the
/// runtime can read and write a member it knows only by index. Values cross it boxed.
/// </summary>
/// <remarks>Called by the code CloudTrailGen generates, and hidden from completion lists: not meant for other code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class JsonCodecBase
{
    private protected JsonCodecBase(bool movesBeforeMismatch = false) => MovesBeforeMismatch = movesBeforeMismatch;

    /// <summary>
    /// Whether reading can return a fit other than <see cref="Fit.Exact"/> after moving the reader
    /// (lists and maps, which read on past values that do not fit). For every other codec the
    /// reader is still on the value's first token whenever the raw value must be kept, so the
    /// caller need not save a copy of the reader before reading.
    /// </summary>
    /// <remarks>A field, not a virtual property: it is asked once for every value read.</remarks>
    internal readonly bool MovesBeforeMismatch;

    /// <summary>Reads the value the reader is on, boxed (null on <see cref="Fit.No"/>).</summary>
    internal abstract Fit ReadBoxed(ref Utf8JsonReader reader, out object? value);

    /// <summary>Writes a value read by <see cref="ReadBoxed"/> or set through a property.</summary>
    internal abstract void WriteBoxed(Utf8JsonWriter writer, object value);

    /// <summary>Writes a value's canonical text as a JSON string (for values read as <see cref="Fit.Quoted"/>).</summary>
    internal abstract void WriteQuotedBoxed(Utf8JsonWriter writer, object value);
}
