using System.Collections.Immutable;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Skew;
using BlueGreen.Core.State;

namespace BlueGreen.Core.Planning;

/// <summary>
/// The upgrade plan: the blue and green blueprints, resolved as the Pulumi program resolves them, compared. A pure
/// function: the manifests are scanned, the files read and the date chosen by the caller.
/// </summary>
public static class Planner
{
    public static UpgradePlan Plan(PlanInputs inputs)
    {
        var (blue, green) = (inputs.Blue, inputs.Green);
        var path = UpgradePath.Between(blue.KubernetesVersion, green.KubernetesVersion, SkewPolicy.Embedded);
        var blockers = new List<string>();
        var cautions = new List<string>();

        if (blue.Color != Color.Blue)
        {
            blockers.Add($"the blue stack ({blue.Tags[BlueprintTags.Stack]}) describes the {blue.Color.Key()} cluster");
        }

        if (green.Color != Color.Green)
        {
            blockers.Add($"the green stack ({green.Tags[BlueprintTags.Stack]}) describes the {green.Color.Key()} cluster");
        }

        if (path.IsDowngrade)
        {
            blockers.Add($"green ({green.KubernetesVersion}) is older than blue ({blue.KubernetesVersion}): this would be a downgrade");
        }

        if (!green.Support.IsSupported)
        {
            blockers.Add($"green's version: {green.Support.Explanation}");
        }
        else if (green.Support.Phase == SupportPhase.Extended)
        {
            cautions.Add($"green's version is already in extended support: {green.Support.Explanation}");
        }

        // Moving away from a version at the end of its support is the plan's reason to exist: the sooner the better.
        if (blue.Support.Phase == SupportPhase.Unsupported)
        {
            cautions.Insert(0, $"URGENT: blue's version left EKS extended support on {blue.Support.EndOfExtendedSupport:yyyy-MM-dd}; EKS may upgrade it in place at any time: move to green now. {blue.Support.Explanation}");
        }
        else if (blue.Support.Phase == SupportPhase.Extended)
        {
            cautions.Add($"blue: {blue.Support.Explanation}");
        }

        if (inputs.Manifests is { } scan)
        {
            blockers.AddRange(scan.Removed.Select(f =>
                $"{f.Object.File}:{f.Object.Line} {f.Object.Kind} {f.Object.Name ?? "(unnamed)"} uses {f.Api.ApiVersion}, {f.Explanation}; use {f.Replacement}"));
            blockers.AddRange(scan.Errors.Select(e => $"{e}: a manifest that cannot be read may hide a removed API"));
            if (scan.NothingFound is { } nothing)
            {
                cautions.Add($"manifests: {nothing}");
            }

            var deprecated = scan.Deprecated.Count();
            if (deprecated > 0)
            {
                cautions.Add($"{deprecated} manifest object(s) use APIs deprecated in {green.KubernetesVersion}; plan their migration before the next upgrade");
            }
        }
        else
        {
            cautions.Add("no manifests were scanned (--manifests): removed APIs are not ruled out");
        }

        if (inputs.State is { } state)
        {
            blockers.AddRange(state.Blockers);
        }

        cautions.AddRange(path.Notes);

        // A settings warning can change what gets built (a misspelt key is ignored), so it stands in the verdict; a
        // support warning is already there as that cluster's caution.
        cautions.AddRange(inputs.Warnings.Where(w => !w.Code.StartsWith("support.", StringComparison.Ordinal)).Select(w => w.ToString()));

        var warnings = ImmutableArray.CreateBuilder<Problem>();
        warnings.AddRange(inputs.Warnings);
        if (inputs.Catalog.Staleness(inputs.Today) is { } stale)
        {
            warnings.Add(stale);
            cautions.Add(stale.Message);
        }

        return new UpgradePlan
        {
            On = inputs.Today,
            Path = path,
            Blue = blue,
            Green = green,
            Addons = AddonChange.Between(blue.Addons, green.Addons),
            Manifests = inputs.Manifests,
            State = inputs.State,
            Weights = inputs.Traffic?.Weights,
            Warnings = warnings.ToImmutable(),
            Verdict = new PlanVerdict(blockers.Count == 0, [.. blockers], [.. cautions]),
        };
    }
}

/// <summary>What a plan is built from: the two resolved blueprints, optionally the traffic stack and a manifest scan against green.</summary>
public sealed record PlanInputs
{
    public required ClusterBlueprint Blue { get; init; }

    public required ClusterBlueprint Green { get; init; }

    public TrafficStackSettings? Traffic { get; init; }

    public ScanReport? Manifests { get; init; }

    /// <summary>The stateful workloads of the same manifests and their strategies; absent when no manifest path was given.</summary>
    public StateInventory? State { get; init; }

    /// <summary>The catalog the blueprints were resolved against, for its age.</summary>
    public required VersionCatalog Catalog { get; init; }

    public required DateOnly Today { get; init; }

    /// <summary>Warnings the settings and their resolution produced, carried into the plan so nobody has to run validate separately.</summary>
    public ImmutableArray<Problem> Warnings { get; init; } = [];
}
