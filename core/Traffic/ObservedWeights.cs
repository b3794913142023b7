using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Traffic;

/// <summary>
/// Weights as a stack holds them (its config, or what its last update deployed), which nothing guarantees are valid:
/// a hand edit or an interrupted run can leave 0/0, the very state a rollback must repair. <see cref="Verdict"/> says
/// whether Route53 can serve them as meant.
/// </summary>
public sealed record ObservedWeights(int Blue, int Green)
{
    public int Total => Blue + Green;

    public Validated<TrafficWeights> Verdict => TrafficWeights.Create(Blue, Green, SettingKeys.Weights);

    public int For(Color color) => color == Color.Blue ? Blue : Green;

    /// <summary>Route53's share for a color; with every weight 0 it answers with each record equally.</summary>
    public double ShareOf(Color color) => Total == 0 ? 0.5 : (double)For(color) / Total;

    /// <summary>Whether every query goes to <paramref name="color"/>.</summary>
    public bool IsAllOn(Color color) => For(color) > 0 && For(color.Other()) == 0;

    public bool Holds(TrafficWeights weights) => Blue == weights.Blue && Green == weights.Green;

    public static ObservedWeights Of(TrafficWeights weights) => new(weights.Blue, weights.Green);

    public override string ToString() => $"blue {Blue} / green {Green}";
}
