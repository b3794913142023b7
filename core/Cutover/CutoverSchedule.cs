using System.Collections.Immutable;
using System.Globalization;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Cutover;

/// <summary>
/// The target color's Route53 weight at each step of a cutover, e.g. 5, 25, 50, 100. The source color gets the rest of
/// the traffic stack's total weight, so the last step must equal that total (checked by <see cref="CutoverPlan"/>, which knows it).
/// </summary>
public sealed record CutoverSchedule(ImmutableArray<int> Steps)
{
    public const string Key = "steps";

    public const string Example = "5,25,50,100";

    /// <summary>Reads "5,25,50,100"; every malformed or out-of-order entry is reported, not only the first.</summary>
    public static Validated<CutoverSchedule> Parse(string? text)
    {
        var entries = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (entries is [""])
        {
            return Validated<CutoverSchedule>.Invalid([Empty(text ?? "")]);
        }

        var problems = new List<Problem>();
        var steps = new List<int>();
        foreach (var entry in entries)
        {
            if (int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
            {
                steps.Add(weight);
            }
            else
            {
                problems.Add(Problem.Error(ProblemCodes.StepNotANumber, Key, text, $"'{entry}' is not a whole-number weight; write the target's weight at each step, for example {Example}"));
            }
        }

        if (problems.Count > 0)
        {
            return Validated<CutoverSchedule>.Invalid(problems);
        }

        return Of(steps);
    }

    /// <summary>Checks the shape of a schedule: not empty, each weight 1–255, each step above the one before.</summary>
    public static Validated<CutoverSchedule> Of(IEnumerable<int> weights)
    {
        var steps = weights.ToImmutableArray();
        var shown = string.Join(",", steps);
        if (steps.IsEmpty)
        {
            return Validated<CutoverSchedule>.Invalid([Empty(shown)]);
        }

        var problems = new List<Problem>();
        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i] < 1)
            {
                problems.Add(Problem.Error(ProblemCodes.StepOutOfRange, Key, shown, $"step {i + 1} gives the target weight {steps[i]}: every step must send it some traffic (weight 1 or more)"));
            }
            else if (steps[i] > TrafficWeights.MaxWeight)
            {
                problems.Add(Problem.Error(ProblemCodes.StepOutOfRange, Key, shown, $"step {i + 1} is {steps[i]}, above {TrafficWeights.MaxWeight}, the largest weight Route53 accepts for a record"));
            }

            if (i > 0 && steps[i] <= steps[i - 1])
            {
                problems.Add(Problem.Error(ProblemCodes.StepsNotRising, Key, shown,
                    $"step {i + 1} ({steps[i]}) is not above step {i} ({steps[i - 1]}): steps must keep increasing, so traffic only ever moves toward the target"));
            }
        }

        return problems.Count > 0 ? Validated<CutoverSchedule>.Invalid(problems) : Validated<CutoverSchedule>.Valid(new CutoverSchedule(steps));
    }

    public override string ToString() => string.Join(" → ", Steps);

    private static Problem Empty(string shown) =>
        Problem.Error(ProblemCodes.StepsEmpty, Key, shown, $"the schedule is empty: give the target color's weight at each step, for example {Example}");
}
