using System.Text.Json.Serialization;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Cutover;

/// <summary><c>--events FILE</c> of a cutover or rollback: its header line, then one line for every decision the engine makes.</summary>
internal sealed class EventsFile : IDisposable
{
    private readonly JsonLinesFile _file;

    /// <summary>Opens the file as <see cref="JsonLinesFile"/> does (appending) and writes the run's header line.</summary>
    public EventsFile(string path, string runId, DateTimeOffset startedAt, IReadOnlyList<string> arguments, IReadOnlyList<Problem> runWarnings, TextWriter warnings)
    {
        _file = new JsonLinesFile(path, warnings);
        _file.Write(new CutoverRunLine(new CutoverRunLine.RunStarted(), runId, startedAt, arguments, [.. runWarnings.Select(ProblemView.From)]));
    }

    public void Write(RunEntry entry) => _file.Write(CutoverEventLine.From(entry));

    public void Dispose() => _file.Dispose();

    internal static string Phase(CutoverPhase phase) => phase switch
    {
        CutoverPhase.SmokeCheck => "smokeCheck",
        CutoverPhase.Applying => "applying",
        CutoverPhase.Baking => "baking",
        CutoverPhase.RollingBack => "rollingBack",
        _ => "finished",
    };
}

/// <summary>The first line a run writes: which run, when, with what arguments, and what it goes on despite.</summary>
internal sealed record CutoverRunLine(CutoverRunLine.RunStarted Event, string RunId, DateTimeOffset StartedAt, IReadOnlyList<string> Arguments, IReadOnlyList<ProblemView> Warnings)
{
    internal sealed record RunStarted
    {
        public string Type => "run";
    }
}

/// <summary>One line per decision: what happened, the phase and weights it left, what was decided, both gates.</summary>
internal sealed record CutoverEventLine(
    DateTimeOffset At,
    CutoverEventLine.CutoverHappened Event,
    string Phase,
    WeightsView Weights,
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
                CutoverEvent.ApplyCompleted applied => new CutoverHappened.ApplyCompleted(
                    View(applied.Weights), applied.Error, applied.Succeeded ? null : applied.Failure),
                CutoverEvent.StackChanged changed => new CutoverHappened.StackChanged(changed.Found),
                CutoverEvent.Interrupted interrupted => new CutoverHappened.CutoverInterrupted(interrupted.Signal),
                _ => new CutoverHappened.CutoverTick(),
            },
            EventsFile.Phase(state.Phase),
            new WeightsView(state.Applied.Blue, state.Applied.Green),
            entry.Decision.Action switch
            {
                CutoverAction.ApplyWeights apply => new CutoverDecided.ApplyWeights(View(apply.Weights), apply.Attempt, apply.Reason),
                CutoverAction.RollBack back => new CutoverDecided.RollBackWeights(View(back.Weights), back.Attempt, back.Reason),
                CutoverAction.Done done => new CutoverDecided.CutoverDone(done.Outcome, done.Summary),
                CutoverAction.Abort abort => new CutoverDecided.CutoverAborted(abort.Outcome, abort.Reason, new WeightsView(abort.LeftInPlace.Blue, abort.LeftInPlace.Green)),
                _ => new CutoverDecided.CutoverWaits(),
            },
            new GatesView(GateView.Of(state.GateFor(Color.Blue)), GateView.Of(state.GateFor(Color.Green))));
    }

    private static WeightsView View(TrafficWeights weights) => new(weights.Blue, weights.Green);

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
    [JsonDerivedType(typeof(StackChanged), "stackChanged")]
    [JsonDerivedType(typeof(CutoverInterrupted), "interrupted")]
    [JsonDerivedType(typeof(CutoverTick), "tick")]
    internal abstract record CutoverHappened
    {
        internal sealed record CutoverStarted : CutoverHappened;

        internal sealed record ProbeCompleted(string Color, int? Status, double LatencyMs, string? Error) : CutoverHappened;

        internal sealed record ApplyCompleted(WeightsView Weights, string? Error, ApplyFailure? Failure) : CutoverHappened;

        internal sealed record StackChanged(string Found) : CutoverHappened;

        internal sealed record CutoverInterrupted(string Signal) : CutoverHappened;

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
