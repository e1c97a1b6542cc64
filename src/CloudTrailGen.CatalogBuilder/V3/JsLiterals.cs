using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CloudTrailGen.CatalogBuilder.V3;

/// <summary>A value of the literal subset of JavaScript that the SDK v3 schema files are written in.</summary>
internal abstract record JsValue;

internal sealed record JsString(string Value) : JsValue;

internal sealed record JsNumber(double Value) : JsValue;

internal sealed record JsBool(bool Value) : JsValue;

internal sealed record JsNull : JsValue;

/// <summary>A name: a constant or another declaration (<c>_TA</c>, <c>n0</c>, <c>Tag$</c>); a thunk <c>() => Tag$</c> reads as its name.</summary>
internal sealed record JsRef(string Name) : JsValue;

internal sealed record JsArray(IReadOnlyList<JsValue> Items) : JsValue;

/// <summary>An object literal: keys are either plain (<c>{ http: ...}</c>) or computed (<c>{ [_jN]: "x" }</c>).</summary>
internal sealed record JsObject(IReadOnlyList<(JsValue Key, JsValue Value)> Properties) : JsValue;

/// <summary>
/// Reads the top-level declarations of a generated SDK v3 file (<c>const _A = "Arn";</c>,
/// <c>export var Tag$ = [3, n0, _T, 0, [_K, _V], [0, 0]];</c>) as data, without running it.
/// The grammar is the literal subset those files use: strings, template strings without
/// substitutions, numbers, <c>|</c> of numbers, arrays, object literals with computed keys,
/// names, and thunks <c>() =&gt; X</c>. A statement outside that subset (imports, calls such as
/// <c>registry.registerError(...)</c>, <c>new X(...)</c>) is skipped whole, up to its <c>;</c>.
/// </summary>
internal sealed class JsLiterals
{
    private readonly string _text;
    private int _pos;

    private JsLiterals(string text) => _text = text;

    /// <summary>Name → value of every declaration the subset can read; later declarations of a name win.</summary>
    public static Dictionary<string, JsValue> ReadDeclarations(string text)
    {
        var result = new Dictionary<string, JsValue>(StringComparer.Ordinal);
        new JsLiterals(text).Read(result);
        return result;
    }

