using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Skew;

/// <summary>The skew verdict of each node group's kubelet against its own cluster's control plane.</summary>
internal static class ClusterSkew
{
    /// <param name="groups">Each node group's position in <c>infra:nodeGroups</c>, name and version.</param>
    public static ImmutableArray<NodeGroupSkew> CheckNodeGroups(
        KubernetesVersion controlPlane, IEnumerable<(int Index, string Name, KubernetesVersion Version)> groups, SkewPolicy policy) =>
        [.. groups.Select(group => new NodeGroupSkew(group.Name, group.Index, policy.Check(SkewPolicy.Kubelet, group.Version, controlPlane)))];
}

/// <summary>One node group's kubelet against the control plane; <see cref="Index"/> locates it in <c>infra:nodeGroups</c>.</summary>
public sealed record NodeGroupSkew(string NodeGroup, int Index, SkewVerdict Verdict);
