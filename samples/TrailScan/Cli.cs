using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using CloudTrailGen.S3;
using TrailScan.Commands;
using TrailScan.Reading;

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

    /// <summary>Interrupted (Ctrl-C, 128 + SIGINT): the input was not read to its end, and no report was written.</summary>
    public const int Interrupted = 130;
}

/// <summary>
/// trailscan's command line (System.CommandLine): the root command, the options several commands
/// share (below), and the exit codes; each command, with its own options and its handler, is in
/// Commands/. <c>Run</c> is the whole program; <c>Main</c> only gives it the process's console, so
/// tests run it in-process on their own writers and streams.
/// </summary>
public static class Cli
{
    /// <summary>Runs trailscan with <paramref name="args"/>.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, AppConsole console)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // numbers and dates the same everywhere
        try
        {
            var root = BuildCommands(console);
            args = CommandFirst(args);
            if (MisspeltCommand(args) is { } misspelt)
            {
                console.Message(misspelt);
                console.Message("see 'trailscan --help'");
                return ExitCodes.Usage;
            }
            var result = root.Parse(args);
            if (GivenBeforeTheCommand(result) is { } misplaced)
            {
                console.Message(misplaced);
                console.Message($"see 'trailscan {result.CommandResult.Command.Name} --help'");
                return ExitCodes.Usage;
            }
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
        catch (IOException e) when (AppConsole.IsClosedOutput(e))
        {
            // The reader of standard output went away (trailscan | head): nobody to tell.
            return ExitCodes.Success;
        }
        finally
        {
            Flush(console.Out);
            Flush(console.Error);
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static void Flush(TextWriter writer)
    {
        try
        {
            writer.Flush();
        }
        catch (IOException e) when (AppConsole.IsClosedOutput(e))
        {
        }
    }

    private static readonly string[] s_commands = ["summary", "records", "coverage", "principal", "synth", "export"];

    // The commands whose arguments are all PATHs, so that paths before them can be moved after them.
    private static readonly string[] s_pathCommands = ["summary", "records", "coverage", "export"];

    /// <summary>
    /// Paths may come before the command (trailscan a.json summary b.json): the command is moved
    /// first, so every path is the command's. Only paths (no options) may come before it.
    /// </summary>
    internal static string[] CommandFirst(string[] args)
    {
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i - 1].Length > 1 && args[i - 1][0] == '-') return args; // an option before it: leave the parser to it
            if (Array.IndexOf(s_pathCommands, args[i]) < 0) continue;
            if (File.Exists(args[i]) || Directory.Exists(args[i])) return args; // a file named like a command
            var moved = new string[args.Length];
            moved[0] = args[i];
            Array.Copy(args, 0, moved, 1, i);
            Array.Copy(args, i + 1, moved, i + 1, args.Length - i - 1);
            return moved;
        }
        return args;
    }

    /// <summary>A message when the first argument is neither a command nor a path, but close to a command (sumary).</summary>
    private static string? MisspeltCommand(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || Array.IndexOf(s_commands, args[0]) >= 0) return null;
        if (File.Exists(args[0]) || Directory.Exists(args[0])) return null;
        var near = CatalogIndex.Closest(args[0], s_commands);
        return near.Count == 0 ? null : $"'{args[0]}' is neither a command nor a file or folder; did you mean '{near[0]}'?";
    }

    /// <summary>
    /// A message when options (or paths) were given before a command (trailscan --service iam
    /// records x.json): they are the root command's, which runs summary when no command is given,
    /// so the command would never see them and answer as if they were not there. The message shows
    /// the command line with them after the command.
    /// </summary>
    internal static string? GivenBeforeTheCommand(ParseResult result)
    {
        var command = result.CommandResult;
        if (command.Command is RootCommand) return null;
        var given = new List<string>();
        foreach (var child in result.RootCommandResult.Children)
        {
            if (child is OptionResult { Implicit: false } option && option.Option is not (HelpOption or VersionOption))
            {
                given.Add(option.IdentifierToken?.Value ?? option.Option.Name);
            }
            else if (child is ArgumentResult argument)
            {
                foreach (var token in argument.Tokens) given.Add(token.Value);
            }
        }
        if (given.Count == 0) return null;
        // Everything before the command's name is the root's: it goes right after the name.
        var tokens = result.Tokens;
        int at = 0;
        while (at < tokens.Count && !ReferenceEquals(tokens[at], command.IdentifierToken)) at++;
        if (at == tokens.Count) return null;
        var line = new List<string> { "trailscan", command.Command.Name };
        for (int i = 0; i < tokens.Count; i++) if (i != at) line.Add(ShellWord(tokens[i].Value));
        string names = given.Count == 1 ? given[0] : string.Join(", ", given.GetRange(0, given.Count - 1)) + " and " + given[^1];
        return $"{names} {(given.Count == 1 ? "was" : "were")} given before the command '{command.Command.Name}': a command's options follow it: {string.Join(' ', line)}";
    }

    /// <summary>A word as a POSIX shell reads it back: quoted when it has anything but letters, digits and ./_-:=@,+%.</summary>
    private static string ShellWord(string word)
    {
        foreach (char c in word)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "./_-:=@,+%".IndexOf(c) < 0) return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        }
        return word.Length == 0 ? "''" : word;
    }

    /// <summary>
    /// New instances of the options <c>trailscan export</c> reads its PATHs with (the filters,
    /// --dedupe, --parallel, --verbose, --profile, --endpoint-url, --s3-timeout), as its help lists
    /// them: trailscan-query takes them for the logs it exports, and hands them on to export.
    /// </summary>
    public static IReadOnlyList<Option> ExportReadingOptions(AppConsole console) => [.. new InputOptions(console, sampleLogs: false).ReadingOptions];

    /// <summary>The command tree: the root command and the commands under it (each in Commands/).</summary>
    public static RootCommand BuildCommands(AppConsole console)
    {
        var root = new RootCommand(
            "trailscan: reads AWS CloudTrail logs through the types CloudTrailGen generates, and tells what is in them.\n" +
            "With no command, runs 'summary' on the PATHs given (trailscan [PATH...] [options]): log files, folders, or - for standard input.\n" +
            "With no PATH, reads standard input when it is a pipe or a file, else the sample logs shipped beside trailscan.");
        SummaryCommand.AddTo(root, console);
        root.Add(SummaryCommand.Create(console));
        root.Add(RecordsCommand.Create(console));
        root.Add(CoverageCommand.Create(console));
        root.Add(PrincipalCommand.Create(console));
        root.Add(SynthCommand.Create(console));
        root.Add(ExportCommand.Create(console));
        return root;
    }
}

