using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Model;
using BlueGreen.Core.State;
using Spectre.Console;

namespace BlueGreen.Cli.State;

/// <summary><paramref name="Replicas"/>: the count the run returns the workload to; null when its recorded count cannot be read.</summary>
internal sealed record WorkloadView(string Workload, string Strategy, string Freeze, int? Replicas);

internal sealed record StepView(string Step, string Result, string Detail, IReadOnlyList<string> Commands, DateTimeOffset? At = null);

/// <summary>A migration as every output format shows it: JSON is this record; table and Markdown only format it.</summary>
internal sealed record MigrationView
{
    public required string Namespace { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required string Run { get; init; }

    public required bool DryRun { get; init; }

    public string? Outcome { get; init; }

    public string? Summary { get; init; }

    /// <summary>The measured write freeze, in seconds; absent when nothing froze.</summary>
    public double? FreezeSeconds { get; init; }

    public required IReadOnlyList<WorkloadView> Workloads { get; init; }

    public required IReadOnlyList<StepView> Steps { get; init; }

    /// <summary>What the plan found wrong on blue (writers whose recorded count cannot be read); absent when nothing.</summary>
    public IReadOnlyList<ProblemView>? Problems { get; init; }
}

internal static class MigrationOutput
{
    public static void WriteDryRun(TextWriter output, OutputFormat format, MigrationPlan plan, MigrationRunner runner, ClusterAccess blue, ClusterAccess green, DateTimeOffset now)
    {
        var view = new MigrationView
        {
            Namespace = plan.Namespace,
            From = plan.Source.Key(),
            To = plan.Target.Key(),
            Run = plan.Id,
            DryRun = true,
            Workloads = Workloads(plan),
            Steps = plan.Steps.Select(step => new StepView(Name(step), "planned", Describe(step, plan), [.. runner.Commands(step, now)])).ToList(),
            Problems = Problems(plan),
        };
        var preflight = !plan.Steps.Contains(MigrationStep.Restore) ? "" :
            $" Before any change, both colors' Velero must share the backup bucket (blue writing its prefix, green reading it read-only): {new VeleroCommands(blue).GetLocations()}; {new VeleroCommands(green).GetLocations()}.";
        Write(output, format, view, $"Dry run: nothing is changed. Blue: {blue.Source}; green: {green.Source}.{preflight}",
            plan.Unrestorable.IsEmpty
                ? $"If a step fails or the run is stopped before the switch: {string.Join("; ", runner.Commands(MigrationStep.Release, now))}"
                : $"Nothing moves: {Describe(MigrationStep.Release, plan)}; the error above says how to return them by hand.");
    }

    public static void WriteProgress(TextWriter output, MigrationEntry entry)
    {
        var at = entry.At.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var line = entry.Decision.Action switch
        {
            MigrationAction.Run run => $"{at}  {Name(run.Step)}: {run.Reason}",
            MigrationAction.Done done => $"{at}  {done.Outcome}: {done.Summary}",
            _ => null,
        };
        output.WriteLine(line);
    }

    public static void WriteRecord(TextWriter output, OutputFormat format, MigrationState final, IReadOnlyList<MigrationEntry> entries)
    {
        var plan = final.Plan;
        var finished = (MigrationPhase.Finished)final.Phase;
        var view = new MigrationView
        {
            Namespace = plan.Namespace,
            From = plan.Source.Key(),
            To = plan.Target.Key(),
            Run = plan.Id,
            DryRun = false,
            Outcome = finished.Outcome.ToString(),
            Summary = finished.Reason,
            FreezeSeconds = final.Freeze is { } freeze ? Math.Round(freeze.TotalSeconds, 3) : null,
            Workloads = Workloads(plan),
            Steps = Steps(entries),
            Problems = Problems(plan),
        };
        Write(output, format, view, null, final.Freeze is { } measured ? $"Write freeze: {Durations.Format(measured)}." : "No write freeze.");
    }

