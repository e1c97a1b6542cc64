using CloudTrailGen.Diagnostics;
using CloudTrailGen.Helpers;

namespace CloudTrailGen.Model;

// Models of the scan of the project's C# (Binding/CodeScan) and of what it is checked against.
// Like the specs, sealed records of strings and EquatableArrays: equality is by value.

/// <summary>
/// What one source file offers the pipeline: <see cref="Names"/>, the identifiers that could name
/// a generated type (see <c>ClassSelection</c>); <see cref="References"/>, the dotted names
/// (<c>Iam.AttachRolePolicyEvent</c>) and <c>using</c>s, to be checked against what is generated;
/// <see cref="Declared"/>, the namespaces the file declares, which are the project's own and never
/// reported. <see cref="Names"/> holds no position, so an edit that names nothing new leaves it equal.
/// </summary>
internal sealed record FileScan(EquatableArray<string> Names, EquatableArray<CodeReference> References, EquatableArray<string> Declared);

/// <summary>
/// A qualified name in the code: <see cref="Qualifier"/> (<c>Iam</c> or <c>MyApp.Aws.Iam</c>) and
/// <see cref="Name"/> (<c>AttachRolePolicyEvent</c>; empty for a <c>using</c> of the qualifier),
/// written inside namespace <see cref="Namespace"/> (empty outside any, and for
/// <c>global::</c>-qualified names, which are looked up from the global namespace).
/// </summary>
internal sealed record CodeReference(string Namespace, string Qualifier, string Name, LocationInfo Location);

/// <summary>
/// What code may name under the root namespace: the generated services and the built-in services
/// left unselected (by id: an unselected file is never read, so its namespace is not known).
/// </summary>
internal sealed record GeneratedNames(string RootNamespace, EquatableArray<GeneratedServiceNames> Services, EquatableArray<string> Unselected);

/// <summary>
/// One generated service: its namespace below the root, whether the selection takes only some of
/// its events (<see cref="Partial"/>), the class names of its events (for "did you mean") and every
/// other class name of it that ends in <c>Event</c> (shapes and enums may).
/// </summary>
internal sealed record GeneratedServiceNames(string Id, string Namespace, bool Partial, EquatableArray<string> EventClasses, EquatableArray<string> OtherClasses);
