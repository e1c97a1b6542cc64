using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using CloudTrailGen.CatalogBuilder;
using CloudTrailGen.CatalogBuilder.V3;
using Xunit;

namespace CloudTrailGen.Catalog.Tests;

/// <summary>The SDK v3 schema reader on small hand-made files in the layouts the packages use.</summary>
public class V3SchemaTests
{
    [Fact]
    public void Literal_reader_reads_constants_arrays_objects_thunks_and_bit_sets_and_skips_code()
    {
        var decls = JsLiterals.ReadDeclarations("""
            const _A = "Arn";
            const _t = `tmpl`, n0 = 'com.amazonaws.x';
            import { TypeRegistry } from "@smithy/core/schema";
            const n0_registry = TypeRegistry.for(n0);
            const _s_registry = new TypeRegistry(_s);
            n0_registry.registerError(X$, X); // a call, not a declaration
            /* a comment with ; inside */
            export var Tag$ = [3, n0, _A,
                { [_jN]: "x", plain: -1 },
                [_A],
                [[() => Other$, 0b1000]], 1
            ];
            var Tags = 128 | 0;
            var Hex = 0x1F;
            var Esc = "a\"b\u0041";
            """);
        Assert.Equal(new JsString("Arn"), decls["_A"]);
        Assert.Equal(new JsString("tmpl"), decls["_t"]);
        Assert.Equal(new JsString("com.amazonaws.x"), decls["n0"]);
        Assert.False(decls.ContainsKey("n0_registry"));
        Assert.False(decls.ContainsKey("_s_registry"));
        Assert.Equal(new JsNumber(128), decls["Tags"]);
        Assert.Equal(new JsNumber(31), decls["Hex"]);
        Assert.Equal(new JsString("a\"bA"), decls["Esc"]);
        var tag = Assert.IsType<JsArray>(decls["Tag$"]);
        Assert.Equal(7, tag.Items.Count);
        var traits = Assert.IsType<JsObject>(tag.Items[3]);
        Assert.Equal((new JsRef("_jN"), (JsValue)new JsString("x")), traits.Properties[0]);
        Assert.Equal((new JsString("plain"), (JsValue)new JsNumber(-1)), traits.Properties[1]);
        var member = Assert.IsType<JsArray>(Assert.IsType<JsArray>(tag.Items[5]).Items[0]);
        Assert.Equal(new JsRef("Other$"), member.Items[0]);
        Assert.Equal(new JsNumber(8), member.Items[1]);
    }

    private const string Schemas = """
        const _CT = "CreateThing";
        const _CTR = "CreateThingRequest";
        const _CTRr = "CreateThingResponse";
        const _GT = "GetThing";
        const _GTR = "GetThingRequest";
        const _N = "Name";
        const _M = "Mode";
        const _T = "Tags";
        const _Ta = "Tag";
        const _K = "Key";
        const _S = "Secret";
        const _TI = "ThingId";
        const _C = "Count";
        const _W = "When";
        const _A = "Attributes";
        const _Mo = "Modes";
        const _D = "Doc";
        const _B = "Body";
        const _tL = "tagList";
        const _h = "http";
        const _hH = "httpHeader";
        const _hQ = "httpQuery";
        const _jN = "jsonName";
        const _xN = "xmlName";
        const _xat = "x-amz-thing";
        const _mode = "mode";
        const _s = "smithy.ts.sdk.synthetic.com.amazonaws.x";
        const n0 = "com.amazonaws.x";
        import { TypeRegistry } from "@smithy/core/schema";
        const _s_registry = TypeRegistry.for(_s);
        export var XServiceException$ = [-3, _s, "XServiceException", 0, [], []];
        _s_registry.registerError(XServiceException$, XServiceException);
        var SecretString = [0, n0, _S, 8, 0];
        export var CreateThingRequest$ = [3, n0, _CTR,
            0,
            [_N, _M, _T, _S, _C, _W, _A, _Mo, _D, _B],
            [[0, 1], [0, { [_hQ]: _mode }], [() => tagList, { [_jN]: _tL }], [() => SecretString, 0], 1, 5, 128 | 0, 64 | 0, 15, [() => Tag$, 16]], 1
        ];
        export var CreateThingResponse$ = [3, n0, _CTRr,
            0,
            [_TI],
            [[0, { [_hH]: _xat }]]
        ];
        export var Tag$ = [3, n0, _Ta,
            0,
            [_K],
            [0]
        ];
        var __Unit = "unit";
        var tagList = [1, n0, _tL,
            0, () => Tag$
        ];
        export var CreateThing$ = [9, n0, _CT,
            { [_h]: ["POST", "/things/{Name}", 200] }, () => CreateThingRequest$, () => CreateThingResponse$
        ];
        export var GetThing$ = [9, n0, _GT,
            { [_h]: ["GET", "/things", 200] }, () => __Unit, () => __Unit
        ];
        """;

