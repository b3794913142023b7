using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Benchmarks.Cutover;

/// <summary>
/// A traffic stack whose updates take <see cref="UpdateTime"/> (tens of milliseconds, or a slow or hung update) and that
/// remembers when each set of weights went live, so the benchmark can add up the time spent with a total weight of 0 and
/// find when a rollback was really deployed. Like Pulumi, it holds a lock while an update runs: a second update fails with
/// Pulumi's message, and a cancelled update deploys nothing.
/// </summary>
internal sealed class InMemoryTrafficStack(TrafficWeights initial, TimeProvider time) : ITrafficStack
{
    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset At, ObservedWeights Weights)> _history = [(time.GetUtcNow(), ObservedWeights.Of(initial))];
    private ObservedWeights _config = ObservedWeights.Of(initial);
    private string? _lease;
    private bool _updating;

    public string Name => "traffic (in memory)";

    /// <summary>How long the next update takes; the benchmark makes some slow and some hang.</summary>
    public Func<TrafficWeights, TimeSpan> UpdateTime { get; set; } = _ => TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40));

    public int LockedRefusals { get; private set; }

    public IReadOnlyList<(DateTimeOffset At, ObservedWeights Weights)> History
    {
        get
        {
            lock (_lock)
            {
                return [.. _history];
            }
        }
    }

    public Task<Validated<StackView>> ReadAsync(CancellationToken cancellation)
    {
        lock (_lock)
        {
            return Task.FromResult(Validated<StackView>.Valid(new StackView(_config, _history[^1].Weights, _lease)));
        }
    }

    public async Task<ApplyResult> ApplyWeightsAsync(TrafficWeights weights, ObservedWeights restore, CancellationToken cancellation)
    {
        lock (_lock)
        {
            if (_updating)
            {
                LockedRefusals++;
                return new ApplyResult("error: the stack is currently locked by 1 lock(s)", ApplyFailure.StackLocked);
            }

            _updating = true;
            _config = ObservedWeights.Of(weights);
        }

        try
        {
            await Task.Delay(UpdateTime(weights), time, cancellation);
            lock (_lock)
            {
                _history.Add((time.GetUtcNow(), ObservedWeights.Of(weights)));
            }

            return ApplyResult.Ok;
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                _config = restore;
            }

            throw;
        }
        finally
        {
            lock (_lock)
            {
                _updating = false;
            }
        }
    }

    public Task<string?> SetLeaseAsync(StackLease lease, CancellationToken cancellation)
    {
        lock (_lock)
        {
            _lease = lease.Format();
        }

        return Task.FromResult<string?>(null);
    }

    public Task<string?> RemoveLeaseAsync(CancellationToken cancellation)
    {
        lock (_lock)
        {
            _lease = null;
        }

        return Task.FromResult<string?>(null);
    }

    /// <summary>The first moment at or after <paramref name="from"/> the stack deployed <paramref name="weights"/>.</summary>
    public DateTimeOffset? DeployedAt(ObservedWeights weights, DateTimeOffset from) =>
        History.Where(h => h.At >= from && h.Weights == weights).Select(h => (DateTimeOffset?)h.At).FirstOrDefault();

    /// <summary>How long the stack held weights summing to 0 between its creation and <paramref name="end"/>.</summary>
    public TimeSpan TimeWithTotalZero(DateTimeOffset end)
    {
        var history = History;
        var total = TimeSpan.Zero;
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Weights.Total == 0)
            {
                total += (i + 1 < history.Count ? history[i + 1].At : end) - history[i].At;
            }
        }

        return total;
    }
}
