using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Cutover;

/// <summary>What <c>--output json</c> prints for cutover, rollback and retire: one object a pipeline can act on.</summary>
internal sealed record TrafficReport(
    string Verb,
    string Stack,
    string Outcome,
    string Reason,
    StackWeights? Before,
    StackWeights? After,
    IReadOnlyList<DecisionView> Decisions,
    IReadOnlyList<ProblemView> Warnings)
{
    public static TrafficReport Of(TrafficVerb verb, string stack, CutoverState final, IReadOnlyList<RunEntry> entries, StackView? before, StackView? after, IReadOnlyList<Problem> warnings)
    {
        var (outcome, reason) = final.Phase is CutoverPhase.Finished finished
            ? (Outcomes.Key(finished.Outcome), finished.Reason)
            : ("interrupted", "the run stopped before finishing");
        return new(verb.Key(), stack, outcome, reason, StackWeights.Of(before), StackWeights.Of(after),
            [.. entries.Where(e => e.Decision.Action is not CutoverAction.Wait).Select(DecisionView.Of)], [.. warnings.Select(ProblemView.From)]);
    }
}

internal sealed record WeightsView(int Blue, int Green)
{
    public static WeightsView? Of(ObservedWeights? weights) => weights is null ? null : new(weights.Blue, weights.Green);
}

/// <summary>Config (what the next update deploys) beside deployed (what Route53 serves); null where not deployed or not read.</summary>
internal sealed record StackWeights(WeightsView? Config, WeightsView? Deployed)
{
    public static StackWeights? Of(StackView? view) => view is null ? null : new(WeightsView.Of(view.ConfigRead), WeightsView.Of(view.Deployed));
}

internal sealed record DecisionView(DateTimeOffset At, string Decision, WeightsView? Weights, string Reason)
{
    public static DecisionView Of(RunEntry entry) => entry.Decision.Action switch
    {
        CutoverAction.ApplyWeights apply => new(entry.At, "apply", WeightsView.Of(ObservedWeights.Of(apply.Weights)), apply.Reason),
        CutoverAction.RollBack back => new(entry.At, "rollBack", WeightsView.Of(ObservedWeights.Of(back.Weights)), back.Reason),
        CutoverAction.Done done => new(entry.At, Outcomes.Key(done.Outcome), WeightsView.Of(entry.Decision.State.Applied), done.Summary),
        CutoverAction.Abort abort => new(entry.At, Outcomes.Key(abort.Outcome), WeightsView.Of(abort.LeftInPlace), abort.Reason),
        _ => new(entry.At, "wait", null, ""),
    };
}

internal static class TrafficExit
{
    /// <summary>The process's answer for a finished run; a rollback verb that landed is success, a cutover that rolled back is not.</summary>
    public static int For(CutoverState final, TrafficVerb verb) => final.Phase switch
    {
        CutoverPhase.Finished { Outcome: CutoverOutcome.RolledBackToFailingSource } => ExitCodes.BothColorsFailing,
        CutoverPhase.Finished finished when verb.Succeeded(finished.Outcome) => ExitCodes.Ok,
        _ => ExitCodes.Blocked,
    };
}
