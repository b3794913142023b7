using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Traffic;

/// <summary>Weights a test knows to be valid, built through the one factory.</summary>
internal static class Weights
{
    public static TrafficWeights Of(int blue, int green) => TrafficWeights.Create(blue, green).Require();
}