    private static IReadOnlyList<StepView> Steps(IReadOnlyList<MigrationEntry> entries)
    {
        var steps = new List<StepView>();
        MigrationStep? running = null;
        foreach (var entry in entries)
        {
            if (running is { } step && entry.Event is { } happened)
            {
                var (result, detail) = happened switch
                {
                    MigrationEvent.StepCompleted { Error: null } => ("done", ""),
                    MigrationEvent.StepCompleted failed => ("failed", failed.Error!),
                    MigrationEvent.ReadinessChecked { Passed: true } check => ("passed", check.Detail),
                    MigrationEvent.ReadinessChecked check => ("not ready", check.Detail),
                    _ => ("interrupted", "the run was stopped"),
                };
                steps.Add(new StepView(Name(step), result, detail, entry.Commands, happened.At));
            }

            running = entry.Decision.Action is MigrationAction.Run run ? run.Step : null;
        }

        return steps;
    }

    private static IReadOnlyList<WorkloadView> Workloads(MigrationPlan plan) =>
        plan.Workloads.Select(w => new WorkloadView(w.Resource, w.Strategy!.Value.Key(), w.Strategy.Value.Profile().Freeze, w.RestoreTo)).ToList();

    private static IReadOnlyList<ProblemView>? Problems(MigrationPlan plan) => plan.Problems.IsEmpty ? null : [.. plan.Problems.Select(ProblemView.From)];

    private static void Write(TextWriter output, OutputFormat format, MigrationView view, string? before, string after)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(JsonOutput.Serialize(view));
                return;
            case OutputFormat.Markdown:
                output.WriteLine($"## State migration of `{view.Namespace}`: {view.From} → {view.To} (run `{view.Run}`){(view.DryRun ? ", dry run" : "")}");
                output.WriteLine();
                if (view.Outcome is not null)
                {
                    output.WriteLine($"**{view.Outcome}**: {view.Summary}");
                    output.WriteLine();
                }

                output.WriteLine(Markdown.Table(["workload", "strategy", "expected freeze", "replicas"],
                    view.Workloads.Select(w => new[] { w.Workload, w.Strategy, w.Freeze, w.Replicas?.ToString(CultureInfo.InvariantCulture) ?? "unknown" })));
                output.WriteLine();
                output.WriteLine(Markdown.Table(["step", "result", "detail", "commands"],
                    view.Steps.Select(s => new[] { s.Step, s.Result, s.Detail, string.Join("; ", s.Commands.Select(c => $"`{c}`")) })));
                output.WriteLine();
                output.WriteLine(after);
                return;
            default:
                var console = Consoles.For(output);
                if (before is not null)
                {
                    console.MarkupLine(Markup.Escape(before));
                }

                var workloads = new Table().AddColumns("workload", "strategy", "expected freeze", "replicas");
                foreach (var w in view.Workloads)
                {
                    workloads.AddRow(Markup.Escape(w.Workload), w.Strategy, Markup.Escape(w.Freeze), w.Replicas?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
                }

                console.Write(workloads);
                var steps = new Table().AddColumns("step", "result", "detail / commands");
                foreach (var s in view.Steps)
                {
                    steps.AddRow(s.Step, s.Result, Markup.Escape(string.Join("\n", new[] { s.Detail }.Where(d => d.Length > 0).Concat(s.Commands))));
                }

                console.Write(steps);
                if (view.Outcome is not null)
                {
                    console.MarkupLine(Markup.Escape($"{view.Outcome}: {view.Summary}"));
                }

                console.MarkupLine(Markup.Escape(after));
                return;
        }
    }

    internal static string Name(MigrationStep step) => JsonNamingPolicy.KebabCaseLower.ConvertName(step.ToString());

