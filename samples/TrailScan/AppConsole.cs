using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Microsoft.Win32.SafeHandles;
using Spectre.Console;
using TrailScan.Reading;

namespace TrailScan;

/// <summary>
/// Where trailscan reads and writes: the process's console, or (in tests) streams and writers
/// given by the caller. Every command goes through this, never through <see cref="Console"/>.
/// </summary>
public sealed class AppConsole
{
    // Output that is not a terminal gets fixed-width tables (unless COLUMNS says), so files and CI diffs are stable.
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
    /// <param name="width">The width tables and charts fit (see <see cref="WidthFor"/>); null: the terminal's.</param>
    /// <param name="interrupt">Canceled when the user interrupts (Ctrl-C): reading stops, and the command says how far it got.</param>
    public AppConsole(TextWriter stdout, TextWriter stderr, Func<Stream> openStdin, Func<Stream> openStdout, bool stdoutIsTerminal = false, bool stderrIsTerminal = false, bool stdinHasInput = false, int? width = RedirectedWidth, CancellationToken interrupt = default)
    {
        Interrupt = interrupt;
        Width = width;
        StdinHasInput = stdinHasInput;
        Out = stdout;
        Error = stderr;
        _openStdin = openStdin;
        _openStdout = openStdout;
        OutIsTerminal = stdoutIsTerminal;
        ErrorIsTerminal = stderrIsTerminal;
    }

    // Kept alive for the life of the process: disposing it restores the default handling.
    private static PosixSignalRegistration? s_interruptRegistration;

    /// <summary>The process's own console.</summary>
    public static AppConsole FromProcess()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var stdoutStream = OpenStandardOutput();
        var stdout = new StreamWriter(stdoutStream, utf8, 1 << 16) { AutoFlush = false };
        var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
        bool stderrIsTerminal = !Console.IsErrorRedirected;

        // The first Ctrl-C stops reading, so the command can say how far it got (and the progress
        // bar gives the cursor back); a second one ends the process at once.
        var interrupt = new CancellationTokenSource();
        s_interruptRegistration = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            if (interrupt.IsCancellationRequested)
            {
                if (stderrIsTerminal) RestoreCursor(stderr);
                return; // default handling: the process ends
            }
            context.Cancel = true;
            interrupt.Cancel();
        });

        return new AppConsole(
            stdout,
            stderr,
            Console.OpenStandardInput,
            () =>
            {
                stdout.Flush();
                return stdoutStream;
            },
            stdoutIsTerminal: !Console.IsOutputRedirected,
            stderrIsTerminal: !Console.IsErrorRedirected,
            stdinHasInput: Console.IsInputRedirected && StdinInput.IsPipedOrFile(),
            width: WidthFor(Environment.GetEnvironmentVariable("COLUMNS"), outIsTerminal: !Console.IsOutputRedirected),
            interrupt: interrupt.Token);
    }

    /// <summary>
    /// Standard output as a stream that reports a closed pipe: Console.OpenStandardOutput's
    /// stream ignores EPIPE on Unix, so trailscan records | head -1 would read every input to its
    /// end with nobody reading what it writes. A file keeps Console's stream.
    /// </summary>
    private static Stream OpenStandardOutput()
    {
        if (OperatingSystem.IsWindows()) return Console.OpenStandardOutput();
        try
        {
            var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            // Only for a pipe, socket or terminal: a FileStream writes a file at positions of its
            // own, which standard error (2>&1 to the same file) would overwrite.
            if (!stream.CanSeek) return stream;
            stream.Dispose();
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Closed, or not something FileStream takes.
        }
        return Console.OpenStandardOutput();
    }

    /// <summary>
    /// Whether <paramref name="e"/> says the reader of standard output went away (EPIPE; on Windows
    /// ERROR_BROKEN_PIPE or ERROR_NO_DATA): then there is nobody to write to, and nothing to report.
    /// </summary>
    public static bool IsClosedOutput(IOException e) =>
        e.HResult is 32 or unchecked((int)0x8007006D) or unchecked((int)0x800700E8);

    /// <summary>Shows the terminal's cursor again (a progress bar hides it while it draws).</summary>
    internal static void RestoreCursor(TextWriter terminal)
    {
        try
        {
            terminal.Write("\u001b[?25h");
            terminal.Flush();
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Canceled when the user interrupts (Ctrl-C).</summary>
    public CancellationToken Interrupt { get; }

    /// <summary>
    /// The width output fits: <c>COLUMNS</c> when it is set to a width (as a terminal's shell sets
    /// it, or a script to choose one), else the terminal's own (null: measured when drawing), else
    /// 100 when output is not a terminal, so that files and CI diffs are the same everywhere.
    /// </summary>
    public static int? WidthFor(string? columns, bool outIsTerminal)
    {
        if (int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int width) && width is >= MinWidth and <= MaxWidth)
        {
            return width;
        }
        return outIsTerminal ? null : RedirectedWidth;
    }

    // Narrower than this, no table fits; wider is no use.
    private const int MinWidth = 40;
    private const int MaxWidth = 1000;

    /// <summary>The width tables and charts fit; null: the terminal's, measured by Spectre.Console.</summary>
    public int? Width { get; }

    /// <summary>
    /// Whether standard input is a pipe, or a file with content: then trailscan with no PATH
    /// reads it rather than the sample logs (summary, principal) or a usage error (records,
    /// coverage, export). A terminal, /dev/null or a closed standard input is not.
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

    /// <summary>
    /// Leave out a command's closing report on standard error (what it did, how fast), for a
    /// program that runs a command as a step of its own (trailscan-query exporting logs before its
    /// query); problems are still written.
    /// </summary>
    public bool Quiet { get; init; }

    /// <summary>Opens standard input.</summary>
    public Stream OpenStdin() => _openStdin();

    /// <summary>Opens standard output for bytes (flushing <see cref="Out"/> first). Flush it, never dispose it: <see cref="Out"/> writes to the same stream.</summary>
    public Stream OpenStdout()
    {
        Out.Flush();
        return _openStdout();
    }

    /// <summary>Writes a message to standard error, prefixed with the tool's name.</summary>
    public void Message(string text)
    {
        MessageLine($"trailscan: {text}");
    }

    /// <summary>Writes a line <see cref="Message"/> made (on another console) as it is.</summary>
    internal void MessageLine(string line)
    {
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
        if (Width is { } width) console.Profile.Width = width;
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
