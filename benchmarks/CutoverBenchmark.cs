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
            ApplyTimeout = TimeSpan.FromSeconds(1),
        };

        // Failures land anywhere from the smoke check to a little after a healthy run would have finished.
        var healthyRun = (options.Gates.MinSamples * interval) + (options.Schedule.Steps.Length * (options.Bake + interval));
        var failureWindow = healthyRun * 1.1;

        Console.WriteLine($"Cutover benchmark: {runs} runs, {parallel} at a time, {Environment.ProcessorCount} logical cores.");
        Console.WriteLine($"Schedule green {options.Schedule}; bake {Durations.Format(options.Bake)}; probe interval {Durations.Format(interval)} (timeout the same); apply timeout {Durations.Format(options.ApplyTimeout)}.");
        Console.WriteLine("In-memory traffic stack with Pulumi's lock; runs rotate through five scenarios: 503 with 10-40 ms updates, no answer, 503 during slow updates,");
        Console.WriteLine("503 while updates toward green hang (cancelled at the apply timeout), and lock contention (a rival cutover, then a hand-made update).");
        Console.WriteLine($"Gates: {options.Gates}.");
        Console.WriteLine($"Green fails at a uniform random moment in the first {Durations.Format(failureWindow)} of each run.");
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
        var scenario = (Scenario)(run % 5);
        var fault = scenario == Scenario.Hang ? Fault.Hang : Fault.Error;
        var initial = TrafficWeights.AllOn(Color.Blue);
        var stack = new InMemoryTrafficStack(initial, time);
        var interval = options.ProbeInterval;
        stack.UpdateTime = weights => scenario switch
        {
            Scenario.SlowUpdates => interval * 3,
            // Updates toward green hang until the apply timeout cancels them; a rollback's update goes through.
            Scenario.HungUpdates when weights.Green > 0 => TimeSpan.FromMinutes(1),
            _ => TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40)),
        };
        var plan = CutoverPlan.Create(options, initial).Require();
        var endpoints = new[] { Color.Blue, Color.Green }.Select(c => new ProbeEndpoint(c, server.Url(run, c.Key()), null)).ToList();
        await HttpProbe.WarmUpAsync(client, endpoints, cancellation);
        var probes = endpoints.Select(e => (IProbe)new HttpProbe(client, e, plan.ProbeInterval, time)).ToList();

        var identity = new RunIdentity($"bench-{run}", TrafficVerb.Cutover, TimeSpan.FromMinutes(5));
        var view = (await TrafficRun.TakeLeaseAsync(stack, identity, time, TextWriter.Null, cancellation))?.View
            ?? throw new InvalidOperationException("the benchmark's own run could not take its lease");
        var observed = new Observed();
        using var stopInjection = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var moment = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * failureWindow.TotalMilliseconds);
        var injection = scenario == Scenario.Contention ? ContendAsync(moment) : InjectAsync(moment);
        var final = await new CutoverRunner(stack, probes, time, identity, view, () => "SIGINT", _ => { }).RunAsync(CutoverEngine.Start(plan, initial, time.GetUtcNow()), entry =>
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
        var rolledBackAt = observed.InjectedAt is { } injected ? stack.DeployedAt(ObservedWeights.Of(initial), injected) : null;
        return new RunResult(scenario, outcome, observed.InjectedAt, observed.DecidedAt, rolledBackAt, ended, stack.TimeWithTotalZero(ended), observed.MovesWithTotalZero,
            observed.SecondCutoverRefused, observed.RivalAttempted, stack.LockedRefusals);

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

        // A second cutover tries to start while this one runs; then a hand-made update lands on the stack.
        async Task ContendAsync(TimeSpan after)
        {
            try
            {
                await Task.Delay(after, time, stopInjection.Token);
                var rival = new RunIdentity($"bench-{run}-rival", TrafficVerb.Cutover, TimeSpan.FromMinutes(5));
                observed.RivalAttempted = true;
                observed.SecondCutoverRefused = await TrafficRun.TakeLeaseAsync(stack, rival, time, TextWriter.Null, stopInjection.Token) is null;
                await stack.ApplyWeightsAsync(TrafficWeights.Create(60, 40).Require(), new ObservedWeights(60, 40), stopInjection.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static void Report(List<RunResult> results, TimeSpan interval)
    {
        var faulty = results.Where(r => r.Scenario != Scenario.Contention).ToList();
        var decided = faulty.Where(r => r.DecidedAt is not null && r.InjectedAt is not null && r.DecidedAt >= r.InjectedAt).ToList();
        bool Early(RunResult r) => r.DecidedAt is not null && (r.InjectedAt is null || r.DecidedAt < r.InjectedAt);
        var falseAlarms = faulty.Count(r => Early(r) && r.Scenario != Scenario.HungUpdates);
        var timedOutFirst = faulty.Count(r => Early(r) && r.Scenario == Scenario.HungUpdates);

        Console.WriteLine($"{"outcome (runs with a failure injected)",-58}{"runs",6}");
        foreach (var outcome in Enum.GetValues<CutoverOutcome>())
        {
            var count = faulty.Count(r => r.Outcome == outcome);
            if (count > 0)
            {
                Console.WriteLine($"{Outcomes.Describe(outcome),-58}{count,6}");
            }
        }

        Console.WriteLine($"{"of which rolled back on the apply timeout before green failed",-58}{timedOutFirst,6}");
        Console.WriteLine($"{"decided before any failure (false alarm)",-58}{falseAlarms,6}");
        Console.WriteLine();

        Console.WriteLine($"{"failure → decision (roll back, or not start)",-48}{"n",6}{"p50",9}{"p95",9}{"max",9}   {"p50 s",8}{"p95 s",8}{"max s",8}");
        foreach (var (label, group) in Groups(decided))
        {
            Row(label, group.Select(r => r.DecidedAt!.Value - r.InjectedAt!.Value).ToList(), interval);
        }

        Console.WriteLine();
        Console.WriteLine($"{"failure → rollback deployed (all on blue)",-48}{"n",6}{"p50",9}{"p95",9}{"max",9}   {"p50 s",8}{"p95 s",8}{"max s",8}");
        var deployed = decided.Where(r => r.RolledBackAt is not null && r.Outcome != CutoverOutcome.NotStarted).ToList();
        foreach (var (label, group) in Groups(deployed))
        {
            Row(label, group.Select(r => r.RolledBackAt!.Value - r.InjectedAt!.Value).ToList(), interval);
        }

        Console.WriteLine("(latencies in probe intervals, then in seconds)");
        Console.WriteLine();
        var contention = results.Where(r => r.Scenario == Scenario.Contention).ToList();
        var attempted = contention.Where(r => r.RivalAttempted).ToList();
        Console.WriteLine($"Lock contention, {contention.Count} runs ({attempted.Count} where the rival came before the run ended): a second cutover was refused {attempted.Count(r => r.SecondCutoverRefused)} times, " +
            $"allowed {attempted.Count(r => !r.SecondCutoverRefused)}; a hand-made update then hit Pulumi's stack lock " +
            $"{contention.Sum(r => r.LockedRefusals)} times; the runs ended: " +
            string.Join(", ", contention.GroupBy(r => r.Outcome).Select(g => $"{Outcomes.Describe(g.Key)} {g.Count()}")) + ".");
        var zeroTime = results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.TimeWithTotalZero);
        Console.WriteLine($"Time the traffic stack held a total weight of 0, all runs together: {zeroTime.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms " +
            $"({results.Sum(r => r.MovesWithTotalZero)} moves to weights summing to 0).");
    }

    private static IEnumerable<(string Label, List<RunResult> Group)> Groups(List<RunResult> results) =>
    [
        ("target answers 503, updates 10-40 ms", results.Where(r => r.Scenario == Scenario.Error).ToList()),
        ("target stops answering (probe timeout)", results.Where(r => r.Scenario == Scenario.Hang).ToList()),
        ("503 during slow updates (3 intervals each)", results.Where(r => r.Scenario == Scenario.SlowUpdates).ToList()),
        ("503 while updates hang (apply timeout)", results.Where(r => r.Scenario == Scenario.HungUpdates).ToList()),
        ("all", results),
    ];

    private static void Row(string label, List<TimeSpan> spans, TimeSpan interval)
    {
        if (spans.Count == 0)
        {
            Console.WriteLine($"{label,-48}{0,6}");
            return;
        }

        var sorted = spans.Order().ToList();
        var intervals = sorted.Select(s => s / interval).ToList();
        var seconds = sorted.Select(s => s.TotalSeconds).ToList();
        Console.WriteLine($"{label,-48}{sorted.Count,6}{F(Percentile(intervals, 0.5)),9}{F(Percentile(intervals, 0.95)),9}{F(intervals[^1]),9}   " +
            $"{F(Percentile(seconds, 0.5)),8}{F(Percentile(seconds, 0.95)),8}{F(seconds[^1]),8}");
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

    private enum Scenario
    {
        Error,
        Hang,
        SlowUpdates,
        HungUpdates,
        Contention,
    }

    private sealed record RunResult(
        Scenario Scenario,
        CutoverOutcome Outcome,
        DateTimeOffset? InjectedAt,
        DateTimeOffset? DecidedAt,
        DateTimeOffset? RolledBackAt,
        DateTimeOffset EndedAt,
        TimeSpan TimeWithTotalZero,
        int MovesWithTotalZero,
        bool SecondCutoverRefused,
        bool RivalAttempted,
        int LockedRefusals);

    private sealed class Observed
    {
        public DateTimeOffset? InjectedAt { get; set; }

        public DateTimeOffset? DecidedAt { get; set; }

        public int MovesWithTotalZero { get; set; }

        public bool SecondCutoverRefused { get; set; }

        public bool RivalAttempted { get; set; }
    }
}
