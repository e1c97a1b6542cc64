using System;
using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Helpers;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>
/// The union of two generations of one model (an SDK v3 package and the aws-sdk v2 model of the
/// same service): every event of the newer, plus the events only the older has (CloudTrail logs
/// from before a rename must still type); within an event both have, every member of the newer
/// and the members only the older has; shapes of the same name merged the same way. Where both
/// have a member, the newer wins, with one refinement: the v3 schemas say only "number" where the
/// v2 model said integer or double, so a v3 <c>integer</c> takes the older <c>double</c>.
/// </summary>
internal static class ModelUnion
{
    public static void Into(
        SortedDictionary<string, CatEvent> events, SortedDictionary<string, CatShape> shapes,
        SortedDictionary<string, CatEvent> olderEvents, SortedDictionary<string, CatShape> olderShapes,
        string olderClassName, bool olderMembersKnown)
    {
        if (olderMembersKnown) DoublesByKey(events, shapes, olderEvents, olderShapes);

        // Shapes of one name but another kind (a structure in one, an enum in the other) keep
        // both: the older one is renamed, and so are its uses.
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, shape) in olderShapes)
        {
            if (!shapes.TryGetValue(name, out var newer) || newer.IsEnum == shape.IsEnum) continue;
            string stem = Identifiers.ToPascalCase(olderClassName) + name;
            string renamed = stem;
            for (int i = 2; shapes.ContainsKey(renamed) || olderShapes.ContainsKey(renamed); i++) renamed = stem + i;
            renames[name] = renamed;
        }
        string Rename(string n) => renames.TryGetValue(n, out var r) ? r : n;

        foreach (var (name, shape) in olderShapes)
        {
            if (shape.Members is not null) foreach (var m in shape.Members) m.Type = TypeExpr.Rename(m.Type, Rename);
            string target = Rename(name);
            if (!shapes.TryGetValue(target, out var newer))
            {
                shapes[target] = shape;
                continue;
            }
            if (newer.IsEnum)
            {
                foreach (var value in shape.Enum!)
                {
                    if (!newer.Enum!.Any(v => v.Value == value.Value)) newer.Enum!.Add(value);
                }
            }
            else
            {
                UnionMembers(newer.Members!, shape.Members!);
            }
            newer.Doc ??= shape.Doc;
        }

        foreach (var (name, ev) in olderEvents)
        {
            if (ev.Request is not null) foreach (var m in ev.Request) m.Type = TypeExpr.Rename(m.Type, Rename);
            if (ev.Response is not null) foreach (var m in ev.Response) m.Type = TypeExpr.Rename(m.Type, Rename);
            if (!events.TryGetValue(name, out var newer))
            {
                events[name] = ev;
                continue;
            }
            newer.Doc ??= ev.Doc;
            foreach (var alias in ev.Aliases) if (!newer.Aliases.Contains(alias)) newer.Aliases.Add(alias);
            if (!olderMembersKnown) continue;
            if (ev.Request is not null) UnionMembers(newer.Request ??= new CatMembers(), ev.Request);
            if (ev.Response is not null) UnionMembers(newer.Response ??= new CatMembers(), ev.Response);
        }
    }

    private static void UnionMembers(CatMembers into, CatMembers older)
    {
        foreach (var m in older)
        {
            var existing = into.Find(m.Key);
            if (existing is null)
            {
                into.Add(m);
                continue;
            }
            if (RefinesNumber(existing.Type, m.Type)) existing.Type = m.Type;
            existing.Doc ??= m.Doc;
        }
    }

    /// <summary>
    /// A number the newer model has where the older has no member of that place is typed
    /// <c>double</c> when every member with that key in the older model of the service is a
    /// <c>double</c> (<c>Threshold</c>, <c>FixedPrice</c>): a rule of the service's own vocabulary,
    /// not a guess from English. Other new numbers stay <c>integer</c>, which 95% of the aws-sdk
    /// numbers are; a fractional value in one is kept raw and written back unchanged.
    /// </summary>
    private static void DoublesByKey(
        SortedDictionary<string, CatEvent> events, SortedDictionary<string, CatShape> shapes,
        SortedDictionary<string, CatEvent> olderEvents, SortedDictionary<string, CatShape> olderShapes)
    {
        var kinds = new Dictionary<string, (bool Double, bool Other)>(StringComparer.OrdinalIgnoreCase);
        void Collect(CatMembers? members)
        {
            if (members is null) return;
            foreach (var m in members)
            {
                kinds.TryGetValue(m.Key, out var k);
                bool isDouble = TypeExpr.ShapeName(m.Type) is null && m.Type.Contains("double", StringComparison.Ordinal);
                kinds[m.Key] = (k.Double || isDouble, k.Other || !isDouble);
            }
        }
        foreach (var ev in olderEvents.Values) { Collect(ev.Request); Collect(ev.Response); }
        foreach (var shape in olderShapes.Values) Collect(shape.Members);

        void Apply(CatMembers? members, CatMembers? olderPlace)
        {
            if (members is null) return;
            foreach (var m in members)
            {
                if (olderPlace?.Find(m.Key) is not null) continue; // the same place: refined member by member
                if (TypeExpr.ShapeName(m.Type) is not null || !m.Type.Contains("integer", StringComparison.Ordinal)) continue;
                if (kinds.TryGetValue(m.Key, out var k) && k.Double && !k.Other) m.Type = m.Type.Replace("integer", "double", StringComparison.Ordinal);
            }
        }
        foreach (var (name, ev) in events)
        {
            olderEvents.TryGetValue(name, out var older);
            Apply(ev.Request, older?.Request);
            Apply(ev.Response, older?.Response);
        }
        foreach (var (name, shape) in shapes)
        {
            olderShapes.TryGetValue(name, out var older);
            Apply(shape.Members, older?.Members);
        }
    }

    /// <summary>Whether the older type says <c>double</c> where the newer says <c>integer</c> (also inside lists and maps).</summary>
    internal static bool RefinesNumber(string newer, string older) =>
        newer != older && TypeExpr.ShapeName(newer) is null && TypeExpr.ShapeName(older) is null
        && older.Replace("double", "integer", StringComparison.Ordinal) == newer;
}
