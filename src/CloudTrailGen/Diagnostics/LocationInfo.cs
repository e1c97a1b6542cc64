using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CloudTrailGen.Diagnostics;

/// <summary>
/// A position in a catalog file, stored as plain values so that pipeline models stay equatable
/// and hold no Roslyn object. Equality: by value.
/// </summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(Line, Column), new LinePosition(EndLine, EndColumn)));
}
