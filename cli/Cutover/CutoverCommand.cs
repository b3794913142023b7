using System.CommandLine;
using System.Globalization;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using Spectre.Console;
using Color = BlueGreen.Core.Model.Color;

namespace BlueGreen.Cli.Cutover;

/// <summary>What <c>bluegreen cutover</c> was asked, as typed; checked by <see cref="CutoverCommand.Check"/>.</summary>
internal sealed record CutoverRequest
{
    public required string To { get; init; }

    public string Steps { get; init; } = CutoverSchedule.Example;

    public string Bake { get; init; } = Durations.Format(CutoverOptions.DefaultBake);

    public string ProbeInterval { get; init; } = Durations.Format(CutoverOptions.DefaultProbeInterval);

    /// <summary>Null: the probe interval, so a hung endpoint yields a failed probe before the next one is due.</summary>
    public string? ProbeTimeout { get; init; }

    public string ExpectStatus { get; init; } = string.Join(",", GateSettings.Default.ExpectedStatusCodes);

    public double MinSuccessRatio { get; init; } = GateSettings.Default.MinSuccessRatio;

    public int Window { get; init; } = GateSettings.Default.WindowSize;

    public string MaxP95 { get; init; } = Durations.Format(GateSettings.Default.MaxP95Latency);

    public int MinSamples { get; init; } = GateSettings.Default.MinSamples;

    public int ApplyRetries { get; init; } = CutoverOptions.DefaultMaxApplyRetries;

    public string RollbackTo { get; init; } = "source";

    public bool DryRun { get; init; }

    public string? EventsFile { get; init; }

    public string SummaryFile { get; init; } = "cutover-summary.md";

    public string TimelineFile { get; init; } = "cutover-timeline.svg";

    public string StackFile { get; init; } = "Pulumi.traffic.yaml";

    public IReadOnlyList<string> Endpoints { get; init; } = [];

    public string ApplyTimeout { get; init; } = Durations.Format(CutoverOptions.DefaultApplyTimeout);

    /// <summary>Null: the traffic stack's record name, the name Route53 serves and the ingress routes on.</summary>
    public string? HostHeader { get; init; }

    public OutputFormat Output { get; init; } = OutputFormat.Table;

    /// <summary>The command line as typed, for the events file's header.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}

/// <summary>
/// <c>bluegreen cutover --to green</c>: moves the traffic stack's weights step by step, each step held only while the
/// health gates pass, and returns traffic by itself when they fail.
/// </summary>
internal static class CutoverCommand
{
    private const string ExitCodeHelp =
        "Exit codes: 0 all traffic is on the target (or, with --dry-run, the plan is valid); 1 rolled back, aborted, not started, refused (another run holds the stack, or it was changed under this run), or invalid stack settings; " +
        "2 usage error; 3 internal error; 4 rolled back but the source fails its gates too; 130/143 stopped by SIGINT/SIGTERM (the running update is cancelled like Ctrl+C first).";

    // The core names what it checks by setting; on the command line those settings are these options.
    private static readonly Dictionary<string, string> OptionFor = new(StringComparer.Ordinal)
    {
        [CutoverSchedule.Key] = "--steps",
        ["bake"] = "--bake",
        ["probeInterval"] = "--probe-interval",
        ["maxApplyRetries"] = "--apply-retries",
        ["applyTimeout"] = "--apply-timeout",
        ["gates.expectedStatusCodes"] = "--expect-status",
        ["gates.minSuccessRatio"] = "--min-success-ratio",
        ["gates.window"] = "--window",
        ["gates.maxP95Latency"] = "--max-p95",
        ["gates.minSamples"] = "--min-samples",
    };

    public static Command Create() => Create(CutoverServices.Default);

