using System.Text.Json;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Cutover;

/// <summary>
/// <c>--events FILE</c>: one JSON object per line for every decision the engine makes, flushed as it is made, so a
/// pipeline can follow a run live (tail -f) and still has the whole story if the run is killed.
/// </summary>
internal sealed class EventsFile : IDisposable
{
    // The verbs' JSON conventions, on one line per decision.
    private static readonly JsonSerializerOptions Options = new(JsonOutput.Options) { WriteIndented = false };

    private readonly string _path;
    private readonly TextWriter _warnings;
    private StreamWriter? _writer;

    /// <summary>
    /// Opens the file for appending (a re-run adds to the history, never erases it), creating its directory, and writes the
    /// run's header line. A file that cannot be written costs a warning, never the run: records must not change outcomes.
    /// </summary>
    public EventsFile(string path, string runId, DateTimeOffset startedAt, IReadOnlyList<string> arguments, TextWriter warnings)
    {
        _path = path;
        _warnings = warnings;
        try
        {
            RunRecords.EnsureDirectory(path);
            _writer = new StreamWriter(path, append: true) { AutoFlush = true };
            _writer.WriteLine(JsonSerializer.Serialize(new { @event = new { type = "run" }, runId, startedAt, arguments }, Options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Fail(e);
        }
    }

    public void Write(RunEntry entry)
    {
        try
        {
            _writer?.WriteLine(JsonSerializer.Serialize(Line(entry), Options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
        }
    }

    public void Dispose() => _writer?.Dispose();

    private void Fail(Exception e)
    {
        _warnings.WriteLine($"warning: --events = {_path}: cannot be written ({e.Message}); the run goes on without it");
        _writer?.Dispose();
        _writer = null;
    }

    internal static object Line(RunEntry entry)
    {
        var state = entry.Decision.State;
        return new
        {
            at = entry.At,
            @event = entry.Event switch
            {
                null => (object)new { type = "start" },
                CutoverEvent.ProbeCompleted probe => new
                {
                    type = "probe",
                    color = probe.Sample.Color.Key(),
                    status = probe.Sample.StatusCode,
                    latencyMs = Math.Round(probe.Sample.Latency.TotalMilliseconds, 1),
                    error = probe.Sample.Error,
                },
                CutoverEvent.ApplyCompleted applied => new { type = "applied", weights = Weights(applied.Weights), error = applied.Error, failure = applied.Succeeded ? (ApplyFailure?)null : applied.Failure },
                CutoverEvent.StackChanged changed => new { type = "stackChanged", found = changed.Found },
                CutoverEvent.Interrupted interrupted => new { type = "interrupted", signal = interrupted.Signal },
                _ => new { type = "tick" },
            },
            phase = Phase(state.Phase),
            weights = new { blue = state.Applied.Blue, green = state.Applied.Green },
            action = entry.Decision.Action switch
            {
                CutoverAction.ApplyWeights apply => (object)new { type = "apply", weights = Weights(apply.Weights), attempt = apply.Attempt, reason = apply.Reason },
                CutoverAction.RollBack back => new { type = "rollBack", weights = Weights(back.Weights), attempt = back.Attempt, reason = back.Reason },
                CutoverAction.Done done => new { type = "done", outcome = done.Outcome, reason = done.Summary },
                CutoverAction.Abort abort => new { type = "abort", outcome = abort.Outcome, reason = abort.Reason, weights = new { blue = abort.LeftInPlace.Blue, green = abort.LeftInPlace.Green } },
                _ => new { type = "wait" },
            },
            gates = new { blue = Gate(state.GateFor(Color.Blue)), green = Gate(state.GateFor(Color.Green)) },
        };
    }

    internal static string Phase(CutoverPhase phase) => phase switch
    {
        CutoverPhase.SmokeCheck => "smokeCheck",
        CutoverPhase.Applying => "applying",
        CutoverPhase.Baking => "baking",
        CutoverPhase.RollingBack => "rollingBack",
        _ => "finished",
    };

    private static object Weights(TrafficWeights weights) => new { blue = weights.Blue, green = weights.Green };

    private static object Gate(GateReport gate) => new
    {
        verdict = gate.Verdict,
        samples = gate.Samples,
        failures = gate.Failures,
        successRatio = gate.SuccessRatio is { } ratio ? Math.Round(ratio, 4) : (double?)null,
        p95Ms = gate.P95Latency is { } p95 ? Math.Round(p95.TotalMilliseconds, 1) : (double?)null,
    };
}
