using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrailGen;

/// <summary>
/// Reads a CloudTrail record and returns the typed event class for its eventSource and eventName,
/// whatever the order of the keys. The generated converter supplies the dispatch.
/// </summary>
/// <typeparam name="TRecord">The generated record envelope.</typeparam>
/// <remarks>Called by the code CloudTrailGen generates, and hidden from completion lists: not meant for other code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CloudTrailRecordConverter<TRecord> : JsonConverter<TRecord>
    where TRecord : CloudTrailRecordBase, new()
{
    // The envelope is read into a reusable instance first; a typed event then takes its state,
    // so dispatch costs no second read of the record and no second allocation.
    [ThreadStatic]
    private static TRecord? t_scratch;

    private Func<CloudTrailRecordBase, CloudTrailRecordBase?>? _dispatch;

    /// <summary>Creates the typed event for the envelope's eventSource and eventName, or returns null.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract TRecord? CreateEvent(TRecord envelope);

    /// <summary>
    /// A new, empty envelope. The generated converter says <c>new TRecord()</c> itself: under the
    /// JIT the same words in this generic class are a call into <see cref="Activator"/>, several
    /// times slower, and an envelope is made for every record that is not a typed event.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual TRecord CreateEnvelope() => new TRecord();

    /// <summary>Moves every envelope member from one instance to another, leaving the first empty.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract void MoveEnvelope(TRecord from, TRecord to);

    /// <inheritdoc/>
    public override TRecord? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A CloudTrail record must be a JSON object, not {reader.TokenType}.");
        }
        var envelope = t_scratch ?? CreateEnvelope();
        t_scratch = null;
        // Unsafe.As, not a cast: the dispatch is only ever given this converter's envelope, and
        // picks what CreateEvent returned (a checked cast to a type parameter is a call per record).
        envelope.BeginRead(_dispatch ??= record => CreateEvent(Unsafe.As<TRecord>(record)));
        envelope.ReadFrom(ref reader);
        var typed = envelope.EndRead(out var picked) ? Unsafe.As<TRecord?>(picked) : CreateEvent(envelope);
        if (typed is null) return envelope;
        MoveEnvelope(envelope, typed);
        t_scratch = envelope;
        return typed;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TRecord value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(writer);
    }
}