    public static Command Create(CutoverServices services)
    {
        var defaults = new CutoverRequest { To = "" };
        var to = new Option<string>("--to") { Description = "the color to move traffic to: blue or green", Required = true };
        var steps = new Option<string>("--steps") { Description = $"the target's weight at each step, ending at the stack's total weight (default {defaults.Steps})", DefaultValueFactory = _ => defaults.Steps };
        var bake = new Option<string>("--bake") { Description = "how long each step must hold with the gates passing, e.g. 30s, 2m, 1m30s", DefaultValueFactory = _ => defaults.Bake };
        var interval = new Option<string>("--probe-interval") { Description = "time between probes of each color", DefaultValueFactory = _ => defaults.ProbeInterval };
        var timeout = new Option<string?>("--probe-timeout") { Description = "how long a probe may wait for an answer before it counts as failed (default: the probe interval)" };
        var expect = new Option<string>("--expect-status") { Description = "status codes that count as a successful probe, e.g. 200,204", DefaultValueFactory = _ => defaults.ExpectStatus };
        var ratio = new Option<double>("--min-success-ratio") { Description = "least share of successful probes in the window, 0–1", DefaultValueFactory = _ => defaults.MinSuccessRatio };
        var window = new Option<int>("--window") { Description = "how many of the latest probes the ratio and p95 are computed over", DefaultValueFactory = _ => defaults.Window };
        var p95 = new Option<string>("--max-p95") { Description = "the largest p95 probe latency allowed, e.g. 500ms", DefaultValueFactory = _ => defaults.MaxP95 };
        var samples = new Option<int>("--min-samples") { Description = "probes needed at each step's weights before it may pass", DefaultValueFactory = _ => defaults.MinSamples };
        var retries = new Option<int>("--apply-retries") { Description = "extra attempts after a failed pulumi update before aborting", DefaultValueFactory = _ => defaults.ApplyRetries };
        var rollbackTo = new Option<string>("--rollback-to") { Description = "where a failed gate sends traffic: source (all of it) or last-passed (the last step that baked clean)", DefaultValueFactory = _ => defaults.RollbackTo };
        var dryRun = new Option<bool>("--dry-run") { Description = "print the schedule, gates and endpoints; apply nothing and run no process" };
        var events = new Option<string?>("--events") { Description = "write one JSON line per decision to this file, as it happens" };
        var summary = new Option<string>("--summary") { Description = "where to write the Markdown summary of the run", DefaultValueFactory = _ => defaults.SummaryFile };
        var timeline = new Option<string>("--timeline") { Description = "where to write the SVG timeline of weights and success ratios", DefaultValueFactory = _ => defaults.TimelineFile };
        var applyTimeout = new Option<string>("--apply-timeout") { Description = $"how long one pulumi update may run before it is cancelled like Ctrl+C and the run rolls back (default {defaults.ApplyTimeout})", DefaultValueFactory = _ => defaults.ApplyTimeout };
        var hostHeader = new Option<string?>("--host-header") { Description = "the Host header probes send (default: the traffic stack's infra:recordName, the name Route53 serves)" };
        var output = OutputOption.Create();
        var stackFile = TrafficStackFile.CreateOption();
        var endpoints = new Option<string[]>(Endpoints.OptionName)
        {
            Description = "probe a color at this URL instead of its stack's ingress output: color=url (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        rollbackTo.AcceptOnlyFromAmong("source", "last-passed");

        var command = new Command("cutover", $"Move traffic to one color step by step, each step gated on HTTP probes of that color, rolling back by itself when a gate fails.\n\n{ExitCodeHelp}")
        {
            to, steps, bake, interval, timeout, expect, ratio, window, p95, samples, retries, rollbackTo, dryRun, events, summary, timeline, stackFile, endpoints,
            applyTimeout, hostHeader, output,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new CutoverRequest
            {
                To = parse.GetValue(to)!,
                Steps = parse.GetValue(steps)!,
                Bake = parse.GetValue(bake)!,
                ProbeInterval = parse.GetValue(interval)!,
                ProbeTimeout = parse.GetValue(timeout),
                ExpectStatus = parse.GetValue(expect)!,
                MinSuccessRatio = parse.GetValue(ratio),
                Window = parse.GetValue(window),
                MaxP95 = parse.GetValue(p95)!,
                MinSamples = parse.GetValue(samples),
                ApplyRetries = parse.GetValue(retries),
                RollbackTo = parse.GetValue(rollbackTo)!,
                DryRun = parse.GetValue(dryRun),
                EventsFile = parse.GetValue(events),
                SummaryFile = parse.GetValue(summary)!,
                TimelineFile = parse.GetValue(timeline)!,
                StackFile = parse.GetValue(stackFile)!,
                Endpoints = parse.GetValue(endpoints) ?? [],
                ApplyTimeout = parse.GetValue(applyTimeout)!,
                HostHeader = parse.GetValue(hostHeader),
                Output = parse.GetValue(output),
                Arguments = [.. parse.Tokens.Select(t => t.Value)],
            },
            services,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(CutoverRequest request, CutoverServices services, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var (options, timeout, given, usage) = Check(request);
        if (usage.Count > 0)
        {
            TrafficStackFile.Write(error, usage);
            return ExitCodes.Usage;
        }

        var settings = TrafficStackFile.Load(request.StackFile, services.Time);
        TrafficStackFile.Write(error, settings.Problems);
        if (!settings.IsValid)
        {
            return ExitCodes.Blocked;
        }

        var traffic = settings.Require();
        var host = request.HostHeader ?? traffic.RecordName.Value;
        var probeAt = given!.ToDictionary(e => e.Key, e => e.Value with { HostHeader = host });
        options = options! with { DnsTtl = TimeSpan.FromSeconds(traffic.Ttl) };
        if (request.DryRun)
        {
            return PrintDryRun(options, timeout, traffic, probeAt, request.StackFile, Consoles.For(output), error);
        }

        // Checked before anything is read or locked: a run whose options cannot work must not hold the stack.
        var early = CutoverPlan.Create(options, traffic.Weights);
        if (early.Errors.Any(p => p.Key != CutoverSchedule.Key))
        {
            TrafficStackFile.Write(error, early.Errors.Select(AsOption));
            return ExitCodes.Usage;
        }

        var stack = TrafficStackFile.Stack(services, request.StackFile, traffic, TrafficVerb.Cutover);
        var run = services.NewRun(TrafficVerb.Cutover, StackLease.LengthFor(options));
        var taken = await TrafficRun.TakeLeaseAsync(stack, run, services.Time, error, cancellation);
        if (taken is null)
        {
            return ExitCodes.Blocked;
        }

        var before = taken.View;

        var released = false;
        try
        {
            // Route53 serves the deployed weights: the run starts from them. Weights it cannot serve are a rollback's to repair.
            var serving = before.Serving.Verdict;
            if (!serving.IsValid)
            {
                TrafficStackFile.Write(error, serving.Problems.Select(p => p with { Message = $"the traffic stack deploys {before.Serving}: {p.Message}; repair it with `bluegreen rollback --to {options.Target.Other().Key()}` first" }));
                return ExitCodes.Blocked;
            }

            var plan = CutoverPlan.Create(options, serving.Require());
            TrafficStackFile.Write(error, plan.Problems.Select(AsOption));
            if (!plan.IsValid)
            {
                return ExitCodes.Usage;
            }

            var cutover = plan.Require();
            var resolved = await ResolveEndpointsAsync(cutover, traffic, probeAt, services, request.StackFile, error, cancellation);
            if (resolved is null)
            {
                return ExitCodes.Blocked;
            }

            using var client = HttpProbe.CreateClient();
            var probes = resolved.Values.Select(e => (IProbe)new HttpProbe(client, e, timeout, services.Time)).ToList();
            await HttpProbe.WarmUpAsync(client, resolved.Values, cancellation);
            if (request.Output == OutputFormat.Table)
            {
                Consoles.For(output).MarkupLine(Markup.Escape(
                    $"Cutover to {cutover.Target.Key()} on {stack.Name}, from deployed {before.Serving} (config {before.Config}); probing {string.Join(", ", resolved.Values)}"));
            }

            released = true;
            return await TrafficRun.ExecuteAsync(new TrafficRunSetup
            {
                Stack = stack,
                Run = run,
                Before = before,
                Warnings = taken.Warnings,
                Services = services,
                Format = request.Output,
                Output = output,
                Error = error,
                Arguments = request.Arguments,
                Probes = probes,
                EventsFile = request.EventsFile,
                SummaryFile = request.SummaryFile,
                TimelineFile = request.TimelineFile,
            }, CutoverEngine.Start(cutover, serving.Require(), services.Time.GetUtcNow()), cancellation);
        }
        finally
        {
            if (!released)
            {
                await TrafficRun.ReleaseAsync(stack, run, error);
            }
        }
    }

    /// <summary>Turns the typed options into cutover options and endpoints, reporting every problem at once.</summary>
    internal static (CutoverOptions? Options, TimeSpan ProbeTimeout, IReadOnlyDictionary<Color, ProbeEndpoint>? Endpoints, List<Problem> Problems) Check(CutoverRequest request)
    {
        var problems = new List<Problem>();
        if (!ColorNames.TryParse(request.To, out var target))
        {
            problems.Add(Problem.Error(ProblemCodes.OptionColor, "--to", request.To, "must be blue or green"));
        }

        var schedule = CutoverSchedule.Parse(request.Steps);
        problems.AddRange(schedule.Problems.Select(AsOption));
        var bake = Durations.Option("--bake", request.Bake, problems);
        var interval = Durations.Option("--probe-interval", request.ProbeInterval, problems);
        var timeout = request.ProbeTimeout is null ? interval : Durations.Option("--probe-timeout", request.ProbeTimeout, problems);
        if (request.ProbeTimeout is not null && Durations.TryParse(request.ProbeTimeout, out var given) && given <= TimeSpan.Zero)
        {
            problems.Add(Problem.Error(ProblemCodes.OptionOutOfRange, "--probe-timeout", request.ProbeTimeout, "must be above zero"));
        }
        var p95 = Durations.Option("--max-p95", request.MaxP95, problems);
        var applyTimeout = Durations.Option("--apply-timeout", request.ApplyTimeout, problems);
        var codes = new List<int>();
        foreach (var code in request.ExpectStatus.Split(',', StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                codes.Add(parsed);
            }
            else
            {
                problems.Add(Problem.Error(ProblemCodes.OptionStatusCode, "--expect-status", request.ExpectStatus, $"'{code}' is not a status code; give a list such as 200,204"));
            }
        }

        var endpoints = Endpoints.Parse(request.Endpoints);
        problems.AddRange(endpoints.Problems);

        var gates = new GateSettings
        {
            ExpectedStatusCodes = [.. codes],
            MinSuccessRatio = request.MinSuccessRatio,
            WindowSize = request.Window,
            MaxP95Latency = p95,
            MinSamples = request.MinSamples,
        };
        problems.AddRange(gates.Validate().Select(AsOption));
        if (problems.Count > 0)
        {
            return (null, timeout, null, problems);
        }

        var options = new CutoverOptions
        {
            Target = target,
            Schedule = schedule.Require(),
            Bake = bake,
            ProbeInterval = interval,
            Gates = gates,
            MaxApplyRetries = request.ApplyRetries,
            RollbackTo = request.RollbackTo == "last-passed" ? RollbackTarget.LastPassedStep : RollbackTarget.AllOnSource,
            ApplyTimeout = applyTimeout,
        };
        return (options, timeout, endpoints.Require(), problems);
    }

    private static Problem AsOption(Problem problem) => OptionFor.TryGetValue(problem.Key, out var option) ? problem with { Key = option } : problem;

    private static async Task<IReadOnlyDictionary<Color, ProbeEndpoint>?> ResolveEndpointsAsync(
        CutoverPlan plan, TrafficStackSettings traffic, IReadOnlyDictionary<Color, ProbeEndpoint> given, CutoverServices services, string stackFile, TextWriter error, CancellationToken cancellation)
    {
        var reader = new StackOutputReader(services.Processes, TrafficStackFile.WorkingDirectory(stackFile));
        var resolved = new Dictionary<Color, ProbeEndpoint>(given);
        foreach (var color in new[] { plan.Target, plan.Source }.Where(c => !given.ContainsKey(c)))
        {
            var outputs = await reader.ReadAsync(traffic.StackFor(color), cancellation);
            var endpoint = outputs.IsValid ? Endpoints.FromOutputs(color, traffic, outputs.Require()) : Validated<ProbeEndpoint>.Invalid(outputs.Problems);
            if (endpoint.IsValid)
            {
                resolved[color] = endpoint.Require();
            }
            else if (color == plan.Target)
            {
                TrafficStackFile.Write(error, endpoint.Problems);
                return null;
            }
            else
            {
                // The source only informs people watching; its gates decide nothing, so a missing endpoint costs only its figures.
                TrafficStackFile.Write(error, endpoint.Problems.Select(p => p with { Severity = Severity.Warning }));
            }
        }

        return resolved;
    }

    private static int PrintDryRun(CutoverOptions options, TimeSpan timeout, TrafficStackSettings traffic, IReadOnlyDictionary<Color, ProbeEndpoint> given, string stackFile, IAnsiConsole console, TextWriter error)
    {
        var weights = traffic.Weights;
        var plan = CutoverPlan.Create(options with { DnsTtl = TimeSpan.FromSeconds(traffic.Ttl) }, weights);
        TrafficStackFile.Write(error, plan.Problems.Select(AsOption));
        if (!plan.IsValid)
        {
            return ExitCodes.Usage;
        }

        var checkedPlan = plan.Require();
        var target = checkedPlan.Target.Key();

        // The same start a real run makes: a target that already holds everything means nothing to move, no smoke check.
        var start = CutoverEngine.Start(checkedPlan, weights, DateTimeOffset.UnixEpoch);
        if (start.State.IsFinished)
        {
            console.MarkupLine(Markup.Escape($"Dry run: cutover to {target} on stack {traffic.StackName} ({stackFile}): {((CutoverAction.Done)start.Action).Summary}. A real run would apply nothing."));
            return ExitCodes.Ok;
        }

        console.MarkupLine(Markup.Escape($"Dry run: cutover to {target} on stack {traffic.StackName} ({stackFile}); nothing is applied and no process is run."));
        console.MarkupLine(Markup.Escape($"Weights in the stack file: {weights}. Each step runs, in {TrafficStackFile.WorkingDirectory(stackFile)}:"));
        console.MarkupLine(Markup.Escape($"  pulumi config set-all --path --plaintext {SettingKeys.Weights}.blue=B --plaintext {SettingKeys.Weights}.green=G --stack {traffic.StackName}"));
        console.MarkupLine(Markup.Escape($"  pulumi up --yes --skip-preview --non-interactive --stack {traffic.StackName}"));

        var table = new Table().AddColumns("step", "weights", $"{target} share", "holds for");
        table.AddRow("smoke check", Markup.Escape(weights.ToString()), Markup.Escape(weights.ShareOf(checkedPlan.Target).ToString("0.#%", CultureInfo.InvariantCulture)),
            Markup.Escape($"until {checkedPlan.Gates.MinSamples} probes of {target} pass"));
        for (var step = checkedPlan.NextStepFrom(weights); step < checkedPlan.Steps.Length; step++)
        {
            var at = checkedPlan.WeightsAt(step);
            table.AddRow(
                (step + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(at.ToString()),
                Markup.Escape(at.ShareOf(checkedPlan.Target).ToString("0.#%", CultureInfo.InvariantCulture)),
                Markup.Escape($"{Durations.Format(checkedPlan.Bake)}, and at least {checkedPlan.Gates.MinSamples} probes"));
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape($"Probes every {Durations.Format(checkedPlan.ProbeInterval)} (timeout {Durations.Format(timeout)}); gates on {target}: {checkedPlan.Gates}."));
        console.MarkupLine(Markup.Escape(
            $"On a failed gate: {(checkedPlan.RollbackTo == RollbackTarget.AllOnSource ? $"all traffic back to {checkedPlan.Source.Key()} ({checkedPlan.AllOnSource})" : "back to the last step that passed its bake")}, decided on the probe that shows the failure."));
        console.MarkupLine(Markup.Escape($"A failed update is retried {checkedPlan.MaxApplyAttempts - 1} times, then the run aborts keeping the last applied weights."));
        foreach (var color in new[] { checkedPlan.Target, checkedPlan.Source })
        {
            console.MarkupLine(Markup.Escape($"{color.Key()} endpoint: {Endpoints.Describe(color, traffic, given)}"));
        }

        return ExitCodes.Ok;
    }
}
