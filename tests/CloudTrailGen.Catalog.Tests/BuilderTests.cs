using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using CloudTrailGen.CatalogBuilder;
using Xunit;

namespace CloudTrailGen.Catalog.Tests;

/// <summary>The builder on tiny hand-made API models: naming per protocol, EC2 lists, aliases, enums, patches, determinism.</summary>
public class BuilderTests
{
    private static Overrides Defaults()
    {
        var o = new Overrides();
        o.ProtocolStyles["json"] = KeyStyle.LowerFirst;
        o.ProtocolStyles["query"] = KeyStyle.LowerFirst;
        o.ProtocolStyles["rest-json"] = KeyStyle.Wire;
        o.ProtocolStyles["ec2"] = KeyStyle.Ec2;
        o.ReadOnlyPrefixes.AddRange(new[] { "Get", "List", "Describe" });
        return o;
    }

    private static SdkModel Model(string id, string protocol, string operations, string shapes = "{}", string dts = "", string? signingName = null) =>
        new(id, id.ToUpperInvariant(), JsonNode.Parse($$"""
            {"metadata":{"protocol":"{{protocol}}","endpointPrefix":"{{id}}","serviceFullName":"Test {{id}}"{{(signingName is null ? "" : $",\"signingName\":\"{signingName}\"")}}},
             "operations":{{operations}},"shapes":{{shapes}}}
            """)!.AsObject(), Dts.Parse(dts), Array.Empty<JsonObject>());

    private static CatService Build(Overrides o, params SdkModel[] models)
    {
        var builder = new Builder(o);
        var services = builder.Build(models);
        Assert.Empty(builder.Errors);
        return Assert.Single(services.Values);
    }

    private const string PublishDts = """
        declare class SNS {
          /**
           * Sends a message. It can be long.
           */
          publish(params: SNS.Types.PublishInput, callback?: (err: AWSError, data: SNS.Types.PublishResponse) => void): Request<SNS.Types.PublishResponse, AWSError>;
        }
        declare namespace SNS {
          export interface PublishInput {
            TopicArn?: TopicARN;
            Attributes?: MessageAttributeMap;
            Tags?: TagList;
            Mode?: Mode;
          }
          export interface PublishResponse {
            MessageId?: String;
          }
          export type TopicARN = string;
          export type MessageAttributeMap = {[key: string]: MessageAttributeValue};
          export interface MessageAttributeValue {
            DataType: String;
          }
          export type TagList = Tag[];
          export interface Tag {
            Key: String;
          }
          export type Mode = "on"|"off-line"|"off_line"|string;
        }
        """;

    private const string PublishOps = """
        {"Publish":{"input":{"type":"structure","members":{
            "TopicArn":{},
            "Attributes":{"type":"map","key":{},"value":{"type":"structure","members":{"DataType":{}}}},
            "Tags":{"shape":"S1"},
            "Mode":{},
            "Secret":{"sensitive":true}}},
          "output":{"type":"structure","members":{"MessageId":{}}}}}
        """;

    [Fact]
    public void Json_and_query_members_lower_their_first_letter_and_shapes_take_dts_names()
    {
        var service = Build(Defaults(), Model("sns", "query", PublishOps, """{"S1":{"type":"list","member":{"type":"structure","members":{"Key":{}}}}}""", PublishDts));
        var ev = service.Events["Publish"];
        Assert.Equal(new[] { "topicArn", "attributes", "tags", "mode", "secret" }, ev.Request!.Select(m => m.Key));
        Assert.Equal("string", ev.Request!.Find("topicArn")!.Type);
        Assert.Equal("map<MessageAttributeValue>", ev.Request!.Find("attributes")!.Type);
        Assert.Equal("Tag[]", ev.Request!.Find("tags")!.Type);
        Assert.True(ev.Request!.Find("secret")!.Redacted);
        Assert.Equal("messageId", Assert.Single(ev.Response!).Key);
        Assert.Equal("Sends a message.", ev.Doc);
        Assert.Equal(new[] { "dataType" }, service.Shapes["MessageAttributeValue"].Members!.Select(m => m.Key));
        Assert.Equal("sns.amazonaws.com", Assert.Single(service.EventSources));
        Assert.Equal("Sns", service.Namespace);
    }