    private void Read(Dictionary<string, JsValue> into)
    {
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length) return;
            int start = _pos;
            if (!TryDeclaration(into))
            {
                _pos = start;
                SkipStatement();
            }
        }
    }

    private bool TryDeclaration(Dictionary<string, JsValue> into)
    {
        string? word = Identifier();
        if (word == "export") word = Identifier();
        if (word is not ("const" or "var" or "let")) return false;
        // const a = 1, b = "x";
        var pending = new List<(string, JsValue)>();
        while (true)
        {
            string? name = Identifier();
            if (name is null || !Consume('=')) return false;
            if (Peek() == '>') return false; // "=>"
            var value = Expression();
            if (value is null) return false;
            pending.Add((name, value));
            SkipTrivia();
            if (Consume(',')) continue;
            if (Consume(';') || _pos >= _text.Length || AtLineBreakBefore()) break;
            return false;
        }
        foreach (var (name, value) in pending) into[name] = value;
        return true;
    }

    // A declaration may end without ';' before a line break (automatic semicolon insertion).
    private bool AtLineBreakBefore()
    {
        for (int i = _pos - 1; i >= 0 && char.IsWhiteSpace(_text[i]); i--)
        {
            if (_text[i] == '\n') return true;
        }
        return false;
    }

    private JsValue? Expression()
    {
        var first = Term();
        if (first is null) return null;
        SkipTrivia();
        if (Peek() != '|' || PeekAt(1) == '|') return first;
        // Bitwise or of numbers: 64 | 0.
        long acc = first is JsNumber n ? (long)n.Value : -1;
        while (Peek() == '|' && PeekAt(1) != '|')
        {
            _pos++;
            var next = Term();
            if (acc < 0 || next is not JsNumber m) return null;
            acc |= (long)m.Value;
            SkipTrivia();
        }
        return new JsNumber(acc);
    }

    private JsValue? Term()
    {
        SkipTrivia();
        if (_pos >= _text.Length) return null;
        char c = _text[_pos];
        switch (c)
        {
            case '"':
            case '\'':
                return QuotedString(c);
            case '`':
                return TemplateString();
            case '[':
            {
                _pos++;
                var items = new List<JsValue>();
                while (true)
                {
                    SkipTrivia();
                    if (Consume(']')) return new JsArray(items);
                    var item = Expression();
                    if (item is null) return null;
                    items.Add(item);
                    SkipTrivia();
                    if (Consume(',')) continue;
                    if (Consume(']')) return new JsArray(items);
                    return null;
                }
            }
            case '{':
            {
                _pos++;
                var props = new List<(JsValue, JsValue)>();
                while (true)
                {
                    SkipTrivia();
                    if (Consume('}')) return new JsObject(props);
                    JsValue? key;
                    if (Consume('['))
                    {
                        key = Expression();
                        if (key is null || !Consume(']')) return null;
                    }
                    else if (Peek() is '"' or '\'')
                    {
                        key = QuotedString(_text[_pos]);
                    }
                    else
                    {
                        string? id = Identifier();
                        if (id is null) return null;
                        key = new JsString(id);
                    }
                    if (key is null || !Consume(':')) return null;
                    var value = Expression();
                    if (value is null) return null;
                    props.Add((key, value));
                    SkipTrivia();
                    if (Consume(',')) continue;
                    if (Consume('}')) return new JsObject(props);
                    return null;
                }
            }
            case '(':
            {
                // () => X
                _pos++;
                if (!Consume(')') || !Consume('=') || !Consume('>')) return null;
                return Term();
            }
            case '-':
            {
                _pos++;
                return Term() is JsNumber n ? new JsNumber(-n.Value) : null;
            }
        }
        if (char.IsDigit(c)) return Number();
        string? name = Identifier();
        return name switch
        {
            null => null,
            "true" => new JsBool(true),
            "false" => new JsBool(false),
            "null" or "undefined" => new JsNull(),
            "new" or "function" or "class" => null,
            _ => Peek() is '(' or '.' ? null : new JsRef(name),
        };
    }

    private JsNumber? Number()
    {
        int start = _pos;
        if (_text.Length > _pos + 1 && _text[_pos] == '0' && (_text[_pos + 1] is 'b' or 'B' or 'x' or 'X'))
        {
            int radix = _text[_pos + 1] is 'b' or 'B' ? 2 : 16;
            _pos += 2;
            int digits = _pos;
            while (_pos < _text.Length && (Uri.IsHexDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            return new JsNumber(System.Convert.ToInt64(_text.Substring(digits, _pos - digits).Replace("_", "", StringComparison.Ordinal), radix));
        }
        while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E' or '_'
            || (_text[_pos] is '+' or '-' && _text[_pos - 1] is 'e' or 'E'))) _pos++;
        string text = _text.Substring(start, _pos - start).Replace("_", "", StringComparison.Ordinal);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? new JsNumber(value) : null;
    }

    private JsString? QuotedString(char quote)
    {
        _pos++;
        var sb = new StringBuilder();
        while (_pos < _text.Length)
        {
            char c = _text[_pos++];
            if (c == quote) return new JsString(sb.ToString());
            if (c == '\n') return null;
            if (c != '\\') { sb.Append(c); continue; }
            if (!Escape(sb)) return null;
        }
        return null;
    }

    private JsString? TemplateString()
    {
        _pos++;
        var sb = new StringBuilder();
        while (_pos < _text.Length)
        {
            char c = _text[_pos++];
            if (c == '`') return new JsString(sb.ToString());
            if (c == '$' && Peek() == '{') return null; // substitutions are code, not data
            if (c != '\\') { sb.Append(c); continue; }
            if (!Escape(sb)) return null;
        }
        return null;
    }

    private bool Escape(StringBuilder sb)
    {
        if (_pos >= _text.Length) return false;
        char e = _text[_pos++];
        switch (e)
        {
            case 'n': sb.Append('\n'); break;
            case 't': sb.Append('\t'); break;
            case 'r': sb.Append('\r'); break;
            case 'b': sb.Append('\b'); break;
            case 'f': sb.Append('\f'); break;
            case 'v': sb.Append('\v'); break;
            case '0': sb.Append('\0'); break;
            case 'x':
                if (_pos + 2 > _text.Length) return false;
                sb.Append((char)System.Convert.ToInt32(_text.Substring(_pos, 2), 16));
                _pos += 2;
                break;
            case 'u':
                if (Peek() == '{')
                {
                    int close = _text.IndexOf('}', _pos);
                    if (close < 0) return false;
                    sb.Append(char.ConvertFromUtf32(System.Convert.ToInt32(_text.Substring(_pos + 1, close - _pos - 1), 16)));
                    _pos = close + 1;
                }
                else
                {
                    if (_pos + 4 > _text.Length) return false;
                    sb.Append((char)System.Convert.ToInt32(_text.Substring(_pos, 4), 16));
                    _pos += 4;
                }
                break;
            case '\r':
                if (Peek() == '\n') _pos++;
                break;
            case '\n': break; // line continuation
            default: sb.Append(e); break;
        }
        return true;
    }

    private string? Identifier()
    {
        SkipTrivia();
        int start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '$')) _pos++;
        if (_pos == start || char.IsDigit(_text[start]))
        {
            _pos = start;
            return null;
        }
        return _text.Substring(start, _pos - start);
    }

    private bool Consume(char c)
    {
        SkipTrivia();
        if (Peek() != c) return false;
        _pos++;
        return true;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (char.IsWhiteSpace(c)) { _pos++; continue; }
            if (c == '/' && PeekAt(1) == '/')
            {
                int end = _text.IndexOf('\n', _pos);
                _pos = end < 0 ? _text.Length : end + 1;
                continue;
            }
            if (c == '/' && PeekAt(1) == '*')
            {
                int end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                _pos = end < 0 ? _text.Length : end + 2;
                continue;
            }
            return;
        }
    }

    /// <summary>Skips to after the next ';' outside brackets and strings, or to the end of the line for a statement without one.</summary>
    private void SkipStatement()
    {
        int depth = 0;
        while (_pos < _text.Length)
        {
            SkipTrivia();
            if (_pos >= _text.Length) return;
            char c = _text[_pos];
            switch (c)
            {
                case '"':
                case '\'':
                    if (QuotedString(c) is null) SkipLine();
                    continue;
                case '`':
                    SkipTemplate();
                    continue;
                case '(':
                case '[':
                case '{':
                    depth++;
                    break;
                case ')':
                case ']':
                case '}':
                    depth--;
                    break;
                case ';':
                    if (depth <= 0)
                    {
                        _pos++;
                        return;
                    }
                    break;
            }
            _pos++;
        }
    }

    private void SkipLine()
    {
        int end = _text.IndexOf('\n', _pos);
        _pos = end < 0 ? _text.Length : end + 1;
    }

    private void SkipTemplate()
    {
        _pos++;
        while (_pos < _text.Length && _text[_pos] != '`')
        {
            if (_text[_pos] == '\\') _pos++;
            _pos++;
        }
        _pos++;
    }
}
