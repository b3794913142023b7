using System.Text.Json.Serialization;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Cutover;

/// <summary>
/// <c>--events FILE</c>: one JSON object per line for every decision the engine makes, flushed as it is made, so a
/// pipeline can follow a run live (tail -f) and still has the whole story if the run is killed.
/// </summary>
internal sealed class EventsFile : IDisposable
{
    private readonly StreamWriter _writer;

    public EventsFile(string path)
    {
        _writer = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public void Write(RunEntry entry) => _writer.WriteLine(JsonOutput.Serialize(CutoverEventLine.From(entry), JsonOutput.Lines));

    public void Dispose() => _writer.Dispose();

    internal static string Phase(CutoverPhase phase) => phase switch
    {
        CutoverPhase.SmokeCheck => "smokeCheck",
        CutoverPhase.Applying => "applying",
        CutoverPhase.Baking => "baking",
        CutoverPhase.RollingBack => "rollingBack",
        _ => "finished",
    };
}

/// <summary>One line of the events file: what happened, the phase and weights it left, what was decided, both gates.</summary>
internal sealed record CutoverEventLine(
    DateTimeOffset At,
    CutoverEventLine.CutoverHappened Event,
    string Phase,
    CutoverEventLine.WeightsView Weights,
    CutoverEventLine.CutoverDecided Action,
    CutoverEventLine.GatesView Gates)
{
    public static CutoverEventLine From(RunEntry entry)
    {
        var state = entry.Decision.State;
        return new(
            entry.At,
            entry.Event switch
            {
                null => new CutoverHappened.CutoverStarted(),
                CutoverEvent.ProbeCompleted probe => new CutoverHappened.ProbeCompleted(
                    probe.Sample.Color.Key(), probe.Sample.StatusCode, Math.Round(probe.Sample.Latency.TotalMilliseconds, 1), probe.Sample.Error),
                CutoverEvent.ApplyCompleted applied => new CutoverHappened.ApplyCompleted(WeightsView.Of(applied.Weights), applied.Error),
                _ => new CutoverHappened.CutoverTick(),
            },
            EventsFile.Phase(state.Phase),
            WeightsView.Of(state.Applied),
            entry.Decision.Action switch
            {
                CutoverAction.ApplyWeights apply => new CutoverDecided.ApplyWeights(WeightsView.Of(apply.Weights), apply.Attempt, apply.Reason),
                CutoverAction.RollBack back => new CutoverDecided.RollBackWeights(WeightsView.Of(back.Weights), back.Attempt, back.Reason),
                CutoverAction.Done done => new CutoverDecided.CutoverDone(done.Outcome, done.Summary),
                CutoverAction.Abort abort => new CutoverDecided.CutoverAborted(abort.Outcome, abort.Reason, WeightsView.Of(abort.LeftInPlace)),
                _ => new CutoverDecided.CutoverWaits(),
            },
            new GatesView(GateView.Of(state.GateFor(Color.Blue)), GateView.Of(state.GateFor(Color.Green))));
    }

    internal sealed record WeightsView(int Blue, int Green)
    {
        public static WeightsView Of(TrafficWeights weights) => new(weights.Blue, weights.Green);
    }

    internal sealed record GatesView(GateView Blue, GateView Green);

    internal sealed record GateView(GateVerdict Verdict, int Samples, int Failures, double? SuccessRatio, double? P95Ms)
    {
        public static GateView Of(GateReport gate) => new(
            gate.Verdict,
            gate.Samples,
            gate.Failures,
            gate.SuccessRatio is { } ratio ? Math.Round(ratio, 4) : null,
            gate.P95Latency is { } p95 ? Math.Round(p95.TotalMilliseconds, 1) : null);
    }

    /// <summary>What happened, told apart by <c>type</c>.</summary>
    [JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
    [JsonDerivedType(typeof(CutoverStarted), "start")]
    [JsonDerivedType(typeof(ProbeCompleted), "probe")]
    [JsonDerivedType(typeof(ApplyCompleted), "applied")]
    [JsonDerivedType(typeof(CutoverTick), "tick")]
    internal abstract record CutoverHappened
    {
        internal sealed record CutoverStarted : CutoverHappened;

        internal sealed record ProbeCompleted(string Color, int? Status, double LatencyMs, string? Error) : CutoverHappened;

        internal sealed record ApplyCompleted(WeightsView Weights, string? Error) : CutoverHappened;

        internal sealed record CutoverTick : CutoverHappened;
    }

    /// <summary>What was decided, told apart by <c>type</c>.</summary>
    [JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
    [JsonDerivedType(typeof(ApplyWeights), "apply")]
    [JsonDerivedType(typeof(RollBackWeights), "rollBack")]
    [JsonDerivedType(typeof(CutoverDone), "done")]
    [JsonDerivedType(typeof(CutoverAborted), "abort")]
    [JsonDerivedType(typeof(CutoverWaits), "wait")]
    internal abstract record CutoverDecided
    {
        internal sealed record ApplyWeights(WeightsView Weights, int Attempt, string Reason) : CutoverDecided;

        internal sealed record RollBackWeights(WeightsView Weights, int Attempt, string Reason) : CutoverDecided;

        internal sealed record CutoverDone(CutoverOutcome Outcome, string Reason) : CutoverDecided;

        internal sealed record CutoverAborted(CutoverOutcome Outcome, string Reason, WeightsView Weights) : CutoverDecided;

        internal sealed record CutoverWaits : CutoverDecided;
    }
}
