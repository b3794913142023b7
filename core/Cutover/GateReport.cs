using System.Globalization;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Cutover;

public enum GateVerdict
{
    /// <summary>Nothing is wrong yet, but there are not enough probes at these weights to say the step passed.</summary>
    Pending,
    Pass,
    Fail,
}

/// <summary>The gates' judgement of one color over its sliding window, with the figures behind it.</summary>
public sealed record GateReport
{
    public required Color Color { get; init; }

    public required GateVerdict Verdict { get; init; }

    public required string Reason { get; init; }

    /// <summary>Probes in the window.</summary>
    public required int Samples { get; init; }

    public required int Failures { get; init; }

    /// <summary>Share of successful probes in the window; null before the first probe.</summary>
    public double? SuccessRatio { get; init; }

    /// <summary>95th percentile of the response times of the probes that got an answer; null when none did.</summary>
    public TimeSpan? P95Latency { get; init; }

    /// <summary>Probes taken since the current weights were applied (or since the smoke check began).</summary>
    public required int SamplesAtTheseWeights { get; init; }

    public string Figures =>
        Samples == 0
            ? "no probes yet"
            : $"{SuccessRatio!.Value.ToString("0.#%", CultureInfo.InvariantCulture)} of {Samples} ok" +
              (P95Latency is { } p95 ? $", p95 {p95.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms" : "");
}

/// <summary>Pure evaluation of the gates: the same window always gives the same verdict.</summary>
public static class Gates
{
    public static GateReport Evaluate(GateSettings gates, Color color, IReadOnlyList<ProbeSample> window, int samplesAtTheseWeights)
    {
        var failures = window.Count(s => !s.Succeeded(gates));
        var ratio = window.Count == 0 ? (double?)null : (double)(window.Count - failures) / window.Count;
        var p95 = Percentile95(window.Where(s => s.StatusCode is not null).Select(s => s.Latency).ToList());
        var lastFailure = window.LastOrDefault(s => !s.Succeeded(gates));
        var name = color.Key();

        GateReport Report(GateVerdict verdict, string reason) => new()
        {
            Color = color,
            Verdict = verdict,
            Reason = reason,
            Samples = window.Count,
            Failures = failures,
            SuccessRatio = ratio,
            P95Latency = p95,
            SamplesAtTheseWeights = samplesAtTheseWeights,
        };

        if (failures > gates.ToleratedFailures)
        {
            return Report(GateVerdict.Fail,
                $"{name}: {failures} of the last {window.Count} probes failed (latest: {Expected(lastFailure!, gates)}); " +
                $"the gates tolerate {gates.ToleratedFailures} in a window of {gates.WindowSize}");
        }

        if (window.Count >= gates.MinSamples && ratio < gates.MinSuccessRatio)
        {
            return Report(GateVerdict.Fail,
                $"{name}: success ratio {Percent(ratio.Value)} over the last {window.Count} probes is below {Percent(gates.MinSuccessRatio)} " +
                $"(latest failure: {Expected(lastFailure!, gates)})");
        }

        if (window.Count >= gates.MinSamples && p95 > gates.MaxP95Latency)
        {
            return Report(GateVerdict.Fail,
                $"{name}: p95 latency {Milliseconds(p95.Value)} over the last {window.Count} probes is above {Milliseconds(gates.MaxP95Latency)}");
        }

        if (samplesAtTheseWeights < gates.MinSamples)
        {
            return Report(GateVerdict.Pending, $"{name}: {samplesAtTheseWeights} of {gates.MinSamples} probes needed at these weights");
        }

        return Report(GateVerdict.Pass,
            $"{name}: {window.Count - failures} of {window.Count} probes ok" + (p95 is { } latency ? $", p95 {Milliseconds(latency)}" : ""));
    }

    // Nearest-rank percentile: the smallest latency that at least 95% of the answered probes did not exceed.
    private static TimeSpan? Percentile95(List<TimeSpan> latencies)
    {
        if (latencies.Count == 0)
        {
            return null;
        }

        latencies.Sort();
        var rank = (int)Math.Ceiling(0.95 * latencies.Count);
        return latencies[Math.Max(rank, 1) - 1];
    }

    private static string Expected(ProbeSample sample, GateSettings gates) =>
        sample.Error is null ? $"HTTP {sample.StatusCode}, expected {string.Join(" or ", gates.ExpectedStatusCodes)}" : sample.Error;

    private static string Percent(double ratio) => ratio.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Milliseconds(TimeSpan span) => $"{span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
}