    private const string Enums = """
        /**
         * @public
         * @enum
         */
        export declare const Mode: {
            readonly ON: "on";
            readonly OFF: "off";
        };
        export type Mode = (typeof Mode)[keyof typeof Mode];
        export type Shade = "light" | "dark";
        """;

    private const string Models = """
        import type { Mode, Shade } from "./enums";
        /**
         * <p>A thing, with {braces} in its doc.</p>
         * @public
         */
        export interface CreateThingRequest {
            /**
             * <p>The name, see <code>{Name}</code>.</p>
             * @public
             */
            Name: string | undefined;
            Mode?: Mode | undefined;
            Tags?: Tag[] | undefined;
            Secret?: string | undefined;
            Modes?: Shade[] | undefined;
        }
        """;

    private const string CommandTypes = """
        import { Command as $Command } from "@smithy/smithy-client";
        /**
         * @public
         */
        export interface CreateThingCommandInput extends CreateThingRequest {
        }
        declare const CreateThingCommand_base: {
            new (input: CreateThingCommandInput): import("@smithy/smithy-client").CommandImpl<CreateThingCommandInput>;
        };
        /**
         * <p>Creates a <code>Thing</code> (see <a href="https://example.com">the guide</a>) for you. It has a second sentence.</p>
         * @example Use a bare-bones client and the command you need to make an API call.
         * ```javascript
         * const x = 1;
         * ```
         * @public
         */
        export declare class CreateThingCommand extends CreateThingCommand_base {
        }
        """;