/// <summary>The arguments and options several commands share, and how their values are read.</summary>
internal static class SharedOptions
{
    /// <summary>The option's value as typed, when it has exactly one.</summary>
    public static string? Token(OptionResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : null;

    /// <summary>--format of summary and coverage.</summary>
    public static Option<string> Format()
    {
        var option = new Option<string>("--format") { Description = "Output: table (for people) or json (one object, for scripts).", DefaultValueFactory = _ => "table", HelpName = "table|json" };
        option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "table", "json");
        return option;
    }

    /// <summary>Whether <paramref name="format"/> (made by <see cref="Format"/>) asks for JSON.</summary>
    public static bool IsJson(ParseResult result, Option<string> format) =>
        string.Equals(result.GetValue(format), "json", StringComparison.OrdinalIgnoreCase);

    /// <summary>--top of summary and coverage.</summary>
    public static Option<int> Top(int defaultValue)
    {
        var option = new Option<int>("--top")
        {
            Description = "How many rows each table shows (and each top list of --format json for coverage).",
            DefaultValueFactory = _ => defaultValue,
            HelpName = "N",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1) return n;
                r.AddError($"--top takes a whole number of rows, 1 or more (such as 10): '{text}' is not one.");
                return defaultValue;
            },
        };
        return option;
    }

    /// <summary>
    /// A file that stands where <paramref name="folder"/> or a folder above it must be (so no
    /// folder can be made there), as its full path; null when there is none.
    /// </summary>
    public static string? FileInTheWay(string folder)
    {
        if (folder.Trim().Length == 0) return null;
        for (string? path = Path.GetFullPath(folder); !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (Directory.Exists(path)) return null;
            if (File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>An ISO-8601 time (UTC unless it says), a date, or a time before now: 30m, 12h, 7d.</summary>
    public static DateTimeOffset? ParseTime(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (text.Length > 1 && char.IsDigit(text[0]) && text[^1] is 'm' or 'h' or 'd'
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double amount))
        {
            double minutes = amount * (text[^1] switch { 'm' => 1, 'h' => 60, _ => 1440 });
            var now = DateTimeOffset.UtcNow;
            // Further back than 0001-01-01 is no time at all (TimeSpan and DateTimeOffset would throw).
            double maxMinutes = (now - DateTimeOffset.MinValue).TotalMinutes;
            if (!double.IsFinite(minutes) || minutes > maxMinutes)
            {
                result.AddError($"'{text}' is too far back: a time before now can be at most {Math.Floor(maxMinutes / 1440):F0} days (or give an ISO-8601 time).");
                return null;
            }
            return now - TimeSpan.FromTicks(Math.Min((long)(minutes * TimeSpan.TicksPerMinute), (now - DateTimeOffset.MinValue).Ticks));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }
        result.AddError($"'{text}' is not a time: use ISO-8601 (2025-01-06T09:00:00Z, 2025-01-06) or a time before now (30m, 12h, 7d).");
        return null;
    }
}

/// <summary>
/// What summary, records, coverage, principal and export read: the PATH arguments and the filter
/// options. With no PATH, standard input is read when it is a pipe or a file (see
/// <see cref="FilteredRecords.Open"/>); else <paramref name="sampleLogs"/> says whether the sample
/// logs are read or it is a usage error.
/// </summary>
internal sealed class InputOptions(AppConsole console, bool sampleLogs, bool hidePaths = false)
{
    private readonly Argument<string[]> _paths = Paths(sampleLogs, hidePaths);
    private readonly FilterOptions _filter = new();
    private readonly Option<bool> _dedupe = new("--dedupe") { Description = "Read a record once: one whose eventID was read before (a log delivered twice, an organization trail and an account trail overlapping) is left out and counted as a duplicate. Keeps every eventID in memory." };
    // No default value in the option itself: help would show this machine's core count.
    private readonly Option<int?> _parallel = new("--parallel", "-j")
    {
        Description = "How many files to read at the same time, one per thread (default: one per core). Output is the same as reading them one after another (1): --dedupe leaves out the same duplicates, and records --limit stops every reader once N records are written. The objects of an s3:// PATH count as files (8 download at a time whatever N). Standard input is read on its own, one file after another with the other inputs.",
        HelpName = "N",
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 1) return n;
            r.AddError($"--parallel takes a number of files, 1 or more: '{text}' is not one.");
            return null;
        },
    };
    private readonly Option<bool> _verbose = new("--verbose") { Description = "A message for every value passed over (malformed records, values that are not records, digest files); without it, the first of each kind per input and a count of the rest." };
    // --account and --region are filters (FilterOptions); for s3:// inputs they also choose the folders listed.
    private readonly Option<string?> _profile = new("--profile") { Description = "s3:// inputs: the AWS profile to use (else the SDK's default chain: environment, AWS_PROFILE, SSO, instance or task role).", HelpName = "NAME" };
    private readonly Option<string?> _endpointUrl = new("--endpoint-url") { Description = "s3:// inputs: an S3-compatible endpoint, scheme://host[:port], addressed path-style (else AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL); the bucket goes in the s3:// PATH, and a path here only for a server that serves S3 under one.", HelpName = "URL" };
    private readonly Option<TimeSpan?> _s3Timeout = new("--s3-timeout")
    {
        Description = "s3:// inputs: how many seconds each S3 request may wait for an answer before it is tried again (3 attempts, or AWS_MAX_ATTEMPTS) and then given up, and how long an object's download may go without data (default 30).",
        HelpName = "SECONDS",
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            // An HTTP client's timeout is at most int.MaxValue milliseconds (24.8 days).
            const int MaxSeconds = int.MaxValue / 1000;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && seconds <= MaxSeconds) return TimeSpan.FromSeconds(seconds);
            r.AddError($"--s3-timeout takes a number of seconds greater than 0 and at most {MaxSeconds} (such as 30): '{text}' is not one.");
            return null;
        },
    };

    /// <summary>
    /// Adds PATH, then <paramref name="options"/> (the command's own), then the filters to
    /// <paramref name="command"/>: the order its help lists them in.
    /// </summary>
    public void AddTo(Command command, params Option[] options)
    {
        command.Add(_paths);
        if (!sampleLogs)
        {
            command.Validators.Add(r =>
            {
                if (r.GetResult(_paths) is not { Tokens.Count: > 0 } && !console.StdinHasInput)
                {
                    r.AddError("no PATH given, and standard input is not a pipe or a file: give PATHs (log files, folders, s3://bucket/prefix), or - for standard input.");
                }
            });
        }
        foreach (var option in options) command.Add(option);
        foreach (var option in ReadingOptions) command.Add(option);
    }

    /// <summary>The options that say which records are read and how: the filters, --dedupe, --parallel, --verbose and the S3 options.</summary>
    public IEnumerable<Option> ReadingOptions => [.. _filter.Options, _dedupe, _parallel, _verbose, _profile, _endpointUrl, _s3Timeout];

    /// <summary>
    /// Expands the paths given and reads them through the filters given (see <see cref="FilteredRecords.Open"/>).
    /// Null when there is nothing to read, or the filters cannot match (<paramref name="exitCode"/> says which).
    /// With <paramref name="views"/>, local inputs are read as record views (see <see cref="RecordSource"/>).
    /// </summary>
    public FilteredRecords? Open(ParseResult result, AppConsole console, bool keepOriginalJson, out int exitCode, bool views = false)
    {
        var filter = _filter.Build(result);
        var problems = filter.Problems();
        string[] paths = result.GetValue(_paths) ?? [];
        // The record filters --account, --region, --since and --until also choose the folders an
        // s3:// PATH lists (a trail's records are under their recipientAccountId and awsRegion).
        var s3 = new S3Input
        {
            Accounts = filter.Accounts,
            Regions = filter.Regions,
            Profile = result.GetValue(_profile),
            EndpointUrl = result.GetValue(_endpointUrl),
            Timeout = result.GetValue(_s3Timeout),
            Since = filter.Since,
            Until = filter.Until,
        };
        foreach (string path in paths)
        {
            if (!path.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)) continue;
            // Not a local path: "s3://" and "s3:///key" name no bucket.
            if (!CloudTrailS3Location.TryParse(path, out var location))
            {
                problems.Add($"{path}: no bucket in the s3:// PATH: give s3://BUCKET[/PREFIX]");
            }
            // The SDK would send the endpoint's path before the bucket: /BUCKET/BUCKET/...
            else if (s3.EndpointWithoutBucket(location.Bucket) is { } endpoint)
            {
                problems.Add($"--endpoint-url: '{s3.EndpointUrl}' ends in the bucket of {path}: an endpoint is scheme://host[:port] (with a path only for a server that serves S3 under one), and the bucket goes in the s3:// PATH: give --endpoint-url {endpoint}");
            }
        }
        if ((s3.Profile is not null || s3.EndpointUrl is not null || s3.Timeout is not null) && !Array.Exists(paths, p => p.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("--profile, --endpoint-url and --s3-timeout say how to reach S3: give an s3://bucket/prefix PATH.");
        }
        try
        {
            // The library says whether the endpoint is one (an absolute http:// or https:// URL), before any request.
            s3.ClientOptions();
        }
        catch (ArgumentException e)
        {
            problems.Add($"--endpoint-url: {e.Message}");
        }
        if (problems.Count > 0)
        {
            foreach (string problem in problems) console.Message(problem);
            console.Message($"see 'trailscan {(result.CommandResult.Command is RootCommand ? "" : result.CommandResult.Command.Name + " ")}--help'");
            exitCode = ExitCodes.Usage;
            return null;
        }
        exitCode = ExitCodes.BadInput;
        return FilteredRecords.Open(paths, filter, console, keepOriginalJson, result.GetValue(_verbose), result.GetValue(_dedupe), s3, views, result.GetValue(_parallel) ?? Environment.ProcessorCount);
    }

    private static Argument<string[]> Paths(bool sampleLogs, bool hidden)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Hidden = hidden,
            Description = "Log files (any wrapper CloudTrailLog reads, gzipped or not), folders (read recursively: .json, .json.gz, .ndjson, .jsonl; digest files left out), - for standard input, or s3://bucket/prefix (a trail's bucket in the AWSLogs layout: only the day folders of --since/--until, and of --account and --region when given, are listed), or a folder of the layout in it (s3://bucket/prefix/AWSLogs/ACCOUNT/CloudTrail/REGION/...). " +
                          "Default: standard input when it is a pipe or a file" + (sampleLogs ? ", else the sample logs shipped beside trailscan." : "."),
            Arity = ArgumentArity.ZeroOrMore,
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
}

