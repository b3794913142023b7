using BlueGreen.Core.Model;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Cutover;

public enum CutoverOutcome
{
    /// <summary>All traffic is on the target color and every step passed its gates.</summary>
    Completed,

    /// <summary>A gate failed and traffic went back; or a rollback was asked for and done.</summary>
    RolledBack,

    /// <summary>Traffic went back to the source, but the source fails its gates too: both colors are unhealthy.</summary>
    RolledBackToFailingSource,

    /// <summary>An apply kept failing: the traffic stack keeps the last weights that were applied.</summary>
    Aborted,

    /// <summary>The target failed its smoke check at weight 0: no traffic was moved.</summary>
    NotStarted,

    /// <summary>Something else changed the traffic stack (a rollback, a hand edit, another run): this run stopped without applying.</summary>
    Overridden,

    /// <summary>A signal stopped the run; the stack keeps the weights deployed when it stopped.</summary>
    Interrupted,
}

/// <summary>What the engine wants done next. Applies run one at a time, in the order asked.</summary>
public abstract record CutoverAction
{
    /// <summary>Keep probing; nothing to change.</summary>
    public sealed record Wait : CutoverAction
    {
        public static readonly Wait Instance = new();
    }

    /// <summary>Move the traffic stack to <paramref name="Weights"/> (one step toward the target), after <paramref name="Backoff"/>.</summary>
    public sealed record ApplyWeights(TrafficWeights Weights, int Attempt, string Reason, TimeSpan Backoff = default) : CutoverAction;

    /// <summary>
    /// Move the traffic stack back to <paramref name="Weights"/>, after <paramref name="Backoff"/>. An apply still running
    /// toward the target is cancelled first: it would only move traffic the wrong way.
    /// </summary>
    public sealed record RollBack(TrafficWeights Weights, int Attempt, string Reason, TimeSpan Backoff = default) : CutoverAction;

    /// <summary>The run is over and the traffic stack is where the outcome says.</summary>
    public sealed record Done(CutoverOutcome Outcome, string Summary) : CutoverAction;

    /// <summary>The run stops without reaching its goal; <paramref name="LeftInPlace"/> are the weights the traffic stack keeps.</summary>
    public sealed record Abort(CutoverOutcome Outcome, string Reason, ObservedWeights LeftInPlace) : CutoverAction;
}
