using BlueGreen.Core.Model;

namespace BlueGreen.Core.Cutover;

/// <summary>Where a cutover stands. Step numbers index <see cref="CutoverPlan.Steps"/>.</summary>
public abstract record CutoverPhase
{
    /// <summary>Probing the target directly before it gets (more) traffic.</summary>
    public sealed record SmokeCheck : CutoverPhase;

    /// <summary>Waiting for the traffic stack to take <paramref name="Weights"/>; the gates still watch the target meanwhile.</summary>
    public sealed record Applying(TrafficWeights Weights, int NextStep, int Attempt) : CutoverPhase;

    /// <summary><paramref name="Weights"/> are live; they must hold for the bake time with the gates passing.</summary>
    public sealed record Baking(TrafficWeights Weights, int NextStep) : CutoverPhase;

    /// <summary>A gate failed (or a rollback was asked for): returning to <paramref name="Weights"/>.</summary>
    public sealed record RollingBack(TrafficWeights Weights, int Attempt, string Reason) : CutoverPhase;

    public sealed record Finished(CutoverOutcome Outcome, string Reason) : CutoverPhase;
}