/// <summary>The filter options, shared by summary, records and coverage.</summary>
internal sealed class FilterOptions
{
    private static readonly string[] s_categories = ["Management", "Data", "Insight", "NetworkActivity"];

    private readonly Option<string[]> _service = new("--service") { Description = "Only calls to this service: its id (s3; it matches every eventSource the catalog lists for the service) or an eventSource (s3.amazonaws.com). Repeat for more. Insights records are not calls: with --category Insight, --service and --event match the Insights records about that service or event.", HelpName = "ID" };
    private readonly Option<string[]> _event = new("--event") { Description = "Only calls of this eventName (Insights records only with --category Insight). Repeat for more.", HelpName = "NAME" };
    private readonly Option<string?> _category = new("--category") { Description = "Only this eventCategory: Management, Data, Insight or NetworkActivity. Insights records (insightDetails) count as Insight only, never as a call of the service they are about.", HelpName = "CATEGORY" };
    private readonly Option<bool> _errors = new("--errors") { Description = "Only records with an errorCode." };
    private readonly Option<string?> _principal = new("--principal") { Description = "Only calls by this principal: an ARN (the caller's, or the role it assumed), a principal as the summary shows it, or a name (user, role, role id, session, the name before @ of a session, access key id, service).", HelpName = "ARN-or-name" };
    private readonly Option<DateTimeOffset?> _since = new("--since") { Description = "Only records at or after this time (ISO-8601, UTC unless it says; or 30m, 12h, 7d before now).", HelpName = "TIME", CustomParser = SharedOptions.ParseTime };
    private readonly Option<DateTimeOffset?> _until = new("--until") { Description = "Only records before this time.", HelpName = "TIME", CustomParser = SharedOptions.ParseTime };
    private readonly Option<string[]> _ip = new("--ip") { Description = "Only calls from this sourceIPAddress: an address, a CIDR block (203.0.113.0/24, 2001:db8::/32), or a value as logged (lambda.amazonaws.com). Repeat for more.", HelpName = "ADDRESS-or-CIDR" };
    private readonly Option<string[]> _region = new("--region") { Description = "Only records of this awsRegion (for s3:// inputs, only its folders are read; the first is also the S3 client's region). Repeat for more.", HelpName = "REGION" };
    private readonly Option<string[]> _account = new("--account") { Description = "Only records of this account: the recipientAccountId, whose log it is (for s3:// inputs, only its folders are read). Repeat for more.", HelpName = "ID" };
    private readonly Option<string[]> _resource = new("--resource") { Description = "Only records about this ARN: one of its resources (the ARN, or a resource under it), or the ARN in its requestParameters. Repeat for more.", HelpName = "ARN" };
    private readonly Option<string[]> _notService = Not("--not-service", "ID", "service");
    private readonly Option<string[]> _notEvent = Not("--not-event", "NAME", "eventName");
    private readonly Option<string[]> _notPrincipal = Not("--not-principal", "ARN-or-name", "principal (as --principal takes it)");
    private readonly Option<string[]> _notIp = Not("--not-ip", "ADDRESS-or-CIDR", "sourceIPAddress or CIDR block");
    private readonly Option<string[]> _notRegion = Not("--not-region", "REGION", "awsRegion");
    private readonly Option<string[]> _notAccount = Not("--not-account", "ID", "account");

