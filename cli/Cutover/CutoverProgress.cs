using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using Spectre.Console;

namespace BlueGreen.Cli.Cutover;

/// <summary>What a person watching a run sees: one line per decision.</summary>
internal static class CutoverProgress
{
    /// <summary>The decisions worth a line in a log: everything but waiting.</summary>
    public static void WriteLine(IAnsiConsole console, RunEntry entry)
    {
        var (color, text) = entry.Decision.Action switch
        {
            CutoverAction.ApplyWeights apply => ("blue", $"apply {apply.Weights}{Attempt(apply.Attempt)}: {apply.Reason}"),
            CutoverAction.RollBack back => ("red", $"roll back to {back.Weights}{Attempt(back.Attempt)}: {back.Reason}"),
            CutoverAction.Done done => (done.Outcome == CutoverOutcome.Completed ? "green" : "yellow", $"{Outcomes.Describe(done.Outcome)}: {done.Summary}"),
            CutoverAction.Abort abort => ("red", $"{Outcomes.Describe(abort.Outcome)}: {abort.Reason}"),
            _ => (null, null),
        };
        if (text is not null)
        {
            console.MarkupLine($"[grey]{entry.At:HH:mm:ss.fff}[/] [{color}]{Markup.Escape(text)}[/]");
        }
    }

    private static string Attempt(int attempt) => attempt > 1 ? $" (attempt {attempt})" : "";
}
