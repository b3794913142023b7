using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Cutover;

public class GateTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly GateSettings Settings = new()
    {
        ExpectedStatusCodes = [200, 204],
        MinSuccessRatio = 0.9,
        WindowSize = 20,
        MaxP95Latency = TimeSpan.FromMilliseconds(300),
        MinSamples = 5,
    };

    [Fact]
    public void Enough_successful_fast_probes_pass()
    {
        var report = Judge(Ok(10));

        Assert.Equal(GateVerdict.Pass, report.Verdict);
        Assert.Equal(1.0, report.SuccessRatio);
    }

    [Fact]
    public void Too_few_probes_at_the_current_weights_are_pending_not_passing()
    {
        var report = Gates.Evaluate(Settings, Color.Green, Ok(10), samplesAtTheseWeights: 4);

        Assert.Equal(GateVerdict.Pending, report.Verdict);
        Assert.Contains("4 of 5 probes needed", report.Reason);
    }

    [Fact]
    public void Any_listed_status_code_counts_as_success()
    {
        var report = Judge([.. Ok(5), Answer(204)]);

        Assert.Equal(GateVerdict.Pass, report.Verdict);
    }

    [Fact]
    public void An_unexpected_status_code_is_a_failure_that_names_what_was_expected()
    {
        var report = Judge([.. Ok(10), Answer(500), Answer(500), Answer(500)]);

        Assert.Equal(GateVerdict.Fail, report.Verdict);
        Assert.Contains("HTTP 500, expected 200 or 204", report.Reason);
    }

    [Fact]
    public void A_transport_error_is_a_failure()
    {
        var report = Judge([Error("connection refused"), Error("connection refused"), Error("connection refused")]);

        Assert.Equal(GateVerdict.Fail, report.Verdict);
        Assert.Contains("connection refused", report.Reason);
    }

    [Fact]
    public void Failures_beyond_what_a_full_window_tolerates_fail_at_once_even_before_the_minimum_sample_count()
    {
        // 20 × (1 − 0.9) = 2 failures tolerated; the third fails the gate with only 3 probes seen.
        Assert.Equal(2, Settings.ToleratedFailures);
        Assert.Equal(GateVerdict.Pending, Gates.Evaluate(Settings, Color.Green, [Answer(503), Answer(503)], 2).Verdict);
        Assert.Equal(GateVerdict.Fail, Gates.Evaluate(Settings, Color.Green, [Answer(503), Answer(503), Answer(503)], 3).Verdict);
    }

    [Fact]
    public void Success_ratio_below_the_bound_over_the_window_fails()
    {
        var report = Judge([.. Ok(8), Answer(503), Answer(503)]);

        Assert.Equal(0.8, report.SuccessRatio);
        Assert.Equal(GateVerdict.Fail, report.Verdict);
        Assert.Contains("success ratio 80% over the last 10 probes is below 90%", report.Reason);
    }

    [Fact]
    public void Failures_within_what_the_success_ratio_allows_pass()
    {
        IReadOnlyList<ProbeSample> window = [.. Ok(18), Answer(503), Answer(503)];

        Assert.Equal(GateVerdict.Pass, Judge(window).Verdict);
    }

    [Fact]
    public void P95_latency_above_the_bound_fails()
    {
        var report = Judge([.. Ok(18), Answer(200, 900), Answer(200, 900)]);

        Assert.Equal(TimeSpan.FromMilliseconds(900), report.P95Latency);
        Assert.Equal(GateVerdict.Fail, report.Verdict);
        Assert.Contains("p95 latency 900 ms over the last 20 probes is above 300 ms", report.Reason);
    }

    [Fact]
    public void A_single_slow_probe_in_twenty_stays_under_the_p95_bound()
    {
        var report = Judge([.. Ok(19), Answer(200, 900)]);

        Assert.Equal(TimeSpan.FromMilliseconds(20), report.P95Latency);
        Assert.Equal(GateVerdict.Pass, report.Verdict);
    }

    [Fact]
    public void A_ratio_of_one_tolerates_no_failure()
    {
        var strict = Settings with { MinSuccessRatio = 1 };

        Assert.Equal(0, strict.ToleratedFailures);
        Assert.Equal(GateVerdict.Fail, Gates.Evaluate(strict, Color.Green, [Answer(503)], 1).Verdict);
    }

    [Fact]
    public void Gate_settings_outside_their_ranges_are_each_reported()
    {
        var bad = new GateSettings { ExpectedStatusCodes = [700], MinSuccessRatio = 1.5, WindowSize = 0, MaxP95Latency = TimeSpan.Zero, MinSamples = 0 };

        Assert.Equal(
            [ProblemCodes.GateStatusCodes, ProblemCodes.GateSuccessRatio, ProblemCodes.GateWindow, ProblemCodes.GateMaxP95, ProblemCodes.GateMinSamples],
            bad.Validate().Select(p => p.Code));
    }

    private static GateReport Judge(IReadOnlyList<ProbeSample> window) => Gates.Evaluate(Settings, Color.Green, window, window.Count);

    private static ProbeSample[] Ok(int count) => [.. Enumerable.Range(0, count).Select(_ => Answer(200))];

    private static ProbeSample Answer(int status, int milliseconds = 20) =>
        ProbeSample.Answered(Color.Green, At, status, TimeSpan.FromMilliseconds(milliseconds));

    private static ProbeSample Error(string message) => ProbeSample.Failed(Color.Green, At, TimeSpan.FromMilliseconds(1), message);
}
