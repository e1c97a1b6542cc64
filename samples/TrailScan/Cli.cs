using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrailScan.Aws;
using TrailScan.Reading;
using TrailScan.Reports;
using TrailScan.Synth;

namespace TrailScan;

/// <summary>Exit codes: scripts depend on them.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>Bad input: a file that cannot be read, is malformed or truncated (the message names the file and byte).</summary>
    public const int BadInput = 1;

    /// <summary>Usage error: an unknown command or option, a missing or bad value.</summary>
    public const int Usage = 2;
}

/// <summary>
/// trailscan's command line (System.CommandLine): commands, options, help, and the exit codes.
/// <c>Run</c> is the whole program; <c>Main</c> only gives it the process's console, so tests run
/// it in-process on their own writers and streams.
/// </summary>
public static class Cli
{
    private static readonly string[] s_categories = ["Management", "Data", "Insight", "NetworkActivity"];

    /// <summary>Runs trailscan with <paramref name="args"/>.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, AppConsole console)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // numbers and dates the same everywhere
        try
        {
            var root = BuildCommands(console);
            var result = root.Parse(args);
            if (result.Action is ParseErrorAction)
            {
                foreach (var error in result.Errors) console.Message(error.Message);
                string command = result.CommandResult.Command is RootCommand ? "" : result.CommandResult.Command.Name + " ";
                console.Message($"see 'trailscan {command}--help'");
                return ExitCodes.Usage;
            }
            var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            int code = result.Invoke(invocation);
            console.Out.Flush();
            return code;
        }
        finally
        {
            console.Out.Flush();
            console.Error.Flush();
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>The command tree.</summary>
    public static RootCommand BuildCommands(AppConsole console)
    {
        var root = new RootCommand(
            "trailscan: reads AWS CloudTrail logs through the types CloudTrailGen generates, and tells what is in them.\n" +
            "With no command, runs 'summary'; with no PATH, reads the sample logs shipped beside trailscan.");
        var rootSummary = new SummaryOptions(pathsRequired: false);
        rootSummary.AddTo(root);
        root.SetAction(result => RunSummary(result, rootSummary, console));

        var summary = new Command("summary", "Counts by eventCategory, service, eventName, identity type and principal, error codes, Insights, notable changes, the time range, and a chart of records over time.");
        var summaryOptions = new SummaryOptions(pathsRequired: false);
        summaryOptions.AddTo(summary);
        summary.SetAction(result => RunSummary(result, summaryOptions, console));
        root.Add(summary);

        var records = new Command("records", "Writes the matching records as NDJSON, each serialized from the typed model (not copied from the input).");
        var recordsPaths = Paths(required: true);
        var recordsFilter = new FilterOptions();
        records.Add(recordsPaths);
        recordsFilter.AddTo(records);
        records.SetAction(result => RunRecords(result, recordsPaths, recordsFilter, console));
        root.Add(records);

        var coverage = new Command("coverage", "How much of the input the generated types cover: records read, round-trip equality, typed events, typed and untyped keys of requestParameters/responseElements, and where typing stops.");
        var coveragePaths = Paths(required: true);
        var coverageJson = new Option<bool>("--json") { Description = "Print one JSON object (same as --format json)." };
        var coverageFormat = Format();
        var coverageTop = Top(20);
        var coverageFilter = new FilterOptions();
        coverage.Add(coveragePaths);
        coverage.Add(coverageJson);
        coverage.Add(coverageFormat);
        coverage.Add(coverageTop);
        coverageFilter.AddTo(coverage);
        coverage.SetAction(result => RunCoverage(result, coveragePaths, coverageJson, coverageFormat, coverageTop, coverageFilter, console));
        root.Add(coverage);

        var synth = new Command("synth", "Writes a realistic synthetic CloudTrail log from the catalog: plausible identities, times, services, events, request and response values, about 5% errors, and Insights records.");
        var synthRecords = new Option<int>("--records") { Description = "How many records to write.", Required = true, HelpName = "N" };
        synthRecords.Validators.Add(r =>
        {
            if (Token(r) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n < 1) r.AddError("--records must be at least 1.");
        });
        var synthSeed = new Option<int>("--seed") { Description = "Random seed: the same seed writes the same log.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var synthOut = new Option<string>("--out") { Description = "The file to write: .json ({\"Records\":[...]}), .json.gz (the same, gzipped) or .ndjson (one record per line).", Required = true, HelpName = "FILE" };
        synthOut.Validators.Add(r =>
        {
            string? path = r.GetValueOrDefault<string>();
            if (path is not null && Synthesizer.FormatOf(path) is null) r.AddError($"--out must end in .json, .json.gz or .ndjson: '{path}'.");
        });
        var synthStart = new Option<DateTimeOffset?>("--start")
        {
            Description = "When the log starts (ISO-8601, UTC by default). Default: 2025-01-06T00:00:00Z.",
            HelpName = "TIME",
            CustomParser = ParseTime,
        };
        var synthDays = new Option<double>("--days") { Description = "How many days the log spans.", DefaultValueFactory = _ => 1.0, HelpName = "D" };
        synthDays.Validators.Add(r =>
        {
            if (Token(r) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double days) && days is <= 0 or > 366)
            {
                r.AddError("--days must be more than 0 and at most 366.");
            }
        });
        synth.Add(synthRecords);
        synth.Add(synthSeed);
        synth.Add(synthOut);
        synth.Add(synthStart);
        synth.Add(synthDays);
        synth.SetAction(result =>
        {
            var options = new SynthOptions
            {
                Records = result.GetValue(synthRecords),
                Seed = result.GetValue(synthSeed),
                Start = result.GetValue(synthStart) ?? new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero),
                Span = TimeSpan.FromDays(result.GetValue(synthDays)),
            };
            return RunSynth(options, result.GetValue(synthOut)!, console);
        });
        root.Add(synth);
        return root;
    }

    private static int RunSummary(ParseResult result, SummaryOptions options, AppConsole console)
    {
        var filter = options.Filter.Build(result);
        var source = Open(result.GetValue(options.Paths) ?? [], console, keepOriginalJson: false, out int problems);
        if (source is null) return ExitCodes.BadInput;
        var summary = new Summary();
        ProgressReporter.ForEach(console, source, scanned =>
        {
            if (filter.Matches(scanned.Record)) summary.Add(scanned.Record);
        });
        if (string.Equals(result.GetValue(options.Format), "json", StringComparison.OrdinalIgnoreCase)) SummaryOutput.WriteJson(console, summary, source);
        else SummaryOutput.WriteTable(console.CreateOutRenderer(), summary, source, result.GetValue(options.Top));
        return problems > 0 || source.HadInputErrors ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private static int RunRecords(ParseResult result, Argument<string[]> paths, FilterOptions filterOptions, AppConsole console)
    {
        var filter = filterOptions.Build(result);
        var source = Open(result.GetValue(paths) ?? [], console, keepOriginalJson: false, out int problems);
        if (source is null) return ExitCodes.BadInput;
        try
        {
            using var stdout = new BufferedStream(console.OpenStdout(), 1 << 16);
            using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            ProgressReporter.ForEach(console, source, scanned =>
            {
                if (!filter.Matches(scanned.Record)) return;
                // Read the typed Request/Response first, so the record is written from the typed model.
                TypedParts.Materialize(scanned.Record);
                JsonSerializer.Serialize(json, scanned.Record, CloudTrailJsonContext.Default.CloudTrailRecord);
                json.Flush();
                stdout.WriteByte((byte)'\n');
                json.Reset();
            });
            stdout.Flush();
        }
        catch (IOException e)
        {
            // Input errors are handled by RecordSource: this is the output (a closed pipe, a full disk).
            console.Message($"cannot write the records: {e.Message}");
            return ExitCodes.BadInput;
        }
        return problems > 0 || source.HadInputErrors ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private static int RunCoverage(ParseResult result, Argument<string[]> paths, Option<bool> json, Option<string> format, Option<int> top, FilterOptions filterOptions, AppConsole console)
    {
        var filter = filterOptions.Build(result);
        var source = Open(result.GetValue(paths) ?? [], console, keepOriginalJson: true, out int problems);
        if (source is null) return ExitCodes.BadInput;
        var coverage = new Coverage();
        ProgressReporter.ForEach(console, source, scanned =>
        {
            if (filter.Matches(scanned.Record)) coverage.Add(scanned);
        });
        if (result.GetValue(json) || string.Equals(result.GetValue(format), "json", StringComparison.OrdinalIgnoreCase)) CoverageOutput.WriteJson(console, coverage, source, result.GetValue(top));
        else CoverageOutput.WriteTable(console.CreateOutRenderer(), coverage, source, result.GetValue(top));
        return problems > 0 || source.HadInputErrors ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private static int RunSynth(SynthOptions options, string path, AppConsole console)
    {
        SynthCatalog catalog;
        try
        {
            catalog = SynthCatalog.Load(SynthCatalog.DefaultFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            console.Message($"cannot read the catalog beside trailscan ({SynthCatalog.DefaultFolder}): {e.Message}");
            return ExitCodes.BadInput;
        }
        try
        {
            new Synthesizer(catalog, options).WriteFile(path, Synthesizer.FormatOf(path)!.Value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Message($"{path}: {e.Message}");
            return ExitCodes.BadInput;
        }
        console.Message($"wrote {options.Records:N0} records to {path}");
        return ExitCodes.Success;
    }

    /// <summary>Expands the paths; reports those that do not exist. Null when there is nothing to read at all.</summary>
    private static RecordSource? Open(string[] paths, AppConsole console, bool keepOriginalJson, out int problems)
    {
        var messages = new List<string>();
        var files = Inputs.Expand(paths, messages);
        foreach (string message in messages) console.Message(message);
        problems = messages.Count;
        if (files.Count == 0 && messages.Count > 0) return null;
        return new RecordSource(console, files, keepOriginalJson);
    }

    private static Argument<string[]> Paths(bool required)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Log files (any wrapper CloudTrailLog reads, gzipped or not), folders (read recursively: .json, .json.gz, .ndjson), or - for standard input." +
                          (required ? "" : " Default: the sample logs shipped beside trailscan."),
            Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
        };
        // An argument takes any token, so an unknown option would be read as a file name: say
        // what it is instead (a file whose name starts with '-' can be given as ./-name).
        paths.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-') r.AddError($"Unrecognized command or argument '{token.Value}'.");
            }
        });
        return paths;
    }

    /// <summary>The option's value as typed, when it has exactly one.</summary>
    private static string? Token(OptionResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : null;

    private static Option<string> Format()
    {
        var option = new Option<string>("--format") { Description = "Output: table (for people) or json (one object, for scripts).", DefaultValueFactory = _ => "table", HelpName = "table|json" };
        option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "table", "json");
        return option;
    }

    private static Option<int> Top(int defaultValue)
    {
        var option = new Option<int>("--top") { Description = "How many rows each table shows (and each top list of --format json for coverage).", DefaultValueFactory = _ => defaultValue, HelpName = "N" };
        option.Validators.Add(r =>
        {
            if (Token(r) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n < 1) r.AddError("--top must be at least 1.");
        });
        return option;
    }

    /// <summary>An ISO-8601 time (UTC unless it says), a date, or a time before now: 30m, 12h, 7d.</summary>
    private static DateTimeOffset? ParseTime(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (text.Length > 1 && char.IsDigit(text[0]) && text[^1] is 'm' or 'h' or 'd'
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double amount))
        {
            var span = text[^1] switch { 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) };
            return DateTimeOffset.UtcNow - span;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }
        result.AddError($"'{text}' is not a time: use ISO-8601 (2025-01-06T09:00:00Z, 2025-01-06) or a time before now (30m, 12h, 7d).");
        return null;
    }

    /// <summary>The filter options, shared by summary, records and coverage.</summary>
    private sealed class FilterOptions
    {
        private readonly Option<string[]> _service = new("--service") { Description = "Only this service: its id (s3) or eventSource (s3.amazonaws.com). Repeat for more.", HelpName = "ID" };
        private readonly Option<string[]> _event = new("--event") { Description = "Only this eventName. Repeat for more.", HelpName = "NAME" };
        private readonly Option<string?> _category = new("--category") { Description = "Only this eventCategory: Management, Data, Insight or NetworkActivity.", HelpName = "CATEGORY" };
        private readonly Option<bool> _errors = new("--errors") { Description = "Only records with an errorCode." };
        private readonly Option<string?> _principal = new("--principal") { Description = "Only calls by this principal: an ARN (the caller's, or the role it assumed) or a name (user, role, session, access key id, service).", HelpName = "ARN-or-name" };
        private readonly Option<DateTimeOffset?> _since = new("--since") { Description = "Only records at or after this time (ISO-8601, UTC unless it says; or 30m, 12h, 7d before now).", HelpName = "TIME", CustomParser = ParseTime };
        private readonly Option<DateTimeOffset?> _until = new("--until") { Description = "Only records before this time.", HelpName = "TIME", CustomParser = ParseTime };

        public FilterOptions()
        {
            _category.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, s_categories);
        }

        public void AddTo(Command command)
        {
            command.Add(_service);
            command.Add(_event);
            command.Add(_category);
            command.Add(_errors);
            command.Add(_principal);
            command.Add(_since);
            command.Add(_until);
        }

        public RecordFilter Build(ParseResult result) => new()
        {
            Services = result.GetValue(_service) ?? [],
            Events = result.GetValue(_event) ?? [],
            Category = result.GetValue(_category),
            ErrorsOnly = result.GetValue(_errors),
            Principal = result.GetValue(_principal),
            Since = result.GetValue(_since),
            Until = result.GetValue(_until),
        };
    }

    /// <summary>The arguments and options of summary (also the root command's).</summary>
    private sealed class SummaryOptions(bool pathsRequired)
    {
        public Argument<string[]> Paths { get; } = Cli.Paths(pathsRequired);

        public Option<string> Format { get; } = Cli.Format();

        public Option<int> Top { get; } = Cli.Top(10);

        public FilterOptions Filter { get; } = new();

        public void AddTo(Command command)
        {
            command.Add(Paths);
            command.Add(Format);
            command.Add(Top);
            Filter.AddTo(command);
        }
    }
}
