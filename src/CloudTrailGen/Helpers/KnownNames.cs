using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudTrailGen.Helpers;

/// <summary>
/// The names that generated code, the runtime library and the catalog must agree on, written
/// once: the parser keeps catalog names clear of them, the binder checks service namespaces
/// against them, and the emitter writes them. <c>KnownNamesTests</c> checks them against the
/// runtime assembly by reflection, so a member added to a base class, or a runtime type renamed,
/// fails a test instead of a consumer's build.
/// </summary>
internal static class KnownNames
{
    // ---------------------------------------------------------------- types the generated code declares

    /// <summary>The JSON context class, declared in the root namespace.</summary>
    public const string ContextClass = "CloudTrailJsonContext";

    /// <summary>The static class of log readers, declared in the root namespace.</summary>
    public const string LogClass = "CloudTrailLog";

    /// <summary>The static class that lists the generated services (id, namespace, eventSources), declared in the root namespace.</summary>
    public const string ServicesClass = "CloudTrailServices";

    /// <summary>The converter class of the record, declared in the root namespace.</summary>
    public static string RecordConverterClass(string recordClass) => recordClass + "Converter";

    /// <summary>The static class, in the root namespace, that holds every selected service's schema text and the schema index.</summary>
    public const string SchemaClass = "CloudTrailGenSchema";

    /// <summary>The record class of events read by schema, declared in the root namespace.</summary>
    public const string SchemaRecordClass = "SchemaTypedRecord";

    /// <summary>The alias of the runtime's <c>JsonCodec</c> in every generated namespace.</summary>
    public const string CodecAlias = "J";

    /// <summary>The class, one per namespace with enums, that registers their spellings when the assembly loads.</summary>
    public const string EnumsClass = "CloudTrailGenEnums";

    /// <summary>
    /// The class, one per service namespace, that holds the member tables of the service's types
    /// in one array. A static field per type would give each of thousands of types its own static
    /// storage and static constructor, which a Native AOT app sets up when it starts.
    /// </summary>
    public const string MemberTablesClass = "CloudTrailGenMembers";

    /// <summary>
    /// Names the emitted code declares in every namespace it writes. A catalog type or namespace
    /// of the same name would not compile, so the parser and the binder reject them.
    /// <c>CloudTrailGenTypeInfo</c> is reserved as well (the catalog builder avoids it), keeping
    /// the name free for a helper class.
    /// </summary>
    public static readonly string[] ReservedTypeNames = { CodecAlias, "CloudTrailGenTypeInfo", EnumsClass, MemberTablesClass, SchemaClass, SchemaRecordClass };

    /// <summary>Whether generated code declares a type of this name in every namespace it writes.</summary>
    public static bool IsReservedTypeName(string name) => Array.IndexOf(ReservedTypeNames, name) >= 0;

    // ---------------------------------------------------------------- members a generated property must not take

    /// <summary>
    /// The public and protected members of the runtime's base classes of generated types
    /// (<c>CloudTrailObject</c>, <c>CloudTrailCompactObject</c>, <c>CloudTrailRecordBase</c>) and of
    /// <see cref="object"/>: a generated property of the same name would hide one (or break the
    /// generated code that calls it).
    /// </summary>
    public static readonly string[] BaseClassMembers =
    {
        // object
        "Equals", "Finalize", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals", "ToString",
        // CloudTrailObject
        "CreateEmpty", "GetMemberTable", "GetTypedMembers", "GetUnknownMembers", "MoveStateTo", "ParseObject", "Present", "Read", "ReadMember",
        "ReadNullable", "ReadString", "Set", "SetUnknownMember", "TryGetRawValue", "Write", "WriteMembers", "WriteNullable",
        "WriteTo", "WriteTyped",
        // CloudTrailCompactObject
        "SetSlot", "Slot", "SlotValue",
        // CloudTrailRecordBase
        "CreateRequestPart", "CreateResponsePart", "Delivery", "HasEventKey", "HasRequestShape", "HasResponseShape", "RawOf",
        "ReadPart", "TypedRequest", "TypedResponse", "ViewOf",
    };

    /// <summary>The members that generated classes declare besides their catalog members (the record and its event classes).</summary>
    public static readonly string[] GeneratedMembers =
    {
        AdditionalDataProperty, EventNameConstant, EventSourceConstant, "GetRequest", "GetRequestPart", "GetResponse", "GetResponsePart", "MoveEnvelope", "Request", "Response", "SetRequest", "SetResponse",
    };

    /// <summary>The property of an event class that offers its <c>additionalEventData</c> typed, when the catalog gives it a shape.</summary>
    public const string AdditionalDataProperty = "AdditionalData";

    /// <summary>The constant of an event class that holds its eventSource (<c>AttachRolePolicyEvent.EventSourceValue</c>).</summary>
    public const string EventSourceConstant = "EventSourceValue";

    /// <summary>The constant of an event class that holds its eventName (<c>AttachRolePolicyEvent.EventNameValue</c>).</summary>
    public const string EventNameConstant = "EventNameValue";

    // After the two lists: static fields are initialized in the order they are written.
    private static readonly HashSet<string> s_reservedMembers = new(BaseClassMembers.Concat(GeneratedMembers), StringComparer.Ordinal);

    /// <summary>Whether a property of a generated class must not have this name (it gets "Value" appended instead).</summary>
    public static bool IsReservedMember(string name) => s_reservedMembers.Contains(name);

    // ---------------------------------------------------------------- the runtime library

    /// <summary>
    /// The runtime types that generated code names, fully qualified as the emitter writes them
    /// (generic types without their type arguments).
    /// </summary>
    public static class Runtime
    {
        /// <summary>The runtime library's namespace.</summary>
        public const string Namespace = "CloudTrailGen";

        private const string Prefix = "global::" + Namespace + ".";

        public const string CloudTrailObject = Prefix + "CloudTrailObject";
        public const string CloudTrailCompactObject = Prefix + "CloudTrailCompactObject";
        public const string CloudTrailRecordBase = Prefix + "CloudTrailRecordBase";
        public const string CloudTrailObjectConverter = Prefix + "CloudTrailObjectConverter";
        public const string CloudTrailRecordConverter = Prefix + "CloudTrailRecordConverter";
        public const string CloudTrailTypeInfo = Prefix + "CloudTrailTypeInfo";
        public const string CloudTrailLogReader = Prefix + "CloudTrailLogReader";
        public const string CloudTrailReadOptions = Prefix + "CloudTrailReadOptions";
        public const string CloudTrailRecordView = Prefix + "CloudTrailRecordView";
        public const string CloudTrailServiceInfo = Prefix + "CloudTrailServiceInfo";
        public const string CloudTrailServiceIndex = Prefix + "CloudTrailServiceIndex";
        public const string CloudTrailFormatException = Prefix + "CloudTrailFormatException";
        public const string JsonCodec = Prefix + "JsonCodec";
        public const string JsonCodecBase = Prefix + "JsonCodecBase";
        public const string JsonMemberTable = Prefix + "JsonMemberTable";
        public const string OpenEnum = Prefix + "OpenEnum";
        public const string OpenEnumTable = Prefix + "OpenEnumTable";
        public const string RawJson = Prefix + "RawJson";
        public const string CloudTrailSchema = Prefix + "CloudTrailSchema";
        public const string CloudTrailEventSchema = Prefix + "CloudTrailEventSchema";
        public const string CloudTrailSchemaObject = Prefix + "CloudTrailSchemaObject";
    }
}
