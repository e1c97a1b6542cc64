using System;
using System.Text;

namespace CloudTrailGen.Helpers;

/// <summary>Builds C# source with consistent indentation and '\n' line ends on every platform.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <param name="typeVisibility">The accessibility of the types this file declares (<c>public</c> or <c>internal</c>).</param>
    public SourceWriter(string typeVisibility = "public") => TypeVisibility = typeVisibility;

    /// <summary>The accessibility the file's top-level types are declared with (<c>CloudTrailGenVisibility</c>).</summary>
    public string TypeVisibility { get; }

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>
    /// Writes an XML doc summary on one line. The text is written as given, not escaped: it is XML
    /// already (callers escape catalog text with <see cref="Identifiers.Xml"/> and add tags such as
    /// <c>&lt;c&gt;</c> and <c>&lt;see&gt;</c> around it).
    /// </summary>
    public SourceWriter Summary(string text) => Line("/// <summary>" + text + "</summary>");

    public override string ToString() => _builder.ToString();
}
