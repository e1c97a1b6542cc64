using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;

namespace CloudTrailGen.Model;

// Pipeline models. Every one is a sealed record of strings, numbers and EquatableArrays: equality
// is by value, and none holds a Roslyn object (ISymbol, SyntaxNode, Location, AdditionalText,
// Compilation), so cached steps compare equal across runs and keep nothing alive.
// Specs that feed emission hold no positions either: a whitespace edit of a catalog leaves them equal.

/// <summary>The kinds of member types the catalog can name.</summary>
internal enum TypeKind
{
    String,
    Boolean,
    Integer,
    Double,
    Timestamp,
    Json,
    /// <summary>A shape: a structure or an enum, of this service or of the envelope.</summary>
    Shape,
    List,
    Map,
}

/// <summary>A member's type. <see cref="Name"/> is set for shapes, <see cref="Element"/> for lists and maps.</summary>
internal sealed record TypeSpec(TypeKind Kind, string? Name = null, TypeSpec? Element = null)
{
    public static readonly TypeSpec String = new(TypeKind.String);
}

/// <summary>A member of a structure: its JSON key, C# property name and type.</summary>
internal sealed record MemberSpec(string JsonName, string PropertyName, TypeSpec Type, string? Doc, bool Redacted);

/// <summary>A value of an enum shape.</summary>
internal sealed record EnumValueSpec(string Value, string Name, EquatableArray<string> Aliases);

/// <summary>A structure (Members) or an enum (IsEnum, Values); ClassName is the C# type name.</summary>
internal sealed record ShapeSpec(
    string Name,
    string ClassName,
    string? Doc,
    bool IsEnum,
    EquatableArray<MemberSpec> Members,
    EquatableArray<EnumValueSpec> Values);

/// <summary>An eventName and its typed parts; <see cref="AdditionalData"/> is the class of the structure its <c>additionalEventData</c> is typed as, if any.</summary>
internal sealed record EventSpec(
    string Name,
    string ClassName,
    string? Doc,
    string Category,
    bool? ReadOnly,
    EquatableArray<string> Aliases,
    EquatableArray<string> ResourceTypes,
    ShapeSpec? Request,
    ShapeSpec? Response,
    string? AdditionalData = null,
    string? EventSource = null);

/// <summary>One service of the catalog.</summary>
internal sealed record ServiceSpec(
    string Id,
    string? Title,
    string Namespace,
    EquatableArray<string> EventSources,
    EquatableArray<string> ResourceTypes,
    EquatableArray<EventSpec> Events,
    EquatableArray<ShapeSpec> Shapes);

/// <summary>
/// The record envelope: its root shape, the members that drive dispatch, and its other shapes.
/// <see cref="EventCategoryMember"/> (optional) names the member, of an enum shape, that event
/// classes set to their event's category when made in code; <see cref="AdditionalEventDataMember"/>
/// (optional, of type json) the one that events with an <c>additionalEventData</c> shape offer typed.
/// </summary>
internal sealed record EnvelopeSpec(
    string RootShape,
    string EventSourceMember,
    string EventNameMember,
    string RequestMember,
    string ResponseMember,
    EquatableArray<ShapeSpec> Shapes,
    string? EventCategoryMember = null,
    string? AdditionalEventDataMember = null);

/// <summary>Which kind of catalog file an additional file is (from its MSBuild metadata).</summary>
internal enum CatalogKind
{
    /// <summary>A service file shipped with the package: read only when its service is selected.</summary>
    Builtin,
    /// <summary>A file the user added: always read and generated.</summary>
    User,
    /// <summary>The record envelope.</summary>
    Envelope,
}

