using System.Threading.Channels;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Cutover;

/// <summary>One step of a run as it happened: the event that came in (none for the start) and what the engine decided.</summary>
internal sealed record RunEntry(CutoverEvent? Event, CutoverDecision Decision)
{
    public DateTimeOffset At => Decision.State.Now;
}

/// <summary>Who this run is, for its lease and its guard: the stack must hold this run's lease and the weights it last saw.</summary>
internal sealed record RunIdentity(string RunId, TrafficVerb Verb, TimeSpan LeaseLength)
{
    public StackLease Lease(DateTimeOffset since, DateTimeOffset now) =>
        new(RunId, Verb.Key(), Environment.MachineName, Environment.ProcessId, since, now + LeaseLength);
}

/// <summary>
/// The imperative shell around <see cref="CutoverEngine"/>: probes each color every interval, ticks the clock, runs the
/// applies the engine asks for one at a time, and feeds every outcome back as an event through a single queue, so the
/// engine sees one totally ordered stream of events.
/// </summary>
/// <param name="warn">Told what the run goes on despite (a rollback's lease that could not be renewed), as it happens.</param>
internal sealed class CutoverRunner(ITrafficStack stack, IReadOnlyList<IProbe> probes, TimeProvider time, RunIdentity identity, StackView seen, Func<string> interruption, Action<Problem> warn)
{
    private sealed record Request(TrafficWeights Weights, bool IsRollback, TimeSpan Backoff);

    private sealed class Job(Request request, CancellationTokenSource cancel)
    {
        public Request Request => request;

        /// <summary>Cancelled because a rollback overtook it, not because it ran out of time.</summary>
        public bool Superseded { get; private set; }

        public void Supersede()
        {
            Superseded = true;
            cancel.Cancel();
        }
    }

    private readonly Lock _lock = new();
    private Job? _running;
    private StackView _expected = seen;
    private readonly DateTimeOffset _since = time.GetUtcNow();

    // Set once the engine has finished: an update still queued then belongs to no decision and must not run.
    private volatile bool _finished;

    public async Task<CutoverState> RunAsync(CutoverDecision start, Action<RunEntry> observe, CancellationToken cancellation)
    {
        observe(new RunEntry(null, start));
        var state = start.State;
        if (state.IsFinished)
        {
            return state;
        }

        var events = Channel.CreateUnbounded<CutoverEvent>(new UnboundedChannelOptions { SingleReader = true });
        var applies = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var interval = state.Plan.ProbeInterval;
        var workers = probes.Select(probe => ProbeLoopAsync(probe, interval, events.Writer, stop.Token))
            .Append(TickLoopAsync(interval, events.Writer, stop.Token))
            .Select(worker => SurfaceFailureAsync(worker, events.Writer))
            .ToList();
        var applyLoop = SurfaceFailureAsync(ApplyLoopAsync(applies.Reader, state.Plan, events.Writer, cancellation), events.Writer);

        try
        {
            Ask(start.Action, applies.Writer);
            while (!state.IsFinished)
            {
                CutoverEvent @event;
                try
                {
                    @event = await events.Reader.ReadAsync(cancellation);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    // A signal: no new update starts; the running one is cancelled like Ctrl+C and waited for (bounded,
                    // in the process runner), then the weights Route53 really serves are read for the record.
                    applies.Writer.TryComplete();
                    await applyLoop;
                    @event = new CutoverEvent.Interrupted(time.GetUtcNow(), interruption(), await ReadDeployedAsync());
                }

                var decision = CutoverEngine.Decide(state, @event);
                state = decision.State;
                observe(new RunEntry(@event, decision));
                Ask(decision.Action, applies.Writer);
            }

            return state;
        }
        finally
        {
            _finished = true;
            applies.Writer.TryComplete();
            await stop.CancelAsync();
            CancelRunning(_ => true);
            await Task.WhenAll(workers.Append(applyLoop));
        }
    }

