using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CloudTrailGen.Parsing;

/// <summary>The kinds of JSON values.</summary>
internal enum JKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A parsed JSON value with its position in the file (character offsets).</summary>
internal sealed class JNode
{
    public JKind Kind;
    public int Start;
    public int End;
    public string? Text;                        // strings: the value; numbers: the literal
    public List<JProperty>? Properties;        // objects, in file order, duplicates kept
    public List<JNode>? Items;                 // arrays

    public string Describe() => Kind switch
    {
        JKind.Object => "an object",
        JKind.Array => "an array",
        JKind.String => "a string",
        JKind.Number => "a number",
        JKind.Null => "null",
        _ => "a boolean",
    };

    public JNode? Get(string name)
    {
        if (Properties is null) return null;
        JNode? found = null;
        foreach (var property in Properties)
        {
            if (property.Name == name) found = property.Value;
        }
        return found;
    }
}

/// <summary>An object's key and value; the key's own position is kept for diagnostics.</summary>
internal sealed class JProperty
{
    public JProperty(string name, int nameStart, int nameEnd, JNode value)
    {
        Name = name;
        NameStart = nameStart;
        NameEnd = nameEnd;
        Value = value;
    }

    public string Name { get; }
    public int NameStart { get; }
    public int NameEnd { get; }
    public JNode Value { get; }
}

/// <summary>A syntax error, with the offset where it was found.</summary>
internal sealed class CatalogJsonException : Exception
{
    public CatalogJsonException(string message, int offset)
        : base(message) => Offset = offset;

    public int Offset { get; }
}

/// <summary>
/// A small strict JSON parser (RFC 8259) that keeps positions. The generator cannot load
/// System.Text.Json inside the compiler, and needs line and column for every diagnostic anyway.
/// Nesting is limited so that a hostile file cannot overflow the compiler's stack.
/// </summary>
internal sealed class CatalogJson
{
    public const int MaxDepth = 64;

    private readonly string _text;
    private int _pos;

    private CatalogJson(string text) => _text = text;

    public static JNode Parse(string text)
    {
        var parser = new CatalogJson(text);
        parser.SkipWhitespace();
        if (parser._pos < text.Length && text[parser._pos] == '\uFEFF') parser._pos++;
        parser.SkipWhitespace();
        var root = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._pos != text.Length) throw new CatalogJsonException("unexpected text after the end of the JSON value", parser._pos);
        return root;
    }

    private JNode ParseValue(int depth)
    {
        if (_pos >= _text.Length) throw new CatalogJsonException("the file ends where a value was expected", _pos);
        char c = _text[_pos];
        switch (c)
        {
            case '{': return ParseObject(depth + 1);
            case '[': return ParseArray(depth + 1);
            case '"':
                int start = _pos;
                string value = ParseString();
                return new JNode { Kind = JKind.String, Start = start, End = _pos, Text = value };
            case 't': return Literal("true", JKind.True);
            case 'f': return Literal("false", JKind.False);
            case 'n': return Literal("null", JKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
                throw new CatalogJsonException($"unexpected character '{Printable(c)}'", _pos);
        }
    }

    private JNode ParseObject(int depth)
    {
        CheckDepth(depth);
        var node = new JNode { Kind = JKind.Object, Start = _pos, Properties = new List<JProperty>() };
        _pos++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            node.End = _pos;
            return node;
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"') throw new CatalogJsonException("expected a property name in double quotes", _pos);
            int nameStart = _pos;
            string name = ParseString();
            int nameEnd = _pos;
            SkipWhitespace();
            if (Peek() != ':') throw new CatalogJsonException($"expected ':' after property name \"{name}\"", _pos);
            _pos++;
            SkipWhitespace();
            var value = ParseValue(depth);
            node.Properties.Add(new JProperty(name, nameStart, nameEnd, value));
            SkipWhitespace();
            char c = Peek();
            if (c == ',')
            {
                _pos++;
                continue;
            }
            if (c == '}')
            {
                _pos++;
                node.End = _pos;
                return node;
            }
            throw new CatalogJsonException(_pos >= _text.Length ? "the file ends inside an object" : "expected ',' or '}' in an object", _pos);
        }
    }

    private JNode ParseArray(int depth)
    {
        CheckDepth(depth);
        var node = new JNode { Kind = JKind.Array, Start = _pos, Items = new List<JNode>() };
        _pos++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            node.End = _pos;
            return node;
        }
        while (true)
        {
            SkipWhitespace();
            node.Items.Add(ParseValue(depth));
            SkipWhitespace();
            char c = Peek();
            if (c == ',')
            {
                _pos++;
                continue;
            }
            if (c == ']')
            {
                _pos++;
                node.End = _pos;
                return node;
            }
            throw new CatalogJsonException(_pos >= _text.Length ? "the file ends inside an array" : "expected ',' or ']' in an array", _pos);
        }
    }

    private string ParseString()
    {
        int start = _pos;
        _pos++; // opening quote
        StringBuilder? builder = null;
        int runStart = _pos;
        while (true)
        {
            if (_pos >= _text.Length) throw new CatalogJsonException("the file ends inside a string", start);
            char c = _text[_pos];
            if (c == '"')
            {
                string result = builder is null
                    ? _text.Substring(runStart, _pos - runStart)
                    : builder.Append(_text, runStart, _pos - runStart).ToString();
                _pos++;
                return result;
            }
            if (c < ' ') throw new CatalogJsonException("a control character must be escaped in a string", _pos);
            if (c != '\\')
            {
                _pos++;
                continue;
            }
            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _pos - runStart);
            _pos++;
            if (_pos >= _text.Length) throw new CatalogJsonException("the file ends inside a string", start);
            char e = _text[_pos++];
            switch (e)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw new CatalogJsonException("\\u must be followed by four hexadecimal digits", _pos - 2);
                    }
                    builder.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw new CatalogJsonException($"invalid escape '\\{Printable(e)}' in a string", _pos - 2);
            }
            runStart = _pos;
        }
    }

    private JNode ParseNumber()
    {
        int start = _pos;
        if (Peek() == '-') _pos++;
        if (Peek() == '0') _pos++;
        else if (IsDigit(Peek())) while (IsDigit(Peek())) _pos++;
        else throw new CatalogJsonException("invalid number", start);
        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigit(Peek())) throw new CatalogJsonException("invalid number: a digit must follow '.'", start);
            while (IsDigit(Peek())) _pos++;
        }
        if (Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-') _pos++;
            if (!IsDigit(Peek())) throw new CatalogJsonException("invalid number: a digit must follow the exponent", start);
            while (IsDigit(Peek())) _pos++;
        }
        return new JNode { Kind = JKind.Number, Start = start, End = _pos, Text = _text.Substring(start, _pos - start) };
    }

    private JNode Literal(string literal, JKind kind)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw new CatalogJsonException($"unexpected character '{Printable(_text[_pos])}'", _pos);
        }
        var node = new JNode { Kind = kind, Start = _pos, End = _pos + literal.Length };
        _pos += literal.Length;
        return node;
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth) throw new CatalogJsonException($"values are nested more than {MaxDepth} deep", _pos);
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private static string Printable(char c) => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString();
}
