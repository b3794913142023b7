using System.Globalization;

namespace BlueGreen.Core.Model;

/// <summary>
/// Route53 weights of the two weighted records that Route53 can serve as meant: each 0–255, not both 0 (with every weight
/// 0 Route53 splits traffic equally instead of sending none). Built only through <see cref="Create"/>, so a value of this
/// type is valid by construction; weights read from a stack, which may be anything, are <see cref="ObservedWeights"/>.
/// </summary>
public sealed record TrafficWeights
{
    public const int MaxWeight = 255;

    private TrafficWeights(int blue, int green)
    {
        Blue = blue;
        Green = green;
    }

    public int Blue { get; }

    public int Green { get; }

    public int Total => Blue + Green;

    public int For(Color color) => color == Color.Blue ? Blue : Green;

    /// <summary>The color receiving the larger share; blue on a tie, since a tie means the move to green is not done.</summary>
    public Color Active => Green > Blue ? Color.Green : Color.Blue;

    public double ShareOf(Color color) => (double)For(color) / Total;

    /// <summary>The key a problem names when the caller has no better one (a step of a schedule, a command's weights).</summary>
    public const string Key = "weights";

    /// <summary>
    /// The one place the rule is checked: every weight a command, a file or a stack gives passes through here.
    /// <paramref name="key"/> is where the weights were found (<c>infra:weights</c> for a stack's), for the problem to name.
    /// </summary>
    public static Validated<TrafficWeights> Create(int blue, int green, string key = Key)
    {
        var shown = $"blue {blue} / green {green}";
        if (blue is < 0 or > MaxWeight || green is < 0 or > MaxWeight)
        {
            return Validated<TrafficWeights>.Invalid([Problem.Error(ProblemCodes.WeightOutOfRange, key, shown,
                $"each weight must be 0–{MaxWeight.ToString(CultureInfo.InvariantCulture)}, the range Route53 accepts")]);
        }

        if (blue == 0 && green == 0)
        {
            return Validated<TrafficWeights>.Invalid([Problem.Error(ProblemCodes.WeightsAllZero, key, shown,
                "blue and green are both 0: Route53 then splits traffic equally between the records instead of sending none; give the color that should serve a weight above 0")]);
        }

        return Validated<TrafficWeights>.Valid(new TrafficWeights(blue, green));
    }

    /// <summary><paramref name="targetWeight"/> of <paramref name="total"/> to <paramref name="target"/>, the rest to the other color.</summary>
    public static Validated<TrafficWeights> Split(Color target, int targetWeight, int total) =>
        target == Color.Blue ? Create(targetWeight, total - targetWeight) : Create(total - targetWeight, targetWeight);

    /// <summary>All of <paramref name="total"/> on one color; a bug when the total is not 1–255.</summary>
    public static TrafficWeights AllOn(Color color, int total = 100) => Split(color, total, total).Require();

    public override string ToString() => $"blue {Blue} / green {Green}";
}
