using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Traffic;

/// <summary>
/// The Route53 weights of the two weighted records. Route53 accepts 0–255 per record and sends a record
/// weight/total of the queries; when every weight is 0 it splits traffic equally instead of sending none.
/// </summary>
public sealed record TrafficWeights(int Blue, int Green)
{
    public const int MaxWeight = 255;

    public int Total => Blue + Green;

    public int For(Color color) => color == Color.Blue ? Blue : Green;

    public TrafficWeights With(Color color, int weight) => color == Color.Blue ? this with { Blue = weight } : this with { Green = weight };

    /// <summary>The color receiving the larger share; blue on a tie, since a tie means the move to green is not done.</summary>
    public Color Active => Green > Blue ? Color.Green : Color.Blue;

    public double ShareOf(Color color) => Total == 0 ? 0.5 : (double)For(color) / Total;

    public static TrafficWeights AllOn(Color color) => color == Color.Blue ? new TrafficWeights(100, 0) : new TrafficWeights(0, 100);

    public override string ToString() => $"blue {Blue} / green {Green}";
}
