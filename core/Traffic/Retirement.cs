using BlueGreen.Core.Model;

namespace BlueGreen.Core.Traffic;

/// <summary>Whether a color's cluster may be destroyed, and why (not).</summary>
public sealed record RetirementVerdict(Color Color, bool Allowed, string Reason);

/// <summary>
/// The guard against retiring the live color: a cluster may only go once the traffic stack sends it nothing.
/// Used by <c>bluegreen retire</c> and by the Pulumi program before it lets a cluster stack be destroyed.
/// </summary>
public static class Retirement
{
    /// <summary>Judges weights as a stack holds them: weights Route53 cannot serve as meant never let a cluster go.</summary>
    public static RetirementVerdict Check(Color color, ObservedWeights observed)
    {
        var name = color.Key();
        var other = color.Other();
        if (!observed.Verdict.IsValid)
        {
            return new(color, false,
                $"the traffic stack holds {observed}, which Route53 cannot serve as meant ({string.Join("; ", observed.Verdict.Errors.Select(e => e.Message))}), " +
                $"so {name} may still serve part of the traffic; repair them first (bluegreen rollback --to {other.Key()})");
        }

        var weights = observed.Verdict.Require();
        var weight = weights.For(color);
        if (weight > 0)
        {
            var share = weights.ShareOf(color).ToString("0.#%", System.Globalization.CultureInfo.InvariantCulture);
            return new(color, false,
                $"the traffic stack still gives {name} weight {weight} ({weights}), about {share} of the queries for the name; " +
                $"move all traffic to {other.Key()} first (bluegreen cutover --to {other.Key()}), then retire {name}");
        }

        return new(color, true, $"the traffic stack gives {name} weight 0 ({weights}): all queries go to {other.Key()}, so {name} can be destroyed");
    }
}
