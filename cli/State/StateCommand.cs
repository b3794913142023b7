using System.CommandLine;
using System.Globalization;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using BlueGreen.Core.State;
using Color = BlueGreen.Core.Model.Color;

namespace BlueGreen.Cli.State;

/// <summary>What <c>bluegreen state migrate</c> was asked, as typed.</summary>
internal sealed record MigrateRequest
{
    public required string To { get; init; }

    public required string Namespace { get; init; }

    public IReadOnlyList<string> Workloads { get; init; } = [];

    public bool DryRun { get; init; }

    public string? EventsFile { get; init; }

    public string? ReadinessUrl { get; init; }

    public string? ReadinessCommand { get; init; }

    public string ReadinessTimeout { get; init; } = "10m";

    public string ReadinessInterval { get; init; } = "10s";

    public string RolloutTimeout { get; init; } = Durations.Format(MigrationTimeouts.Default.Rollout);

    public string KubectlTimeout { get; init; } = Durations.Format(MigrationTimeouts.Default.Kubectl);

    public OutputFormat Output { get; init; } = OutputFormat.Table;

    public string? KubeconfigBlue { get; init; }

    public string? KubeconfigGreen { get; init; }

    public string StackFile { get; init; } = "Pulumi.traffic.yaml";

    public IReadOnlyList<string> Manifests { get; init; } = [];

    /// <summary>Null: the shared stack's backupBucket output, when the kubeconfigs come from the stacks.</summary>
    public string? BackupBucket { get; init; }
}

/// <summary>The outside world <c>bluegreen state</c> touches: processes (pulumi, kubectl, velero, sh), HTTP and time.</summary>
internal sealed record StateServices
{
    public required IProcessRunner Processes { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public MigrationTimeouts Timeouts { get; init; } = MigrationTimeouts.Default;

    public static StateServices Default => new() { Processes = new ProcessRunner() };
}

/// <summary>
/// <c>bluegreen state migrate --to green --namespace NS</c>: moves the data of a namespace's stateful workloads from blue
/// to green step by step (backup while serving, freeze, final backup, restore, ready, switch), returning blue's writers
/// on any failure or stop before the switch.
/// </summary>
internal static class StateCommand
{
    private const string ExitCodeHelp =
        "Exit codes: 0 green holds the data (or, with --dry-run, the plan is valid); 1 no-go (a workload without a strategy), rolled back or aborted; 2 usage error; " +
        "3 internal error; 130/143 stopped by SIGINT/SIGTERM.";

    public static Command Create() => Create(StateServices.Default);

    public static Command Create(StateServices services) => new("state", "Stateful workloads across colors: move their data from blue to green.")
    {
        Migrate(services),
    };

    private static Command Migrate(StateServices services)
    {
        var defaults = new MigrateRequest { To = "", Namespace = "" };
        var to = new Option<string>("--to") { Description = "the color that receives the data: green", Required = true };
        var ns = new Option<string>("--namespace", "-n") { Description = "the namespace whose stateful workloads move", Required = true };
        var workloads = new Option<string[]>("--workload") { Description = "only these StatefulSets or Deployments (repeatable; default: all of the namespace)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print the steps and the exact commands; change nothing" };
        var events = new Option<string?>("--events") { Description = "write one JSON line per decision to this file, as it happens" };
        var readiness = new Option<string?>("--readiness") { Description = "URL that answers 2xx once green may take the writes (required for replicate)" };
        var readinessCommand = new Option<string?>("--readiness-command") { Description = "command (run by sh -c) that exits 0 once green may take the writes" };
        var readinessTimeout = new Option<string>("--readiness-timeout") { Description = "how long the readiness check may take to pass before the run rolls back", DefaultValueFactory = _ => defaults.ReadinessTimeout };
        var readinessInterval = new Option<string>("--readiness-interval") { Description = "time between readiness checks", DefaultValueFactory = _ => defaults.ReadinessInterval };
        var rolloutTimeout = new Option<string>("--rollout-timeout") { Description = "how long a scale, backup or restore may take", DefaultValueFactory = _ => defaults.RolloutTimeout };
        var kubectlTimeout = new Option<string>(MigrationTimeouts.KubectlOption)
        {
            Description = "how long one kubectl call may run (a rollout status: beyond --rollout-timeout) before it is stopped like Ctrl+C, killed, and counted as failed; bounds the release too",
            DefaultValueFactory = _ => defaults.KubectlTimeout,
        };
        var kubeconfigBlue = new Option<string?>("--kubeconfig-blue") { Description = "blue's kubeconfig file (default: the blue stack's kubeconfig output)" };
        var kubeconfigGreen = new Option<string?>("--kubeconfig-green") { Description = "green's kubeconfig file (default: the green stack's kubeconfig output)" };
        var manifests = new Option<string[]>("--manifests", "-m") { Description = "with --dry-run: plan from these manifests instead of blue's cluster (offline)" };
        var bucket = new Option<string?>("--backup-bucket") { Description = $"the bucket both colors' Velero must share (default: the {SharedStackOutputs.BackupBucket} output of the shared stack beside the cluster stacks)" };
        var stackFile = TrafficStackFile.CreateOption();
        var output = OutputOption.Create();

        var command = new Command("migrate", $"Move a namespace's state to the other color: backup while serving, freeze, final backup, restore, ready, switch.\n\n{ExitCodeHelp}")
        {
            to, ns, workloads, dryRun, events, readiness, readinessCommand, readinessTimeout, readinessInterval, rolloutTimeout, kubectlTimeout,
            kubeconfigBlue, kubeconfigGreen, manifests, bucket, stackFile, output,
        };
        command.SetAction((parse, cancellation) => MigrationCommand.RunAsync(
            new MigrateRequest
            {
                To = parse.GetValue(to)!,
                Namespace = parse.GetValue(ns)!,
                Workloads = parse.GetValue(workloads) ?? [],
                DryRun = parse.GetValue(dryRun),
                EventsFile = parse.GetValue(events),
                ReadinessUrl = parse.GetValue(readiness),
                ReadinessCommand = parse.GetValue(readinessCommand),
                ReadinessTimeout = parse.GetValue(readinessTimeout)!,
                ReadinessInterval = parse.GetValue(readinessInterval)!,
                RolloutTimeout = parse.GetValue(rolloutTimeout)!,
                KubectlTimeout = parse.GetValue(kubectlTimeout)!,
                KubeconfigBlue = parse.GetValue(kubeconfigBlue),
                KubeconfigGreen = parse.GetValue(kubeconfigGreen),
                Manifests = parse.GetValue(manifests) ?? [],
                BackupBucket = parse.GetValue(bucket),
                StackFile = parse.GetValue(stackFile)!,
                Output = parse.GetValue(output),
            },
            services,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellation));
        return command;
    }

