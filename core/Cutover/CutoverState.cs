using System.Collections.Immutable;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Cutover;

/// <summary>Everything the engine knows, as one immutable value: a run is the fold of its events over this.</summary>
public sealed record CutoverState
{
    public required CutoverPlan Plan { get; init; }

    public required CutoverPhase Phase { get; init; }

    /// <summary>The time of the latest event.</summary>
    public required DateTimeOffset Now { get; init; }

    public required DateTimeOffset PhaseSince { get; init; }

    /// <summary>
    /// The weights Route53 serves, as far as this run knows: the stack's deployed weights read at the start (which may be
    /// anything, 0/0 included, until a rollback repairs them), then those of each successful apply.
    /// </summary>
    public required ObservedWeights Applied { get; init; }

    /// <summary>The weights of the last step whose bake passed in this run (all on the source until one has).</summary>
    public required TrafficWeights LastPassed { get; init; }

    public ImmutableArray<ProbeSample> BlueWindow { get; init; } = [];

    public ImmutableArray<ProbeSample> GreenWindow { get; init; } = [];

    /// <summary>Probes of the target since the current phase began: a step needs its own evidence, not the previous step's.</summary>
    public int TargetSamplesInPhase { get; init; }

    public bool IsFinished => Phase is CutoverPhase.Finished;

    public ImmutableArray<ProbeSample> Window(Color color) => color == Color.Blue ? BlueWindow : GreenWindow;

    /// <summary>The gates' verdict on the target, the color whose health decides every step.</summary>
    public GateReport TargetGate => Gates.Evaluate(Plan.Gates, Plan.Target, Window(Plan.Target), TargetSamplesInPhase);

    /// <summary>The source's figures, for people watching: the source does not decide anything, rolling back would not help it.</summary>
    public GateReport SourceGate => Gates.Evaluate(Plan.Gates, Plan.Source, Window(Plan.Source), Window(Plan.Source).Length);

    public GateReport GateFor(Color color) => color == Plan.Target ? TargetGate : SourceGate;

    internal CutoverState Record(ProbeSample sample)
    {
        var window = Window(sample.Color).Add(sample);
        if (window.Length > Plan.Gates.WindowSize)
        {
            window = window.RemoveRange(0, window.Length - Plan.Gates.WindowSize);
        }

        var counted = sample.Color == Plan.Target ? TargetSamplesInPhase + 1 : TargetSamplesInPhase;
        return sample.Color == Color.Blue
            ? this with { BlueWindow = window, TargetSamplesInPhase = counted }
            : this with { GreenWindow = window, TargetSamplesInPhase = counted };
    }

    // A finished run keeps the count of its last phase, so its final gate figures read as they stood, not as pending.
    internal CutoverState Enter(CutoverPhase phase) =>
        this with { Phase = phase, PhaseSince = Now, TargetSamplesInPhase = phase is CutoverPhase.Finished ? TargetSamplesInPhase : 0 };
}

/// <summary>One step of the engine: the state it leads to and what to do about it.</summary>
public sealed record CutoverDecision(CutoverState State, CutoverAction Action);