    /// <summary>A package tarball in npm's layout, made in memory.</summary>
    internal static MemoryStream Tarball(string name, string version, IReadOnlyDictionary<string, string> files)
    {
        var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            var all = new Dictionary<string, string>(files) { ["package.json"] = $$"""{"name":"{{name}}","version":"{{version}}"}""" };
            foreach (var (path, text) in all)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "package/" + path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };
                tar.WriteEntry(entry);
            }
        }
        stream.Position = 0;
        return stream;
    }

    internal static V3Package Package(string protocolClass = "AwsRestJsonProtocol", string schemas = Schemas) =>
        V3Package.Read(Tarball("@aws-sdk/client-thing", "3.5.0", new Dictionary<string, string>
        {
            ["dist-es/schemas/schemas_0.js"] = schemas,
            ["dist-types/models/enums.d.ts"] = Enums,
            ["dist-types/models/models_0.d.ts"] = Models,
            ["dist-types/commands/CreateThingCommand.d.ts"] = CommandTypes,
            ["dist-es/commands/CreateThingCommand.js"] = "export class CreateThingCommand {}",
            ["dist-es/commands/GetThingCommand.js"] = "export class GetThingCommand {}",
            ["dist-es/commands/ListThingsCommand.js"] = "export class ListThingsCommand {}",
            ["dist-es/ThingClient.js"] = "",
            ["dist-es/runtimeConfig.shared.js"] = $$"""
                import { {{protocolClass}} } from "@aws-sdk/core/protocols";
                export const getRuntimeConfig = (config) => {
                    return {
                        apiVersion: "2020-01-01",
                        protocol: config?.protocol ?? {{protocolClass}},
                        serviceId: config?.serviceId ?? "Thing Maker",
                    };
                };
                """,
            ["dist-es/auth/httpAuthSchemeProvider.js"] = """
                function createAwsAuthSigv4HttpAuthOption(authParameters) {
                    return { schemeId: "aws.auth#sigv4", signingProperties: { name: "thingmaker", region: authParameters.region } };
                }
                """,
            ["dist-es/endpoint/ruleset.js"] = """const a = "https://thing-fips.{Region}.amazonaws.com", b = "https://thing.{Region}.{PartitionResult#dnsSuffix}";""",
        }), "thing.tgz");

    [Fact]
    public void Package_facts_come_from_its_small_generated_files()
    {
        var package = Package();
        Assert.Equal("@aws-sdk/client-thing", package.Name);
        Assert.Equal("3.5.0", package.Version);
        Assert.Equal("thing", package.ShortName);
        Assert.Equal("Thing Maker", package.ServiceId);
        Assert.Equal("rest-json", package.Protocol);
        Assert.Equal("2020-01-01", package.ApiVersion);
        Assert.Equal("thingmaker", package.SigningName);
        Assert.Equal("thing", package.EndpointPrefix);
        Assert.Equal("Thing", package.ClassName);
        Assert.Equal(new[] { "CreateThing", "GetThing", "ListThings" }, package.Operations);
        Assert.Equal("Creates a Thing (see the guide) for you.", package.Docs["CreateThing"]);
        Assert.True(package.HasSchemas);
    }

    [Fact]
    public void Schemas_become_an_aws_sdk_model_with_traits_as_locations_names_and_flags()
    {
        var notes = new List<string>();
        var (model, dts) = SchemaConverter.Convert(Package(), notes);
        Assert.Empty(notes);
        Assert.Equal("rest-json", model["metadata"]!["protocol"]!.GetValue<string>());
        Assert.Equal("thingmaker", model["metadata"]!["signingName"]!.GetValue<string>());
        var create = model["operations"]!["CreateThing"]!;
        Assert.Equal("/things/{Name}", create["http"]!["requestUri"]!.GetValue<string>());
        var input = model["shapes"]![create["input"]!["shape"]!.GetValue<string>()]!.AsObject();
        var members = input["members"]!.AsObject();
        Assert.Equal(new[] { "Name", "Mode", "Tags", "Secret", "Count", "When", "Attributes", "Modes", "Doc", "Body" }, members.Select(m => m.Key));
        Assert.Equal("uri", members["Name"]!["location"]!.GetValue<string>());
        Assert.Equal("querystring", members["Mode"]!["location"]!.GetValue<string>());
        Assert.Equal("mode", members["Mode"]!["locationName"]!.GetValue<string>());
        Assert.Equal("tagList", members["Tags"]!["locationName"]!.GetValue<string>());
        Assert.Equal("Body", input["payload"]!.GetValue<string>());
        Assert.True(model["shapes"]![members["Secret"]!["shape"]!.GetValue<string>()]!["sensitive"]!.GetValue<bool>());
        Assert.Equal("long", members["Count"]!["type"]!.GetValue<string>());
        Assert.Equal("timestamp", members["When"]!["type"]!.GetValue<string>());
        Assert.Equal("map", members["Attributes"]!["type"]!.GetValue<string>());
        Assert.Equal("list", members["Modes"]!["type"]!.GetValue<string>());
        Assert.True(members["Doc"]!["document"]!.GetValue<bool>());
        // Every command is an operation, with or without a schema; __Unit is no input.
        Assert.Null(model["operations"]!["GetThing"]!["input"]);
        Assert.NotNull(model["operations"]!["ListThings"]);

        // The d.ts stand-in names shapes and enums as the v2 d.ts files did.
        Assert.Equal("CreateThingRequest", dts.Operations["creatething"].Input);
        Assert.Equal("Creates a Thing (see the guide) for you.", dts.Operations["creatething"].Doc);
        Assert.Equal("Mode", dts.Interfaces["CreateThingRequest"]["Mode"]);
        Assert.Equal("tagList", dts.Interfaces["CreateThingRequest"]["Tags"]);
        Assert.Equal("Tag[]", dts.Aliases["tagList"]);
        Assert.Equal("Shade[]", dts.Interfaces["CreateThingRequest"]["Modes"]);
        Assert.Equal(new[] { "on", "off" }, dts.EnumValues("Mode"));
        Assert.Equal(new[] { "light", "dark" }, dts.EnumValues("Shade"));
    }

    [Fact]
    public void The_v2_converter_spells_keys_of_a_v3_model_by_the_same_protocol_rules()
    {
        var (model, dts) = SchemaConverter.Convert(Package(), new List<string>());
        var (events, shapes) = new ModelConverter(model, dts, new ConvertOptions(KeyStyle.Wire, 64, new Dictionary<string, string>()), new List<string>()).Convert();
        var create = events["CreateThing"];
        Assert.Equal(new[] { "Name", "Mode", "tagList", "Secret", "Count", "When", "Attributes", "Modes", "Doc", "Body" }, create.Request!.Select(m => m.Key));
        Assert.Equal("Mode", create.Request!.Find("Mode")!.Type);
        Assert.Equal("Tag[]", create.Request!.Find("tagList")!.Type);
        Assert.Equal("Shade[]", create.Request!.Find("Modes")!.Type);
        Assert.True(create.Request!.Find("Secret")!.Redacted);
        Assert.Equal("integer", create.Request!.Find("Count")!.Type);
        Assert.Equal("map<string>", create.Request!.Find("Attributes")!.Type);
        Assert.Equal("json", create.Request!.Find("Doc")!.Type);
        // rest-json keys header members by member name (as for v2 models); the header name is S3's layout.
        Assert.Equal("ThingId", Assert.Single(create.Response!).Key);
        Assert.Equal(new[] { "on", "off" }, shapes["Mode"].Enum!.Select(v => v.Value));
        Assert.Equal(new[] { "CreateThing", "GetThing", "ListThings" }, events.Keys);
        Assert.Equal("Creates a Thing (see the guide) for you.", create.Doc);
    }

    [Fact]
    public void Ec2_xml_names_give_the_v2_location_names_and_lists_keep_their_item_names()
    {
        const string ec2 = """
            const _DV = "DescribeVolumes";
            const _DVR = "DescribeVolumesRequest";
            const _VI = "VolumeIds";
            const _VIo = "VolumeId";
            const _DR = "DryRun";
            const _dR = "dryRun";
            const _VISL = "VolumeIdStringList";
            const _eQN = "ec2QueryName";
            const _xN = "xmlName";
            const n0 = "com.amazonaws.ec2";
            export var DescribeVolumesRequest$ = [3, n0, _DVR,
                0,
                [_VI, _DR],
                [[() => VolumeIdStringList, { [_xN]: _VIo }], [2, { [_eQN]: `DryRun`,
                        [_xN]: _dR }]]
            ];
            var VolumeIdStringList = [1, n0, _VISL,
                0, [0,
                    { [_xN]: _VIo }]
            ];
            export var DescribeVolumes$ = [9, n0, _DV,
                0, () => DescribeVolumesRequest$, () => __Unit
            ];
            """;
        var (model, dts) = SchemaConverter.Convert(Package("AwsEc2QueryProtocol", ec2), new List<string>());
        Assert.Equal("ec2", model["metadata"]!["protocol"]!.GetValue<string>());
        var (events, shapes) = new ModelConverter(model, dts, new ConvertOptions(KeyStyle.Ec2, 64, new Dictionary<string, string>()), new List<string>()).Convert();
        var ev = events["DescribeVolumes"];
        Assert.Equal(new[] { "volumeSet", "dryRun" }, ev.Request!.Select(m => m.Key));
        // {"volumeSet":{"items":[{"volumeId":"vol-1"}]}}
        var set = shapes[ev.Request!.Find("volumeSet")!.Type];
        string items = Assert.Single(set.Members!).Type;
        Assert.Equal("volumeId", Assert.Single(shapes[items.TrimEnd('[', ']')].Members!).Key);
    }

    [Fact]
    public void A_package_made_before_the_schema_format_gives_its_operations_without_members()
    {
        var package = V3Package.Read(Tarball("@aws-sdk/client-old", "3.1.0", new Dictionary<string, string>
        {
            ["dist-es/commands/DoItCommand.js"] = "",
            ["dist-es/OldClient.js"] = "",
            ["dist-es/protocols/Aws_json1_1.js"] = "",
        }), "old.tgz");
        Assert.False(package.HasSchemas);
        var (model, _) = SchemaConverter.Convert(package, new List<string>());
        Assert.Equal(new[] { "DoIt" }, model["operations"]!.AsObject().Select(p => p.Key));
        Assert.Equal("Old", package.ClassName);
    }
}
