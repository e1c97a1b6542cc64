using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using CloudTrailGen.Helpers;
using CloudTrailGen.Tests.Infrastructure;
using Xunit;

namespace CloudTrailGen.Tests;

/// <summary>
/// <see cref="KnownNames"/> against the runtime library, by reflection: the names a generated
/// property must avoid are exactly the members that generated classes inherit (plus the ones they
/// declare), and every runtime type the emitter writes is in the runtime assembly. A member added
/// to a base class, or a type renamed or moved there, fails here instead of in a consumer's build.
/// </summary>
public class KnownNamesTests
{
    /// <summary>The runtime classes generated classes derive from (the envelope, event classes, service types), and object.</summary>
    private static readonly Type[] s_baseClasses =
    {
        typeof(object), typeof(CloudTrailObject), typeof(CloudTrailCompactObject), typeof(CloudTrailRecordBase),
    };

    [Fact]
    public void BaseClassMembers_AreExactlyWhatGeneratedClassesInherit()
    {
        var problems = Compare(InheritedNames(s_baseClasses), KnownNames.BaseClassMembers);

        Assert.True(problems.Count == 0, "KnownNames.BaseClassMembers is out of step with the runtime's base classes:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void GeneratedMembers_AreNotInherited_AndEveryNameOfBothListsIsReserved()
    {
        var inherited = InheritedNames(s_baseClasses);

        Assert.DoesNotContain(KnownNames.GeneratedMembers, inherited.Contains);
        Assert.All(KnownNames.BaseClassMembers.Concat(KnownNames.GeneratedMembers), name => Assert.True(KnownNames.IsReservedMember(name), name));
        Assert.False(KnownNames.IsReservedMember("PolicyArn"));
    }

    [Fact]
    public void ReservedMember_GetsValueAppended()
    {
        // The reserved list reaches the parser: a catalog key named like a base-class member does
        // not hide it (here GetTypedMembers, which the hand-kept list of old missed).
        string widgets = TestCatalogs.Widgets.Replace("\"color\":", "\"getTypedMembers\": \"string\", \"color\":", StringComparison.Ordinal);
        Assert.NotEqual(TestCatalogs.Widgets, widgets);
        var run = GeneratorHarness.Run(new GeneratorSettings("widgets"), CatalogFile.Envelope(TestCatalogs.Envelope), CatalogFile.Builtin("widgets", widgets));

        run.AssertCompilesCleanly();
        Assert.Contains(" GetTypedMembersValue {", run.Source("Widgets.Events.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeTypeNames_ExistInTheRuntimeAssembly()
    {
        var missing = RuntimeTypeNames().Where(name => FindRuntimeType(name) is null).ToList();

        Assert.True(missing.Count == 0, "Runtime types the emitter writes that the runtime assembly does not have: " + string.Join(", ", missing));
    }

    [Fact]
    public void EmittedCode_NamesOnlyKnownRuntimeTypes_AndEveryKnownOne()
    {
        var sources = GeneratorHarness.Run(new GeneratorSettings("widgets"), CatalogFile.Envelope(TestCatalogs.Envelope), CatalogFile.Builtin("widgets", TestCatalogs.Widgets)).Sources
            .Concat(GeneratorHarness.Run(new GeneratorSettings("sns"), RepoCatalog.Envelope(), RepoCatalog.Service("sns")).Sources)
            .Select(s => s.SourceText.ToString());
        var written = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (Match match in Regex.Matches(source, @"global::" + Regex.Escape(KnownNames.Runtime.Namespace) + @"\.(\w+)"))
            {
                written.Add(match.Groups[1].Value);
            }
        }

        var known = new SortedSet<string>(RuntimeTypeNames(), StringComparer.Ordinal);
        Assert.Equal(known, written);
    }

    [Fact]
    public void Compare_ReportsANameMissingFromEitherSide()
    {
        // The check itself can fail: a list without a base-class member, or with a name no base
        // class has, is reported.
        var inherited = InheritedNames(s_baseClasses);
        var withoutOne = Compare(inherited, KnownNames.BaseClassMembers.Where(n => n != "TryGetRawValue"));
        var withExtra = Compare(inherited, KnownNames.BaseClassMembers.Append("WriteObject"));

        Assert.Equal(new[] { "missing from the list: TryGetRawValue" }, withoutOne);
        Assert.Equal(new[] { "listed, but no base class has it: WriteObject" }, withExtra);
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>
    /// Names a derived class in another assembly sees: public, protected and protected internal
    /// members (methods, properties, fields, events, nested types), not constructors, accessors or
    /// compiler-generated members. <c>private protected</c> and internal ones stay inside the runtime.
    /// </summary>
    internal static SortedSet<string> InheritedNames(IEnumerable<Type> types)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            foreach (var member in type.GetMembers(flags))
            {
                if (member.Name.Contains('<', StringComparison.Ordinal) || !IsVisibleToDerived(member)) continue;
                names.Add(member.Name);
            }
        }
        return names;
    }

    private static bool IsVisibleToDerived(MemberInfo member) => member switch
    {
        ConstructorInfo => false,
        MethodInfo method => !method.IsSpecialName && Visible(method),
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(Visible),
        EventInfo e => e.AddMethod is { } add && Visible(add),
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily || nested.IsNestedFamORAssem,
        _ => false,
    };

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static List<string> Compare(IEnumerable<string> actual, IEnumerable<string> listed)
    {
        var a = new SortedSet<string>(actual, StringComparer.Ordinal);
        var l = new SortedSet<string>(listed, StringComparer.Ordinal);
        return a.Where(n => !l.Contains(n)).Select(n => "missing from the list: " + n)
            .Concat(l.Where(n => !a.Contains(n)).Select(n => "listed, but no base class has it: " + n))
            .ToList();
    }

    /// <summary>The type names (without namespace or arity) of the constants in <see cref="KnownNames.Runtime"/>.</summary>
    private static IEnumerable<string> RuntimeTypeNames()
    {
        string prefix = "global::" + KnownNames.Runtime.Namespace + ".";
        foreach (var field in typeof(KnownNames.Runtime).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (!field.IsLiteral || field.Name == nameof(KnownNames.Runtime.Namespace)) continue;
            string value = (string)field.GetRawConstantValue()!;
            Assert.StartsWith(prefix, value, StringComparison.Ordinal);
            Assert.Equal(field.Name, value.Substring(prefix.Length)); // the constant is named after the type
            yield return value.Substring(prefix.Length);
        }
    }

    private static Type? FindRuntimeType(string name) =>
        typeof(CloudTrailObject).Assembly.GetExportedTypes().FirstOrDefault(t =>
            t.Namespace == KnownNames.Runtime.Namespace && (t.Name == name || t.Name.StartsWith(name + "`", StringComparison.Ordinal)));
}
