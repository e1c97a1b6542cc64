using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrailGen;
using TrailScan.Aws;
using Xunit;

namespace TrailScan.Tests;

/// <summary>
/// The per-event tables' nested columns (structs, lists, maps, and the JSON text below the nesting
/// limit and at a recursive shape), read back by DuckDB and compared with the typed values
/// CloudTrailLog reads: every value, null against empty lists and maps, null structs against structs
/// of nulls, null elements and values.
/// </summary>
public partial class ExportTests
{
    private const string Alice = """{"type":"AssumedRole","principalId":"AROAEXAMPLEDEPLOY:alice","arn":"arn:aws:sts::111122223333:assumed-role/DeployRole/alice","accountId":"111122223333"}""";

    // ssm StartAutomationExecution: parameters map<string[]> (a null element, an empty list, a null
    // value: the nulls do not fit, the typed values leave them out), targets Target[] (a struct of a
    // string and string[]; an empty struct; a null element, left out),
    // targetMaps map<string[]>[] (an empty map, a null map), an empty targetLocations, an empty
    // alarmConfiguration struct, tags null, an enum.
    private static readonly string s_automation = Record("ssm", "StartAutomationExecution", "e0000001-0000-4000-8000-000000000001", """
        {"documentName":"AWS-RestartEC2Instance","parameters":{"InstanceId":["i-0123456789abcdef0",null,"i-0123456789abcdef1"],"AutomationAssumeRole":[],"Empty":null},
         "mode":"Auto","targets":[{"key":"tag:env","values":["prod"]},{"key":"ParameterValues","values":[]},{},null],
         "targetMaps":[{"env":["prod","test"],"tier":[]},{},null],"targetLocations":[],"alarmConfiguration":{},"tags":null}
        """, """{"automationExecutionId":"4105a4fc-f944-4d3e-8b84-EXAMPLE"}""");

    // The same event with nested values where they are most often absent: no parameters, one
    // target location with its alarm configuration's list of structs.
    private static readonly string s_automationLocations = Record("ssm", "StartAutomationExecution", "e0000001-0000-4000-8000-000000000002", """
        {"documentName":"AWS-Patch","targetLocations":[{"accounts":["111122223333","444455556666"],"regions":["eu-west-1"],"targetLocationAlarmConfiguration":{"alarms":[{"name":"cpu"},{"name":null},{}],"ignorePollAlarmFailure":true}}],
         "alarmConfiguration":{"alarms":[],"ignorePollAlarmFailure":false}}
        """, "null");

    // No requestParameters at all: the request struct is null.
    private static readonly string s_automationEmpty = Record("ssm", "StartAutomationExecution", "e0000001-0000-4000-8000-000000000003", "null", "null");

    // parameters is not a map: the value does not fit its member, so the typed column is null.
    private static readonly string s_automationMisfit = Record("ssm", "StartAutomationExecution", "e0000001-0000-4000-8000-000000000004", """
        {"documentName":"AWS-Misfit","parameters":"InstanceId=i-0123","targets":[{"key":"k","values":"v"}]}
        """, "null");

    // ssm CreatePatchBaseline: approvalRules.patchRules[].patchFilterGroup.patchFilters[].values is
    // string[] six levels down: JSON text there.
    private static readonly string s_patchBaseline = Record("ssm", "CreatePatchBaseline", "e0000001-0000-4000-8000-000000000005", """
        {"name":"baseline","approvalRules":{"patchRules":[{"patchFilterGroup":{"patchFilters":[{"key":"CLASSIFICATION","values":["Security","Bugfix"]},{"key":"SEVERITY","values":[]}]},"approveAfterDays":7}]}}
        """, """{"baselineId":"pb-0123456789abcdef0"}""");

    // dynamodb Query: keyConditions map<Condition>, whose attributeValueList holds AttributeValue,
    // a recursive shape: its m (map<AttributeValue>) values and l (AttributeValue[]) elements are JSON text.
    private static readonly string s_query = Record("dynamodb", "Query", "e0000001-0000-4000-8000-000000000006", """
        {"tableName":"orders","keyConditions":{"pk":{"attributeValueList":[{"s":"customer#1","m":{"inner":{"s":"x","nS":["1","2"]}},"l":[{"n":"1"},{"bOOL":true}]}],"comparisonOperator":"EQ"}},"limit":25,"consistentRead":true}
        """, "null");

    private static string Record(string service, string eventName, string eventId, string request, string response) =>
        $$"""{"eventVersion":"1.09","userIdentity":{{Alice}},"eventTime":"2024-03-04T11:00:00Z","eventSource":"{{service}}.amazonaws.com","eventName":"{{eventName}}","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.23","userAgent":"aws-cli/2.15.30","requestParameters":{{request.Trim().Replace("\n", "").Replace("         ", "")}},"responseElements":{{response}},"requestID":"{{eventId}}","eventID":"{{eventId}}","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}""";