    [Fact]
    public void Small_value_sets_become_enums_with_valid_unique_names_and_large_ones_stay_strings()
    {
        var service = Build(Defaults(), Model("sns", "json", PublishOps, """{"S1":{"type":"list","member":{"type":"structure","members":{"Key":{}}}}}""", PublishDts));
        Assert.Equal("Mode", service.Events["Publish"].Request!.Find("mode")!.Type);
        var values = service.Shapes["Mode"].Enum!;
        Assert.Equal(new[] { "on", "off-line", "off_line" }, values.Select(v => v.Value));
        Assert.Null(values[0].Name);                  // On: the generator's default
        Assert.Null(values[1].Name);                  // OffLine
        Assert.Equal("OffLine2", values[2].Name);     // would clash with OffLine

        var small = Defaults();
        small.MaxEnumValues = 2;
        var plain = Build(small, Model("sns", "json", PublishOps, """{"S1":{"type":"list","member":{"type":"structure","members":{"Key":{}}}}}""", PublishDts));
        Assert.Equal("string", plain.Events["Publish"].Request!.Find("mode")!.Type);
        Assert.False(plain.Shapes.ContainsKey("Mode"));
    }

    [Fact]
    public void Rest_json_members_use_wire_names_and_path_members_their_own_names()
    {
        var ops = """
            {"GetThing":{"http":{"requestUri":"/things/{thing_id}"},"input":{"type":"structure","members":{
                "ThingId":{"location":"uri","locationName":"thing_id"},
                "Body":{"locationName":"body"},
                "Already":{}}}}}
            """;
        var service = Build(Defaults(), Model("things", "rest-json", ops));
        Assert.Equal(new[] { "ThingId", "body", "Already" }, service.Events["GetThing"].Request!.Select(m => m.Key));
        Assert.True(service.Events["GetThing"].ReadOnly);
    }

    [Fact]
    public void Ec2_lists_are_wrapped_in_items_with_set_keys_and_responses_carry_request_id()
    {
        var ops = """
            {"DescribeVolumes":{
              "input":{"type":"structure","members":{
                "VolumeIds":{"locationName":"VolumeId","type":"list","member":{"locationName":"VolumeId"}},
                "InstanceIds":{"locationName":"InstanceId","type":"list","member":{"locationName":"InstanceId"}},
                "Filters":{"locationName":"Filter","type":"list","member":{"locationName":"Filter","type":"structure","members":{"Name":{}}}},
                "DryRun":{"locationName":"dryRun","type":"boolean"}}},
              "output":{"type":"structure","members":{
                "Volumes":{"locationName":"volumeSet","type":"list","member":{"locationName":"item","type":"structure","members":{"VolumeId":{"locationName":"volumeId"}}}}}}}}
            """;
        var dts = """
            describeVolumes(params: EC2.Types.DescribeVolumesRequest, callback?: (err: AWSError, data: EC2.Types.DescribeVolumesResult) => void): Request<EC2.Types.DescribeVolumesResult, AWSError>;
            export interface DescribeVolumesRequest {
              Filters?: FilterList;
            }
            export type FilterList = Filter[];
            export interface Filter {
              Name?: String;
            }
            export interface DescribeVolumesResult {
              Volumes?: VolumeList;
            }
            export type VolumeList = Volume[];
            export interface Volume {
              VolumeId?: String;
            }
            """;
        var o = Defaults();
        o.Ec2ListKeys["InstanceId"] = "instancesSet";
        var service = Build(o, Model("ec2", "ec2", ops, "{}", dts));
        var ev = service.Events["DescribeVolumes"];
        Assert.Equal(new[] { "volumeSet", "instancesSet", "filterSet", "dryRun" }, ev.Request!.Select(m => m.Key));

        // {"volumeSet":{"items":[{"volumeId":"vol-1"}]}}
        var volumeSet = service.Shapes[ev.Request!.Find("volumeSet")!.Type];
        string itemType = Assert.Single(volumeSet.Members!, m => m.Key == "items").Type;
        Assert.EndsWith("[]", itemType, StringComparison.Ordinal);
        Assert.Equal("volumeId", Assert.Single(service.Shapes[itemType.TrimEnd('[', ']')].Members!).Key);
        // {"filterSet":{"items":[{"name":"..."}]}}
        Assert.Equal("Filter[]", Assert.Single(service.Shapes[ev.Request!.Find("filterSet")!.Type].Members!).Type);

        Assert.Equal(new[] { "requestId", "volumeSet", "_return" }, ev.Response!.Select(m => m.Key));
        Assert.Equal("Return", ev.Response!.Find("_return")!.Name);
        Assert.Equal("Volume[]", Assert.Single(service.Shapes[ev.Response!.Find("volumeSet")!.Type].Members!).Type);
    }

