using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudTrailGen.CatalogBuilder.V3;

/// <summary>
/// The files of one SDK v3 client package (<c>@aws-sdk/client-*</c>) that the builder reads, and
/// the facts taken from its small generated files: service id, protocol, API version, signing
/// name, endpoint prefix and client class name. Nothing is run: the files are read as text.
/// </summary>
internal sealed partial class V3Package
{
    public required string Name { get; init; }
    public required string Version { get; init; }

    /// <summary>The SDK's service id (<c>"STS"</c>, <c>"SSO OIDC"</c>): the same value as <c>metadata.serviceId</c> in the aws-sdk v2 models, so the key that joins both.</summary>
    public string? ServiceId { get; init; }

    /// <summary>The protocol, spelt as the aws-sdk v2 models spell it (<c>json</c>, <c>query</c>, <c>rest-json</c>, <c>rest-xml</c>, <c>ec2</c>, <c>smithy-rpc-v2-cbor</c>).</summary>
    public string? Protocol { get; init; }
    public string? ApiVersion { get; init; }
    public string? SigningName { get; init; }
    public string? EndpointPrefix { get; init; }

    /// <summary>The client class name less "Client" (<c>STS</c>, <c>S3Vectors</c>).</summary>
    public required string ClassName { get; init; }

    /// <summary>Operation names, from the command files (every package has them, whatever its format).</summary>
    public required IReadOnlyList<string> Operations { get; init; }

    /// <summary>Operation → the first sentence of its command's doc comment.</summary>
    public required IReadOnlyDictionary<string, string> Docs { get; init; }

    /// <summary><c>dist-es/schemas/*.js</c> by file name; empty for versions made before the schema format.</summary>
    public required IReadOnlyDictionary<string, string> Schemas { get; init; }

    /// <summary><c>dist-types/models/*.d.ts</c> by file name (enum values and declared member types).</summary>
    public required IReadOnlyDictionary<string, string> ModelTypes { get; init; }

    public bool HasSchemas => Schemas.Count > 0;

    /// <summary>The name less <c>@aws-sdk/client-</c>.</summary>
    public string ShortName => Name.StartsWith(Prefix, StringComparison.Ordinal) ? Name.Substring(Prefix.Length) : Name;

    public const string Prefix = "@aws-sdk/client-";

    public static V3Package Read(string tarball)
    {
        using var file = File.OpenRead(tarball);
        return Read(file, Path.GetFileName(tarball));
    }

