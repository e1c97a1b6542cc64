using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrailScan.Synth;

/// <summary>The options of <c>trailscan synth</c>.</summary>
public sealed class SynthOptions
{
    /// <summary>How many records (Insights records included).</summary>
    public required int Records { get; init; }

    /// <summary>The seed: the same seed, catalog and options give the same bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>When the log starts (UTC).</summary>
    public DateTimeOffset Start { get; init; } = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How long the log spans.</summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The share of API records that fail (errorCode).</summary>
    public double ErrorRate { get; init; } = 0.055;
}

/// <summary>The wrapper synth writes, from the output file's name.</summary>
public enum SynthFormat
{
    /// <summary><c>.json</c>: a CloudTrail log file, <c>{"Records":[...]}</c>.</summary>
    LogFile,

    /// <summary><c>.json.gz</c>: the same, gzipped, as CloudTrail delivers to S3.</summary>
    GzipLogFile,

    /// <summary><c>.ndjson</c>: one record per line.</summary>
    Ndjson,
}

/// <summary>
/// Writes a realistic synthetic CloudTrail log from the catalog: the events of <see cref="EventMix"/>
/// in their usual proportions plus a tail of other catalog events, called by plausible principals
/// (people through SSO roles and the console, CI, application roles, AWS services, now and then the
/// root user), at times that follow a working day, with about 5% errors and an Insights Start/End
/// pair every few hundred records. Records are written one at a time: memory stays flat for any N.
/// </summary>
public sealed class Synthesizer
{
    // A record in this many is an Insights pair's Start; at least one pair in logs of 100 records or more.
    private const int RecordsPerInsight = 600;
    private const double TailShare = 0.04;

    private readonly SynthCatalog _catalog;
    private readonly SynthOptions _options;
    private readonly Random _random;
    private readonly World _world;
    private readonly ValueFactory _values;
    private readonly List<(MixEntry Entry, CatalogEvent? Event)> _mix = [];
    private readonly double[] _mixCumulative;
    private readonly List<CatalogEvent> _tail = [];
    private readonly double[] _minuteCumulative;
    private int _slots = 1;

    /// <summary>Prepares a log.</summary>
    public Synthesizer(SynthCatalog catalog, SynthOptions options)
    {
        _catalog = catalog;
        _options = options;
        _random = new Random(options.Seed);
        _world = new World(_random);
        _values = new ValueFactory(catalog);

        var cumulative = new List<double>();
        double total = 0;
        var inMix = new HashSet<(string, string)>();
        foreach (var entry in EventMix.Entries)
        {
            var ev = catalog.Find(entry.Service, entry.EventName);
            _mix.Add((entry, ev));
            total += entry.Weight;
            cumulative.Add(total);
            inMix.Add((entry.Service, entry.EventName));
        }
        _mixCumulative = [.. cumulative];
        foreach (var ev in catalog.AllEvents)
        {
            if (!inMix.Contains((ev.Service.Id, ev.Name))) _tail.Add(ev);
        }

        // Calls per minute follow a working day (UTC 07-19 busiest) and are lower at weekends.
        int minutes = Math.Max(1, (int)Math.Ceiling(options.Span.TotalMinutes));
        _minuteCumulative = new double[minutes];
        double sum = 0;
        for (int i = 0; i < minutes; i++)
        {
            var at = options.Start.AddMinutes(i).UtcDateTime;
            double hour = at.Hour + at.Minute / 60.0;
            double day = hour is >= 7 and < 19 ? 1.0 + 0.8 * Math.Sin(Math.PI * (hour - 7) / 12) : 0.45;
            if (at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day *= 0.5;
            sum += day;
            _minuteCumulative[i] = sum;
        }
    }

    /// <summary>The wrapper for an output file name, or null when the name has none synth writes.</summary>
    public static SynthFormat? FormatOf(string path) =>
        path.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase) ? SynthFormat.GzipLogFile
        : path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? SynthFormat.LogFile
        : path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? SynthFormat.Ndjson
        : null;