    [Fact]
    public void S3_requests_have_bucket_name_key_host_headers_and_subresource_flags()
    {
        var ops = """
            {"PutObjectAcl":{"http":{"requestUri":"/{Bucket}/{Key+}?acl"},"input":{"type":"structure","payload":"AccessControlPolicy","members":{
                "Bucket":{"location":"uri","locationName":"Bucket"},
                "Key":{"location":"uri","locationName":"Key"},
                "ACL":{"location":"header","locationName":"x-amz-acl"},
                "VersionId":{"location":"querystring","locationName":"versionId"},
                "AccessControlPolicy":{"locationName":"AccessControlPolicy","type":"structure","members":{"Owner":{}}}}},
              "output":{"type":"structure","members":{"RequestCharged":{"location":"header","locationName":"x-amz-request-charged"}}}}}
            """;
        var o = Defaults();
        o.Models["s3"] = new ModelOverride(null, null, KeyStyle.S3, false, false);
        var service = Build(o, Model("s3", "rest-xml", ops));
        var ev = service.Events["PutObjectAcl"];
        Assert.Equal(new[] { "Host", "bucketName", "key", "x-amz-acl", "versionId", "AccessControlPolicy", "acl" }, ev.Request!.Select(m => m.Key));
        Assert.Equal(new[] { "Owner", "xmlns" }, service.Shapes[ev.Request!.Find("AccessControlPolicy")!.Type].Members!.Select(m => m.Key));
        Assert.Equal("x-amz-request-charged", Assert.Single(ev.Response!).Key);
    }

    [Fact]
    public void Aliases_come_from_versioned_paths_lists_and_renames()
    {
        var ops = """
            {"UpdateFunctionCode":{"http":{"requestUri":"/2015-03-31/functions/{FunctionName}/code"},"input":{"type":"structure","members":{"FunctionName":{"location":"uri","locationName":"FunctionName"}}}},
             "PutPublicAccessBlock":{"http":{"requestUri":"/x"}}}
            """;
        var o = Defaults();
        o.Models["lambda"] = new ModelOverride(null, null, KeyStyle.LowerFirst, false, false);
        o.VersionedAliases["lambda"] = "{op}{yyyy}{MM}{dd}";
        o.Aliases["lambda"] = new Dictionary<string, List<string>> { ["UpdateFunctionCode"] = new() { "UpdateFunctionCode20150331v2" } };
        o.Renames["lambda"] = new Dictionary<string, string> { ["PutPublicAccessBlock"] = "PutBucketPublicAccessBlock" };
        var service = Build(o, Model("lambda", "rest-json", ops));
        Assert.Equal(new[] { "UpdateFunctionCode20150331", "UpdateFunctionCode20150331v2" }, service.Events["UpdateFunctionCode"].Aliases);
        Assert.Equal("functionName", Assert.Single(service.Events["UpdateFunctionCode"].Request!).Key);
        Assert.Equal(new[] { "PutBucketPublicAccessBlock", "UpdateFunctionCode" }, service.Events.Keys);
    }

