using System.Collections.Immutable;

namespace BlueGreen.Core.State;

/// <summary>How a workload's data gets from blue to green, as its owners declare it with <see cref="StateStrategies.Annotation"/>.</summary>
public enum StateStrategy
{
    /// <summary>Velero backups with volume snapshots (EBS): the final one during the freeze, restored on green.</summary>
    Snapshot,

    /// <summary>Velero file-system backups: a full copy while blue serves, an incremental one during the freeze.</summary>
    Backup,

    /// <summary>The application replicates itself to green and switches its own primary.</summary>
    Replicate,

    /// <summary>The data lives outside the cluster (RDS, S3...): both colors reach it, nothing moves.</summary>
    External,

    /// <summary>The data is disposable (a cache, scratch space): green starts empty.</summary>
    None,
}

/// <summary>What a strategy costs and what it runs; one place, read by the plan and by <c>bluegreen state migrate</c>.</summary>
public sealed record StrategyProfile(StateStrategy Strategy, ImmutableArray<string> Steps, string Freeze)
{
    /// <summary>Blue's writers stop (scaled to zero) while the last copy is made or the primary moves.</summary>
    public bool Freezes => Strategy is StateStrategy.Snapshot or StateStrategy.Backup or StateStrategy.Replicate;

    /// <summary>The data travels through Velero: a backup on blue, a restore on green.</summary>
    public bool MovesThroughVelero => Strategy is StateStrategy.Snapshot or StateStrategy.Backup;
}

public static class StateStrategies
{
    /// <summary>The annotation a stateful workload declares its strategy with.</summary>
    public const string Annotation = "bluegreen.io/state";

    private static readonly ImmutableDictionary<string, StateStrategy> ByName = new Dictionary<string, StateStrategy>(StringComparer.Ordinal)
    {
        ["snapshot"] = StateStrategy.Snapshot,
        ["backup"] = StateStrategy.Backup,
        ["replicate"] = StateStrategy.Replicate,
        ["external"] = StateStrategy.External,
        ["none"] = StateStrategy.None,
    }.ToImmutableDictionary();

    public static string Names => string.Join(" | ", ByName.Keys.OrderBy(Order));

    public static bool TryParse(string? text, out StateStrategy strategy) => ByName.TryGetValue(text?.Trim() ?? "", out strategy);

    public static string Key(this StateStrategy strategy) => ByName.First(pair => pair.Value == strategy).Key;

    public static StrategyProfile Profile(this StateStrategy strategy) => strategy switch
    {
        StateStrategy.Snapshot => new(strategy,
        [
            "Velero backup of the namespace with volume snapshots on blue, while it still serves (the long copy, outside the freeze)",
            "freeze: blue's writers scaled to 0, their replica counts recorded on them",
            "final Velero backup with volume snapshots (only blocks changed since the first snapshot are copied)",
            "Velero restore on green from the final backup: volumes created from the snapshots",
            "wait until green's workload is ready",
            "switch: green serves the data (then `bluegreen cutover --to green`)",
        ], "final snapshot + restore + ready"),
        StateStrategy.Backup => new(strategy,
        [
            "Velero file-system backup of the namespace on blue, while it still serves (the long copy, outside the freeze)",
            "freeze: blue's writers scaled to 0, their replica counts recorded on them",
            "final incremental file-system backup (only files changed since the first)",
            "Velero restore on green from the final backup",
            "wait until green's workload is ready",
            "switch: green serves the data (then `bluegreen cutover --to green`)",
        ], "final incremental backup + restore + ready"),
        StateStrategy.Replicate => new(strategy,
        [
            "green's replicas follow blue's primary (the application replicates itself)",
            "freeze: blue's writers scaled to 0, their replica counts recorded on them",
            "the application's own primary switch to green, gated by the readiness check (--readiness URL or --readiness-command)",
        ], "primary switch only"),
        StateStrategy.External => new(strategy,
            ["nothing to move: the data lives outside the cluster and both colors reach it"], "none"),
        _ => new(strategy,
            ["nothing to move: the data is disposable and green starts empty"], "none (the data is not kept)"),
    };

    private static int Order(string name) => (int)ByName[name];
}
