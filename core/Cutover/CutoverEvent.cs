using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Cutover;

/// <summary>Something the engine learns from the outside world. Time is part of every event: the engine never reads a clock.</summary>
public abstract record CutoverEvent(DateTimeOffset At)
{
    /// <summary>Time has passed: lets a bake finish even between probe results.</summary>
    public sealed record Tick(DateTimeOffset At) : CutoverEvent(At);

    public sealed record ProbeCompleted(ProbeSample Sample) : CutoverEvent(Sample.At);

    /// <summary>An apply the engine asked for has ended; <paramref name="Error"/> is null when the traffic stack now holds <paramref name="Weights"/>.</summary>
    public sealed record ApplyCompleted(DateTimeOffset At, TrafficWeights Weights, string? Error) : CutoverEvent(At)
    {
        public bool Succeeded => Error is null;
    }
}
