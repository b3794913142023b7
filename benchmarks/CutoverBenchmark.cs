using System.Collections.Concurrent;
using System.Globalization;
using BlueGreen.Benchmarks.Cutover;
using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Benchmarks;

/// <summary>
/// Runs many cutovers against local Kestrel servers, makes the target fail at a random moment of each (half of them
/// answering 503, half no longer answering), and prints how long the engine took from the failure to its decision, in
/// probe intervals, with the time the traffic stack spent with a total weight of 0 (which must be none).
/// </summary>
internal static class CutoverBenchmark
{
    private const int DefaultRuns = 200;
    private const int DefaultParallel = 8;
    private const int DefaultIntervalMilliseconds = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParseArguments(args, out var runs, out var parallel, out var interval))
        {
            Console.Error.WriteLine($"usage: cutover [--runs N (default {DefaultRuns})] [--parallel N (default {DefaultParallel})] [--interval-ms N (default {DefaultIntervalMilliseconds})]");
            return 2;
        }

        var time = TimeProvider.System;
        var options = new CutoverOptions
        {
            Target = Color.Green,
            Schedule = CutoverSchedule.Parse(CutoverSchedule.Example).Require(),
            Bake = interval * 3,
            ProbeInterval = interval,
            Gates = GateSettings.Default with { MinSamples = 3 },
        };

        // Failures land anywhere from the smoke check to a little after a healthy run would have finished.
        var healthyRun = (options.Gates.MinSamples * interval) + (options.Schedule.Steps.Length * (options.Bake + interval));
        var failureWindow = healthyRun * 1.1;

        Console.WriteLine($"Cutover benchmark: {runs} runs, {parallel} at a time, {Environment.ProcessorCount} logical cores.");
        Console.WriteLine($"Schedule green {options.Schedule}; bake {Durations.Format(options.Bake)}; probe interval {Durations.Format(interval)} (timeout the same); in-memory traffic stack, updates 10–40 ms.");
        Console.WriteLine($"Gates: {options.Gates}.");
        Console.WriteLine($"Green fails at a uniform random moment in the first {Durations.Format(failureWindow)} of each run: even runs answer 503, odd runs stop answering.");
        Console.WriteLine();

        await using var server = await FaultyServer.StartAsync();
        using var client = HttpProbe.CreateClient();
        var results = new ConcurrentBag<RunResult>();
        await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (run, cancellation) =>
            results.Add(await RunOneAsync(run, options, failureWindow, server, client, time, cancellation)));

        Report(results.ToList(), interval);
        var zeroTime = results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.TimeWithTotalZero);
        var zeroMoves = results.Sum(r => r.MovesWithTotalZero);
        return zeroTime == TimeSpan.Zero && zeroMoves == 0 ? 0 : 1;
    }

    private static async Task<RunResult> RunOneAsync(int run, CutoverOptions options, TimeSpan failureWindow, FaultyServer server, HttpClient client, TimeProvider time, CancellationToken cancellation)
    {
        var fault = run % 2 == 0 ? Fault.Error : Fault.Hang;
        var initial = TrafficWeights.AllOn(Color.Blue);
        var stack = new InMemoryTrafficStack(initial, time);
        var plan = CutoverPlan.Create(options, initial).Require();
        var endpoints = new[] { Color.Blue, Color.Green }.Select(c => new ProbeEndpoint(c, server.Url(run, c.Key()), null)).ToList();
        await HttpProbe.WarmUpAsync(client, endpoints, cancellation);
        var probes = endpoints.Select(e => (IProbe)new HttpProbe(client, e, plan.ProbeInterval, time)).ToList();

        var observed = new Observed();
        using var stopInjection = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var injection = InjectAsync(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * failureWindow.TotalMilliseconds));
        var identity = new RunIdentity($"bench-{run}", "cutover", TimeSpan.FromMinutes(5));
        var view = (await stack.ReadAsync(cancellation)).Require();
        var final = await new CutoverRunner(stack, probes, time, identity, view, () => "SIGINT").RunAsync(CutoverEngine.Start(plan, initial, time.GetUtcNow()), entry =>
        {
            if (entry.Decision.Action is CutoverAction.ApplyWeights { Weights.Total: 0 } or CutoverAction.RollBack { Weights.Total: 0 })
            {
                observed.MovesWithTotalZero++;
            }

            if (entry.Decision.Action is CutoverAction.RollBack or CutoverAction.Abort && observed.DecidedAt is null)
            {
                observed.DecidedAt = time.GetUtcNow();
            }
        }, cancellation);
        var ended = time.GetUtcNow();
        await stopInjection.CancelAsync();
        await injection;
        server.Clear(run, "green");

        var outcome = ((CutoverPhase.Finished)final.Phase).Outcome;
        return new RunResult(fault, outcome, observed.InjectedAt, observed.DecidedAt, ended, stack.TimeWithTotalZero(ended), observed.MovesWithTotalZero);

        async Task InjectAsync(TimeSpan after)
        {
            try
            {
                await Task.Delay(after, time, stopInjection.Token);
                observed.InjectedAt = time.GetUtcNow();
                server.Inject(run, "green", fault);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static void Report(List<RunResult> results, TimeSpan interval)
    {
        var decided = results.Where(r => r.DecidedAt is not null && r.InjectedAt is not null && r.DecidedAt >= r.InjectedAt).ToList();
        var falseAlarms = results.Count(r => r.DecidedAt is not null && (r.InjectedAt is null || r.DecidedAt < r.InjectedAt));
        var completedFirst = results.Count(r => r.Outcome == CutoverOutcome.Completed && r.InjectedAt is null);
        var completedAfter = results.Where(r => r.Outcome == CutoverOutcome.Completed && r.InjectedAt is not null).ToList();

        Console.WriteLine($"{"outcome",-58}{"runs",6}");
        Console.WriteLine($"{"rolled back after the failure",-58}{decided.Count(r => r.Outcome == CutoverOutcome.RolledBack),6}");
        Console.WriteLine($"{"not started: failed the smoke check",-58}{decided.Count(r => r.Outcome == CutoverOutcome.NotStarted),6}");
        Console.WriteLine($"{"completed before the failure",-58}{completedFirst,6}");
        Console.WriteLine($"{"completed, failure injected in the run's last moments",-58}{completedAfter.Count,6}" +
            (completedAfter.Count == 0 ? "" : $"  (at most {Intervals(completedAfter.Max(r => r.EndedAt - r.InjectedAt!.Value), interval)} intervals before the end)"));
        Console.WriteLine($"{"decided before any failure (false alarm)",-58}{falseAlarms,6}");
        Console.WriteLine($"{"aborted",-58}{results.Count(r => r.Outcome == CutoverOutcome.Aborted),6}");
        Console.WriteLine();

        Console.WriteLine($"{"failure → decision (roll back, or not start)",-48}{"n",6}{"min",8}{"p50",8}{"p95",8}{"max",8}");
        foreach (var (label, group) in new[]
        {
            ("target answers 503", decided.Where(r => r.Fault == Fault.Error).ToList()),
            ("target stops answering (probe timeout)", decided.Where(r => r.Fault == Fault.Hang).ToList()),
            ("all", decided),
        })
        {
            var latencies = group.Select(r => (r.DecidedAt!.Value - r.InjectedAt!.Value) / interval).Order().ToList();
            Console.WriteLine(latencies.Count == 0
                ? $"{label,-48}{0,6}"
                : $"{label,-48}{latencies.Count,6}{F(latencies[0]),8}{F(Percentile(latencies, 0.5)),8}{F(Percentile(latencies, 0.95)),8}{F(latencies[^1]),8}");
        }

        Console.WriteLine();
        var zeroTime = results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.TimeWithTotalZero);
        Console.WriteLine($"Time the traffic stack held a total weight of 0, all runs together: {zeroTime.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms " +
            $"({results.Sum(r => r.MovesWithTotalZero)} moves to weights summing to 0).");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max((int)Math.Ceiling(p * sorted.Count), 1) - 1];

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Intervals(TimeSpan span, TimeSpan interval) => F(span / interval);

    private static bool TryParseArguments(string[] args, out int runs, out int parallel, out TimeSpan interval)
    {
        runs = DefaultRuns;
        parallel = DefaultParallel;
        interval = TimeSpan.FromMilliseconds(DefaultIntervalMilliseconds);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return false;
            }

            switch (args[i])
            {
                case "--runs":
                    runs = value;
                    break;
                case "--parallel":
                    parallel = value;
                    break;
                case "--interval-ms":
                    interval = TimeSpan.FromMilliseconds(value);
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private sealed record RunResult(
        Fault Fault,
        CutoverOutcome Outcome,
        DateTimeOffset? InjectedAt,
        DateTimeOffset? DecidedAt,
        DateTimeOffset EndedAt,
        TimeSpan TimeWithTotalZero,
        int MovesWithTotalZero);

    private sealed class Observed
    {
        public DateTimeOffset? InjectedAt { get; set; }

        public DateTimeOffset? DecidedAt { get; set; }

        public int MovesWithTotalZero { get; set; }
    }
}
