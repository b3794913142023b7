using System.Collections.Immutable;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using BlueGreen.Core.Skew;
using BlueGreen.Core.State;

namespace BlueGreen.Core.Planning;

/// <summary>Everything a team needs to decide whether to build green and move traffic to it, and the decision.</summary>
public sealed record UpgradePlan
{
    public required DateOnly On { get; init; }

    public required UpgradePath Path { get; init; }

    /// <summary>The blue cluster as its stack declares it, support status and node-group skew included.</summary>
    public required ClusterBlueprint Blue { get; init; }

    public required ClusterBlueprint Green { get; init; }

    public required ImmutableArray<AddonChange> Addons { get; init; }

    /// <summary>The manifests checked against green's version; absent when no manifest path was given.</summary>
    public ScanReport? Manifests { get; init; }

    /// <summary>Stateful workloads in the manifests, their storage and strategies; absent when no manifest path was given.</summary>
    public StateInventory? State { get; init; }

    /// <summary>The traffic stack's weights now; absent when no traffic settings were given.</summary>
    public TrafficWeights? Weights { get; init; }

    /// <summary>Problems found in the settings and catalog that do not block on their own (warnings).</summary>
    public required ImmutableArray<Problem> Warnings { get; init; }

    public required PlanVerdict Verdict { get; init; }
}

/// <summary>Go or no-go, with every reason: a no-go that does not say why gets overridden.</summary>
public sealed record PlanVerdict(bool IsGo, ImmutableArray<string> Blockers, ImmutableArray<string> Cautions)
{
    public string Word => IsGo ? "go" : "no-go";
}