    [Fact]
    public void Models_that_share_an_event_source_merge_into_one_service_first_model_winning()
    {
        var v1 = Model("elb", "query", """{"DescribeLoadBalancers":{"input":{"type":"structure","members":{"LoadBalancerNames":{"type":"list","member":{}}}}}}""", signingName: "elasticloadbalancing");
        var v2 = Model("elbv2", "query", """{"DescribeLoadBalancers":{"input":{"type":"structure","members":{"LoadBalancerArns":{"type":"list","member":{}},"LoadBalancerNames":{"type":"boolean"}}}},"CreateRule":{}}""", signingName: "elasticloadbalancing");
        var builder = new Builder(Defaults());
        var a = builder.Build(new[] { v1, v2 });
        var b = new Builder(Defaults()).Build(new[] { v2, v1 });
        var service = Assert.Single(a.Values);
        Assert.Equal("elasticloadbalancing", service.Id);
        Assert.Equal(new[] { "loadBalancerNames", "loadBalancerArns" }, service.Events["DescribeLoadBalancers"].Request!.Select(m => m.Key));
        Assert.Equal("string[]", service.Events["DescribeLoadBalancers"].Request!.Find("loadBalancerNames")!.Type);
        Assert.Contains(builder.Notes, n => n.Contains("DescribeLoadBalancers", StringComparison.Ordinal));
        Assert.Equal(CatalogWriter.Write(service), CatalogWriter.Write(Assert.Single(b.Values)));
    }

    [Fact]
    public void Patches_merge_members_remove_with_null_and_create_non_api_events()
    {
        var o = Defaults();
        o.Patches["sns"] = JsonNode.Parse("""
            {"why":"test","events":{
              "Publish":{"why":"x","request":{"secret":null,"mode":{"redacted":true},"extra":{"type":"json","doc":"d"}}},
              "ConsoleThing":{"readOnly":false,"response":{"ConsoleThing":"string"}}}}
            """)!.AsObject();
        o.ReadOnly["sns"] = new Dictionary<string, bool> { ["Publish"] = true };
        o.ResourceTypes["AWS::SNS::Topic"] = ("sns", new List<string> { "Publish" });
        var service = Build(o, Model("sns", "json", PublishOps, """{"S1":{"type":"list","member":{"type":"structure","members":{"Key":{}}}}}""", PublishDts));
        var publish = service.Events["Publish"];
        Assert.Null(publish.Request!.Find("secret"));
        Assert.True(publish.Request!.Find("mode")!.Redacted);
        Assert.Equal("Mode", publish.Request!.Find("mode")!.Type);
        Assert.Equal("json", publish.Request!.Find("extra")!.Type);
        Assert.True(publish.ReadOnly);
        Assert.Equal("Data", publish.Category);
        Assert.Equal(new[] { "AWS::SNS::Topic" }, publish.ResourceTypes);
        Assert.Equal(new[] { "AWS::SNS::Topic" }, service.ResourceTypes);
        Assert.Equal("ConsoleThing", Assert.Single(service.Events["ConsoleThing"].Response!).Key);
    }

    private static SdkModel V3(string id, string protocol, string operations, string shapes = "{}", string dts = "", string? signingName = null)
    {
        var m = Model(id, protocol, operations, shapes, dts, signingName);
        return m with { Source = "@aws-sdk/client-" + id + " 3.9.0", Generation = 3 };
    }

