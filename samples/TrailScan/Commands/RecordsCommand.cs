using System.CommandLine;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrailScan.Aws;
using TrailScan.Reading;

namespace TrailScan.Commands;

/// <summary><c>trailscan records</c>: the matching records as NDJSON, written from the typed model.</summary>
internal static class RecordsCommand
{
    /// <summary>The records command.</summary>
    public static Command Create(AppConsole console)
    {
        var command = new Command("records", "Writes the matching records as NDJSON, each serialized from the typed model (not copied from the input).");
        var input = new InputOptions(pathsRequired: true);
        input.AddTo(command);
        command.SetAction(result => Run(result, input, console));
        return command;
    }

    private static int Run(ParseResult result, InputOptions input, AppConsole console)
    {
        var records = input.Open(result, console, keepOriginalJson: false, out int openCode);
        if (records is null) return openCode;
        try
        {
            using var stdout = new BufferedStream(console.OpenStdout(), 1 << 16);
            using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            records.ForEach(scanned =>
            {
                // Read the typed Request/Response first, so the record is written from the typed model.
                _ = scanned.Record.TypedRequest;
                _ = scanned.Record.TypedResponse;
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
        return records.ExitCode;
    }
}
