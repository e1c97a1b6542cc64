using System;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using TrailScan.Reading;
using TrailScan.Reports;
using static TrailScan.Reports.ReportOutput;

namespace TrailScan.Commands;

/// <summary><c>trailscan principal NAME</c>: one principal's story, told by <see cref="PrincipalStory"/>.</summary>
internal static class PrincipalCommand
{
    /// <summary>The principal command.</summary>
    public static Command Create(AppConsole console)
    {
        var command = new Command("principal", "One principal's story: who it called as and how its sessions came about (the session issuer, sourceIdentity, onBehalfOf, who assumed a role into it, the roles it assumed), source IP addresses, regions and APIs with when each was first seen, its errors, and the notable changes it made.");
        var name = new Argument<string>("NAME") { Description = "The principal, as --principal takes it: an ARN, a principal as the summary shows it, a user, role, session, role id, access key id." };
        var input = new InputOptions(console, sampleLogs: true);
        var format = SharedOptions.Format();
        var top = SharedOptions.Top(10);
        command.Add(name);
        input.AddTo(command, format, top);
        command.SetAction(result => Run(result, result.GetValue(name)!, input, format, top, console));
        return command;
    }

    private static int Run(ParseResult result, string name, InputOptions input, Option<string> format, Option<int> top, AppConsole console)
    {
        // Every record is read (for the calls that assumed a role into the principal); its own are the story.
        // Read as views: only its own calls and the AssumeRole* calls are read typed.
        var records = input.Open(result, console, keepOriginalJson: false, out int openCode, views: true);
        if (records is null) return openCode;
        var story = new PrincipalStory(name);
        var filter = records.Filter;
        var theirCalls = new RecordFilter { Principal = name };
        // Each file read at the same time has a story of its own (and its own AssumeRole* check), merged in file order.
        records.ForEachPart(
            (Story: story, AssumeRole: new AssumeRoleCalls()),
            () => (Story: new PrincipalStory(name), AssumeRole: new AssumeRoleCalls()),
            (part, scanned) =>
            {
                var fields = scanned.Fields;
                bool theirs = filter.Matches(fields) && theirCalls.Matches(fields);
                if (theirs || part.AssumeRole.MayBe(fields)) part.Story.Add(fields.Record, theirs);
            },
            static (whole, part) => whole.Story.Merge(part.Story),
            filtered: false);
        if (records.Interrupted) return ExitCodes.Interrupted;
        if (records.Failed) return records.ExitCode;
        story.Finish();
        if (story.Records == 0) console.Message($"no call by '{name}' in the {Words.Count(records.Source.Records, "record", "records")} read");
        if (SharedOptions.IsJson(result, format)) WriteJson(console, story, records.Source);
        else WriteTable(console.CreateOutRenderer(), story, records.Source, result.GetValue(top));
        return records.ExitCode;
    }

    private static void WriteTable(IAnsiConsole console, PrincipalStory story, RecordSource source, int top)
    {
        var overview = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        overview.AddRow(Bold("principal"), Plain(story.Name));
        overview.AddRow(Bold("calls"), Plain($"{story.Records:N0} of the {Words.Count(source.Records, "record", "records")} read"));
        overview.AddRow(Bold("first, last"), Plain(story.First is null ? "-" : $"{RecordFacts.Time(story.First)} to {RecordFacts.Time(story.Last)}"));
        console.Write(new Rule($"[bold]trailscan principal[/] {Markup.Escape(story.Name)}").LeftJustified());
        console.Write(overview);
        console.WriteLine();
        if (story.Records == 0) return;

        console.Write(FirstSeenTable("Called as", "userIdentity.type and ARN", story.Identities, top));
        if (story.Sessions.Count > 0) console.Write(FirstSeenTable("Sessions", "issuer -> session; sourceIdentity; onBehalfOf; MFA", story.Sessions, top));
        var into = story.AssumedInto();
        if (into.Count > 0)
        {
            var table = NewTable("Assumed into by");
            table.AddColumn(new TableColumn("first seen").NoWrap());
            table.AddColumn("caller");
            table.AddColumn("session");
            table.AddColumn(new TableColumn("calls").RightAligned().NoWrap());
            for (int i = 0; i < into.Count && i < top; i++)
            {
                table.AddRow(Plain(RecordFacts.Time(into[i].First)), Plain(into[i].Caller), Plain(into[i].Session), Plain(into[i].Count.ToString("N0", CultureInfo.InvariantCulture)));
            }
            console.Write(table);
        }
        if (story.RolesAssumed.Count > 0) console.Write(FirstSeenTable("Roles it assumed", "role as session", story.RolesAssumed, top));
        console.Write(FirstSeenTable("Source IP addresses", "sourceIPAddress", story.SourceIps, top));
        console.Write(FirstSeenTable("Regions", "awsRegion", story.Regions, top));
        console.Write(FirstSeenTable("APIs", "service:eventName", story.Apis, top));
        if (story.Errors.Count > 0) console.Write(FirstSeenTable("Errors", "errorCode", story.Errors, top));
        console.Write(FirstSeenTable("User agents", "userAgent", story.UserAgents, top));
        if (story.Notable.Count > 0)
        {
            var table = NewTable("Notable changes it made");
            table.AddColumn(new TableColumn("time").NoWrap());
            table.AddColumn("service");
            table.AddColumn("what");
            for (int i = 0; i < story.Notable.Count && i < top; i++)
            {
                var change = story.Notable[i];
                table.AddRow(Plain(RecordFacts.Time(change.Time)), Plain(change.Service), Plain(change.Detail));
            }
            if (story.Notable.Count > top) table.AddRow(Plain(""), Plain(""), new Markup($"[dim]... and {story.Notable.Count - top:N0} more ({story.Notable.Count:N0} in all)[/]"));
            console.Write(table);
        }
    }

