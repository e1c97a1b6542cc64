using System;
using System.Buffers;
using System.Text;

namespace CloudTrailGen;

/// <summary>
/// A value a <see cref="CloudTrailFilter"/> compares a field with, as
/// <c>string.Equals(a, b, StringComparison.OrdinalIgnoreCase)</c> compares two strings, on the
/// field's UTF-8 bytes and without allocating: ASCII text byte by byte, other text decoded into a
/// buffer on the stack (or a pooled one, for long values).
/// </summary>
internal sealed class FilterText
{
    private const int StackChars = 256;

    public FilterText(string text)
    {
        Text = text;
        Utf8 = Encoding.UTF8.GetBytes(text);
        IsAscii = Ascii.IsValid(text);
    }

    /// <summary>The value.</summary>
    public string Text { get; }

    /// <summary>The value as UTF-8.</summary>
    public byte[] Utf8 { get; }

    /// <summary>Whether the value is ASCII text.</summary>
    public bool IsAscii { get; }

    public static FilterText[] Of(string[] values)
    {
        var texts = new FilterText[values.Length];
        for (int i = 0; i < values.Length; i++) texts[i] = new FilterText(values[i] ?? throw new ArgumentNullException(nameof(values)));
        return texts;
    }

    /// <summary>Whether <paramref name="utf8"/> is this value, ignoring case.</summary>
    public bool Matches(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == Utf8.Length && (utf8.SequenceEqual(Utf8) || Ascii.EqualsIgnoreCase(utf8, Utf8))) return true;
        // Text decodes to no more chars than it has bytes: shorter than an ASCII value, it cannot equal it.
        if (IsAscii && (utf8.Length < Utf8.Length || Ascii.IsValid(utf8))) return false;
        return Decoded(utf8, Compare.Equal);
    }

    /// <summary>Whether <paramref name="utf8"/> starts with this value, ignoring case.</summary>
    public bool IsPrefixOf(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length >= Utf8.Length && Ascii.EqualsIgnoreCase(utf8[..Utf8.Length], Utf8)) return true;
        if (IsAscii && (utf8.Length < Utf8.Length || Ascii.IsValid(utf8))) return false;
        return Decoded(utf8, Compare.Prefix);
    }

    /// <summary>
    /// Whether <paramref name="utf8"/> is <c><see cref="Text"/> + "."</c> and more, ignoring case
    /// (<c>s3</c> of <c>s3.amazonaws.com</c>).
    /// </summary>
    public bool IsDottedPrefixOf(ReadOnlySpan<byte> utf8)
    {
        if (IsAscii && (utf8.Length <= Utf8.Length || Ascii.IsValid(utf8)))
        {
            return utf8.Length > Utf8.Length && utf8[Utf8.Length] == (byte)'.' && Ascii.EqualsIgnoreCase(utf8[..Utf8.Length], Utf8);
        }
        return Decoded(utf8, Compare.DottedPrefix);
    }

    private enum Compare
    {
        Equal,
        Prefix,
        DottedPrefix,
    }

    /// <summary>Compares text that is not all ASCII as UTF-16, as strings are compared.</summary>
    private bool Decoded(ReadOnlySpan<byte> utf8, Compare compare)
    {
        // UTF-8 never decodes to more UTF-16 chars than it has bytes (an invalid byte gives at most one U+FFFD).
        char[]? rented = null;
        Span<char> chars = utf8.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            ReadOnlySpan<char> text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
            return compare switch
            {
                Compare.Equal => text.Equals(Text, StringComparison.OrdinalIgnoreCase),
                Compare.Prefix => text.StartsWith(Text, StringComparison.OrdinalIgnoreCase),
                _ => text.Length > Text.Length && text[Text.Length] == '.' && text.StartsWith(Text, StringComparison.OrdinalIgnoreCase),
            };
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }
}