    public static V3Package Read(Stream tgz, string where)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var commands = new SortedSet<string>(StringComparer.Ordinal);
        string? className = null;
        using (var gzip = new GZipStream(tgz, CompressionMode.Decompress, leaveOpen: true))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                string name = entry.Name.StartsWith("package/", StringComparison.Ordinal) ? entry.Name.Substring(8) : entry.Name;
                if (CommandFile().Match(name) is { Success: true } command)
                {
                    commands.Add(command.Groups[1].Value);
                    continue;
                }
                if (ClientFile().Match(name) is { Success: true } client)
                {
                    className = client.Groups[1].Value;
                    continue;
                }
                bool wanted = name is "package.json" or "dist-es/runtimeConfig.shared.js" or "dist-es/auth/httpAuthSchemeProvider.js"
                        or "dist-es/endpoint/ruleset.js" or "dist-es/endpoint/bdd.js"
                    || (name.StartsWith("dist-es/schemas/", StringComparison.Ordinal) && name.EndsWith(".js", StringComparison.Ordinal))
                    || (name.StartsWith("dist-types/models/", StringComparison.Ordinal) && name.EndsWith(".d.ts", StringComparison.Ordinal))
                    || CommandTypes().IsMatch(name);
                if (!wanted || entry.DataStream is null) continue;
                using var reader = new StreamReader(entry.DataStream, Encoding.UTF8);
                files[name] = reader.ReadToEnd();
            }
        }

        if (!files.TryGetValue("package.json", out var packageJson)) throw new BuilderException($"{where}: no package.json");
        var manifest = JsonNode.Parse(packageJson)!;
        string packageName = manifest["name"]?.GetValue<string>() ?? throw new BuilderException($"{where}: package.json has no name");
        string version = manifest["version"]?.GetValue<string>() ?? throw new BuilderException($"{where}: package.json has no version");

        string shared = files.GetValueOrDefault("dist-es/runtimeConfig.shared.js") ?? "";
        string? serviceId = Match(ServiceIdLine(), shared);
        string? apiVersion = Match(ApiVersionLine(), shared);
        string? protocolClass = Match(ProtocolLine(), shared);
        string? signingName = Match(SigningNameLine(), files.GetValueOrDefault("dist-es/auth/httpAuthSchemeProvider.js") ?? "");
        string endpoints = files.GetValueOrDefault("dist-es/endpoint/ruleset.js") ?? files.GetValueOrDefault("dist-es/endpoint/bdd.js") ?? "";
        string? endpointPrefix = Match(EndpointHost(), endpoints);

        var docs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            var m = CommandTypes().Match(path);
            if (!m.Success) continue;
            if (V3Types.CommandDoc(text, m.Groups[1].Value) is { } doc) docs[m.Groups[1].Value] = doc;
        }

        return new V3Package
        {
            Name = packageName,
            Version = version,
            ServiceId = serviceId,
            ApiVersion = apiVersion,
            Protocol = protocolClass is null ? null : ProtocolName(protocolClass),
            SigningName = signingName,
            EndpointPrefix = endpointPrefix,
            ClassName = className ?? packageName.Substring(packageName.LastIndexOf('-') + 1),
            Operations = commands.ToList(),
            Docs = docs,
            Schemas = files.Where(f => f.Key.StartsWith("dist-es/schemas/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key.Substring(16), f => f.Value, StringComparer.Ordinal),
            ModelTypes = files.Where(f => f.Key.StartsWith("dist-types/models/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key.Substring(18), f => f.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>The protocol class of <c>runtimeConfig.shared.js</c> as the aws-sdk v2 models name the protocol.</summary>
    internal static string ProtocolName(string protocolClass) => protocolClass switch
    {
        "AwsJson1_0Protocol" or "AwsJson1_1Protocol" => "json",
        "AwsQueryProtocol" => "query",
        "AwsEc2QueryProtocol" => "ec2",
        "AwsRestJsonProtocol" => "rest-json",
        "AwsRestXmlProtocol" or "S3RestXmlProtocol" => "rest-xml",
        "AwsSmithyRpcV2CborProtocol" or "SmithyRpcV2CborProtocol" => "smithy-rpc-v2-cbor",
        _ => protocolClass,
    };

    private static string? Match(Regex regex, string text)
    {
        var m = regex.Match(text);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^dist-es/commands/(\w+)Command\.js$")]
    private static partial Regex CommandFile();

    [GeneratedRegex(@"^dist-types/commands/(\w+)Command\.d\.ts$")]
    private static partial Regex CommandTypes();

    [GeneratedRegex(@"^dist-es/(\w+)Client\.js$")]
    private static partial Regex ClientFile();

    [GeneratedRegex(@"serviceId: config\?\.serviceId \?\? ""([^""]*)""")]
    private static partial Regex ServiceIdLine();

    [GeneratedRegex(@"apiVersion: ""([^""]*)""")]
    private static partial Regex ApiVersionLine();

    [GeneratedRegex(@"protocol: config\?\.protocol \?\? (?:new )?(\w+)")]
    private static partial Regex ProtocolLine();

    [GeneratedRegex(@"\bname: ""([^""]+)""")]
    private static partial Regex SigningNameLine();

    [GeneratedRegex(@"""https://((?![a-z0-9-]*fips)[a-z0-9-]+(?:\.[a-z0-9-]+)*?)\.\{Region\}")]
    private static partial Regex EndpointHost();
}
