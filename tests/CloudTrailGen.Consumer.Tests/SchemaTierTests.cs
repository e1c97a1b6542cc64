using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// The schema tier reads an event's parts into the values its generated class reads: this project
/// generates a class for every selected event (CloudTrailGenEventClasses = All), and the schema
/// holds them all too, so every typed record of the corpus is read both ways and compared.
/// </summary>
public class SchemaTierTests
{
    [CorpusFact]
    public void Schema_typed_values_equal_class_typed_values_member_by_member_and_write_the_same_json()
    {
        var failures = new List<string>();
        int records = 0, parts = 0;
        foreach (var (where, json) in Corpus.Records())
        {
            var record = Json.Read(json);
            if (record.GetType() == typeof(CloudTrailRecord)) continue;
            records++;
            var ev = CloudTrailLog.Schema.FindEvent(record.EventSource, record.EventName);
            if (ev is null)
            {
                failures.Add($"{where}: {record.GetType().Name} has a class but the schema has no {record.EventSource} {record.EventName}");
                continue;
            }
            parts += Compare(where + " requestParameters", record.TypedRequest, ev.Request, RawPart(json, "requestParameters"), failures);
            parts += Compare(where + " responseElements", record.TypedResponse, ev.Response, RawPart(json, "responseElements"), failures);
        }
        Assert.True(records > 300, $"expected over 300 class-typed corpus records, found {records}");
        Assert.True(parts > 300, $"expected over 300 typed parts compared, found {parts}");
        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>A top-level member's value exactly as the record has it (its bytes, escapes and all).</summary>
    private static RawJson? RawPart(string json, string name)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool found = reader.ValueTextEquals(name);
            reader.Read();
            long start = reader.TokenStartIndex;
            reader.Skip();
            if (found) return new RawJson(bytes[(int)start..(int)reader.BytesConsumed]);
        }
        return null;
    }

    private static int Compare(string where, CloudTrailObject? byClass, CloudTrailShapeSchema? shape, RawJson? raw, List<string> failures)
    {
        var bySchema = shape is null || raw is null ? null : CloudTrailSchemaObject.Parse(shape, raw.Value);
        if ((byClass is null) != (bySchema is null))
        {
            failures.Add($"{where}: by class {(byClass is null ? "null" : "typed")}, by schema {(bySchema is null ? "null" : "typed")}");
            return 0;
        }
        if (byClass is null || bySchema is null) return 0;
        string classValues = Describe(byClass), schemaValues = Describe(bySchema);
        if (classValues != schemaValues) failures.Add($"{where}: values differ\n  class:  {classValues}\n  schema: {schemaValues}");
        string classJson = Json.WriteObject(byClass), schemaJson = Json.WriteObject(bySchema);
        if (classJson != schemaJson) failures.Add($"{where}: JSON differs\n  class:  {classJson}\n  schema: {schemaJson}");
        return 1;
    }

    [Fact]
    public void Values_are_typed_by_the_catalog_and_what_does_not_fit_is_kept()
    {
        var ev = CloudTrailLog.Schema.FindEvent("iam.amazonaws.com", "CreateAccessKey")!;
        Assert.Equal("iam", ev.Service.Id);
        Assert.Equal("Management", ev.Category);
        var response = CloudTrailSchemaObject.Parse(ev.Response!, RawJson.Parse(
            """{"accessKey":{"userName":"bob","accessKeyId":"AKIA1","status":"active","createDate":"Jan 19, 2023 5:55:08 PM","extra":1}}"""))!;
        var key = Assert.IsType<CloudTrailSchemaObject>(response["accessKey"]);
        Assert.Equal("bob", key["userName"]);
        Assert.Equal("active", key["status"]); // an enum value in another letter case, kept as spelt
        Assert.Equal(new DateTimeOffset(2023, 1, 19, 17, 55, 8, TimeSpan.Zero), key["createDate"]);
        Assert.Equal("1", Assert.Single(key.GetUnknownMembers()).Value.ToString());
        Assert.False(key.TryGetValue("nope", out _));
        Assert.Throws<KeyNotFoundException>(() => key["nope"]);
        Assert.Throws<ArgumentException>(() => key["createDate"] = "yesterday");
        key["userName"] = "alice";
        Assert.Contains("\"userName\":\"alice\"", Json.WriteObject(response));
    }

    [Fact]
    public void An_alias_finds_its_event_and_an_unknown_event_or_source_finds_nothing()
    {
        Assert.Null(CloudTrailLog.Schema.FindEvent("iam.amazonaws.com", "NoSuchEvent"));
        Assert.Null(CloudTrailLog.Schema.FindEvent("nosuch.amazonaws.com", "CreateUser"));
        Assert.Null(CloudTrailLog.Schema.FindEvent(null, "CreateUser"));
        Assert.Equal(12, CloudTrailLog.Schema.Services.Count);
        foreach (var service in CloudTrailLog.Schema.Services)
        {
            Assert.NotEmpty(service.Events);
            foreach (var ev in service.Events) Assert.Same(ev, service.FindEvent(ev.Name));
        }
    }

    [Fact]
    public void A_compressed_text_reads_as_its_plain_text_and_a_damaged_one_fails_clearly()
    {
        const string Plain = "CTGS1\nE\tPing\tManagement\t1\tPing2024\nQ\ttargets\tTarget[]\tlimits\tmap<integer>\nS\tTarget\thost\tstring\tlevel\tLevel\nN\tLevel\tlow\tHIGH|high\n";
        using var compressed = new System.IO.MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(Plain));
        }
        byte[] packed = Encoding.ASCII.GetBytes("CTGZ1\n" + Convert.ToBase64String(compressed.ToArray()));
        byte[] plain = Encoding.UTF8.GetBytes(Plain);
        byte[] damaged = Encoding.ASCII.GetBytes("CTGZ1\n" + "not*base64");

        string Read(byte[] text)
        {
            var schema = new CloudTrailSchema(new[] { "acme" }, new[] { new[] { "acme.amazonaws.com" } }, _ => text);
            var ev = schema.FindEvent("acme.amazonaws.com", "Ping2024");
            Assert.NotNull(ev);
            return string.Join(";", ev!.Request!.Members.Select(m => m.Name + ":" + m.Type))
                + "|" + string.Join(";", schema.Services[0].FindShape("Target")!.Members.Select(m => m.Name + ":" + m.Type));
        }

        Assert.Equal("targets:Target[];limits:map<integer>|host:string;level:Level", Read(plain));
        Assert.Equal(Read(plain), Read(packed));
        var error = Assert.Throws<InvalidOperationException>(() => Read(damaged));
        Assert.Contains("'acme'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not base64", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A value as text, the same for a class's and the schema's reading: objects by their typed and unknown members, enums by their spelling.</summary>
    private static string Describe(object? value)
    {
        switch (value)
        {
            case null: return "null";
            case CloudTrailObject obj:
                var text = new StringBuilder("{");
                foreach (var member in obj.GetTypedMembers())
                {
                    text.Append(member.Name).Append('=').Append(Describe(member.Value));
                    if (member.RawValue is { } raw) text.Append(" raw ").Append(raw.ToString());
                    text.Append("; ");
                }
                foreach (var unknown in obj.GetUnknownMembers()) text.Append('?').Append(unknown.Key).Append('=').Append(unknown.Value.ToString()).Append("; ");
                return text.Append('}').ToString();
            case string s: return "\"" + s + "\"";
            case IDictionary map:
                var entries = new List<string>();
                foreach (DictionaryEntry entry in map) entries.Add(entry.Key + ":" + Describe(entry.Value));
                return "{" + string.Join(", ", entries) + "}";
            case IList list:
                return "[" + string.Join(", ", list.Cast<object?>().Select(Describe)) + "]";
            case DateTimeOffset time: return time.ToString("O", CultureInfo.InvariantCulture);
            case double d: return d.ToString("R", CultureInfo.InvariantCulture);
            case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
            // OpenEnum<T> (its spelling), bool, RawJson.
            default: return value.GetType().IsGenericType ? "\"" + value + "\"" : value.ToString()!;
        }
    }
}
