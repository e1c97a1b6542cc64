using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace CloudTrailGen.Diagnostics;

/// <summary>Every diagnostic CloudTrailGen reports. Ids are stable; see AnalyzerReleases.*.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "CloudTrailGen";

    public static readonly DiagnosticDescriptor InvalidJson = Error("CTG0001",
        "Catalog file is not valid JSON",
        "Catalog file is not valid JSON: {0}");

    public static readonly DiagnosticDescriptor MissingField = Error("CTG0002",
        "Catalog field is missing",
        "{0} has no '{1}' field, which is required");

    public static readonly DiagnosticDescriptor WrongFieldType = Error("CTG0003",
        "Catalog field has the wrong type",
        "'{0}' must be {1}");

    public static readonly DiagnosticDescriptor Duplicate = Error("CTG0004",
        "Duplicate name in the catalog",
        "{0} '{1}' is defined more than once{2}");

    public static readonly DiagnosticDescriptor UnknownType = Error("CTG0005",
        "Member type does not exist",
        "Type '{0}' of member '{1}' does not exist: it is neither a primitive (string, boolean, integer, double, timestamp, json) nor a shape of this file or of the envelope{2}");

    public static readonly DiagnosticDescriptor InvalidIdentifier = Error("CTG0006",
        "Name cannot become a C# identifier",
        "{0} '{1}' cannot become a C# identifier{2}");

    public static readonly DiagnosticDescriptor UnknownService = Error("CTG0007",
        "Selected service is not in the catalog",
        "CloudTrailService '{0}' is not provided by any catalog file{1}");

    public static readonly DiagnosticDescriptor UnknownEvent = Error("CTG0008",
        "Selected event is not in the catalog",
        "CloudTrailService '{0}' selects event '{1}', which service '{2}' does not define{3}");

    public static readonly DiagnosticDescriptor UnsupportedFormat = Error("CTG0009",
        "Unsupported catalog format",
        "Catalog format {0} is not supported by this version of CloudTrailGen (it reads format 1)");

    public static readonly DiagnosticDescriptor UnknownField = Warning("CTG0010",
        "Unknown catalog field",
        "'{0}' is not a field of {1} and is ignored{2}");

    public static readonly DiagnosticDescriptor MissingEnvelope = Error("CTG0011",
        "No record envelope",
        "No catalog file describes the record envelope ('\"kind\": \"envelope\"'); the CloudTrailGen package ships one in catalog/envelope.json");

    public static readonly DiagnosticDescriptor ServiceFileName = Error("CTG0012",
        "Service id does not match the file name",
        "Service '{0}' is in file '{1}.json': a catalog service file must be named after its service id");

    public static readonly DiagnosticDescriptor InternalError = Error("CTG0013",
        "CloudTrailGen failed",
        "CloudTrailGen could not process '{0}': {1}. Please report this with the catalog file.");

    public static readonly DiagnosticDescriptor InvalidValue = Error("CTG0014",
        "Invalid catalog value",
        "'{0}' is not a valid {1}{2}");

    public static readonly DiagnosticDescriptor CatalogFileNotFound = Error("CTG0015",
        "Catalog file not found",
        "Catalog file '{0}' does not exist or cannot be read: check the path of <CloudTrailCatalog Include=\"...\" /> (relative to the project file)");

    public static readonly DiagnosticDescriptor ExpandedWildcard = Error("CTG0016",
        "Selection lists files of the project",
        "CloudTrailService lists files of the project ({0}): MSBuild reads a bare '*' in Include as a file wildcard and expanded it to the project folder's files. To select every service, write <CloudTrailService Include=\"%2A\" /> (an escaped '*').");

    public static readonly DiagnosticDescriptor UnselectedService = Warning("CTG0017",
        "Code names a service that is not selected",
        "'{0}' names service '{1}', which is not selected: add <CloudTrailService Include=\"{1}\" /> to the project file");

    public static readonly DiagnosticDescriptor UnknownEventClass = Warning("CTG0018",
        "Code names an event class the service does not have",
        "'{0}' is not an event class of service '{1}'{2}");

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new()
    {
        [InvalidJson.Id] = InvalidJson,
        [MissingField.Id] = MissingField,
        [WrongFieldType.Id] = WrongFieldType,
        [Duplicate.Id] = Duplicate,
        [UnknownType.Id] = UnknownType,
        [InvalidIdentifier.Id] = InvalidIdentifier,
        [UnknownService.Id] = UnknownService,
        [UnknownEvent.Id] = UnknownEvent,
        [UnsupportedFormat.Id] = UnsupportedFormat,
        [UnknownField.Id] = UnknownField,
        [MissingEnvelope.Id] = MissingEnvelope,
        [ServiceFileName.Id] = ServiceFileName,
        [InternalError.Id] = InternalError,
        [InvalidValue.Id] = InvalidValue,
        [CatalogFileNotFound.Id] = CatalogFileNotFound,
        [ExpandedWildcard.Id] = ExpandedWildcard,
        [UnselectedService.Id] = UnselectedService,
        [UnknownEventClass.Id] = UnknownEventClass,
    };

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