    /// <summary>Writes the log to a file.</summary>
    public void WriteFile(string path, SynthFormat format)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (format == SynthFormat.GzipLogFile)
        {
            using var gzip = new GZipStream(file, CompressionLevel.Optimal);
            Write(gzip, SynthFormat.LogFile);
        }
        else
        {
            Write(file, format);
        }
    }

    /// <summary>Writes the log to a stream (not gzipped: <paramref name="format"/> is LogFile or Ndjson).</summary>
    public void Write(Stream output, SynthFormat format)
    {
        var writerOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var json = new Utf8JsonWriter(output, writerOptions);
        if (format == SynthFormat.LogFile)
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
        }

        int insights = _options.Records >= 100 ? Math.Max(1, _options.Records / RecordsPerInsight) : 0;
        _slots = Math.Max(1, _options.Records - insights); // each Insight's Start takes a time slot; its End does not
        var insightStarts = new SortedSet<int>();
        while (insightStarts.Count < insights) insightStarts.Add(_random.Next(_options.Records * 2 / 10, _options.Records * 8 / 10));
        var pendingEnds = new List<(DateTimeOffset Time, InsightSpec Spec)>();

        int written = 0;
        for (int i = 0; written < _options.Records; i++)
        {
            var time = TimeOf(i);
            for (int p = pendingEnds.Count - 1; p >= 0 && written < _options.Records; p--)
            {
                if (pendingEnds[p].Time > time) continue;
                WriteInsight(json, pendingEnds[p].Spec, pendingEnds[p].Time, start: false);
                Next(json, output, format, ref written);
                pendingEnds.RemoveAt(p);
            }
            if (written >= _options.Records) break;
            if (insightStarts.Contains(i) && written + 2 <= _options.Records)
            {
                var spec = NewInsight();
                var start = new DateTimeOffset(time.UtcTicks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
                WriteInsight(json, spec, start, start: true);
                Next(json, output, format, ref written);
                pendingEnds.Add((start.AddMinutes(spec.DurationMinutes), spec));
                continue;
            }
            if (pendingEnds.Count > 0 && written + pendingEnds.Count >= _options.Records)
            {
                // Room only for the open Insights' End records.
                var (endTime, spec) = pendingEnds[0];
                WriteInsight(json, spec, endTime, start: false);
                Next(json, output, format, ref written);
                pendingEnds.RemoveAt(0);
                continue;
            }
            WriteApiRecord(json, time);
            Next(json, output, format, ref written);
        }

        if (format == SynthFormat.LogFile)
        {
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.Flush();
    }

    private static void Next(Utf8JsonWriter json, Stream output, SynthFormat format, ref int written)
    {
        written++;
        if (format != SynthFormat.Ndjson)
        {
            if (json.BytesPending > 1 << 16) json.Flush(); // the writer buffers until flushed
            return;
        }
        json.Flush();
        output.WriteByte((byte)'\n');
        json.Reset();
    }

    /// <summary>The time of the i-th record: stratified over the day profile, so times only go forward.</summary>
    private DateTimeOffset TimeOf(int i)
    {
        double total = _minuteCumulative[^1];
        double target = Math.Min(1.0, (i + _random.NextDouble()) / _slots) * total;
        int minute = Array.BinarySearch(_minuteCumulative, target);
        if (minute < 0) minute = ~minute;
        minute = Math.Min(minute, _minuteCumulative.Length - 1);
        double before = minute == 0 ? 0 : _minuteCumulative[minute - 1];
        double within = (target - before) / (_minuteCumulative[minute] - before);
        long ticks = _options.Start.UtcTicks + minute * TimeSpan.TicksPerMinute + (long)(Math.Clamp(within, 0, 0.999) * TimeSpan.TicksPerMinute);
        return new DateTimeOffset(ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    private void WriteApiRecord(Utf8JsonWriter json, DateTimeOffset time)
    {
        MixEntry entry;
        CatalogEvent? ev;
        if (_tail.Count > 0 && _random.NextDouble() < TailShare)
        {
            // The long tail: other events of the catalog, reads more often than changes.
            ev = _tail[_random.Next(_tail.Count)];
            for (int retry = 0; retry < 4 && !ev.ReadOnly && _random.NextDouble() < 0.85; retry++) ev = _tail[_random.Next(_tail.Count)];
            entry = new MixEntry(ev.Service.Id, ev.Name, 0, ev.ReadOnly ? Callers.Human | Callers.Automation | Callers.Service : Callers.Automation | Callers.Human);
        }
        else
        {
            int index = Array.BinarySearch(_mixCumulative, _random.NextDouble() * _mixCumulative[^1]);
            if (index < 0) index = ~index;
            (entry, ev) = _mix[Math.Min(index, _mix.Count - 1)];
        }

        string service = entry.Service;
        string eventSource = ev?.EventSource ?? $"{service}.amazonaws.com";
        bool readOnly = ev?.ReadOnly ?? EventMix.LooksReadOnly(entry.EventName);
        string category = ev?.Category ?? (entry.Data ? "Data" : "Management");
        var actor = PickActor(entry.Callers);
        string region = EventMix.GlobalServices.Contains(service) ? "us-east-1" : PickRegion();
        var context = new RecordContext(_world, _random, service, entry.EventName, region, time, actor);
        bool consoleLogin = service == "signin" && entry.EventName == "ConsoleLogin";
        double errorRate = actor.Kind == ActorKind.Service ? _options.ErrorRate / 5 : consoleLogin ? _options.ErrorRate * 2 : _options.ErrorRate;
        bool failed = _random.NextDouble() < errorRate;

        json.WriteStartObject();
        json.WriteString("eventVersion", category == "Data" ? "1.10" : "1.11");
        WriteIdentity(json, actor, context, consoleLogin && failed);
        json.WriteString("eventTime", Iso(time));
        json.WriteString("eventSource", eventSource);
        json.WriteString("eventName", entry.EventName);
        json.WriteString("awsRegion", region);
        json.WriteString("sourceIPAddress", actor.SourceIp);
        json.WriteString("userAgent", actor.UserAgents[_random.Next(actor.UserAgents.Length)]);

        // Request first: it picks the resources that the error message and resources[] name.
        byte[] request = Fragment(w =>
        {
            if (consoleLogin) w.WriteNullValue();
            else if (ev?.Request is { } members) _values.WriteObject(w, ev.Service, members, context, response: false);
            else if (entry.Fields.Length > 0) ValueFactory.WriteFields(w, entry.Fields, context);
            else w.WriteNullValue();
        });
        if (failed && !consoleLogin)
        {
            var (code, message) = Error(service, entry.EventName, actor, context);
            json.WriteString("errorCode", code);
            json.WriteString("errorMessage", message);
        }
        else if (consoleLogin && failed)
        {
            json.WriteString("errorMessage", "Failed authentication");
        }
        json.WritePropertyName("requestParameters");
        json.WriteRawValue(request, skipInputValidation: true);
        json.WritePropertyName("responseElements");
        if (consoleLogin)
        {
            json.WriteStartObject();
            json.WriteString("ConsoleLogin", failed ? "Failure" : "Success");
            json.WriteEndObject();
        }
        else if (!failed && !readOnly && ev?.Response is { } response)
        {
            _values.WriteObject(json, ev.Service, response, context, response: true);
        }
        else if (!failed && ev?.Response is { } readResponse && service == "sts")
        {
            _values.WriteObject(json, ev.Service, readResponse, context, response: true); // STS logs the credentials it issues
        }
        else
        {
            json.WriteNullValue();
        }
        WriteAdditionalEventData(json, service, entry.EventName, actor, failed);

        json.WriteString("requestID", service == "s3" ? context.Upper(16) : context.Guid());
        json.WriteString("eventID", context.Guid());
        json.WriteBoolean("readOnly", readOnly);
        AddResources(context, service, entry.EventName, category);
        if (context.Resources.Count > 0)
        {
            json.WriteStartArray("resources");
            foreach (var (type, arn) in context.Resources)
            {
                json.WriteStartObject();
                json.WriteString("accountId", World.Account);
                json.WriteString("type", type);
                json.WriteString("ARN", arn);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteString("eventType", consoleLogin ? "AwsConsoleSignIn" : "AwsApiCall");
        json.WriteBoolean("managementEvent", category != "Data");
        json.WriteString("recipientAccountId", World.Account);
        if (actor.Kind == ActorKind.Workload && _random.NextDouble() < 0.2)
        {
            json.WriteString("vpcEndpointId", "vpce-0" + context.Hex(16));
            json.WriteString("vpcEndpointAccountId", World.Account);
        }
        json.WriteString("eventCategory", category);
        if (actor.Console && !consoleLogin) json.WriteString("sessionCredentialFromConsole", "true");
        if (actor.Kind != ActorKind.Service)
        {
            json.WriteStartObject("tlsDetails");
            json.WriteString("tlsVersion", _random.NextDouble() < 0.85 ? "TLSv1.3" : "TLSv1.2");
            json.WriteString("cipherSuite", "TLS_AES_128_GCM_SHA256");
            json.WriteString("clientProvidedHostHeader", service == "s3" ? $"{context.Bucket}.s3.{region}.amazonaws.com" : $"{service}.{region}.amazonaws.com");
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static byte[] Fragment(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteIdentity(Utf8JsonWriter json, Actor actor, RecordContext context, bool failedSignIn)
    {
        json.WriteStartObject("userIdentity");
        switch (actor.IdentityType)
        {
            case "IAMUser":
                json.WriteString("type", "IAMUser");
                json.WriteString("principalId", failedSignIn ? World.Account : actor.PrincipalIdPrefix);
                if (!failedSignIn) json.WriteString("arn", actor.Arn);
                json.WriteString("accountId", actor.Account);
                json.WriteString("accessKeyId", actor.Console || failedSignIn ? "" : actor.AccessKeyId);
                json.WriteString("userName", failedSignIn && _random.NextDouble() < 0.5 ? "HIDDEN_DUE_TO_SECURITY_REASONS" : actor.Name);
                break;
            case "AssumedRole":
                json.WriteString("type", "AssumedRole");
                json.WriteString("principalId", $"{actor.PrincipalIdPrefix}:{actor.Session}");
                json.WriteString("arn", actor.Arn);
                json.WriteString("accountId", actor.Account);
                json.WriteString("accessKeyId", actor.AccessKeyId);
                json.WriteStartObject("sessionContext");
                json.WriteStartObject("sessionIssuer");
                json.WriteString("type", "Role");
                json.WriteString("principalId", actor.PrincipalIdPrefix);
                json.WriteString("arn", actor.RoleArn);
                json.WriteString("accountId", actor.Account);
                json.WriteString("userName", actor.Name);
                json.WriteEndObject();
                json.WriteStartObject("webIdFederationData");
                json.WriteEndObject();
                json.WriteStartObject("attributes");
                json.WriteString("creationDate", Iso(context.Time.AddMinutes(-_random.Next(1, 55))));
                json.WriteString("mfaAuthenticated", actor.Mfa ? "true" : "false");
                json.WriteEndObject();
                json.WriteEndObject();
                break;
            case "AWSService":
                json.WriteString("type", "AWSService");
                json.WriteString("invokedBy", actor.InvokedBy);
                break;
            case "Root":
                json.WriteString("type", "Root");
                json.WriteString("principalId", actor.Account);
                json.WriteString("arn", actor.Arn);
                json.WriteString("accountId", actor.Account);
                json.WriteString("accessKeyId", "");
                break;
            case "AWSAccount":
                json.WriteString("type", "AWSAccount");
                json.WriteString("principalId", $"{actor.PrincipalIdPrefix}:partner-sync");
                json.WriteString("accountId", actor.Account);
                break;
            default:
                json.WriteString("type", "Unknown");
                json.WriteString("principalId", "Anonymous");
                break;
        }
        json.WriteEndObject();
    }

    private static void WriteAdditionalEventData(Utf8JsonWriter json, string service, string eventName, Actor actor, bool failed)
    {
        if (service == "signin" && eventName == "ConsoleLogin")
        {
            json.WriteStartObject("additionalEventData");
            json.WriteString("LoginTo", "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
            json.WriteString("MobileVersion", "No");
            json.WriteString("MFAUsed", actor.Mfa || actor.IdentityType == "AssumedRole" ? "Yes" : "No");
            json.WriteEndObject();
        }
        else if (service == "s3" && eventName.Contains("Object", StringComparison.Ordinal))
        {
            json.WriteStartObject("additionalEventData");
            json.WriteString("SignatureVersion", "SigV4");
            json.WriteString("CipherSuite", "TLS_AES_128_GCM_SHA256");
            json.WriteNumber("bytesTransferredIn", eventName == "PutObject" && !failed ? 48213 : 0);
            json.WriteString("AuthenticationMethod", "AuthHeader");
            json.WriteNumber("bytesTransferredOut", eventName == "GetObject" && !failed ? 1_264_811 : 0);
            json.WriteEndObject();
        }
    }

    private static void AddResources(RecordContext c, string service, string eventName, string category)
    {
        switch (service)
        {
            case "s3" when category == "Data":
                c.Resources.Add(("AWS::S3::Object", $"arn:aws:s3:::{c.Bucket}/{c.ObjectKey}"));
                c.Resources.Add(("AWS::S3::Bucket", $"arn:aws:s3:::{c.Bucket}"));
                break;
            case "lambda" when eventName == "Invoke":
                c.Resources.Add(("AWS::Lambda::Function", c.FunctionArn));
                break;
            case "dynamodb" when category == "Data":
                c.Resources.Add(("AWS::DynamoDB::Table", $"arn:aws:dynamodb:{c.Region}:{c.Account}:table/{c.Table}"));
                break;
            case "sns" when category == "Data":
                c.Resources.Add(("AWS::SNS::Topic", c.TopicArn));
                break;
            case "sqs" when category == "Data":
                c.Resources.Add(("AWS::SQS::Queue", $"arn:aws:sqs:{c.Region}:{c.Account}:{c.QueueUrl[(c.QueueUrl.LastIndexOf('/') + 1)..]}"));
                break;
            case "kms" when eventName is "Decrypt" or "GenerateDataKey" or "Encrypt" or "DescribeKey":
                c.Resources.Add(("AWS::KMS::Key", c.KmsKeyArn));
                break;
            case "sts" when eventName.StartsWith("AssumeRole", StringComparison.Ordinal):
                c.Resources.Add(("AWS::IAM::Role", $"arn:aws:iam::{c.Account}:role/{c.Role}"));
                break;
        }
    }

    private (string Code, string Message) Error(string service, string eventName, Actor actor, RecordContext c)
    {
        string action = $"{EventMix.ActionPrefix(service)}:{eventName}";
        double kind = _random.NextDouble();
        if (kind < 0.6)
        {
            string who = actor.Arn.Length > 0 ? actor.Arn : $"arn:aws:iam::{actor.Account}:root";
            string message = $"User: {who} is not authorized to perform: {action} because no identity-based policy allows the {action} action";
            return service switch
            {
                "s3" => ("AccessDenied", "Access Denied"),
                "ec2" => ("Client.UnauthorizedOperation", "You are not authorized to perform this operation. " + message),
                "iam" or "sts" => ("AccessDenied", message),
                _ => ("AccessDeniedException", message),
            };
        }
        if (kind < 0.85)
        {
            return service switch
            {
                "s3" => ("NoSuchKey", "The specified key does not exist."),
                "iam" => ("NoSuchEntityException", $"The role with name {c.Role} cannot be found."),
                "ec2" => ("Client.InvalidInstanceID.NotFound", $"The instance ID '{c.Instance}' does not exist"),
                "ssm" => ("ParameterNotFound", ""),
                "kms" => ("NotFoundException", $"Key '{c.KmsKeyArn}' does not exist"),
                _ => ("ResourceNotFoundException", "Requested resource not found"),
            };
        }
        return service switch
        {
            "ec2" => ("Client.RequestLimitExceeded", "Request limit exceeded."),
            "s3" => ("SlowDown", "Please reduce your request rate."),
            "iam" or "sts" => ("Throttling", "Rate exceeded"),
            _ => ("ThrottlingException", "Rate exceeded"),
        };
    }

    private Actor PickActor(Callers callers)
    {
        var candidates = new List<Actor>();
        double total = 0;
        foreach (var actor in _world.Actors)
        {
            var flag = actor.Kind switch
            {
                ActorKind.Human => Callers.Human,
                ActorKind.Automation => Callers.Automation,
                ActorKind.Workload => Callers.Workload,
                ActorKind.Service => Callers.Service,
                ActorKind.Root => Callers.Root,
                _ => Callers.OtherAccount,
            };
            if ((callers & flag) == 0) continue;
            // The root user and other accounts are rare even where they can call.
            double weight = actor.Kind switch
            {
                ActorKind.Root => 0.05,
                ActorKind.OtherAccount => 0.3,
                _ => actor.Weight,
            };
            candidates.Add(actor);
            total += weight;
        }
        if ((callers & Callers.Anonymous) != 0 || candidates.Count == 0) return Anonymous;
        double pick = _random.NextDouble() * total;
        foreach (var actor in candidates)
        {
            pick -= actor.Kind switch { ActorKind.Root => 0.05, ActorKind.OtherAccount => 0.3, _ => actor.Weight };
            if (pick < 0) return actor;
        }
        return candidates[^1];
    }

    private static readonly Actor Anonymous = new()
    {
        Kind = ActorKind.OtherAccount,
        IdentityType = "Unknown",
        Account = World.Account,
        SourceIp = "203.0.113.200",
        UserAgents = ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"],
    };

    private string PickRegion()
    {
        double pick = _random.NextDouble();
        foreach (var (region, weight) in World.Regions)
        {
            pick -= weight;
            if (pick < 0) return region;
        }
        return World.Regions[0].Region;
    }

    private sealed record InsightSpec(string EventSource, string EventName, string Type, string? ErrorCode, string SharedEventId, double Baseline, double Average, int DurationMinutes, string UserAgent, string CallerArn);

    private InsightSpec NewInsight()
    {
        // Insights watch write management APIs: pick one from the mix.
        var writes = new List<MixEntry>();
        foreach (var (entry, ev) in _mix)
        {
            bool readOnly = ev?.ReadOnly ?? EventMix.LooksReadOnly(entry.EventName);
            if (!readOnly && !entry.Data && (ev is null || ev.Category == "Management")) writes.Add(entry);
        }
        var chosen = writes[_random.Next(writes.Count)];
        string eventSource = _catalog.Services.TryGetValue(chosen.Service, out var service) ? service.EventSource : $"{chosen.Service}.amazonaws.com";
        bool errors = _random.NextDouble() < 0.2;
        var actor = PickActor(chosen.Callers == Callers.Anonymous ? Callers.Automation : chosen.Callers);
        return new InsightSpec(
            eventSource,
            chosen.EventName,
            errors ? "ApiErrorRateInsight" : "ApiCallRateInsight",
            errors ? "AccessDeniedException" : null,
            World.Guid(_random),
            Math.Round(_random.NextDouble() * 0.5 + 0.0001, 6),
            Math.Round(_random.NextDouble() * 40 + 5, 3),
            _random.Next(3, 15),
            actor.UserAgents[0],
            actor.Arn.Length > 0 ? actor.Arn : $"arn:aws:iam::{World.Account}:root");
    }

    private void WriteInsight(Utf8JsonWriter json, InsightSpec spec, DateTimeOffset time, bool start)
    {
        json.WriteStartObject();
        json.WriteString("eventVersion", "1.08");
        json.WriteString("eventTime", Iso(time));
        json.WriteString("awsRegion", "us-east-1");
        json.WriteString("eventID", World.Guid(_random));
        json.WriteString("eventType", "AwsCloudTrailInsight");
        json.WriteString("recipientAccountId", World.Account);
        json.WriteString("sharedEventID", spec.SharedEventId);
        json.WriteStartObject("insightDetails");
        json.WriteString("state", start ? "Start" : "End");
        json.WriteString("eventSource", spec.EventSource);
        json.WriteString("eventName", spec.EventName);
        json.WriteString("insightType", spec.Type);
        if (spec.ErrorCode is not null) json.WriteString("errorCode", spec.ErrorCode);
        json.WriteStartObject("insightContext");
        json.WriteStartObject("statistics");
        json.WriteStartObject("baseline");
        json.WriteNumber("average", spec.Baseline);
        json.WriteEndObject();
        json.WriteStartObject("insight");
        json.WriteNumber("average", spec.Average);
        json.WriteEndObject();
        json.WriteNumber("insightDuration", start ? 1 : spec.DurationMinutes);
        json.WriteNumber("baselineDuration", 10080);
        json.WriteEndObject();
        json.WriteStartArray("attributions");
        WriteAttribution(json, "userIdentityArn", spec.CallerArn, spec);
        WriteAttribution(json, "userAgent", spec.UserAgent, spec);
        WriteAttribution(json, "errorCode", spec.ErrorCode ?? "null", spec);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("eventCategory", "Insight");
        json.WriteEndObject();
    }

    private static void WriteAttribution(Utf8JsonWriter json, string attribute, string value, InsightSpec spec)
    {
        json.WriteStartObject();
        json.WriteString("attribute", attribute);
        json.WriteStartArray("insight");
        json.WriteStartObject();
        json.WriteString("value", value);
        json.WriteNumber("average", spec.Average);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("baseline");
        json.WriteStartObject();
        json.WriteString("value", value);
        json.WriteNumber("average", spec.Baseline);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
