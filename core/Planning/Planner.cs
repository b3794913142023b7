using System.Collections.Immutable;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Skew;

namespace BlueGreen.Core.Planning;

/// <summary>
/// Builds the upgrade plan from settings that have already been validated. A pure function: the manifests are
/// scanned, the files read and the date chosen by the caller.
/// </summary>
public static class Planner
{
    public static UpgradePlan Plan(PlanInputs inputs)
    {
        var catalog = inputs.Context.Catalog;
        var today = inputs.Context.Today;
        var (blue, green) = (inputs.Blue, inputs.Green);
        var policy = SkewPolicy.Embedded;
        var path = UpgradePath.Between(blue.KubernetesVersion, green.KubernetesVersion, policy);
        var blueSupport = catalog.SupportOn(blue.KubernetesVersion, today);
        var greenSupport = catalog.SupportOn(green.KubernetesVersion, today);
        // The plan compares what the two stacks will declare: their blueprints, resolved as the Pulumi program resolves them.
        var blueBlueprint = ClusterBlueprint.Resolve(blue, catalog, inputs.Project);
        var greenBlueprint = ClusterBlueprint.Resolve(green, catalog, inputs.Project);

        var blockers = new List<string>();
        var cautions = new List<string>();

        if (blue.Color != Color.Blue)
        {
            blockers.Add($"the blue stack file ({blue.File ?? blue.StackName}) describes the {blue.Color.Key()} cluster");
        }

        if (green.Color != Color.Green)
        {
            blockers.Add($"the green stack file ({green.File ?? green.StackName}) describes the {green.Color.Key()} cluster");
        }

        if (path.IsDowngrade)
        {
            blockers.Add($"green ({green.KubernetesVersion}) is older than blue ({blue.KubernetesVersion}): this would be a downgrade");
        }

        if (!greenSupport.IsSupported)
        {
            blockers.Add($"green's version: {greenSupport.Explanation}");
        }
        else if (greenSupport.Phase == SupportPhase.Extended)
        {
            cautions.Add($"green's version is already in extended support: {greenSupport.Explanation}");
        }

        if (blueSupport.Phase == SupportPhase.Extended)
        {
            cautions.Add($"blue: {blueSupport.Explanation}");
        }

        var blueSkew = ClusterSkew.CheckNodeGroups(blue.KubernetesVersion, blue.NodeGroups.Select((g, i) => (i, g.Name, g.KubernetesVersion)), policy);
        var greenSkew = ClusterSkew.CheckNodeGroups(green.KubernetesVersion, green.NodeGroups.Select((g, i) => (i, g.Name, g.KubernetesVersion)), policy);
        blockers.AddRange(greenSkew.Where(s => !s.Verdict.IsSupported).Select(s => $"green node group '{s.NodeGroup}': {s.Verdict.Explanation}"));
        cautions.AddRange(blueSkew.Where(s => !s.Verdict.IsSupported).Select(s => $"blue node group '{s.NodeGroup}': {s.Verdict.Explanation}"));
        blockers.AddRange(blueBlueprint.Errors.Concat(greenBlueprint.Errors).Select(p => $"{p.Key} = {p.Value}: {p.Message}"));

        if (inputs.Manifests is { } scan)
        {
            blockers.AddRange(scan.Removed.Select(f =>
                $"{f.Object.File}:{f.Object.Line} {f.Object.Kind} {f.Object.Name ?? "(unnamed)"} uses {f.Api.ApiVersion}, {f.Explanation}; use {f.Replacement}"));
            blockers.AddRange(scan.Errors.Select(e => $"{e}: a manifest that cannot be read may hide a removed API"));
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

        cautions.AddRange(path.Notes);

        // A settings warning can change what gets built (a misspelt key is ignored), so it stands in the verdict; one that
        // restates a version's support phase is already there as that cluster's caution.
        string[] supportExplanations = [blueSupport.Explanation, greenSupport.Explanation];
        cautions.AddRange(inputs.Warnings.Where(w => !supportExplanations.Contains(w.Message)).Select(w => w.ToString()));

        var warnings = ImmutableArray.CreateBuilder<Problem>();
        warnings.AddRange(inputs.Warnings);
        if (catalog.Staleness(today) is { } stale)
        {
            warnings.Add(stale);
            cautions.Add(stale.Message);
        }

        return new UpgradePlan
        {
            On = today,
            Path = path,
            BlueSupport = blueSupport,
            GreenSupport = greenSupport,
            BlueNodeGroups = blueSkew,
            GreenNodeGroups = greenSkew,
            Addons = blueBlueprint.Value is { } before && greenBlueprint.Value is { } after ? AddonChange.Between(before.Addons, after.Addons) : [],
            Manifests = inputs.Manifests,
            Weights = inputs.Traffic?.Weights,
            Warnings = warnings.ToImmutable(),
            Verdict = new PlanVerdict(blockers.Count == 0, [.. blockers], [.. cautions]),
        };
    }
}

/// <summary>What a plan is built from: validated settings, optionally the traffic stack and a manifest scan against green.</summary>
public sealed record PlanInputs
{
    public required ClusterStackSettings Blue { get; init; }

    public required ClusterStackSettings Green { get; init; }

    public TrafficStackSettings? Traffic { get; init; }

    public ScanReport? Manifests { get; init; }

    public required SettingsContext Context { get; init; }

    /// <summary>The Pulumi project (Pulumi.yaml's <c>name</c>), which names the clusters the blueprints resolve to.</summary>
    public required string Project { get; init; }

    /// <summary>Warnings the settings files produced, carried into the plan so nobody has to run validate separately.</summary>
    public ImmutableArray<Problem> Warnings { get; init; } = [];
}
