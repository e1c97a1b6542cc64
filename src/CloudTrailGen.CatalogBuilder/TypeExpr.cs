using System;
using System.Collections.Generic;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>Helpers for catalog type expressions (<c>string</c>, <c>Tag[]</c>, <c>map&lt;Shape&gt;</c>, ...).</summary>
internal static class TypeExpr
{
    private static readonly HashSet<string> s_builtins = new(StringComparer.Ordinal) { "string", "boolean", "integer", "double", "timestamp", "json" };

    /// <summary>The shape name inside a type expression, or null for built-in types.</summary>
    public static string? ShapeName(string type)
    {
        string inner = Innermost(type);
        return s_builtins.Contains(inner) ? null : inner;
    }

    /// <summary>Replaces the shape name inside a type expression.</summary>
    public static string Rename(string type, Func<string, string> rename)
    {
        string inner = Innermost(type);
        if (s_builtins.Contains(inner)) return type;
        string renamed = rename(inner);
        if (renamed == inner) return type;
        int at = type.LastIndexOf(inner, StringComparison.Ordinal); // only "[]" and ">" follow it
        return type.Substring(0, at) + renamed + type.Substring(at + inner.Length);
    }

    private static string Innermost(string type)
    {
        string t = type.Trim();
        while (true)
        {
            if (t.EndsWith("[]", StringComparison.Ordinal)) t = t.Substring(0, t.Length - 2).TrimEnd();
            else if (t.StartsWith("map<", StringComparison.Ordinal) && t.EndsWith(">", StringComparison.Ordinal)) t = t.Substring(4, t.Length - 5).Trim();
            else return t;
        }
    }
}