    private async Task<ObservedWeights?> ReadDeployedAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var view = await stack.ReadAsync(bound.Token);
            return view.IsValid ? view.Require().Serving : null;
        }
        catch (OperationCanceledException)
        {
            return null;
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

    private void Ask(CutoverAction action, ChannelWriter<Request> applies)
    {
        switch (action)
        {
            case CutoverAction.ApplyWeights apply:
                applies.TryWrite(new Request(apply.Weights, false, apply.Backoff));
                break;
            case CutoverAction.RollBack rollBack:
                // An update still moving traffic toward the target is cancelled like Ctrl+C: the rollback goes next, now.
                CancelRunning(job => !job.Request.IsRollback);
                applies.TryWrite(new Request(rollBack.Weights, true, rollBack.Backoff));
                break;
        }
    }

    private void CancelRunning(Func<Job, bool> which)
    {
        lock (_lock)
        {
            if (_running is { } job && which(job))
            {
                job.Supersede();
            }
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

    // Applies run one after another: Pulumi locks a stack during an update. Before each, the stack is read again: if
    // anything but this run changed it (a rollback, a hand edit, another run), this run stops without applying. Each
    // update is bounded by the apply timeout and cancelled like Ctrl+C when it runs out, or when a rollback overtakes it.
    private async Task ApplyLoopAsync(ChannelReader<Request> requests, CutoverPlan plan, ChannelWriter<CutoverEvent> events, CancellationToken signal)
    {
        await foreach (var request in requests.ReadAllAsync(CancellationToken.None))
        {
            if (signal.IsCancellationRequested || _finished)
            {
                return;
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(signal);
            var job = new Job(request, cancel);
            lock (_lock)
            {
                _running = job;
            }

            try
            {
                if (request.Backoff > TimeSpan.Zero)
                {
                    await Task.Delay(request.Backoff, time, cancel.Token);
                }

                var found = await stack.ReadAsync(cancel.Token);
                var changed = found.IsValid
                    ? found.Require().ChangesSince(_expected, identity.RunId)
                    : $"the traffic stack could not be read before applying: {string.Join("; ", found.Errors)}";
                if (changed is not null && identity.Verb.YieldsToChanges())
                {
                    events.TryWrite(new CutoverEvent.StackChanged(time.GetUtcNow(), changed));
                    continue;
                }

                var lease = _expected.Lease is null ? null : identity.Lease(_since, time.GetUtcNow());
                if (lease is not null && await stack.SetLeaseAsync(lease, cancel.Token) is { } leaseError)
                {
                    // A cutover stops unleased; a rollback goes on, and says so.
                    var notRenewed = StackLease.NotWritten(identity.Verb, leaseError);
                    if (notRenewed.IsError)
                    {
                        events.TryWrite(new CutoverEvent.StackChanged(time.GetUtcNow(), $"this run could not renew its lease: {leaseError}"));
                        continue;
                    }

                    warn(notRenewed);
                }

                cancel.CancelAfter(plan.ApplyTimeout);
                var result = await stack.ApplyWeightsAsync(request.Weights, _expected.Config, cancel.Token);
                if (result.Error is null)
                {
                    _expected = new StackView(ObservedWeights.Of(request.Weights), ObservedWeights.Of(request.Weights), lease?.Format());
                }
                else
                {
                    await AdoptAsync(lease);
                }

                events.TryWrite(new CutoverEvent.ApplyCompleted(time.GetUtcNow(), request.Weights, result.Error, result.Failure));
            }
            catch (OperationCanceledException) when (signal.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                await AdoptAsync(StackLease.Parse(_expected.Lease));
                events.TryWrite(job.Superseded
                    ? new CutoverEvent.ApplyCompleted(time.GetUtcNow(), request.Weights, "cancelled: a rollback was decided while it ran", ApplyFailure.Superseded)
                    : new CutoverEvent.ApplyCompleted(time.GetUtcNow(), request.Weights, $"cancelled after {Durations.Format(plan.ApplyTimeout)}", ApplyFailure.TimedOut));
            }
            finally
            {
                lock (_lock)
                {
                    _running = null;
                }
            }
        }
    }

    // After an update that failed or was cancelled, what the stack holds is this run's own doing (Pulumi may have changed
    // some records before it stopped): the next guard compares against that, not against the weights asked for.
    private async Task AdoptAsync(StackLease? lease)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var view = await stack.ReadAsync(bound.Token);
            if (view.IsValid)
            {
                _expected = view.Require() with { Lease = lease?.Format() ?? _expected.Lease };
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
