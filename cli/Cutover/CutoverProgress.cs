using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace BlueGreen.Cli.Cutover;

/// <summary>What a person watching a run sees: a live panel at a terminal, one line per decision anywhere else.</summary>
internal static class CutoverProgress
{
    /// <summary>The decisions worth a line in a log: everything but waiting.</summary>
    public static void WriteLine(IAnsiConsole console, RunEntry entry)
    {
        var (color, text) = entry.Decision.Action switch
        {
            CutoverAction.ApplyWeights apply => ("blue", $"apply {apply.Weights}{Attempt(apply.Attempt)}: {apply.Reason}"),
            CutoverAction.RollBack back => ("red", $"roll back to {back.Weights}{Attempt(back.Attempt)}: {back.Reason}"),
            CutoverAction.Done done => (done.Outcome switch { CutoverOutcome.Completed => "green", CutoverOutcome.RolledBackToFailingSource => "red bold", _ => "yellow" }, $"{Outcomes.Describe(done.Outcome)}: {done.Summary}"),
            CutoverAction.Abort abort => ("red", $"{Outcomes.Describe(abort.Outcome)}: {abort.Reason}"),
            _ => (null, null),
        };
        if (text is not null)
        {
            console.MarkupLine($"[grey]{entry.At:HH:mm:ss.fff}[/] [{color}]{Markup.Escape(text)}[/]");
        }
    }

    public static IRenderable Panel(CutoverState state, RunEntry? lastDecision)
    {
        var plan = state.Plan;
        var table = new Table().HideHeaders().Border(TableBorder.Rounded).AddColumns("", "");
        table.Title = new TableTitle($"cutover to {plan.Target.Key()}");
        table.AddRow("phase", Markup.Escape(Describe(state)));
        table.AddRow("weights", Markup.Escape(state.Applied.ToString()));
        table.AddRow($"{plan.Target.Key()} (target)", Markup.Escape(Gate(state.TargetGate)));
        table.AddRow($"{plan.Source.Key()} (source)", Markup.Escape(Gate(state.SourceGate)));
        if (lastDecision is not null)
        {
            table.AddRow("last decision", Markup.Escape(lastDecision.Decision.Action switch
            {
                CutoverAction.ApplyWeights apply => $"apply {apply.Weights}: {apply.Reason}",
                CutoverAction.RollBack back => $"roll back to {back.Weights}: {back.Reason}",
                CutoverAction.Done done => done.Summary,
                CutoverAction.Abort abort => abort.Reason,
                _ => "",
            }));
        }

        return table;
    }

    private static string Describe(CutoverState state)
    {
        var steps = state.Plan.Steps.Length;
        return state.Phase switch
        {
            CutoverPhase.SmokeCheck => $"checking {state.Plan.Target.Key()} before moving traffic",
            CutoverPhase.Applying applying => $"step {applying.NextStep} of {steps}: applying {applying.Weights}{Attempt(applying.Attempt)}",
            CutoverPhase.Baking baking => $"step {baking.NextStep} of {steps}: baking {Durations.Format(state.Now - state.PhaseSince)} of {Durations.Format(state.Plan.Bake)}",
            CutoverPhase.RollingBack rolling => $"rolling back to {rolling.Weights}{Attempt(rolling.Attempt)}",
            CutoverPhase.Finished finished => Outcomes.Describe(finished.Outcome),
            _ => "",
        };
    }

    private static string Gate(GateReport gate) => $"{gate.Verdict.ToString().ToLowerInvariant()} · {gate.Figures}";

    private static string Attempt(int attempt) => attempt > 1 ? $" (attempt {attempt})" : "";
}
