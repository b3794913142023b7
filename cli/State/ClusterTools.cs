using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Model;
using BlueGreen.Core.State;

namespace BlueGreen.Cli.State;

/// <summary>One program call: what the dry run prints and what the run executes are the same value.</summary>
internal sealed record ToolCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>How long the call may run; null for calls that wait on Velero for as long as a copy takes (only a stop ends them).</summary>
    public ProcessTimeout? Timeout { get; init; }

    public override string ToString() => $"{Program} {string.Join(" ", Arguments.Select(Quote))}";

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,@%+".Contains(c)) ? argument : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}

/// <summary>
/// The kubectl calls a migration makes, on one cluster and namespace, each bounded by <paramref name="Timeout"/> (a rollout
/// status by its own <c>--timeout</c> plus that): a hung call is stopped and reported instead of holding the run.
/// </summary>
internal sealed record KubectlCommands(ClusterAccess Cluster, string Namespace, ProcessTimeout Timeout)
{
    public ToolCommand GetWorkloads() => Kubectl("get", "statefulset,deployment", "-o", "json");

    public ToolCommand Annotate(LiveWorkload workload, IEnumerable<string> annotations) =>
        Kubectl(["annotate", workload.Resource, .. annotations, "--overwrite"]);

    public ToolCommand Scale(LiveWorkload workload, int replicas) => Kubectl("scale", workload.Resource, $"--replicas={replicas}");

    public ToolCommand RolloutStatus(LiveWorkload workload, TimeSpan timeout) =>
        Kubectl("rollout", "status", workload.Resource, $"--timeout={(int)timeout.TotalSeconds}s") with { Timeout = Timeout with { Limit = timeout + Timeout.Limit } };

    private ToolCommand Kubectl(params string[] arguments) => new("kubectl", ["--kubeconfig", Cluster.Kubeconfig, "-n", Namespace, .. arguments]) { Timeout = Timeout };
}

/// <summary>The velero calls a migration makes on one cluster (Velero's own namespace is its default, velero).</summary>
internal sealed record VeleroCommands(ClusterAccess Cluster)
{
    public ToolCommand CreateBackup(string name, string ns, VeleroMode mode) => Velero(
        "backup", "create", name, "--include-namespaces", ns,
        mode == VeleroMode.Snapshot ? "--snapshot-volumes=true" : "--default-volumes-to-fs-backup=true", "--wait");

    public ToolCommand DescribeBackup(string name) => Velero("backup", "describe", name, "-o", "json");

    public ToolCommand CreateRestore(string name, string backup, string ns) =>
        Velero("restore", "create", name, "--from-backup", backup, "--include-namespaces", ns, "--wait");

    public ToolCommand DescribeRestore(string name) => Velero("restore", "describe", name, "-o", "json");

    public ToolCommand GetLocations() => Velero("backup-location", "get", "-o", "json");

    private ToolCommand Velero(params string[] arguments) => new("velero", ["--kubeconfig", Cluster.Kubeconfig, .. arguments]);
}

/// <summary>
/// Runs tool commands over the process runner, with their output read the way Velero and kubectl print it. A call that
/// runs past its timeout is a failure like any other for the step, and is also <paramref name="report"/>ed as a problem
/// the moment it happens.
/// </summary>
internal sealed class Tools(IProcessRunner processes, string workingDirectory, Action<Problem> report)
{
    /// <summary>Null on success, else why the command failed.</summary>
    public async Task<string?> RunAsync(ToolCommand command, CancellationToken cancellation)
    {
        var (result, timedOut) = await CallAsync(command, cancellation);
        return timedOut ?? (result!.Succeeded ? null : result.Failure(command.ToString()));
    }

    public async Task<(string? Output, string? Error)> ReadAsync(ToolCommand command, CancellationToken cancellation)
    {
        var (result, timedOut) = await CallAsync(command, cancellation);
        return timedOut is not null ? (null, timedOut) : result!.Succeeded ? (result.StandardOutput, null) : (null, result.Failure(command.ToString()));
    }

    /// <summary>
    /// The backup storage locations in <c>velero backup-location get -o json</c>: a list with <c>items</c>, or the one
    /// location itself.
    /// </summary>
    public async Task<(IReadOnlyList<BackupLocation>? Locations, string? Error)> LocationsAsync(ToolCommand get, CancellationToken cancellation)
    {
        var (output, error) = await ReadAsync(get, cancellation);
        if (error is not null)
        {
            return (null, error);
        }

        try
        {
            var document = JsonNode.Parse(output!);
            var items = document?["items"] is JsonArray array ? array.OfType<JsonNode>() : document is null ? [] : [document];
            return (items.Select(item => new BackupLocation(
                item["metadata"]?["name"]?.GetValue<string>() ?? "",
                item["spec"]?["objectStorage"]?["bucket"]?.GetValue<string>(),
                item["spec"]?["objectStorage"]?["prefix"]?.GetValue<string>(),
                item["spec"]?["accessMode"]?.GetValue<string>() ?? "ReadWrite")).ToList(), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (null, $"`{get}` did not print backup storage locations as JSON: {e.Message}");
        }
    }

    /// <summary>
    /// The phase of a backup or restore from <c>velero ... describe NAME -o json</c> (a top-level <c>phase</c>), null when
    /// Velero has no object of that name (it exits 1 with "... not found"), or an error for anything else.
    /// </summary>
    public async Task<(VeleroPhase? Phase, string? Error)> PhaseAsync(ToolCommand describe, CancellationToken cancellation)
    {
        var (result, timedOut) = await CallAsync(describe, cancellation);
        if (timedOut is not null)
        {
            return (null, timedOut);
        }

        if (!result!.Succeeded)
        {
            return result.StandardError.Contains("not found", StringComparison.Ordinal) ? (null, null) : (null, result.Failure(describe.ToString()));
        }

        try
        {
            return JsonNode.Parse(result.StandardOutput)?["phase"]?.GetValue<string>() is { } phase
                ? (VeleroPhases.Parse(phase), null)
                : (null, $"`{describe}` printed no phase");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (null, $"`{describe}` did not print JSON: {e.Message}");
        }
    }

    /// <summary>The program's result, or, when it ran past its timeout (it is stopped and killed by then), why there is none.</summary>
    private async Task<(ProcessResult? Result, string? TimedOut)> CallAsync(ToolCommand command, CancellationToken cancellation)
    {
        if (command.Timeout is not { } timeout)
        {
            return (await processes.RunAsync(command.Program, command.Arguments, workingDirectory, cancellation), null);
        }

        if (await timeout.RunAsync(processes, command.Program, command.Arguments, workingDirectory, cancellation) is { } result)
        {
            return (result, null);
        }

        var problem = timeout.TimedOut(command.ToString());
        report(problem);
        return (null, $"{problem.Message} [{problem.Code}]");
    }
}
