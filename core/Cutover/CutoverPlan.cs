using System.Collections.Immutable;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Cutover;

/// <summary>Where traffic returns when a gate fails.</summary>
public enum RollbackTarget
{
    /// <summary>All traffic back on the source color: the state before the cutover began.</summary>
    AllOnSource,

    /// <summary>The weights of the last step whose bake passed in this run; all on the source until one has.</summary>
    LastPassedStep,
}

/// <summary>What the user asked for, before it is checked against the weights the traffic stack holds.</summary>
public sealed record CutoverOptions
{
    public static readonly TimeSpan DefaultBake = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan DefaultProbeInterval = TimeSpan.FromSeconds(5);

    public const int DefaultMaxApplyRetries = 2;

    /// <summary>
    /// How long one <c>pulumi up</c> of the traffic stack may run: two weighted records update in well under a minute,
    /// so five minutes means it hangs (a stuck provider, a lost connection to the backend).
    /// </summary>
    public static readonly TimeSpan DefaultApplyTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The bounds a probe interval must keep: the timers that drive probes accept no less than a millisecond and no more than days.</summary>
    public static readonly TimeSpan MinProbeInterval = TimeSpan.FromMilliseconds(10);

    public static readonly TimeSpan MaxProbeInterval = TimeSpan.FromHours(1);

    public required Color Target { get; init; }

    public required CutoverSchedule Schedule { get; init; }

    /// <summary>How long each step's weights must hold with the gates passing before the next step.</summary>
    public TimeSpan Bake { get; init; } = DefaultBake;

    public TimeSpan ProbeInterval { get; init; } = DefaultProbeInterval;

    public GateSettings Gates { get; init; } = GateSettings.Default;

    /// <summary>Extra attempts after a failed apply before the run gives up.</summary>
    public int MaxApplyRetries { get; init; } = DefaultMaxApplyRetries;

    public RollbackTarget RollbackTo { get; init; } = RollbackTarget.AllOnSource;

    /// <summary>How long one update may run before it is cancelled (and the run rolls back).</summary>
    public TimeSpan ApplyTimeout { get; init; } = DefaultApplyTimeout;

    /// <summary>The traffic stack's <c>infra:ttl</c>: how long resolvers may keep answering with the previous weights.</summary>
    public TimeSpan DnsTtl { get; init; } = TimeSpan.Zero;
}

/// <summary>A checked cutover: every weight it will apply is known to be valid for Route53 and to sum to the stack's total.</summary>
public sealed record CutoverPlan
{
    private CutoverPlan()
    {
    }

    public required Color Target { get; init; }

    public Color Source => Target.Other();

    /// <summary>The target's weight at each step, increasing, ending at <see cref="Total"/>.</summary>
    public required ImmutableArray<int> Steps { get; init; }

    /// <summary>The traffic stack's total weight, kept constant at every step so each weight reads as a share of it.</summary>
    public required int Total { get; init; }

    public required TimeSpan Bake { get; init; }

    public required TimeSpan ProbeInterval { get; init; }

    public required GateSettings Gates { get; init; }

    /// <summary>Attempts per apply, the first included.</summary>
    public required int MaxApplyAttempts { get; init; }

    public required RollbackTarget RollbackTo { get; init; }

    public required TimeSpan ApplyTimeout { get; init; }

    /// <summary>A plan that only returns traffic (<c>bluegreen rollback</c>): it waits out a concurrent update instead of yielding to it.</summary>
    public bool IsRollbackOnly { get; private init; }

