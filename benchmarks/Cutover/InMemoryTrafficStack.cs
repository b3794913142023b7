using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Benchmarks.Cutover;

/// <summary>
/// A traffic stack whose updates take a few tens of milliseconds and that remembers when each set of weights went live,
/// so the benchmark can add up the time the stack spent with a total weight of 0.
/// </summary>
internal sealed class InMemoryTrafficStack(TrafficWeights initial, TimeProvider time) : ITrafficStack
{
    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset At, TrafficWeights Weights)> _history = [(time.GetUtcNow(), initial)];

    public string Name => "traffic (in memory)";

    public IReadOnlyList<(DateTimeOffset At, TrafficWeights Weights)> History
    {
        get
        {
            lock (_lock)
            {
                return [.. _history];
            }
        }
    }

    public Task<Validated<TrafficWeights>> ReadWeightsAsync(CancellationToken cancellation)
    {
        lock (_lock)
        {
            return Task.FromResult(Validated<TrafficWeights>.Valid(_history[^1].Weights));
        }
    }

    public async Task<string?> ApplyWeightsAsync(TrafficWeights weights, TrafficWeights previous, CancellationToken cancellation)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40)), cancellation);
        lock (_lock)
        {
            _history.Add((time.GetUtcNow(), weights));
        }

        return null;
    }

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
