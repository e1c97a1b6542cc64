using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using static CloudTrailGen.Helpers.KnownNames;

namespace CloudTrailGen.Emit;

// The shapes of a file (structures are written by .Envelope or .Services), and enums with their
// registration.
internal static partial class SourceEmitter
{
    /// <summary>
    /// The shapes of one file in catalog order: enums, and structures as compact classes (a
    /// service's, when <paramref name="tables"/> is given) or with typed fields (the envelope's;
    /// <paramref name="root"/> is the record).
    /// </summary>
    private static void EmitShapes(SourceWriter w, IEnumerable<ShapeSpec> shapes, TypeScope scope, ShapeSpec? root = null, EnvelopeSpec? envelope = null, TableCounter? tables = null)
    {
        var enums = new List<ShapeSpec>();
        foreach (var shape in shapes)
        {
            if (shape.IsEnum)
            {
                EmitEnum(w, shape);
                enums.Add(shape);
            }
            else
            {
                string summary = shape.Doc is null ? $"The <c>{Identifiers.Xml(shape.Name)}</c> shape." : Identifiers.Xml(shape.Doc);
                if (tables is not null) EmitCompactStructure(w, shape, scope, summary, tables);
                else EmitStructure(w, shape, scope, summary, shape == root ? envelope : null);
            }
        }
        if (enums.Count > 0) EmitEnumRegistration(w, enums);
    }

    private static void EmitEnum(SourceWriter w, ShapeSpec shape)
    {
        w.Summary((shape.Doc is null ? $"The values of <c>{Identifiers.Xml(shape.Name)}</c>." : Identifiers.Xml(shape.Doc))
            + $" Read as <see cref=\"{Runtime.OpenEnum}{{TEnum}}\"/>: values not listed here are kept, as <c>Unrecognized</c>.");
        w.Line(GeneratedCode);
        w.Open($"{w.TypeVisibility} enum {shape.ClassName}");
        w.Summary($"A value this version of the catalog does not list; the string is in <see cref=\"{Runtime.OpenEnum}{{TEnum}}.Raw\"/>.");
        w.Line("Unrecognized = 0,");
        int index = 1;
        foreach (var value in shape.Values)
        {
            w.Summary($"<c>{Identifiers.Xml(value.Value)}</c>" + (value.Aliases.Count > 0 ? " (also " + string.Join(", ", value.Aliases.Select(a => $"<c>{Identifiers.Xml(a)}</c>")) + ")" : ""));
            w.Line($"{value.Name} = {index++},");
        }
        w.Close();
        w.Line();
    }

    /// <summary>Registers the spellings of a namespace's open enums when the assembly loads.</summary>
    private static void EmitEnumRegistration(SourceWriter w, List<ShapeSpec> enums)
    {
        // Open enums map member i + 1 to spelling i; the tables are registered when the assembly loads.
        w.Line(GeneratedCode);
        w.Open($"internal static class {EnumsClass}");
        w.Line("#pragma warning disable CA2255 // generated registration, run once when the assembly loads");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line("#pragma warning restore CA2255");
        w.Open("internal static void Register()");
        foreach (var shape in enums)
        {
            string values = string.Join(", ", shape.Values.Select(v => Identifiers.Literal(v.Value)));
            string aliases = shape.Values.Any(v => v.Aliases.Count > 0)
                ? "new string[][] { " + string.Join(", ", shape.Values.Select(v => v.Aliases.Count == 0 ? "global::System.Array.Empty<string>()" : "new[] { " + string.Join(", ", v.Aliases.Select(Identifiers.Literal)) + " }")) + " }"
                : "null";
            w.Line($"{Runtime.OpenEnumTable}<{shape.ClassName}>.Register(new string[] {{ {values} }}, {aliases});");
        }
        w.Close();
        w.Close();
        w.Line();
    }
}
