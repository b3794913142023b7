using Spectre.Console;

namespace BlueGreen.Cli.Common;

internal static class Consoles
{
    /// <summary>
    /// A Spectre console over the writer a command was given, so tests capture tables as a user sees them;
    /// colors only on a real terminal, and a width that keeps tables unwrapped in CI logs.
    /// </summary>
    public static IAnsiConsole For(TextWriter writer)
    {
        var isTerminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>Whether live progress may be drawn: only for people at a terminal, never into JSON or a log.</summary>
    public static bool CanShowProgress(TextWriter writer, OutputFormat format) =>
        format == OutputFormat.Table && ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
}