    [Fact]
    public void Two_generations_of_a_model_give_every_newer_event_the_older_only_events_and_the_members_of_both()
    {
        var older = Model("sns", "query", """
            {"Publish":{"input":{"type":"structure","members":{"TopicArn":{},"Ratio":{"type":"double"},"Old":{}}}},
             "RetiredThing":{"input":{"type":"structure","members":{"X":{}}}}}
            """);
        var newer = V3("sns", "query", """
            {"Publish":{"input":{"type":"structure","members":{"TopicArn":{"type":"boolean"},"Ratio":{"type":"long"},"New":{"type":"long"},"Weight":{"type":"long"}}}},
             "NewThing":{}}
            """);
        var olderWithWeights = Model("sns", "query", """
            {"Publish":{"input":{"type":"structure","members":{"TopicArn":{}}}},
             "Weigh":{"input":{"type":"structure","members":{"Weight":{"type":"double"}}}}}
            """);
        var o = Defaults();
        o.Aliases["sns"] = new Dictionary<string, List<string>> { ["RetiredThing"] = new() { "RetiredThingV0" } };
        var builder = new Builder(o);
        var service = Assert.Single(builder.Build(new[] { older, newer }).Values);
        Assert.Empty(builder.Errors);
        Assert.Equal(new[] { "NewThing", "Publish", "RetiredThing" }, service.Events.Keys);
        Assert.Equal(new[] { "RetiredThingV0" }, service.Events["RetiredThing"].Aliases); // overrides of older-only events still apply
        var publish = service.Events["Publish"].Request!;
        // Newer members first and winning (TopicArn is boolean there); the older's own members after them.
        Assert.Equal(new[] { "topicArn", "ratio", "new", "weight", "old" }, publish.Select(m => m.Key));
        Assert.Equal("boolean", publish.Find("topicArn")!.Type);
        // v3 says only "number": the older model's double refines it.
        Assert.Equal("double", publish.Find("ratio")!.Type);
        Assert.Equal("integer", publish.Find("new")!.Type);
        Assert.Equal(new[] { "@aws-sdk/client-sns 3.9.0", "aws-sdk" }, service.Sources);
        Assert.Empty(builder.GuessedEventSources);

        // A new number whose key the older model only ever types as double is a double; other new numbers are integers.
        Assert.Equal("integer", publish.Find("weight")!.Type);
        var weighed = Assert.Single(new Builder(Defaults()).Build(new[] { olderWithWeights, newer }).Values);
        Assert.Equal("double", weighed.Events["Publish"].Request!.Find("weight")!.Type);
        Assert.Equal("integer", weighed.Events["Publish"].Request!.Find("new")!.Type);
        Assert.Equal(new[] { "NewThing", "Publish", "Weigh" }, weighed.Events.Keys);
    }

    [Fact]
    public void A_service_only_a_v3_package_has_takes_its_signing_name_and_is_listed_as_a_guess_unless_an_override_says()
    {
        var builder = new Builder(Defaults());
        var services = builder.Build(new[] { V3("vectors", "rest-json", """{"PutVectors":{}}""", signingName: "s3vectors") });
        Assert.Equal("s3vectors", Assert.Single(services.Values).Id);
        Assert.Contains("s3vectors.amazonaws.com", builder.GuessedEventSources["s3vectors"], StringComparison.Ordinal);

        var o = Defaults();
        o.Models["vectors"] = new ModelOverride("s3vectors.amazonaws.com", null, null, false, false);
        o.Models["gone"] = new ModelOverride("gone.amazonaws.com", null, null, false, false);
        var confirmed = new Builder(o);
        confirmed.Build(new[] { V3("vectors", "rest-json", """{"PutVectors":{}}""", signingName: "s3vectors") });
        Assert.Empty(confirmed.GuessedEventSources);
        // An override for a model that no package has any more is reported.
        Assert.Contains(confirmed.Errors, e => e.Contains("'gone'", StringComparison.Ordinal));
    }

