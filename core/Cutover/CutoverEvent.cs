using BlueGreen.Core.Model;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Cutover;

/// <summary>Why an apply did not leave the traffic stack at the weights asked for.</summary>
public enum ApplyFailure
{
    /// <summary><c>pulumi up</c> (or the config write before it) failed.</summary>
    Failed,

    /// <summary>The update ran past the apply timeout and was cancelled.</summary>
    TimedOut,

    /// <summary>The update was cancelled because a rollback was decided while it ran.</summary>
    Superseded,

    /// <summary>Pulumi refused the update: another update holds the stack's lock, a concurrent change.</summary>
    StackLocked,
}

/// <summary>Something the engine learns from the outside world. Time is part of every event: the engine never reads a clock.</summary>
public abstract record CutoverEvent(DateTimeOffset At)
{
    /// <summary>Time has passed: lets a bake finish even between probe results.</summary>
    public sealed record Tick(DateTimeOffset At) : CutoverEvent(At);

    public sealed record ProbeCompleted(ProbeSample Sample) : CutoverEvent(Sample.At);

    /// <summary>An apply the engine asked for has ended; <paramref name="Error"/> is null when the traffic stack now holds <paramref name="Weights"/>.</summary>
    public sealed record ApplyCompleted(DateTimeOffset At, TrafficWeights Weights, string? Error, ApplyFailure Failure = ApplyFailure.Failed) : CutoverEvent(At)
    {
        public bool Succeeded => Error is null;
    }

    /// <summary>
    /// Just before an apply, the traffic stack (config, deployed weights or lock) was found not as this run left it:
    /// something else (a rollback, a hand edit, another cutover) changed it, and it wins.
    /// </summary>
    public sealed record StackChanged(DateTimeOffset At, string Found) : CutoverEvent(At);

    /// <summary>The operator (Ctrl+C) or the CI runner (SIGTERM) stopped the run; <paramref name="Deployed"/> is what Route53 serves after it.</summary>
    public sealed record Interrupted(DateTimeOffset At, string Signal, ObservedWeights? Deployed) : CutoverEvent(At);
}
