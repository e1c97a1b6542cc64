using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>Every record of ../shared/corpus is read, none throws, and every one round-trips.</summary>
public class CorpusTests
{
    [CorpusFact]
    public void Every_record_is_read_and_round_trips()
    {
        var failures = new List<string>();
        int count = 0;
        foreach (var (where, json) in Corpus.Records())
        {
            count++;
            try
            {
                var record = Json.Read(json);
                string output = Json.Write(record);
                if (!JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(output)))
                {
                    failures.Add($"{where}: round trip differs\n  in:  {Truncate(json)}\n  out: {Truncate(output)}");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{where}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(count > 600, $"expected the corpus to hold over 600 records, found {count}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} records failed:\n" + string.Join("\n", failures.Take(20)));
    }

    [CorpusFact]
    public void Typed_requests_and_responses_round_trip_too()
    {
        // Reading Request/Response replaces the raw parts with typed objects on write: they must be lossless as well.
        var failures = new List<string>();
        int typed = 0;
        foreach (var (where, json) in Corpus.Records())
        {
            var record = Json.Read(json);
            var type = record.GetType();
            if (type == typeof(CloudTrailRecord)) continue;
            typed++;
            type.GetProperty("Request")?.GetValue(record);
            type.GetProperty("Response")?.GetValue(record);
            string output = Json.Write(record);
            if (!JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(output)))
            {
                failures.Add($"{where} ({type.Name}): typed round trip differs\n  in:  {Truncate(json)}\n  out: {Truncate(output)}");
            }
        }
        Assert.True(typed > 100, $"expected over 100 records to dispatch to typed events, found {typed}");
        Assert.True(failures.Count == 0, $"{failures.Count} typed records failed:\n" + string.Join("\n", failures.Take(10)));
    }

    [CorpusFact]
    public void Records_of_selected_services_dispatch_to_event_classes()
    {
        var sources = new HashSet<string>(StringComparer.Ordinal)
        {
            "cloudtrail.amazonaws.com", "iam.amazonaws.com", "sns.amazonaws.com", "sts.amazonaws.com",
            "kms.amazonaws.com", "signin.amazonaws.com", "cognito-identity.amazonaws.com",
        };
        int total = 0, typed = 0;
        var untyped = new Dictionary<string, int>();
        foreach (var (_, json) in Corpus.Records())
        {
            var record = Json.Read(json);
            if (record.EventSource is null || !sources.Contains(record.EventSource)) continue;
            total++;
            if (record.GetType() != typeof(CloudTrailRecord)) typed++;
            else untyped[record.EventSource + " " + record.EventName] = untyped.GetValueOrDefault(record.EventSource + " " + record.EventName) + 1;
        }
        Assert.True(total > 50, $"expected over 50 records of the selected services, found {total}");
        // Not every eventName of these services is in the hand-written catalog yet; the common ones are.
        Assert.True(typed * 2 > total, $"{typed} of {total} typed; untyped: " + string.Join(", ", untyped.OrderByDescending(p => p.Value).Take(15).Select(p => $"{p.Key} ({p.Value})")));
    }

    private static string Truncate(string s) => s.Length > 600 ? s.Substring(0, 600) + "..." : s;
}
