using System.Globalization;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Cutover;

internal static class Outcomes
{
    public static string Describe(CutoverOutcome outcome) => outcome switch
    {
        CutoverOutcome.Completed => "completed",
        CutoverOutcome.RolledBack => "rolled back",
        CutoverOutcome.RolledBackToFailingSource => "ROLLED BACK TO A FAILING SOURCE",
        CutoverOutcome.Aborted => "aborted",
        CutoverOutcome.Overridden => "stopped: the stack was changed by someone else",
        CutoverOutcome.Interrupted => "interrupted",
        _ => "not started",
    };

    /// <summary>The outcome as JSON names it.</summary>
    public static string Key(CutoverOutcome outcome) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString());
}

/// <summary>The Markdown account of a run, for a pull-request comment or a change record.</summary>
internal static class CutoverSummary
{
    public static string Render(IReadOnlyList<RunEntry> entries, string trafficStack, TrafficVerb verb, StackView? after = null, IReadOnlyList<Problem>? warnings = null)
    {
        var first = entries[0].Decision.State;
        var last = entries[^1].Decision.State;
        var plan = first.Plan;
        var (outcome, reason) = last.Phase is CutoverPhase.Finished finished
            ? (Outcomes.Describe(finished.Outcome), finished.Reason)
            : ("interrupted", $"the run stopped in phase {EventsFile.Phase(last.Phase)}; re-run the cutover to continue from the stack's weights");
        var succeeded = last.Phase is CutoverPhase.Finished ended && verb.Succeeded(ended.Outcome);
        var icon = succeeded ? "✅" : "❌";
        var title = verb == TrafficVerb.Rollback ? $"Rollback to {plan.Source.Key()}" : $"Cutover to {plan.Target.Key()}";
        var start = entries[0].At;

        IEnumerable<string> warned = warnings is { Count: > 0 }
            ? [.. warnings.Select(w => $"- warning `{w.Code}` {Markdown.Cell($"{w.Key}: {w.Message}")}"), ""]
            : [];
        var lines = new List<string>
        {
            $"## {icon} {title}: {outcome}",
            "",
            $"{Markdown.Cell(reason)}",
            "",
        };
        lines.AddRange(warned);
        lines.AddRange(
        [
            Markdown.Table(["", ""],
            [
                ["traffic stack", $"`{trafficStack}`"],
                ["weights", $"{first.Applied} → {last.Applied}"],
                ["deployed at the end (read from the stack)", after?.Deployed?.ToString() ?? "not read"],
                ["config at the end (read from the stack)", after?.ConfigRead?.ToString() ?? "not read"],
                ["started", start.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)],
                ["took", Durations.Format(entries[^1].At - start)],
                ["schedule", $"{plan.Target.Key()} {string.Join(" → ", plan.Steps)} of {plan.Total}"],
                ["bake per step", Durations.Format(plan.Bake)],
                ["probe interval", Durations.Format(plan.ProbeInterval)],
                ["gates", plan.Gates.ToString()],
                ["on failure", plan.RollbackTo == RollbackTarget.AllOnSource ? $"all traffic back to {plan.Source.Key()}" : "back to the last step that passed"],
            ]),
            "",
            "### Decisions",
            "",
            Markdown.Table(["at", "decision", "weights", "why"], entries
                .Where(e => e.Decision.Action is not CutoverAction.Wait)
                .Select(e => Row(e, start))),
            "",
            "### Gates at the end",
            "",
            Markdown.Table(["color", "role", "verdict", "success ratio", "p95 latency", "probes in window"],
                new[] { plan.Target, plan.Source }.Select(color => Gate(last.GateFor(color), color == plan.Target ? "target (decides)" : "source (watched)"))),
        ]);
        return string.Join('\n', lines) + "\n";
    }

    private static IReadOnlyList<string?> Row(RunEntry entry, DateTimeOffset start)
    {
        var at = $"+{Durations.Format(entry.At - start)}";
        return entry.Decision.Action switch
        {
            CutoverAction.ApplyWeights apply => [at, apply.Attempt > 1 ? $"apply (attempt {apply.Attempt})" : "apply", apply.Weights.ToString(), apply.Reason],
            CutoverAction.RollBack back => [at, back.Attempt > 1 ? $"roll back (attempt {back.Attempt})" : "roll back", back.Weights.ToString(), back.Reason],
            CutoverAction.Done done => [at, Outcomes.Describe(done.Outcome), entry.Decision.State.Applied.ToString(), done.Summary],
            CutoverAction.Abort abort => [at, Outcomes.Describe(abort.Outcome), abort.LeftInPlace.ToString(), abort.Reason],
            _ => [at, "", "", ""],
        };
    }

    private static IReadOnlyList<string?> Gate(GateReport gate, string role) =>
    [
        gate.Color.Key(),
        role,
        gate.Verdict.ToString().ToLowerInvariant(),
        gate.SuccessRatio?.ToString("0.#%", CultureInfo.InvariantCulture) ?? "no probes",
        gate.P95Latency is { } p95 ? $"{p95.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms" : "",
        gate.Samples.ToString(CultureInfo.InvariantCulture),
    ];
}
