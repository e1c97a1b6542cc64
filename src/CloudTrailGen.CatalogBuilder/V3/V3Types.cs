using System;
using System.Collections.Generic;
using System.Net;
using System.Text.RegularExpressions;

namespace CloudTrailGen.CatalogBuilder.V3;

/// <summary>
/// What the builder takes from an SDK v3 package's <c>.d.ts</c> files: enum values
/// (<c>export declare const Mode: { readonly ON: "on"; ... }</c>), the declared type of each
/// interface member (the schema says only "string" where the model names an enum), and one
/// sentence of documentation per command. The files are generated with a fixed layout, so a
/// line-based reader is enough.
/// </summary>
internal sealed partial class V3Types
{
    /// <summary>Enum name → values, in declaration order.</summary>
    public Dictionary<string, List<string>> Enums { get; } = new(StringComparer.Ordinal);

    /// <summary>Interface name → member name → declared type, less <c>| undefined</c>.</summary>
    public Dictionary<string, Dictionary<string, string>> Members { get; } = new(StringComparer.Ordinal);

    public static V3Types Parse(IEnumerable<string> texts)
    {
        var types = new V3Types();
        foreach (var text in texts) types.Add(text);
        return types;
    }

    private void Add(string text)
    {
        List<string>? enumValues = null;
        Dictionary<string, string>? members = null;
        int depth = 0; // of braces inside the current interface (nested object types)
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (enumValues is not null)
            {
                if (line.StartsWith("}", StringComparison.Ordinal)) { enumValues = null; continue; }
                var value = EnumValueLine().Match(line);
                if (value.Success) enumValues.Add(Unescape(value.Groups[1].Value));
                continue;
            }
            if (line.StartsWith("*", StringComparison.Ordinal) || line.StartsWith("/*", StringComparison.Ordinal) || line.StartsWith("//", StringComparison.Ordinal)) continue; // docs may hold braces
            if (members is not null)
            {
                if (depth == 0 && line == "}") { members = null; continue; }
                if (depth == 0 && MemberLine().Match(line) is { Success: true } member)
                {
                    members.TryAdd(member.Groups[1].Value, member.Groups[2].Value.Trim());
                }
                depth += Count(line, '{') - Count(line, '}');
                if (depth < 0) { members = null; depth = 0; }
                continue;
            }
            if (EnumLine().Match(line) is { Success: true } e)
            {
                Enums[e.Groups[1].Value] = enumValues = new List<string>();
                continue;
            }
            // Enums without member names: export type TravelMode = "Bicycle" | "Car";
            if (LiteralUnionLine().Match(line) is { Success: true } u)
            {
                var values = new List<string>();
                foreach (Match v in QuotedValue().Matches(u.Groups[2].Value)) values.Add(Unescape(v.Groups[1].Value));
                Enums.TryAdd(u.Groups[1].Value, values);
                continue;
            }
            if (InterfaceLine().Match(line) is { Success: true } i)
            {
                members = new Dictionary<string, string>(StringComparer.Ordinal);
                Members.TryAdd(i.Groups[1].Value, members);
                depth = 0;
                if (line.EndsWith("}", StringComparison.Ordinal)) members = null;
            }
        }
    }

    private static int Count(string s, char c)
    {
        int n = 0;
        foreach (char x in s) if (x == c) n++;
        return n;
    }

    private static string Unescape(string s) => s.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    /// <summary>The first sentence of the doc comment on <c>export declare class XCommand</c>, as plain text; null when there is none.</summary>
    public static string? CommandDoc(string text, string operation)
    {
        int at = text.IndexOf("export declare class " + operation + "Command ", StringComparison.Ordinal);
        if (at < 0) return null;
        int end = text.LastIndexOf("*/", at, StringComparison.Ordinal);
        int start = end < 0 ? -1 : text.LastIndexOf("/**", end, StringComparison.Ordinal);
        if (start < 0 || text.Substring(end + 2, at - end - 2).Trim().Length > 0) return null;
        var lines = new List<string>();
        foreach (var raw in text.Substring(start + 3, end - start - 3).Split('\n'))
        {
            string line = raw.Trim().TrimStart('*').Trim();
            if (line.StartsWith("@", StringComparison.Ordinal)) break; // @public, @example, @param ...
            lines.Add(line);
        }
        return Dts.FirstSentence(PlainText(string.Join(" ", lines)));
    }

    /// <summary>HTML doc text as plain text: tags dropped, entities decoded, spaces collapsed.</summary>
    internal static string PlainText(string html)
    {
        // Inline tags (code, b, i, a, ...) go without a trace; block tags (p, li, br, ...) become a space.
        string text = Tag().Replace(html, m => InlineTag().IsMatch(m.Value) ? "" : " ");
        text = WebUtility.HtmlDecode(text);
        return Regex.Replace(text, @"\s+", " ").Trim();
    }

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^</?(code|b|i|a|em|strong|u|span|sup|sub|note|important)\b", RegexOptions.IgnoreCase)]
    private static partial Regex InlineTag();

    [GeneratedRegex(@"^export declare const (\w+): \{$")]
    private static partial Regex EnumLine();

    [GeneratedRegex(@"^export type (\w+) = (""(?:[^""\\]|\\.)*""(?: \| ""(?:[^""\\]|\\.)*"")*);$")]
    private static partial Regex LiteralUnionLine();

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"^readonly [\w$]+: ""((?:[^""\\]|\\.)*)"";$")]
    private static partial Regex EnumValueLine();

    [GeneratedRegex(@"^export interface (\w+)(?: extends [\w, .<>]+)? \{")]
    private static partial Regex InterfaceLine();

    [GeneratedRegex(@"^(\w+)\??: (.+?)(?: \| undefined)?;$")]
    private static partial Regex MemberLine();
}