    private static string Describe(MigrationStep step, MigrationPlan plan) => step switch
    {
        MigrationStep.Mark => $"mark blue's writers with the run id {plan.Id}, so a stopped run resumes from the cluster",
        MigrationStep.SeedBackup => $"Velero backup {plan.SeedBackup} of {plan.Namespace} on blue while it serves ({(plan.Velero == VeleroMode.Snapshot ? "volume snapshots" : "file-system backup")}): the long copy, outside the freeze",
        MigrationStep.Freeze => "FREEZE BEGINS: record each writer's replicas and the time on it, scale it to 0 on blue",
        MigrationStep.FinalBackup => $"final Velero backup {plan.FinalBackup}: only what changed since the first",
        MigrationStep.AwaitBackupOnTarget => $"wait until green's Velero lists {plan.FinalBackup} (its read-only location on the same bucket)",
        MigrationStep.Restore => $"Velero restore {plan.Restore} on green from {plan.FinalBackup}",
        MigrationStep.ScaleOnTarget => "the backup holds blue's writers frozen at 0: scale them on green to their recorded replicas and remove the run's marks there",
        MigrationStep.WaitReady => "wait until green's workloads are rolled out and ready",
        MigrationStep.CheckReadiness => $"the readiness check ({plan.Readiness!.Description}) must pass within {Durations.Format(plan.Readiness.Timeout)}; the application switches its primary",
        MigrationStep.Switch => $"FREEZE ENDS: mark blue's writers switched to {plan.Target.Key()}; they stay at 0. Next: bluegreen cutover --to {plan.Target.Key()}",
        _ when !plan.Unrestorable.IsEmpty =>
            $"blue's other writers back to their recorded replicas, the run's marks removed; {string.Join(", ", plan.Unrestorable.Select(w => w.Resource))} left as found (the count to return to cannot be read)",
        _ => "blue's writers back to their recorded replicas, the run's marks removed",
    };
}

/// <summary>One line of the events file: what happened, the commands it ran, what was decided, and the freeze so far.</summary>
internal sealed record MigrationEventLine(
    DateTimeOffset At,
    MigrationEventLine.MigrationHappened Event,
    IReadOnlyList<string> Commands,
    MigrationEventLine.MigrationDecided Action,
    DateTimeOffset? FreezeStartedAt,
    DateTimeOffset? FreezeEndedAt)
{
    public static MigrationEventLine From(MigrationEntry entry) => new(
        entry.At,
        entry.Event switch
        {
            null => new MigrationHappened.MigrationStarted(),
            MigrationEvent.StepCompleted completed => new MigrationHappened.StepCompleted(MigrationOutput.Name(completed.Step), completed.Error),
            MigrationEvent.ReadinessChecked check => new MigrationHappened.ReadinessChecked(check.Passed, check.Detail),
            _ => new MigrationHappened.MigrationInterrupted(),
        },
        entry.Commands,
        entry.Decision.Action switch
        {
            MigrationAction.Run run => new MigrationDecided.RunStep(MigrationOutput.Name(run.Step), run.Reason, run.After.TotalSeconds),
            MigrationAction.Done done => new MigrationDecided.MigrationDone(done.Outcome, done.Summary),
            _ => new MigrationDecided.MigrationUnknown(),
        },
        entry.Decision.State.FreezeStartedAt,
        entry.Decision.State.FreezeEndedAt);

    /// <summary>What happened, told apart by <c>type</c>.</summary>
    [JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
    [JsonDerivedType(typeof(MigrationStarted), "start")]
    [JsonDerivedType(typeof(StepCompleted), "stepCompleted")]
    [JsonDerivedType(typeof(ReadinessChecked), "readinessChecked")]
    [JsonDerivedType(typeof(MigrationInterrupted), "interrupted")]
    internal abstract record MigrationHappened
    {
        internal sealed record MigrationStarted : MigrationHappened;

        internal sealed record StepCompleted(string Step, string? Error) : MigrationHappened;

        internal sealed record ReadinessChecked(bool Passed, string Detail) : MigrationHappened;

        internal sealed record MigrationInterrupted : MigrationHappened;
    }

    /// <summary>What was decided, told apart by <c>type</c>.</summary>
    [JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
    [JsonDerivedType(typeof(RunStep), "run")]
    [JsonDerivedType(typeof(MigrationDone), "done")]
    [JsonDerivedType(typeof(MigrationUnknown), "unknown")]
    internal abstract record MigrationDecided
    {
        internal sealed record RunStep(string Step, string Reason, double AfterSeconds) : MigrationDecided;

        internal sealed record MigrationDone(MigrationOutcome Outcome, string Summary) : MigrationDecided;

        internal sealed record MigrationUnknown : MigrationDecided;
    }
}
