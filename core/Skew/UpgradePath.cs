using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Skew;

/// <summary>
/// What moving workloads from the blue cluster to the green one changes in Kubernetes versions. Blue/green may
/// jump several minors at once because nothing is upgraded in place; the skipped minors still matter, since every
/// API removed in them is gone on green.
/// </summary>
public sealed record UpgradePath(KubernetesVersion From, KubernetesVersion To, ImmutableArray<KubernetesVersion> Skipped, ImmutableArray<string> Notes)
{
    public int Minors => To.MinorsNewerThan(From);

    public bool IsUpgrade => Minors > 0;

    public bool IsDowngrade => Minors < 0;

    internal static UpgradePath Between(KubernetesVersion from, KubernetesVersion to, SkewPolicy policy)
    {
        var notes = new List<string>();
        var minors = to.MinorsNewerThan(from);
        if (minors == 0)
        {
            notes.Add($"blue and green both run {from}: this is a rebuild, not a version upgrade");
        }

        // A pipeline that deploys to both clusters needs one kubectl within the supported skew of both control planes.
        var kubectl = policy.RuleFor(SkewPolicy.Kubectl, to);
        if (minors > kubectl.Older + kubectl.Newer)
        {
            notes.Add($"no single kubectl version talks to both {from} and {to} (kubectl supports ±{kubectl.Older} minor): pipelines need one kubectl per cluster");
        }
        else if (minors > 0)
        {
            var shared = Enumerable.Range(to.Minor - kubectl.Older, kubectl.Older + kubectl.Newer + 1)
                .Select(m => new KubernetesVersion(to.Major, m))
                .Where(v => policy.Check(SkewPolicy.Kubectl, v, from).IsSupported && policy.Check(SkewPolicy.Kubectl, v, to).IsSupported);
            notes.Add($"kubectl {string.Join(" or ", shared)} works with both clusters");
        }

        return new UpgradePath(from, to, [.. from.MinorsSkippedUpTo(to)], [.. notes]);
    }
}