    /// <summary>Turns the typed options into a request for the core, reporting every problem at once.</summary>
    internal static (MigrationRequest? Request, TimeSpan Rollout, TimeSpan Kubectl, List<Problem> Problems) Check(MigrateRequest typed, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        if (!ColorNames.TryParse(typed.To, out var target))
        {
            problems.Add(Problem.Error(ProblemCodes.OptionColor, "--to", typed.To, "must be green (or blue)"));
        }

        if (string.IsNullOrWhiteSpace(typed.Namespace))
        {
            problems.Add(Problem.Error(ProblemCodes.OptionRequired, "--namespace", typed.Namespace, "give the namespace whose workloads move"));
        }

        var rollout = Durations.Option("--rollout-timeout", typed.RolloutTimeout, problems, aboveZero: true);
        var kubectl = Durations.Option(MigrationTimeouts.KubectlOption, typed.KubectlTimeout, problems, aboveZero: true);
        ReadinessGate? gate = null;
        if (typed.ReadinessUrl is not null && typed.ReadinessCommand is not null)
        {
            problems.Add(Problem.Error(ProblemCodes.OptionConflict, "--readiness-command", typed.ReadinessCommand, "give one readiness check: --readiness URL or --readiness-command CMD, not both"));
        }
        else if (typed.ReadinessUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            problems.Add(Problem.Error(ProblemCodes.OptionUrl, "--readiness", url, "is not an http(s) URL"));
        }
        else if ((typed.ReadinessUrl ?? typed.ReadinessCommand) is { } check)
        {
            gate = new ReadinessGate(typed.ReadinessUrl is null ? check : $"GET {check}",
                Durations.Option("--readiness-timeout", typed.ReadinessTimeout, problems, aboveZero: true), Durations.Option("--readiness-interval", typed.ReadinessInterval, problems, aboveZero: true));
        }

        if ((typed.KubeconfigBlue is null) != (typed.KubeconfigGreen is null))
        {
            problems.Add(Problem.Error(ProblemCodes.OptionConflict, typed.KubeconfigBlue is null ? "--kubeconfig-blue" : "--kubeconfig-green", null,
                "give both colors' kubeconfig files, or neither to read both from the cluster stacks' outputs"));
        }

        if (typed.Manifests.Count > 0 && !typed.DryRun)
        {
            problems.Add(Problem.Error(ProblemCodes.OptionConflict, "--manifests", string.Join(" ", typed.Manifests), "only plans a --dry-run: a migration reads blue's workloads from the cluster, where the truth is"));
        }

        if (problems.Count > 0)
        {
            return (null, rollout, kubectl, problems);
        }

        var request = new MigrationRequest
        {
            Target = target,
            Namespace = typed.Namespace,
            Workloads = [.. typed.Workloads],
            Readiness = gate,
            NewId = $"bluegreen-{typed.Namespace}-{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}",
        };
        return (request, rollout, kubectl, problems);
    }
}