    /// <summary>The longest wait before a retried update.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> of an update: none for the first, then one probe interval doubling
    /// each time up to a minute, so a backend that is briefly unavailable is not hammered.
    /// </summary>
    public TimeSpan BackoffBefore(int attempt) =>
        attempt <= 1 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(ProbeInterval.Ticks * (1L << Math.Min(attempt - 2, 16)), MaxBackoff.Ticks));

    public TrafficWeights WeightsAt(int step) => WithTargetWeight(Steps[step]);

    public TrafficWeights AllOnSource => WithTargetWeight(0);

    /// <summary>The first step that moves traffic beyond <paramref name="current"/>: how a re-run finds where it left off.</summary>
    public int NextStepFrom(TrafficWeights current)
    {
        var reached = current.For(Target);
        for (var i = 0; i < Steps.Length; i++)
        {
            if (Steps[i] > reached)
            {
                return i;
            }
        }

        return Steps.Length;
    }

    public static Validated<CutoverPlan> Create(CutoverOptions options, TrafficWeights current)
    {
        var problems = new List<Problem>();
        problems.AddRange(options.Gates.Validate());
        var steps = options.Schedule.Steps;
        var shown = string.Join(",", steps);
        var total = current.Total;
        var target = options.Target.Key();
        var source = options.Target.Other().Key();

        foreach (var step in steps.Where(s => s > total))
        {
            problems.Add(Problem.Error(ProblemCodes.StepAboveTotal, CutoverSchedule.Key, shown,
                $"step {step} is above the traffic stack's total weight {total} ({current}); each step is {target}'s share of that total and {source} gets the rest"));
        }

        if (steps[^1] < total)
        {
            problems.Add(Problem.Error(ProblemCodes.LastStepShort, CutoverSchedule.Key, shown,
                $"the last step gives {target} {steps[^1]} of the total weight {total}, leaving {source} {total - steps[^1]}: " +
                $"a cutover must end with all traffic on {target} ({target} {total}, {source} 0)"));
        }

        if (options.Bake < TimeSpan.Zero)
        {
            problems.Add(Problem.Error(ProblemCodes.BakeNegative, "bake", options.Bake.ToString(), "cannot be negative"));
        }

        if (options.ProbeInterval < CutoverOptions.MinProbeInterval || options.ProbeInterval > CutoverOptions.MaxProbeInterval)
        {
            problems.Add(Problem.Error(ProblemCodes.ProbeIntervalRange, "probeInterval", Durations.Format(options.ProbeInterval),
                $"must be between {Durations.Format(CutoverOptions.MinProbeInterval)} and {Durations.Format(CutoverOptions.MaxProbeInterval)}"));
        }

        if (options.ApplyTimeout < TimeSpan.FromSeconds(1) || options.ApplyTimeout > TimeSpan.FromHours(2))
        {
            problems.Add(Problem.Error(ProblemCodes.ApplyTimeoutRange, "applyTimeout", Durations.Format(options.ApplyTimeout), "must be between 1s and 2h"));
        }

        if (options.MaxApplyRetries < 0)
        {
            problems.Add(Problem.Error(ProblemCodes.ApplyRetriesNegative, "maxApplyRetries", options.MaxApplyRetries.ToString(System.Globalization.CultureInfo.InvariantCulture), "cannot be negative (0 means one attempt)"));
        }

        if (problems.Count > 0)
        {
            return Validated<CutoverPlan>.Invalid(problems);
        }

        // A step judged before cached answers expire is judged partly on the previous step's weights.
        var warnings = options.Bake < options.DnsTtl
            ? new[] { Problem.Warning(ProblemCodes.BakeBelowTtl, "bake", Durations.Format(options.Bake),
                $"is shorter than the record's TTL ({SettingKeys.Ttl}: {Durations.Format(options.DnsTtl)}): for part of each step, resolvers may still send traffic by the previous weights") }
            : [];

        return Validated<CutoverPlan>.Valid(new CutoverPlan
        {
            Target = options.Target,
            Steps = steps,
            Total = total,
            Bake = options.Bake,
            ProbeInterval = options.ProbeInterval,
            Gates = options.Gates,
            MaxApplyAttempts = options.MaxApplyRetries + 1,
            RollbackTo = options.RollbackTo,
            ApplyTimeout = options.ApplyTimeout,
        }, warnings);
    }

    /// <summary>The plan of an immediate return to <paramref name="to"/>: one move, no gates, the same retry and timeout bounds.</summary>
    internal static CutoverPlan ReturnTo(TrafficWeights to, Color color, int maxApplyRetries, TimeSpan applyTimeout) => new()
    {
        Target = color.Other(),
        Steps = [to.Total],
        Total = to.Total,
        Bake = TimeSpan.Zero,
        ProbeInterval = TimeSpan.FromSeconds(1),
        Gates = GateSettings.Default,
        MaxApplyAttempts = maxApplyRetries + 1,
        RollbackTo = RollbackTarget.AllOnSource,
        ApplyTimeout = applyTimeout,
        IsRollbackOnly = true,
    };

    // Steps were checked against the total when the plan was made; weights that fail here are a bug in that check.
    private TrafficWeights WithTargetWeight(int weight) => TrafficWeights.Split(Target, weight, Total).Require();
}
