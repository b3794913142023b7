using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Traffic;

/// <summary>Whether a color's cluster may be destroyed, and why (not).</summary>
public sealed record RetirementVerdict(Color Color, bool Allowed, string Reason);

/// <summary>
/// The guard against retiring the live color: a cluster may only go once the traffic stack sends it nothing.
/// Used by <c>bluegreen retire</c> and by the Pulumi program before it lets a cluster stack be destroyed.
/// </summary>
public static class Retirement
{
    public static RetirementVerdict Check(Color color, TrafficWeights weights)
    {
        var name = color.Key();
        var other = color.Other();
        var weight = weights.For(color);
        if (weight > 0)
        {
            var share = weights.ShareOf(color).ToString("0.#%", System.Globalization.CultureInfo.InvariantCulture);
            return new(color, false,
                $"the traffic stack still gives {name} weight {weight} ({weights}), about {share} of the queries for the name; " +
                $"move all traffic to {other.Key()} first (bluegreen cutover --to {other.Key()}), then retire {name}");
        }

        if (weights.For(other) == 0)
        {
            return new(color, false,
                $"the traffic stack gives both colors weight 0 ({weights}): Route53 then splits queries equally, so {name} still serves half; " +
                $"give {other.Key()} a weight above 0 first");
        }

        return new(color, true, $"the traffic stack gives {name} weight 0 ({weights}): all queries go to {other.Key()}, so {name} can be destroyed");
    }
}