    [Fact]
    public void Non_api_events_become_events_with_their_members_and_must_name_a_source_and_a_new_event()
    {
        var o = Defaults();
        o.NonApiEvents = JsonNode.Parse("""
            {"events":{"sns":{
              "TopicRotated":{"eventType":"AwsServiceEvent","source":"https://example.com/doc","doc":"A service event.","response":{"topicArn":"string"}},
              "Publish":{"eventType":"AwsServiceEvent","source":"x"},
              "NoSource":{"eventType":"AwsServiceEvent"},
              "BadType":{"eventType":"Whatever","source":"x"}},
             "nope":{"X":{"eventType":"AwsServiceEvent","source":"x"}}}}
            """)!.AsObject();
        var builder = new Builder(o);
        var service = Assert.Single(builder.Build(new[] { Model("sns", "json", PublishOps, """{"S1":{"type":"list","member":{"type":"structure","members":{"Key":{}}}}}""", PublishDts) }).Values);
        var rotated = service.Events["TopicRotated"];
        Assert.Equal("A service event.", rotated.Doc);
        Assert.False(rotated.ReadOnly);
        Assert.Equal("topicArn", Assert.Single(rotated.Response!).Key);
        Assert.Contains(builder.Errors, e => e.Contains("sns Publish: the service already has this event", StringComparison.Ordinal));
        Assert.Contains(builder.Errors, e => e.Contains("NoSource: \"source\"", StringComparison.Ordinal));
        Assert.Contains(builder.Errors, e => e.Contains("BadType: \"eventType\"", StringComparison.Ordinal));
        Assert.Contains(builder.Errors, e => e.Contains("no service 'nope'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_patch_types_additionalEventData_for_every_event_of_a_service_or_for_one()
    {
        var o = Defaults();
        o.Patches["sns"] = JsonNode.Parse("""
            {"why":"test","additionalEventData":"SnsExtra","events":{
              "ConsoleThing":{"readOnly":false,"additionalEventData":"ThingExtra"}},
             "shapes":{"SnsExtra":{"members":{"bytesTransferredIn":"integer"}},"ThingExtra":{"members":{"LoginTo":"string"}},"Unused":{"members":{"x":"string"}}}}
            """)!.AsObject();
        var service = Build(o, Model("sns", "json", PublishOps, """{"S1":{"type":"list","member":{"type":"structure","members":{"Key":{}}}}}""", PublishDts));

        Assert.Equal("SnsExtra", service.Events["Publish"].AdditionalEventData);
        Assert.Equal("ThingExtra", service.Events["ConsoleThing"].AdditionalEventData);
        // Shapes that only additionalEventData names are kept; unused ones still go.
        Assert.Contains("SnsExtra", service.Shapes.Keys);
        Assert.Contains("ThingExtra", service.Shapes.Keys);
        Assert.DoesNotContain("Unused", service.Shapes.Keys);
        Assert.Contains("      \"additionalEventData\": \"SnsExtra\",\n", CatalogWriter.Write(service), StringComparison.Ordinal);

        // A shape that does not exist fails the build.
        o.Patches["sns"] = JsonNode.Parse("""{"additionalEventData":"Missing"}""")!.AsObject();
        var builder = new Builder(o);
        builder.Build(new[] { Model("sns", "json", PublishOps, """{"S1":{"type":"list","member":{"type":"structure","members":{"Key":{}}}}}""", PublishDts) });
        Assert.Contains(builder.Errors, e => e.Contains("'Missing'", StringComparison.Ordinal));
    }

    [Fact]
    public void Overrides_that_name_nothing_fail_the_build()
    {
        var o = Defaults();
        o.Aliases["sns"] = new Dictionary<string, List<string>> { ["NoSuchEvent"] = new() { "X" } };
        o.ResourceTypes["AWS::Nope::Thing"] = ("nope", new List<string>());
        var builder = new Builder(o);
        builder.Build(new[] { Model("sns", "json", PublishOps, """{"S1":{"type":"list","member":{"type":"structure","members":{"Key":{}}}}}""", PublishDts) });
        Assert.Contains(builder.Errors, e => e.Contains("NoSuchEvent", StringComparison.Ordinal));
        Assert.Contains(builder.Errors, e => e.Contains("'nope'", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_the_generator_would_reject_are_made_valid()
    {
        var ops = """
            {"Get":{"input":{"type":"structure","members":{"x-id":{},"XId":{},"Request":{}}},
                    "output":{"type":"structure","members":{"Item":{"shape":"S1"}}}}}
            """;
        var dts = """
            get(params: T.Types.GetInput, callback?: (err: AWSError, data: T.Types.GetOutput) => void): Request<T.Types.GetOutput, AWSError>;
            export interface GetOutput {
              Item?: GetRequest;
            }
            export interface GetRequest {
              A?: String;
            }
            """;
        var service = Build(Defaults(), Model("t", "rest-json", ops, """{"S1":{"type":"structure","members":{"A":{}}}}""", dts));
        var request = service.Events["Get"].Request!;
        // "x-id" and "XId" would both be the property XId; "Request" is a base class member.
        Assert.Equal(new[] { null, "XId2", null }, request.Select(m => m.Name));
        // A shape named like the event's request class is renamed.
        Assert.Equal("GetRequestShape", service.Events["Get"].Response!.Find("Item")!.Type);
        Assert.True(service.Shapes.ContainsKey("GetRequestShape"));
    }

    [Fact]
    public void Output_is_sorted_two_space_indented_and_ends_with_a_newline()
    {
        var service = Build(Defaults(), Model("sns", "json", PublishOps, """{"S1":{"type":"list","member":{"type":"structure","members":{"Key":{}}}}}""", PublishDts));
        string text = CatalogWriter.Write(service);
        Assert.StartsWith("{\n  \"format\": 1,\n  \"service\": \"sns\",\n", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.Contains("      \"request\": {\n        \"topicArn\": \"string\",\n", text, StringComparison.Ordinal);
        Assert.Contains("\"secret\": { \"type\": \"string\", \"redacted\": true }", text, StringComparison.Ordinal);
        var again = Build(Defaults(), Model("sns", "json", PublishOps, """{"S1":{"type":"list","member":{"type":"structure","members":{"Key":{}}}}}""", PublishDts));
        Assert.Equal(text, CatalogWriter.Write(again));
    }
}

/// <summary>catalog/SERVICES.md: the list of services the builder writes beside the service files.</summary>
public class ServiceIndexTests
{
    [Fact]
    public void Index_has_one_row_per_service_in_id_order_with_counts_and_escaped_titles()
    {
        var sns = new CatService("sns") { Title = "Amazon SNS | topics", Namespace = "Sns" };
        sns.EventSources.Add("sns.amazonaws.com");
        sns.ResourceTypes.Add("AWS::SNS::Topic");
        sns.Events["Publish"] = new CatEvent { Category = "Data" };
        sns.Events["CreateTopic"] = new CatEvent();
        var acm = new CatService("acm") { Title = "ACM", Namespace = "Acm" };
        acm.EventSources.Add("acm.amazonaws.com");
        acm.Events["ListCertificates"] = new CatEvent();

        sns.Sources.Add("@aws-sdk/client-sns 3.2.0");
        sns.Sources.Add("aws-sdk 9.9.9");
        var pins = new[] { new SourcePin("aws-sdk", "9.9.9", "sha512-x"), new SourcePin("@aws-sdk/client-sns", "3.2.0", "sha512-y") };
        string text = ServiceIndexWriter.Write(new[] { sns, acm }, pins);

        Assert.Contains("2 services and 3 events (1 of them data events), from 2 packages (`catalog/overrides/models.lock.json`: aws-sdk 9.9.9 and 1 `@aws-sdk/client-*` packages)", text);
        var rows = text.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[]
        {
            "| `acm` | ACM | `Acm` | `acm.amazonaws.com` | 1 | 0 |  |  |",
            "| `sns` | Amazon SNS \\| topics | `Sns` | `sns.amazonaws.com` | 2 | 1 | `AWS::SNS::Topic` | @aws-sdk/client-sns 3.2.0, aws-sdk 9.9.9 |",
        }, rows);
    }

    [Fact]
    public void Committed_index_lists_exactly_the_committed_service_files()
    {
        string index = System.IO.File.ReadAllText(System.IO.Path.Combine(Repo.Catalog, "SERVICES.md"));
        var listed = index.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1]).ToList();
        var files = System.IO.Directory.GetFiles(System.IO.Path.Combine(Repo.Catalog, "services"), "*.json")
            .Select(f => System.IO.Path.GetFileNameWithoutExtension(f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(files, listed);
    }
}