    [Fact]
    public void Nested_members_are_structs_lists_and_maps_equal_to_the_typed_values()
    {
        using var temp = new TempFolder();
        string log = temp.Write("in/nested.ndjson", Fixture.Ndjson(s_automation, s_automationLocations, s_automationEmpty, s_automationMisfit, s_patchBaseline, s_query));
        string output = temp.File("out");
        var run = App.Run("export", log, "--out", output, "--table", "ssm", "--table", "dynamodb:Query");
        Assert.True(run.ExitCode == 0, run.ToString());
        var compared = CheckEventTables(output, [log]);
        Assert.True(compared.Lists > 10 && compared.Maps > 4 && compared.Structs > 10 && compared.JsonText >= 3, compared.ToString());

        using var db = Open();
        string automation = Table(output, "ssm_StartAutomationExecution");
        // The Parquet types: maps, lists of structs, a list of maps of lists, JSON text at a recursive shape and below six levels.
        var types = Assert.Single(Rows(db, $"""
            SELECT typeof(request.parameters), typeof(request.targets), typeof(request.targetMaps), typeof(request.alarmConfiguration), typeof(request.mode)
            FROM {automation} WHERE eventID = 'e0000001-0000-4000-8000-000000000001'
            """));
        Assert.Equal(new object?[] { "MAP(VARCHAR, VARCHAR[])", "STRUCT(\"key\" VARCHAR, \"values\" VARCHAR[])[]", "MAP(VARCHAR, VARCHAR[])[]", "STRUCT(alarms STRUCT(\"name\" VARCHAR)[], ignorePollAlarmFailure BOOLEAN)", "VARCHAR" }, types);
        var deep = Assert.Single(Rows(db, $"SELECT typeof(request.approvalRules.patchRules[1].patchFilterGroup.patchFilters[1].values), request.approvalRules.patchRules[1].patchFilterGroup.patchFilters[1].values, request.approvalRules.patchRules[1].approveAfterDays FROM {Table(output, "ssm_CreatePatchBaseline")}"));
        Assert.Equal("VARCHAR", deep[0]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["Security","Bugfix"]"""), JsonNode.Parse((string)deep[1]!)));
        Assert.Equal(7L, deep[2]);
        var recursive = Assert.Single(Rows(db, $"SELECT typeof(request.keyConditions['pk'].attributeValueList[1].m), typeof(request.keyConditions['pk'].attributeValueList[1].l), request.keyConditions['pk'].attributeValueList[1].s, request.keyConditions['pk'].comparisonOperator FROM {Table(output, "dynamodb_Query")}"));
        Assert.Equal(new object?[] { "MAP(VARCHAR, VARCHAR)", "VARCHAR[]", "customer#1", "EQ" }, recursive);

        // Null and empty, as SQL sees them.
        var nulls = Rows(db, $"""
            SELECT eventID, request IS NULL, request.parameters IS NULL, cardinality(request.parameters), request.parameters['InstanceId'], request.parameters['AutomationAssumeRole'],
                   request.parameters['Empty'] IS NULL, len(request.targets), request.targets[3] IS NULL, request.targets[4] IS NULL, request.targets[3]."key" IS NULL,
                   cardinality(request.targetMaps[2]), request.targetMaps[3] IS NULL, len(request.targetLocations), request.alarmConfiguration IS NULL, request.alarmConfiguration.alarms IS NULL,
                   request.tags IS NULL, request.mode
            FROM {automation} ORDER BY eventID
            """);
        Assert.Equal(4, nulls.Count);
        // A null list element or map value does not fit its type: the typed list and map leave it out, and so does the table.
        Assert.Equal(new object?[] { false, false, 2L, new List<string?> { "i-0123456789abcdef0", "i-0123456789abcdef1" }, new List<string?>(), true, 3L, false, true, true, 0L, true, 0L, false, true, true, "Auto" }, Normalize(nulls[0][1..]).Select(v => v is ulong n ? (long)n : v).ToArray());
        Assert.Equal(true, nulls[1][2]); // no parameters
        Assert.Equal(true, nulls[2][1]); // no requestParameters: the request struct is null
        Assert.Equal(new object?[] { false, true }, nulls[3][1..3]); // parameters did not fit: null
        var locations = Assert.Single(Rows(db, $"SELECT request.targetLocations[1].accounts, [a.name FOR a IN request.targetLocations[1].targetLocationAlarmConfiguration.alarms], request.alarmConfiguration.ignorePollAlarmFailure, len(request.alarmConfiguration.alarms) FROM {automation} WHERE eventID = 'e0000001-0000-4000-8000-000000000002'"));
        Assert.Equal(new object?[] { new List<string?> { "111122223333", "444455556666" }, new List<string?> { "cpu", null, null }, false, 0L }, Normalize(locations));
    }

    [Fact]
    public void Synthetic_nested_members_read_back_equal()
    {
        using var temp = new TempFolder();
        string log = temp.File("synth.json.gz");
        Assert.Equal(0, App.Run("synth", "--records", "4000", "--seed", "21", "--out", log).ExitCode);
        var services = ReadAll([log]).Select(r => CloudTrailLog.Schema.FindEvent(r.Record.EventSource, r.Record.EventName)?.Service.Id).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(services.Count > 20);
        string output = temp.File("out");
        var run = App.Run(["export", log, "--out", output, .. services.SelectMany(s => new[] { "--table", s })]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var compared = CheckEventTables(output, [log]);
        Assert.True(compared.Lists > 100 && compared.Structs > 100 && compared.Maps > 5, compared.ToString());
    }

    [CorpusFact]
    public void Corpus_nested_members_read_back_equal()
    {
        using var temp = new TempFolder();
        var files = Corpus.RecordFiles();
        var services = ReadAll(files).Select(r => CloudTrailLog.Schema.FindEvent(r.Record.EventSource ?? "", r.Record.EventName ?? "")?.Service.Id).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        string output = temp.File("out");
        var run = App.Run(["export", .. files, "--out", output, .. services.SelectMany(s => new[] { "--table", s })]);
        Assert.True(run.ExitCode is 0 or 1, run.ToString()); // 1: a corpus file with a malformed line
        var compared = CheckEventTables(output, files);
        Assert.True(compared.Lists > 100 && compared.Structs > 100, compared.ToString());
    }

    /// <summary>How many nested values a comparison went through.</summary>
    private sealed class Compared
    {
        public int Rows, Structs, Lists, Maps, JsonText, Values;

        public override string ToString() => $"{Rows} rows: {Structs} structs, {Lists} lists, {Maps} maps, {JsonText} JSON texts, {Values} values";
    }

    /// <summary>
    /// Every record of a selected event is a row of its table (as many rows per eventID as records),
    /// and each row's request and response equal the record's typed parts, member by member.
    /// </summary>
    private static Compared CheckEventTables(string output, IEnumerable<string> files)
    {
        var records = ReadAll(files);
        var expected = new Dictionary<string, Dictionary<string, List<CloudTrailRecord>>>(StringComparer.Ordinal);
        foreach (var (_, _, record) in records)
        {
            if (record.InsightDetails is not null || CloudTrailLog.Schema.FindEvent(record.EventSource ?? "", record.EventName ?? "") is not { } schema) continue;
            string table = schema.Service.Id + "_" + schema.Name;
            if (!Directory.Exists(Path.Combine(output, table))) continue; // not selected
            if (!expected.TryGetValue(table, out var byId)) expected[table] = byId = new(StringComparer.Ordinal);
            string id = record.EventID ?? "";
            if (!byId.TryGetValue(id, out var list)) byId[id] = list = [];
            list.Add(record);
        }
        var tables = Directory.GetDirectories(output).Select(Path.GetFileName).Where(t => t != "records").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), tables);
        var compared = new Compared();
        using var db = Open();
        foreach (string table in tables!)
        {
            using var command = db.CreateCommand();
            command.CommandText = $"SELECT * EXCLUDE (account, region, date) FROM {Table(output, table!)}";
            using var reader = command.ExecuteReader();
            int request = -1, response = -1;
            for (int i = 0; i < reader.FieldCount; i++)
            {
                if (reader.GetName(i) == "request") request = i;
                if (reader.GetName(i) == "response") response = i;
            }
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            while (reader.Read())
            {
                string id = reader.IsDBNull(0) ? "" : reader.GetString(0);
                Assert.True(expected[table!].TryGetValue(id, out var candidates), $"{table}: row {id} is no record read");
                seen[id] = seen.GetValueOrDefault(id) + 1;
                object? exportedRequest = request < 0 || reader.IsDBNull(request) ? null : reader.GetValue(request);
                object? exportedResponse = response < 0 || reader.IsDBNull(response) ? null : reader.GetValue(response);
                string? problem = null;
                foreach (var record in candidates!)
                {
                    var count = new Compared();
                    problem = (request < 0 ? null : Differ($"{table} {id} request", record.TypedRequest, exportedRequest, count))
                        ?? (response < 0 ? null : Differ($"{table} {id} response", record.TypedResponse, exportedResponse, count));
                    if (problem is null)
                    {
                        compared.Rows++;
                        compared.Structs += count.Structs;
                        compared.Lists += count.Lists;
                        compared.Maps += count.Maps;
                        compared.JsonText += count.JsonText;
                        compared.Values += count.Values;
                        break;
                    }
                }
                Assert.True(problem is null, problem);
            }
            foreach (var (id, records2) in expected[table!]) Assert.True(seen.GetValueOrDefault(id) == records2.Count, $"{table}: {records2.Count} records of {id}, {seen.GetValueOrDefault(id)} rows");
        }
        return compared;
    }

    /// <summary>
    /// Why an exported value is not the typed value, or null when it is: a structure is a struct of
    /// its members, a list a list, a map a map (keys in order), a structure, list or map stored as JSON
    /// text is that text, scalars are equal (timestamps to the millisecond, enums as logged).
    /// </summary>
    private static string? Differ(string path, object? typed, object? exported, Compared count)
    {
        if (typed is null) return exported is null ? null : $"{path}: expected null, exported {Show(exported)}";
        if (exported is null) return $"{path}: expected {Show(typed)}, exported null";
        switch (typed)
        {
            case CloudTrailObject obj when exported is IDictionary fields:
            {
                count.Structs++;
                var members = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (var member in obj.GetTypedMembers()) members.TryAdd(member.Name, member.Value);
                var names = fields.Keys.Cast<string>().ToList();
                foreach (var name in members.Keys)
                {
                    if (members[name] is not null && !names.Contains(name, StringComparer.OrdinalIgnoreCase)) return $"{path}.{name}: a typed member with no column";
                }
                foreach (string name in names)
                {
                    if (Differ($"{path}.{name}", members.GetValueOrDefault(name), fields[name], count) is { } problem) return problem;
                }
                return null;
            }
            case IDictionary map when exported is IDictionary exportedMap:
            {
                count.Maps++;
                var keys = map.Keys.Cast<string>().ToList();
                var exportedKeys = exportedMap.Keys.Cast<object>().Select(k => (string)k).ToList();
                if (!keys.SequenceEqual(exportedKeys)) return $"{path}: keys {string.Join(",", keys)}, exported {string.Join(",", exportedKeys)}";
                foreach (string key in keys)
                {
                    if (Differ($"{path}[{key}]", map[key], exportedMap[key], count) is { } problem) return problem;
                }
                return null;
            }
            case IList list when exported is IList elements:
            {
                count.Lists++;
                if (list.Count != elements.Count) return $"{path}: {list.Count} elements, exported {elements.Count}";
                for (int i = 0; i < list.Count; i++)
                {
                    if (Differ($"{path}[{i}]", list[i], elements[i], count) is { } problem) return problem;
                }
                return null;
            }
            case CloudTrailObject or IList or IDictionary or RawJson when exported is string text:
            {
                count.JsonText++;
                return JsonNode.DeepEquals(TypedJson(typed), JsonNode.Parse(text)) ? null : $"{path}: expected {TypedJson(typed)!.ToJsonString()}, exported {text}";
            }
            case DateTimeOffset time:
                count.Values++;
                var millis = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()).UtcDateTime;
                return Equals(millis, Utc(exported)) ? null : $"{path}: expected {millis:o}, exported {Show(exported)}";
            case string or long or double or bool:
                count.Values++;
                return Equals(typed, exported) ? null : $"{path}: expected {Show(typed)}, exported {Show(exported)}";
            case CloudTrailObject or IList or IDictionary or RawJson:
                return $"{path}: expected {Show(typed)}, exported {Show(exported)} ({exported.GetType().Name})";
            default:
                count.Values++; // an enum: its value as logged
                return Equals(typed.ToString(), exported) ? null : $"{path}: expected {typed}, exported {Show(exported)}";
        }
    }

    /// <summary>A typed value as JSON: a structure as it serializes, timestamps in UTC to the tick.</summary>
    private static JsonNode? TypedJson(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case CloudTrailObject obj:
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream)) obj.WriteTo(writer);
                return JsonNode.Parse(stream.ToArray());
            }
            case RawJson json:
                return JsonNode.Parse(json.ToString());
            case IDictionary map:
            {
                var result = new JsonObject();
                foreach (DictionaryEntry entry in map) result[(string)entry.Key] = TypedJson(entry.Value);
                return result;
            }
            case IList list:
            {
                var result = new JsonArray();
                foreach (object? item in list) result.Add(TypedJson(item));
                return result;
            }
            case DateTimeOffset time:
                return JsonValue.Create(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            case string text:
                return JsonValue.Create(text);
            case bool flag:
                return JsonValue.Create(flag);
            case long number:
                return JsonValue.Create(number);
            case double number:
                return JsonValue.Create(number);
            default:
                return JsonValue.Create(value.ToString());
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => '"' + text + '"',
        IEnumerable items when value is not string => "[" + string.Join(", ", items.Cast<object?>().Select(Show)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>DuckDB's values with lists as lists of strings (or nulls), to compare with Assert.Equal.</summary>
    private static object?[] Normalize(object?[] row) =>
        row.Select(v => v is IList list ? (object)list.Cast<object?>().Select(x => (string?)x).ToList() : v).ToArray();
}
