using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;
using static CloudTrailGen.Helpers.KnownNames;

namespace CloudTrailGen.Emit;

// How catalog types become C# types and codec expressions.
internal static partial class SourceEmitter
{
    /// <summary>How shape names resolve to C# types in one file: local shapes first, then the envelope's.</summary>
    private sealed class TypeScope
    {
        private readonly Dictionary<string, (string FullName, bool IsEnum)> _types = new();

        public void Add(string ns, IEnumerable<ShapeSpec> shapes)
        {
            foreach (var shape in shapes) _types[shape.Name] = ($"global::{ns}.{shape.ClassName}", shape.IsEnum);
        }

        public void AddIfMissing(string ns, IEnumerable<string> classNames, bool isEnum)
        {
            foreach (var name in classNames)
            {
                if (!_types.ContainsKey(name)) _types[name] = ($"global::{ns}.{name}", isEnum);
            }
        }

        public (string FullName, bool IsEnum) Resolve(string name) => _types[name];
    }

    /// <summary>What a resolved member type is: the model's <see cref="TypeKind"/>, with shapes told apart into enums and objects.</summary>
    private enum ResolvedKind
    {
        String,
        Boolean,
        Integer,
        Double,
        Timestamp,
        Json,
        Enum,
        Object,
        List,
        Map,
    }

    /// <summary>
    /// A member type as the emitter writes it (C# type, codec expression) and what it is
    /// (<see cref="Kind"/>, <see cref="ElementKind"/>): the emitter decides from the kinds, never by
    /// looking into the code it wrote.
    /// </summary>
    private readonly struct ResolvedType
    {
        public ResolvedType(ResolvedKind kind, string cSharp, string codec, bool isValueType, bool defaultIsAbsent = false, ResolvedKind? elementKind = null)
        {
            Kind = kind;
            ElementKind = elementKind ?? kind;
            CSharp = cSharp;
            Codec = codec;
            IsValueType = isValueType;
            DefaultIsAbsent = defaultIsAbsent;
        }

        public ResolvedKind Kind { get; }

        /// <summary>For lists and maps, the kind of the innermost element (a list of lists of objects: Object); otherwise <see cref="Kind"/>.</summary>
        public ResolvedKind ElementKind { get; }

        /// <summary>An object, or a list or map of them at any depth: its codec makes objects.</summary>
        public bool HoldsObjects => ElementKind == ResolvedKind.Object;

        /// <summary>
        /// A struct whose default value is never read from JSON (RawJson, OpenEnum): a typed field
        /// holds it without Nullable's flag and padding, its default meaning absent.
        /// </summary>
        public bool DefaultIsAbsent { get; }

        public string CSharp { get; }
        public string Codec { get; }
        public bool IsValueType { get; }

        /// <summary>The same type read and written with another codec expression (one kept in a field).</summary>
        public ResolvedType WithCodec(string codec) => new(Kind, CSharp, codec, IsValueType, DefaultIsAbsent, ElementKind);
    }

    // Codec expressions start with "J.", the alias of the runtime's JsonCodec that Header declares
    // (KnownNames.CodecAlias).
    // keptCodec: the codec is made once and kept (a service type's member table), so object
    // codecs need not be the shared one behind a static field per type: a member of an object
    // type gets a non-generic codec with a factory delegate, and so does a list of them and an
    // enum (its codec type is shared by all enums).
    // typedCodec: the codec must be a JsonCodec<T> (a map's value or a nested list's element).
    private static ResolvedType Resolve(TypeSpec type, TypeScope scope, bool keptCodec = false, bool typedCodec = false)
    {
        switch (type.Kind)
        {
            case TypeKind.String: return new(ResolvedKind.String, "string", "J.String", false);
            case TypeKind.Boolean: return new(ResolvedKind.Boolean, "bool", "J.Boolean", true);
            case TypeKind.Integer: return new(ResolvedKind.Integer, "long", "J.Integer", true);
            case TypeKind.Double: return new(ResolvedKind.Double, "double", "J.Double", true);
            case TypeKind.Timestamp: return new(ResolvedKind.Timestamp, "global::System.DateTimeOffset", "J.Timestamp", true);
            case TypeKind.Json: return new(ResolvedKind.Json, Runtime.RawJson, "J.Json", true, defaultIsAbsent: true);
            case TypeKind.List:
                var item = Resolve(type.Element!, scope, keptCodec, typedCodec: true);
                string list = keptCodec && !typedCodec && item.Kind == ResolvedKind.Object
                    ? $"J.SlotListOfObjects<{item.CSharp}>()"
                    : $"J.ListOf({item.Codec})";
                return new(ResolvedKind.List, $"global::System.Collections.Generic.List<{item.CSharp}>", list, false, elementKind: item.ElementKind);
            case TypeKind.Map:
                var value = Resolve(type.Element!, scope, keptCodec, typedCodec: true);
                return new(ResolvedKind.Map, $"global::System.Collections.Generic.Dictionary<string, {value.CSharp}>", $"J.MapOf({value.Codec})", false, elementKind: value.ElementKind);
            default:
                var (name, isEnum) = scope.Resolve(type.Name!);
                if (isEnum) return new(ResolvedKind.Enum, $"{Runtime.OpenEnum}<{name}>", keptCodec && !typedCodec ? $"J.SlotEnum<{name}>()" : $"J.Enum<{name}>()", true, defaultIsAbsent: true);
                // The envelope's types (not kept) pass a factory: under the JIT it is faster than
                // the codec's new T(). Service types do not, as each lambda costs a static field.
                string codec = !keptCodec ? $"J.Object(() => new {name}())" : typedCodec ? $"J.CreateObject<{name}>()" : $"J.SlotObject<{name}>()";
                return new(ResolvedKind.Object, name, codec, false);
        }
    }
}
