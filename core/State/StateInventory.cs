using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.State;

/// <summary>A volume a stateful item uses: a claim template of a StatefulSet, or a PersistentVolumeClaim it mounts.</summary>
/// <param name="Declared">False when a workload mounts a claim the manifests do not declare: its class and size are unknown.</param>
public sealed record VolumeClaim(
    string Name,
    bool FromTemplate,
    bool Declared,
    string? Size,
    ImmutableArray<string> AccessModes,
    StorageClassResolution Storage)
{
    public string AcrossClusters => Declared
        ? Storage.AcrossClusters
        : "not declared in these manifests: its class, and so what it means across clusters, is unknown here";
}

/// <summary>
/// Something that holds state across the colors: a workload with volumes, a claim no workload mounts, or any object that
/// declares a strategy (a selectorless Service in front of an external database).
/// </summary>
public sealed record StatefulItem(
    string File,
    int Line,
    string Kind,
    string Name,
    string? Namespace,
    StateStrategy? Strategy,
    ImmutableArray<VolumeClaim> Claims)
{
    public StrategyProfile? Profile => Strategy?.Profile();

    /// <summary>Kind, namespace and name, as kubectl names an object: <c>StatefulSet/orders/orders-db</c>.</summary>
    public string Reference => $"{Kind}/{Namespace ?? "default"}/{Name}";

    /// <summary>The backends of its volumes, distinct: what the data is bound to.</summary>
    public ImmutableArray<StorageBackend> Backends => Claims.Select(c => c.Storage.Backend).Distinct().Order().ToImmutableArray();
}

/// <summary>The stateful inventory of a set of manifests and whether its strategies let the upgrade go.</summary>
public sealed record StateInventory(ImmutableArray<StatefulItem> Items, ImmutableArray<Problem> Problems)
{
    /// <summary>Stateful items that declare no strategy: the upgrade cannot say what happens to their data.</summary>
    public IEnumerable<StatefulItem> MissingStrategy => Items.Where(i => i.Strategy is null);

    public bool IsGo => !MissingStrategy.Any() && !Problems.Any(p => p.IsError);

    /// <summary>The reasons this inventory blocks the upgrade, one per line.</summary>
    public IEnumerable<string> Blockers
    {
        get
        {
            var missing = MissingStrategy.Select(i => $"{i.Reference} ({i.File}:{i.Line})").ToList();
            if (missing.Count > 0)
            {
                yield return $"{missing.Count} stateful workload(s) declare no strategy; annotate each with {StateStrategies.Annotation}: {StateStrategies.Names}: {string.Join(", ", missing)}";
            }

            foreach (var problem in Problems.Where(p => p.IsError))
            {
                yield return problem.ToString();
            }
        }
    }

    /// <summary>Builds the inventory from the objects read out of every file: claims resolve across files.</summary>
    internal static StateInventory From(IEnumerable<ReadObjects> files)
    {
        var all = files.ToList();
        var classes = all.SelectMany(f => f.StorageClasses)
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Provisioner, StringComparer.Ordinal);
        var claims = all.SelectMany(f => f.Claims)
            .GroupBy(c => (c.Namespace ?? "default", c.Name))
            .ToDictionary(g => g.Key, g => g.First());
        var problems = all.SelectMany(f => f.Problems).ToImmutableArray();
        var mounted = new HashSet<(string, string)>();
        var items = ImmutableArray.CreateBuilder<StatefulItem>();

        foreach (var workload in all.SelectMany(f => f.Workloads))
        {
            var ns = workload.Namespace ?? "default";
            var volumes = workload.Templates
                .Select(t => Claim(t, fromTemplate: true, declared: true, classes))
                .Concat(workload.MountedClaims.Distinct(StringComparer.Ordinal).Select(name =>
                {
                    mounted.Add((ns, name));
                    return claims.TryGetValue((ns, name), out var claim)
                        ? Claim(claim, fromTemplate: false, declared: true, classes)
                        : new VolumeClaim(name, false, false, null, [], StorageBackends.Resolve(null, classes));
                }))
                .ToImmutableArray();
            if (volumes.IsEmpty && workload.Strategy is null)
            {
                continue;
            }

            items.Add(new StatefulItem(workload.File, workload.Line, workload.Kind, workload.Name, workload.Namespace, workload.Strategy, volumes));
        }

        // A claim no workload in these manifests mounts still holds data someone will look for on green.
        foreach (var claim in claims.Values.Where(c => !mounted.Contains((c.Namespace ?? "default", c.Name))))
        {
            items.Add(new StatefulItem(claim.File, claim.Line, "PersistentVolumeClaim", claim.Name, claim.Namespace, claim.Strategy,
                [Claim(claim, fromTemplate: false, declared: true, classes)]));
        }

        return new StateInventory(
            items.OrderBy(i => i.File, StringComparer.Ordinal).ThenBy(i => i.Line).ToImmutableArray(),
            problems);
    }

    private static VolumeClaim Claim(ClaimObject claim, bool fromTemplate, bool declared, IReadOnlyDictionary<string, string> classes) =>
        new(claim.Name, fromTemplate, declared, claim.Size, claim.AccessModes, StorageBackends.Resolve(claim.StorageClass, classes));
}