    /// <summary>A table of values by when they were first seen: the first <paramref name="top"/>, and how many more.</summary>
    private static Table FirstSeenTable(string title, string column, FirstSeen values, int top)
    {
        var table = NewTable(title);
        table.AddColumn(new TableColumn("first seen").NoWrap());
        table.AddColumn(column);
        table.AddColumn(new TableColumn("calls").RightAligned().NoWrap());
        var all = values.ByFirstSeen();
        for (int i = 0; i < all.Count && i < top; i++)
        {
            table.AddRow(Plain(RecordFacts.Time(all[i].First)), Plain(all[i].Key), Plain(all[i].Count.ToString("N0", CultureInfo.InvariantCulture)));
        }
        if (all.Count > top) table.AddRow(Plain(""), new Markup($"[dim]... {all.Count - top:N0} more[/]"), Plain(""));
        return table;
    }

    private static void WriteJson(AppConsole app, PrincipalStory story, RecordSource source)
    {
        WriteJsonObject(app, json =>
        {
            json.WriteString("principal", story.Name);
            json.WriteNumber("records", story.Records);
            json.WriteNumber("recordsRead", source.Records);
            WriteInputCounts(json, source);
            WriteTime(json, "first", story.First);
            WriteTime(json, "last", story.Last);
            WriteFirstSeen(json, "identities", story.Identities);
            WriteFirstSeen(json, "sessions", story.Sessions);
            json.WriteStartArray("assumedInto");
            foreach (var (session, caller, first, count) in story.AssumedInto())
            {
                json.WriteStartObject();
                json.WriteString("session", session);
                json.WriteString("caller", caller);
                WriteTime(json, "firstSeen", first);
                json.WriteNumber("count", count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteFirstSeen(json, "rolesAssumed", story.RolesAssumed);
            WriteFirstSeen(json, "sourceIps", story.SourceIps);
            WriteFirstSeen(json, "regions", story.Regions);
            WriteFirstSeen(json, "apis", story.Apis);
            WriteFirstSeen(json, "errorCodes", story.Errors);
            WriteFirstSeen(json, "userAgents", story.UserAgents);
            json.WriteStartArray("notable");
            foreach (var change in story.Notable)
            {
                json.WriteStartObject();
                WriteTime(json, "time", change.Time);
                json.WriteString("service", change.Service);
                json.WriteString("eventName", change.EventName);
                json.WriteString("detail", change.Detail);
                if (change.Technique is not null) json.WriteString("technique", change.Technique);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static void WriteFirstSeen(Utf8JsonWriter json, string name, FirstSeen values)
    {
        json.WriteStartArray(name);
        foreach (var (key, first, count) in values.ByFirstSeen())
        {
            json.WriteStartObject();
            json.WriteString("name", key);
            WriteTime(json, "firstSeen", first);
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t) json.WriteString(name, RecordFacts.Time(t));
        else json.WriteNull(name);
    }

    /// <summary>
    /// Tells, from a view's eventSource and eventName, the records that may be AssumeRole* calls
    /// (the only records of others <see cref="PrincipalStory.Add"/> reads): those the schema (which
    /// has every event a generated class has) reads as an event whose name starts with AssumeRole.
    /// </summary>
    private sealed class AssumeRoleCalls
    {
        private readonly CharBuffer _key = new();
        private readonly StringPool _keys = new();
        private readonly System.Collections.Generic.Dictionary<string, bool> _known = new(StringComparer.Ordinal);

        public bool MayBe(RecordFields record)
        {
            if (record.View is null) return true;
            if (!record.Has(CloudTrailGen.CloudTrailRecordField.EventSource) || !record.Has(CloudTrailGen.CloudTrailRecordField.EventName)) return false;
            string key = _keys.Get(_key.Clear().Append(record.Get(CloudTrailGen.CloudTrailRecordField.EventSource)).Append('\t').Append(record.Get(CloudTrailGen.CloudTrailRecordField.EventName)).Text);
            if (!_known.TryGetValue(key, out bool may))
            {
                int tab = key.IndexOf('\t', StringComparison.Ordinal);
                may = Aws.CloudTrailLog.Schema.FindEvent(key[..tab], key[(tab + 1)..]) is { } schema && schema.Name.StartsWith("AssumeRole", StringComparison.Ordinal);
                _known[key] = may;
            }
            return may;
        }
    }
}