/// <summary>
/// What parsing one catalog file gave: a service or the envelope (or neither, when the file was
/// skipped or broken), the diagnostics with their positions, and the names of shapes it refers
/// to that must come from the envelope.
/// </summary>
internal sealed record CatalogFileResult(
    string Path,
    CatalogKind Kind,
    string FileId,
    bool Skipped,
    ServiceSpec? Service,
    EnvelopeSpec? Envelope,
    LocationInfo? ServiceLocation,
    EquatableArray<ExternalReference> ExternalReferences,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A type name a service file uses but does not define, to be found in the envelope.</summary>
internal sealed record ExternalReference(string TypeName, string Member, LocationInfo Location);

/// <summary>
/// The MSBuild options the generator reads, reduced to values. <see cref="Visibility"/> is
/// <c>CloudTrailGenVisibility</c> as given (trimmed, lower case; empty for the default, public).
/// <see cref="AllClasses"/>: every selected event gets a class (<c>CloudTrailGenEventClasses</c> =
/// <c>All</c>), not only those the code names; <see cref="Classes"/>: events listed with
/// <c>CloudTrailEvent</c>, which get a class whether the code names them or not.
/// <see cref="SelectionFiles"/>: the <see cref="Selection"/> entries that are files of the project
/// (<c>CloudTrailGenServiceFiles</c>, which the package's targets fill): the sign that MSBuild
/// expanded a bare <c>*</c> to file names.
/// </summary>
internal sealed record GeneratorOptions(string RootNamespace, EquatableArray<string> Selection, string Visibility = "", bool AllClasses = false, EquatableArray<string> Classes = default,
    EquatableArray<string> SelectionFiles = default)
{
    /// <summary>Whether every built-in service is selected (<c>*</c>).</summary>
    public bool SelectsAll => Selection.Items.Contains("*");
}

/// <summary>
/// Everything one service's source needs: the service, where it goes, and what the envelope offers.
/// <see cref="EventKeys"/> says which record properties an event class sets when made in code (null:
/// none); <see cref="Visibility"/> is the generated types' accessibility (<c>public</c> or <c>internal</c>).
/// </summary>
internal sealed record ServiceEmitSpec(
    string RootNamespace,
    string RecordClass,
    ServiceSpec Service,
    EquatableArray<string> EnvelopeEnums,
    EquatableArray<string> EnvelopeObjects,
    EventKeysSpec? EventKeys = null,
    string Visibility = "public");

/// <summary>
/// The record's properties that say which event a record is: an event class made in code sets them
/// to its event's eventSource and eventName (and category, when the envelope names an enum member
/// for it: <see cref="CategoryEnum"/> is that enum's class, <see cref="CategoryValues"/> its values).
/// <see cref="AdditionalDataProperty"/> is the record's raw <c>additionalEventData</c> property, which
/// event classes with an additionalEventData shape read typed.
/// </summary>
internal sealed record EventKeysSpec(
    string SourceProperty,
    string NameProperty,
    string? CategoryProperty,
    string? CategoryEnum,
    EquatableArray<EnumValueSpec> CategoryValues,
    string? AdditionalDataProperty = null);

/// <summary>
/// Everything the envelope's source and the JSON context need: the dispatch table (to the event
/// classes generated), the index of the generated services (<see cref="Services"/>),
/// <see cref="Visibility"/> as in <see cref="ServiceEmitSpec"/>, and <see cref="Schema"/>, the
/// services every other selected event is read through by schema.
/// </summary>
internal sealed record EnvelopeEmitSpec(
    string RootNamespace,
    EnvelopeSpec Envelope,
    EquatableArray<DispatchSpec> Dispatch,
    EquatableArray<ServiceIndexEntry> Services = default,
    string Visibility = "public",
    EquatableArray<SchemaServiceSpec> Schema = default);

/// <summary>A service of the schema index: its id, the namespace whose schema text it is, and its eventSources.</summary>
internal sealed record SchemaServiceSpec(string Id, string Namespace, EquatableArray<string> EventSources);

/// <summary>A generated service as the service index lists it: its id, title, C# namespace (in full) and eventSources.</summary>
internal sealed record ServiceIndexEntry(string Id, string? Title, string Namespace, EquatableArray<string> EventSources);

/// <summary>One eventSource and the event classes its eventNames dispatch to.</summary>
internal sealed record DispatchSpec(string EventSource, EquatableArray<DispatchEntry> Events);

/// <summary>An eventName (or alias) and the fully qualified event class it dispatches to.</summary>
internal sealed record DispatchEntry(string EventName, string ClassName);
