using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CloudTrailGen.Binding;

/// <summary>
/// The one pass over a source file's tokens: the names <see cref="ClassSelection"/> picks classes
/// by, and the qualified names <see cref="CodeReferences"/> checks (<c>Iam.AttachRolePolicyEvnt</c>,
/// <c>using MyApp.Aws.Ec2;</c>), with the namespaces the file declares. Syntax only, no binding.
/// </summary>
internal static class CodeScan
{
    public static FileScan Scan(CompilationUnitSyntax root, CancellationToken token)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var references = new List<CodeReference>();
        var declared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in root.DescendantTokens())
        {
            if (t.IsKind(SyntaxKind.UsingKeyword) && t.Parent is UsingDirectiveSyntax { Alias: null, StaticKeyword.RawKind: 0 } directive)
            {
                references.Add(new CodeReference(NamespaceOf(directive.Parent!), NameText(directive.Name!), "", LocationOf(directive.Name!)));
                continue;
            }
            if (!t.IsKind(SyntaxKind.IdentifierToken)) continue;
            string text = t.ValueText;
            if (text.Length == 0 || text[0] is < 'A' or > 'Z') continue;
            names.Add(text);
            // Every link of a dotted name whose qualifier ends in a capitalised identifier: which of
            // them are generated namespaces is known only with the options, after the scan.
            if (QualifierOf(t, out bool global) is { } qualifier && qualifier[qualifier.LastIndexOf('.') + 1] is >= 'A' and <= 'Z' && !InDeclarationName(t))
            {
                references.Add(new CodeReference(global ? "" : NamespaceOf(t.Parent!), qualifier, text, LocationOf(t)));
            }
        }
        foreach (var ns in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<BaseNamespaceDeclarationSyntax>())
        {
            declared.Add(Join(NamespaceOf(ns.Parent!), NameText(ns.Name)));
        }
        token.ThrowIfCancellationRequested();
        return new FileScan(names.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray(), references.ToEquatableArray(), declared.ToEquatableArray());
    }

    /// <summary>The identifiers before <c>A.B.Name</c> (<c>A.B</c>), or null when the name is not qualified by identifiers alone.</summary>
    private static string? QualifierOf(SyntaxToken name, out bool global)
    {
        global = false;
        var parts = new List<string>();
        var dot = name.GetPreviousToken();
        while (dot.IsKind(SyntaxKind.DotToken) || dot.IsKind(SyntaxKind.ColonColonToken))
        {
            var part = dot.GetPreviousToken();
            if (dot.IsKind(SyntaxKind.ColonColonToken))
            {
                global = part.IsKind(SyntaxKind.GlobalKeyword) && parts.Count > 0;
                if (!global) return null; // an alias (Alias::Name) is not followed
                break;
            }
            if (!part.IsKind(SyntaxKind.IdentifierToken)) return null; // this.X, a call, an index: not a type name
            parts.Add(part.ValueText);
            dot = part.GetPreviousToken();
        }
        if (parts.Count == 0) return null;
        parts.Reverse();
        return string.Join(".", parts);
    }

    /// <summary>Whether the token is part of a namespace declaration's or a using's name (those are no type names; a using is taken whole).</summary>
    private static bool InDeclarationName(SyntaxToken token)
    {
        var node = token.Parent;
        while (node is NameSyntax) node = node.Parent;
        return node is BaseNamespaceDeclarationSyntax or UsingDirectiveSyntax;
    }

    /// <summary>The namespace a node is in, itself included ("" outside any), nested declarations joined.</summary>
    private static string NamespaceOf(SyntaxNode node)
    {
        string result = "";
        for (var n = node; n is not null; n = n.Parent)
        {
            if (n is BaseNamespaceDeclarationSyntax ns) result = Join(NameText(ns.Name), result);
        }
        return result;
    }

    private static string NameText(NameSyntax name) => name switch
    {
        AliasQualifiedNameSyntax alias => NameText(alias.Name),
        QualifiedNameSyntax qualified => Join(NameText(qualified.Left), NameText(qualified.Right)),
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => name.ToString(),
    };

    private static string Join(string left, string right) => left.Length == 0 ? right : right.Length == 0 ? left : left + "." + right;

    private static LocationInfo LocationOf(SyntaxNodeOrToken node)
    {
        var span = node.Span;
        var lines = node.SyntaxTree!.GetLineSpan(span);
        return new LocationInfo(lines.Path, span.Start, span.Length, lines.StartLinePosition.Line, lines.StartLinePosition.Character,
            lines.EndLinePosition.Line, lines.EndLinePosition.Character);
    }
}