    /// <summary>An exclusion: every filter that names values has a --not- twin (one convention, no "!" to quote from the shell).</summary>
    private static Option<string[]> Not(string name, string helpName, string what) =>
        new(name) { Description = $"Leave out records of this {what}. Repeat for more.", HelpName = helpName };

    public FilterOptions()
    {
        _category.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, s_categories);
    }

    /// <summary>The filter options, in the order help lists them.</summary>
    public IEnumerable<Option> Options =>
    [
        _service, _event, _category, _errors, _principal, _since, _until, _ip, _region, _account, _resource,
        _notService, _notEvent, _notPrincipal, _notIp, _notRegion, _notAccount,
    ];

    /// <summary>The filter the options given make.</summary>
    public RecordFilter Build(ParseResult result) => new()
    {
        Services = result.GetValue(_service) ?? [],
        Events = result.GetValue(_event) ?? [],
        Category = result.GetValue(_category),
        ErrorsOnly = result.GetValue(_errors),
        Principal = result.GetValue(_principal),
        Since = result.GetValue(_since),
        Until = result.GetValue(_until),
        Ips = result.GetValue(_ip) ?? [],
        Regions = result.GetValue(_region) ?? [],
        Accounts = result.GetValue(_account) ?? [],
        Resources = result.GetValue(_resource) ?? [],
        NotServices = result.GetValue(_notService) ?? [],
        NotEvents = result.GetValue(_notEvent) ?? [],
        NotPrincipals = result.GetValue(_notPrincipal) ?? [],
        NotIps = result.GetValue(_notIp) ?? [],
        NotRegions = result.GetValue(_notRegion) ?? [],
        NotAccounts = result.GetValue(_notAccount) ?? [],
    };
}
