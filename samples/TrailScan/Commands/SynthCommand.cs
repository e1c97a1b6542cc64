using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using TrailScan.Synth;

namespace TrailScan.Commands;

/// <summary><c>trailscan synth</c>: a realistic synthetic log from the catalog, written by <see cref="Synthesizer"/>.</summary>
internal static class SynthCommand
{
    /// <summary>The synth command.</summary>
    public static Command Create(AppConsole console)
    {
        var command = new Command("synth", "Writes a realistic synthetic CloudTrail log from the catalog: plausible identities, times, services, events, request and response values, about 5% errors, and Insights records.");
        var records = new Option<int>("--records") { Description = "How many records to write.", Required = true, HelpName = "N" };
        records.Validators.Add(r =>
        {
            if (SharedOptions.Token(r) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n < 1) r.AddError("--records must be at least 1.");
        });
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed writes the same log.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var output = new Option<string>("--out") { Description = "The file to write: .json ({\"Records\":[...]}), .json.gz (the same, gzipped) or .ndjson (one record per line); with --awslogs, a folder.", Required = true, HelpName = "FILE" };
        var awsLogs = new Option<bool>("--awslogs")
        {
            Description = "Write the log into the folder --out as CloudTrail delivers it to S3: AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_RANDOM.json.gz, a file per account, region and 5 minutes (Insights under CloudTrail-Insight/). Copy it to a bucket to try s3:// inputs.",
        };
        command.Validators.Add(r =>
        {
            string? path = r.GetValue(output);
            if (path is not null && !r.GetValue(awsLogs) && Synthesizer.FormatOf(path) is null) r.AddError($"--out must end in .json, .json.gz or .ndjson (or give --awslogs to write a folder): '{path}'.");
        });
        var start = new Option<DateTimeOffset?>("--start")
        {
            Description = "When the log starts (ISO-8601, UTC by default). Default: 2025-01-06T00:00:00Z.",
            HelpName = "TIME",
            CustomParser = SharedOptions.ParseTime,
        };
        var days = new Option<double>("--days") { Description = "How many days the log spans.", DefaultValueFactory = _ => 1.0, HelpName = "D" };
        days.Validators.Add(r =>
        {
            if (SharedOptions.Token(r) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is <= 0 or > 366)
            {
                r.AddError("--days must be more than 0 and at most 366.");
            }
        });
        command.Add(records);
        command.Add(seed);
        command.Add(output);
        command.Add(start);
        command.Add(days);
        command.Add(awsLogs);
        command.SetAction(result =>
        {
            var options = new SynthOptions
            {
                Records = result.GetValue(records),
                Seed = result.GetValue(seed),
                Start = result.GetValue(start) ?? new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero),
                Span = TimeSpan.FromDays(result.GetValue(days)),
            };
            return Run(options, result.GetValue(output)!, result.GetValue(awsLogs), console);
        });
        return command;
    }

    private static int Run(SynthOptions options, string path, bool awsLogs, AppConsole console)
    {
        // Said before the log is made (else: a .NET message about a part of the path).
        string folder = awsLogs ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? problem = SharedOptions.FileInTheWay(folder) is { } file ? $"--out {path}: '{file}' is a file, not a folder{(awsLogs ? ": --awslogs writes a folder" : "")}"
            : !awsLogs && !Directory.Exists(folder) ? $"--out {path}: the folder '{folder}' does not exist: make it first, or write to a folder that does"
            : null;
        if (problem is not null)
        {
            console.Message(problem);
            return ExitCodes.BadInput;
        }
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
            var synthesizer = new Synthesizer(catalog, options);
            if (awsLogs)
            {
                int files = AwsLogsFolder.Write(synthesizer, path, options.Seed);
                console.Message($"wrote {Words.Count(options.Records, "record", "records")} to {Path.Combine(path, "AWSLogs")} ({Words.Count(files, "file", "files")})");
                return ExitCodes.Success;
            }
            synthesizer.WriteFile(path, Synthesizer.FormatOf(path)!.Value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Message($"{path}: {e.Message}");
            return ExitCodes.BadInput;
        }
        console.Message($"wrote {Words.Count(options.Records, "record", "records")} to {path}");
        return ExitCodes.Success;
    }
}
