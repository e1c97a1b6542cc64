using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>
/// What the builder takes from an aws-sdk <c>clients/*.d.ts</c> file: the names of shapes (the
/// min.json models inline or abbreviate them), enum values, and one sentence of documentation per
/// operation. The files are generated with a fixed layout, so a line-based reader is enough.
/// </summary>
internal sealed partial class Dts
{
    /// <summary>Interface name → member name → declared type text.</summary>
    public Dictionary<string, Dictionary<string, string>> Interfaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Type alias name → its right-hand side (such as <c>Tag[]</c>, <c>"a"|"b"|string</c>, <c>{[key: string]: V}</c>).</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Operation method name in lower case → (input type, output type, first sentence of its doc).</summary>
    public Dictionary<string, (string? Input, string? Output, string? Doc)> Operations { get; } = new(StringComparer.Ordinal);

    public static Dts Parse(string text)
    {
        var dts = new Dts();
        var lines = text.Split('\n');
        string? pendingDoc = null;
        Dictionary<string, string>? current = null;
        var doc = new List<string>();
        bool inDoc = false;
        foreach (var raw in lines)
        {
            string line = raw.TrimEnd('\r');
            string trimmed = line.Trim();
            if (inDoc)
            {
                if (trimmed.StartsWith("*/", StringComparison.Ordinal))
                {
                    inDoc = false;
                    pendingDoc = string.Join(" ", doc).Trim();
                    continue;
                }
                doc.Add(trimmed.TrimStart('*').Trim());
                continue;
            }
            if (trimmed.StartsWith("/**", StringComparison.Ordinal))
            {
                doc.Clear();
                inDoc = !trimmed.EndsWith("*/", StringComparison.Ordinal);
                if (!inDoc) pendingDoc = trimmed.Substring(3, trimmed.Length - 5).Trim();
                continue;
            }

            if (current is not null)
            {
                if (trimmed == "}")
                {
                    current = null;
                    continue;
                }
                var member = MemberLine().Match(trimmed);
                if (member.Success) current[member.Groups[1].Value] = member.Groups[2].Value.Trim();
                pendingDoc = null;
                continue;
            }

            var iface = InterfaceLine().Match(trimmed);
            if (iface.Success)
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                dts.Interfaces[iface.Groups[1].Value] = current;
                if (trimmed.EndsWith("}", StringComparison.Ordinal)) current = null;
                pendingDoc = null;
                continue;
            }
            var alias = AliasLine().Match(trimmed);
            if (alias.Success)
            {
                dts.Aliases[alias.Groups[1].Value] = alias.Groups[2].Value.Trim();
                pendingDoc = null;
                continue;
            }
            var method = MethodLine().Match(trimmed);
            if (method.Success)
            {
                string name = method.Groups[1].Value.ToLowerInvariant();
                if (!dts.Operations.ContainsKey(name))
                {
                    var output = method.Groups[3];
                    dts.Operations[name] = (method.Groups[2].Value, output.Success ? output.Value : null, FirstSentence(pendingDoc));
                }
                pendingDoc = null;
                continue;
            }
            if (trimmed.Length > 0) pendingDoc = null;
        }
        return dts;
    }

    /// <summary>The enum values of an alias such as <c>"a"|"b"|string</c>, or null when it is not one.</summary>
    public List<string>? EnumValues(string alias)
    {
        if (!Aliases.TryGetValue(alias, out var text) || !text.StartsWith("\"", StringComparison.Ordinal)) return null;
        var values = new List<string>();
        foreach (Match m in EnumValue().Matches(text)) values.Add(m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal));
        return values.Count == 0 ? null : values;
    }

    /// <summary>The first sentence of a doc comment, shortened to a line; null when there is none.</summary>
    internal static string? FirstSentence(string? doc)
    {
        if (string.IsNullOrWhiteSpace(doc)) return null;
        string text = Regex.Replace(doc, @"\s+", " ").Trim();
        while (true)
        {
            int end = SentenceEnd(text);
            string sentence = text.Substring(0, end).Trim();
            // Notices that open many docs ("This operation is not supported by directory buckets.") say nothing about the operation.
            if (end < text.Length && Boilerplate().IsMatch(sentence))
            {
                text = text.Substring(end).Trim();
                continue;
            }
            text = sentence;
            break;
        }
        if (text.Length > 200)
        {
            int cut = text.LastIndexOf(' ', 197);
            text = text.Substring(0, cut > 100 ? cut : 197).TrimEnd(',', ';', ':') + "...";
        }
        if (text.Length > 0 && !text.EndsWith(".", StringComparison.Ordinal) && !text.EndsWith("...", StringComparison.Ordinal)) text += ".";
        return text.Length <= 1 ? null : text;
    }

    private static int SentenceEnd(string text)
    {
        for (int i = 1; i < text.Length - 1; i++)
        {
            if (text[i] == '.' && text[i + 1] == ' ' && char.IsLower(text[i - 1])) return i + 1;
        }
        return text.Length;
    }

    [GeneratedRegex(@"^(This (is|API|operation|documentation|action)\b.*\b(documentation|not supported|preview release|deprecated)\b|End of support|For more information\b|(For|With) the latest version\b|.*\bno longer (available|open) to new customers\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"^export interface (\w+)(?: extends [\w, .]+)? \{")]
    private static partial Regex InterfaceLine();

    [GeneratedRegex(@"^export type (\w+) = (.*);$")]
    private static partial Regex AliasLine();

    [GeneratedRegex(@"^(\w+)\??: (.+);$")]
    private static partial Regex MemberLine();

    [GeneratedRegex(@"^(\w+)\(params: \w+\.Types\.(\w+), callback\?: \(err: AWSError, data: (?:\w+\.Types\.(\w+)|\{\})\) => void\)")]
    private static partial Regex MethodLine();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex EnumValue();
}
