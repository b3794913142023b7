using System.Collections.Immutable;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Traffic;

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

    public required Color Target { get; init; }

    public required CutoverSchedule Schedule { get; init; }

    /// <summary>How long each step's weights must hold with the gates passing before the next step.</summary>
    public TimeSpan Bake { get; init; } = DefaultBake;

    public TimeSpan ProbeInterval { get; init; } = DefaultProbeInterval;

    public GateSettings Gates { get; init; } = GateSettings.Default;

    /// <summary>Extra attempts after a failed apply before the run gives up.</summary>
    public int MaxApplyRetries { get; init; } = DefaultMaxApplyRetries;

    public RollbackTarget RollbackTo { get; init; } = RollbackTarget.AllOnSource;

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
        problems.AddRange(CheckWeights(current));
        problems.AddRange(options.Gates.Validate());
        var steps = options.Schedule.Steps;
        var shown = string.Join(",", steps);
        var total = current.Total;
        var target = options.Target.Key();
        var source = options.Target.Other().Key();

        if (total > 0)
        {
            foreach (var step in steps.Where(s => s > total))
            {
                problems.Add(Problem.Error(CutoverSchedule.Key, shown,
                    $"step {step} is above the traffic stack's total weight {total} ({current}); each step is {target}'s share of that total and {source} gets the rest"));
            }

            if (steps[^1] < total)
            {
                problems.Add(Problem.Error(CutoverSchedule.Key, shown,
                    $"the last step gives {target} {steps[^1]} of the total weight {total}, leaving {source} {total - steps[^1]}: " +
                    $"a cutover must end with all traffic on {target} ({target} {total}, {source} 0)"));
            }
        }

        if (options.Bake < TimeSpan.Zero)
        {
            problems.Add(Problem.Error("bake", options.Bake.ToString(), "cannot be negative"));
        }

        if (options.ProbeInterval <= TimeSpan.Zero)
        {
            problems.Add(Problem.Error("probeInterval", options.ProbeInterval.ToString(), "must be above zero"));
        }

        if (options.MaxApplyRetries < 0)
        {
            problems.Add(Problem.Error("maxApplyRetries", options.MaxApplyRetries.ToString(System.Globalization.CultureInfo.InvariantCulture), "cannot be negative (0 means one attempt)"));
        }

        if (problems.Count > 0)
        {
            return Validated<CutoverPlan>.Invalid(problems);
        }

        // A step judged before cached answers expire is judged partly on the previous step's weights.
        var warnings = options.Bake < options.DnsTtl
            ? new[] { Problem.Warning("bake", Durations.Format(options.Bake),
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
        }, warnings);
    }

    /// <summary>
    /// The plan of an immediate return to <paramref name="color"/>: one move, no gates, same retry bound. Weights that are
    /// both 0 (Route53 splitting equally) are exactly what a rollback must repair, so they fall back to the usual total.
    /// </summary>
    internal static CutoverPlan ReturnTo(Color color, TrafficWeights current, int maxApplyRetries)
    {
        var total = current.Total > 0 ? current.Total : TrafficWeights.AllOn(color).Total;
        return new()
        {
            Target = color.Other(),
            Steps = [total],
            Total = total,
            Bake = TimeSpan.Zero,
            ProbeInterval = TimeSpan.FromSeconds(1),
            Gates = GateSettings.Default,
            MaxApplyAttempts = maxApplyRetries + 1,
            RollbackTo = RollbackTarget.AllOnSource,
        };
    }

    internal static IEnumerable<Problem> CheckWeights(TrafficWeights current)
    {
        if (current.Blue is < 0 or > TrafficWeights.MaxWeight || current.Green is < 0 or > TrafficWeights.MaxWeight)
        {
            yield return Problem.Error(SettingKeys.Weights, current.ToString(), $"each weight must be 0–{TrafficWeights.MaxWeight}, the range Route53 accepts");
        }
        else if (current.Total == 0)
        {
            yield return Problem.Error(SettingKeys.Weights, current.ToString(),
                "blue and green are both 0: Route53 then splits traffic equally instead of sending none; give the serving color a weight first");
        }
    }

    private TrafficWeights WithTargetWeight(int weight)
    {
        var weights = new TrafficWeights(0, 0).With(Target, weight).With(Source, Total - weight);
        return weights.Total > 0 ? weights : throw new InvalidOperationException($"A cutover plan produced {weights}, which Route53 would split equally.");
    }
}
