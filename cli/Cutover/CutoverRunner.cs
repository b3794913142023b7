using System.Threading.Channels;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Cutover;

/// <summary>One step of a run as it happened: the event that came in (none for the start) and what the engine decided.</summary>
internal sealed record RunEntry(CutoverEvent? Event, CutoverDecision Decision)
{
    public DateTimeOffset At => Decision.State.Now;
}

/// <summary>
/// The imperative shell around <see cref="CutoverEngine"/>: probes each color every interval, ticks the clock, runs the
/// applies the engine asks for one at a time, and feeds every outcome back as an event through a single queue, so the
/// engine sees one totally ordered stream of events.
/// </summary>
internal sealed class CutoverRunner(ITrafficStack stack, IReadOnlyList<IProbe> probes, TimeProvider time)
{
    public async Task<CutoverState> RunAsync(CutoverDecision start, Action<RunEntry> observe, CancellationToken cancellation)
    {
        observe(new RunEntry(null, start));
        var state = start.State;
        if (state.IsFinished)
        {
            return state;
        }

        var events = Channel.CreateUnbounded<CutoverEvent>(new UnboundedChannelOptions { SingleReader = true });
        var applies = Channel.CreateUnbounded<TrafficWeights>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var interval = state.Plan.ProbeInterval;
        var workers = probes.Select(probe => ProbeLoopAsync(probe, interval, events.Writer, stop.Token))
            .Append(TickLoopAsync(interval, events.Writer, stop.Token))
            .Append(ApplyLoopAsync(applies.Reader, state.Applied, events.Writer, stop.Token))
            .Select(worker => SurfaceFailureAsync(worker, events.Writer))
            .ToList();

        try
        {
            Request(start.Action, applies.Writer);
            while (!state.IsFinished)
            {
                var @event = await events.Reader.ReadAsync(cancellation);
                var decision = CutoverEngine.Decide(state, @event);
                state = decision.State;
                observe(new RunEntry(@event, decision));
                Request(decision.Action, applies.Writer);
            }

            return state;
        }
        finally
        {
            applies.Writer.TryComplete();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
    }

    // A worker that dies of a bug would leave the engine waiting forever for its events; closing the queue with the
    // exception makes the run fail with it instead.
    private static async Task SurfaceFailureAsync(Task worker, ChannelWriter<CutoverEvent> events)
    {
        try
        {
            await worker;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            events.TryComplete(e);
        }
    }

    private static void Request(CutoverAction action, ChannelWriter<TrafficWeights> applies)
    {
        switch (action)
        {
            case CutoverAction.ApplyWeights apply:
                applies.TryWrite(apply.Weights);
                break;
            case CutoverAction.RollBack rollBack:
                applies.TryWrite(rollBack.Weights);
                break;
        }
    }

    private async Task ProbeLoopAsync(IProbe probe, TimeSpan interval, ChannelWriter<CutoverEvent> events, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                events.TryWrite(new CutoverEvent.ProbeCompleted(await probe.ProbeAsync(cancellation)));
            }
            while (await timer.WaitForNextTickAsync(cancellation));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    private async Task TickLoopAsync(TimeSpan interval, ChannelWriter<CutoverEvent> events, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                events.TryWrite(new CutoverEvent.Tick(time.GetUtcNow()));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    // Applies run one after another: Pulumi locks a stack during an update, and a rollback decided while a step is
    // being applied must land after that step, not race it. A running `pulumi up` is never cancelled from here:
    // killing it mid-update would leave pending operations in the stack's state.
    private async Task ApplyLoopAsync(ChannelReader<TrafficWeights> requests, TrafficWeights applied, ChannelWriter<CutoverEvent> events, CancellationToken cancellation)
    {
        try
        {
            await foreach (var weights in requests.ReadAllAsync(cancellation))
            {
                var error = await stack.ApplyWeightsAsync(weights, applied, CancellationToken.None);
                if (error is null)
                {
                    applied = weights;
                }

                events.TryWrite(new CutoverEvent.ApplyCompleted(time.GetUtcNow(), weights, error));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }
}
