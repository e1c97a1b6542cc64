using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace CloudTrailGen.Helpers;

/// <summary>
/// Turns AWS names (JSON keys, enum values, service ids) into C# identifiers, writes catalog text
/// into C# (string literals, XML doc text), and finds close names for "did you mean" hints.
/// </summary>
internal static class Identifiers
{
    /// <summary>
    /// PascalCase: splits on every character that cannot be in an identifier, capitalizes each
    /// part, and lowers parts that are all capitals (<c>AWS::S3::Object</c> → <c>AwsS3Object</c>,
    /// <c>eventID</c> → <c>EventID</c>, <c>cognito-identity</c> → <c>CognitoIdentity</c>).
    /// A leading digit gets an underscore. Returns an empty string when nothing usable is left.
    /// </summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        int i = 0;
        while (i < name.Length)
        {
            while (i < name.Length && !IsPart(name[i])) i++;
            int start = i;
            while (i < name.Length && IsPart(name[i])) i++;
            if (i == start) break;
            string part = name.Substring(start, i - start);
            bool allCaps = part.Length > 1 && IsAllUpperLetters(part);
            builder.Append(char.ToUpperInvariant(part[0]));
            builder.Append(allCaps ? part.Substring(1).ToLowerInvariant() : part.Substring(1));
        }
        if (builder.Length > 0 && char.IsDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }

    /// <summary>Whether a name can be used as written for a C# type, member or namespace part.</summary>
    public static bool IsValid(string name) =>
        name.Length > 0 && SyntaxFacts.IsValidIdentifier(name)
        && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    /// <summary>
    /// Whether a valid identifier is made of lower-case ASCII letters only: as a type name that is
    /// warning CS8981 (reserved for future keywords) in the consumer's build.
    /// </summary>
    public static bool IsLowerCaseAscii(string name)
    {
        foreach (char c in name)
        {
            if (c < 'a' || c > 'z') return false;
        }
        return name.Length > 0;
    }

    /// <summary>A string literal for C# source.</summary>
    public static string Literal(string value) =>
        SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>Escapes text for an XML doc comment on one line.</summary>
    public static string Xml(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            // A lone surrogate (from a "\ud800" escape in the catalog) or U+FFFE/U+FFFF is not
            // XML: the doc comment would be warning CS1570 in the consumer's build.
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF') continue;
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '\r':
                case '\n':
                case '\t': builder.Append(' '); break;
                default:
                    if (!char.IsControl(c)) builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>The edit distance between two ids, for "did you mean" suggestions.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The closest names to a misspelt one, best first.</summary>
    public static List<string> Closest(string name, IEnumerable<string> candidates, int count = 3)
    {
        var scored = new List<(int Distance, string Name)>();
        foreach (var candidate in candidates)
        {
            int distance = Distance(name, candidate);
            bool related = candidate.IndexOf(name, StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf(candidate, StringComparison.OrdinalIgnoreCase) >= 0;
            if (distance <= Math.Max(2, name.Length / 3) || related) scored.Add((related ? Math.Min(distance, 1) : distance, candidate));
        }
        scored.Sort((x, y) => x.Distance != y.Distance ? x.Distance.CompareTo(y.Distance) : string.CompareOrdinal(x.Name, y.Name));
        var result = new List<string>();
        foreach (var item in scored)
        {
            if (result.Count == count) break;
            result.Add(item.Name);
        }
        return result;
    }

    // Letters and digits make up identifier parts; everything else (':', '-', '_', '.', ...) separates them.
    private static bool IsPart(char c) =>
        char.IsLetterOrDigit(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LetterNumber or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark;

    private static bool IsAllUpperLetters(string part)
    {
        foreach (char c in part)
        {
            if (!char.IsUpper(c)) return false;
        }
        return true;
    }
}
