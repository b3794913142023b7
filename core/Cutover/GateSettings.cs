using System.Collections.Immutable;
using System.Globalization;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Cutover;

/// <summary>
/// What a color must show before it may take more traffic. Probes hit each color's own endpoint, so the gates judge
/// the new cluster itself, whatever share of the public name it serves at the moment.
/// </summary>
public sealed record GateSettings
{
    public static readonly GateSettings Default = new();

    /// <summary>Status codes that count as a successful probe; anything else, and any transport error, is a failure.</summary>
    public ImmutableArray<int> ExpectedStatusCodes { get; init; } = [200];

    /// <summary>The least share of successful probes in the sliding window.</summary>
    public double MinSuccessRatio { get; init; } = 0.95;

    /// <summary>How many of the latest probes of a color the success ratio and p95 latency are computed over.</summary>
    public int WindowSize { get; init; } = 10;

    /// <summary>The 95th percentile of the response times in the window may not exceed this.</summary>
    public TimeSpan MaxP95Latency { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Probes needed at the current weights before a step may pass: a bake with too few samples proves nothing.</summary>
    public int MinSamples { get; init; } = 5;

    /// <summary>
    /// Failures a full window can hold while still meeting <see cref="MinSuccessRatio"/>. One failure more fails the gate
    /// at once, even while the window is still filling, so a dead endpoint is caught by its first failed probes.
    /// </summary>
    public int ToleratedFailures => (int)Math.Floor(WindowSize * (1 - MinSuccessRatio) + 1e-9);

    public IEnumerable<Problem> Validate()
    {
        if (ExpectedStatusCodes.IsDefaultOrEmpty)
        {
            yield return Problem.Error(ProblemCodes.GateStatusCodes, "gates.expectedStatusCodes", "", "give at least one status code that counts as success, for example 200");
        }
        else
        {
            foreach (var code in ExpectedStatusCodes.Where(c => c is < 100 or > 599))
            {
                yield return Problem.Error(ProblemCodes.GateStatusCodes, "gates.expectedStatusCodes", Show(code), "is not an HTTP status code (100–599)");
            }
        }

        if (MinSuccessRatio is <= 0 or > 1 || double.IsNaN(MinSuccessRatio))
        {
            yield return Problem.Error(ProblemCodes.GateSuccessRatio, "gates.minSuccessRatio", Show(MinSuccessRatio), "must be above 0 and at most 1 (0.95 means 95% of probes succeed)");
        }

        if (WindowSize < 1)
        {
            yield return Problem.Error(ProblemCodes.GateWindow, "gates.window", Show(WindowSize), "must hold at least one probe");
        }

        if (MaxP95Latency <= TimeSpan.Zero)
        {
            yield return Problem.Error(ProblemCodes.GateMaxP95, "gates.maxP95Latency", MaxP95Latency.ToString(), "must be above zero");
        }

        if (MinSamples < 1)
        {
            yield return Problem.Error(ProblemCodes.GateMinSamples, "gates.minSamples", Show(MinSamples), "must be at least 1: a step cannot pass on no evidence");
        }
    }

    public override string ToString() =>
        $"status {string.Join(",", ExpectedStatusCodes)}; success ≥ {MinSuccessRatio.ToString("0.#%", CultureInfo.InvariantCulture)} of the last {WindowSize} probes " +
        $"(tolerates {ToleratedFailures}); p95 ≤ {MaxP95Latency.TotalMilliseconds:0} ms; at least {MinSamples} probes per step";

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
