using System;
using System.IO;
using System.Text;
using Spectre.Console;
using TrailScan.Reading;

namespace TrailScan;

/// <summary>
/// Where trailscan reads and writes: the process's console, or (in tests) streams and writers
/// given by the caller. Every command goes through this, never through <see cref="Console"/>.
/// </summary>
public sealed class AppConsole
{
    // Output that is not a terminal gets fixed-width tables, so files and CI diffs are stable.
    private const int RedirectedWidth = 100;

    private readonly Func<Stream> _openStdin;
    private readonly Func<Stream> _openStdout;

    /// <summary>Creates a console over the given writers and streams.</summary>
    /// <param name="stdout">Text output (tables, JSON).</param>
    /// <param name="stderr">Messages, and the progress bar when <paramref name="stderrIsTerminal"/>.</param>
    /// <param name="openStdin">Opens standard input (read for the path <c>-</c>).</param>
    /// <param name="openStdout">Opens standard output as bytes (NDJSON of <c>records</c>); must write to the same place as <paramref name="stdout"/>.</param>
    /// <param name="stdoutIsTerminal">Whether standard output is a terminal (colors, terminal width).</param>
    /// <param name="stderrIsTerminal">Whether standard error is a terminal (progress bar).</param>
    /// <param name="stdinHasInput">Whether standard input brings data to read when no PATH is given (see <see cref="StdinInput.IsPipedOrFile"/>).</param>
    public AppConsole(TextWriter stdout, TextWriter stderr, Func<Stream> openStdin, Func<Stream> openStdout, bool stdoutIsTerminal = false, bool stderrIsTerminal = false, bool stdinHasInput = false)
    {
        StdinHasInput = stdinHasInput;
        Out = stdout;
        Error = stderr;
        _openStdin = openStdin;
        _openStdout = openStdout;
        OutIsTerminal = stdoutIsTerminal;
        ErrorIsTerminal = stderrIsTerminal;
    }

    /// <summary>The process's own console.</summary>
    public static AppConsole FromProcess()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, 1 << 16) { AutoFlush = false };
        var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
        return new AppConsole(
            stdout,
            stderr,
            Console.OpenStandardInput,
            () =>
            {
                stdout.Flush();
                return Console.OpenStandardOutput();
            },
            stdoutIsTerminal: !Console.IsOutputRedirected,
            stderrIsTerminal: !Console.IsErrorRedirected,
            stdinHasInput: Console.IsInputRedirected && StdinInput.IsPipedOrFile());
    }

    /// <summary>
    /// Whether standard input is a pipe, or a file with content: then trailscan with no PATH
    /// reads it rather than the sample logs. A terminal, /dev/null or a closed standard input is not.
    /// </summary>
    public bool StdinHasInput { get; }

    /// <summary>Text output.</summary>
    public TextWriter Out { get; }

    /// <summary>Messages.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether standard output is a terminal.</summary>
    public bool OutIsTerminal { get; }

    /// <summary>Whether standard error is a terminal.</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>Opens standard input.</summary>
    public Stream OpenStdin() => _openStdin();

    /// <summary>Opens standard output for bytes (flushing <see cref="Out"/> first).</summary>
    public Stream OpenStdout()
    {
        Out.Flush();
        return _openStdout();
    }

    /// <summary>Writes a message to standard error, prefixed with the tool's name.</summary>
    public void Message(string text)
    {
        string line = $"trailscan: {text}";
        if (MessageSink is { } sink) sink(line);
        else Error.WriteLine(line);
    }

    /// <summary>While a progress bar is shown, messages go through it (above the bar) instead of straight to <see cref="Error"/>.</summary>
    internal Action<string>? MessageSink { get; set; }

    /// <summary>
    /// A Spectre.Console renderer over standard output: colors only on a terminal (and never with
    /// NO_COLOR), a fixed width when redirected so that output is the same on every machine.
    /// </summary>
    public IAnsiConsole CreateOutRenderer()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = OutIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = OutIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Out),
        });
        // Tables and charts use box-drawing and block characters; output is written as UTF-8.
        console.Profile.Capabilities.Unicode = true;
        if (!OutIsTerminal) console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>A Spectre.Console renderer over standard error for the progress bar (only used when it is a terminal).</summary>
    public IAnsiConsole CreateProgressRenderer() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(Error),
    });
}
