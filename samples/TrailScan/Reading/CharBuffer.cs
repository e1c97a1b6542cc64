using System;
using System.Text;

namespace TrailScan.Reading;

/// <summary>
/// Text put together from a record view's UTF-8 fields, to look up a count or a set without
/// making a string for every record (a string is made only for a key seen the first time).
/// </summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[256];
    private int _length;

    /// <summary>The text so far.</summary>
    public ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    /// <summary>Empties the buffer.</summary>
    public CharBuffer Clear()
    {
        _length = 0;
        return this;
    }

    /// <summary>Appends one character.</summary>
    public CharBuffer Append(char c)
    {
        Reserve(1);
        _chars[_length++] = c;
        return this;
    }

    /// <summary>Appends text.</summary>
    public CharBuffer Append(string text)
    {
        Reserve(text.Length);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
        return this;
    }

    /// <summary>Appends UTF-8 text, decoded as <see cref="Encoding.UTF8"/>'s GetString decodes it.</summary>
    public CharBuffer Append(ReadOnlySpan<byte> utf8)
    {
        Reserve(Encoding.UTF8.GetMaxCharCount(utf8.Length));
        _length += Encoding.UTF8.GetChars(utf8, _chars.AsSpan(_length));
        return this;
    }

    private void Reserve(int more)
    {
        if (_length + more <= _chars.Length) return;
        Array.Resize(ref _chars, Math.Max(_length + more, _chars.Length * 2));
    }
}
