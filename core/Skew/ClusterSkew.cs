using System.Collections.Immutable;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Skew;

/// <summary>The skew verdict of each node group's kubelet against its own cluster's control plane.</summary>
internal static class ClusterSkew
{
    public static ImmutableArray<NodeGroupSkew> CheckNodeGroups(ClusterStackSettings cluster, SkewPolicy policy) =>
        [.. cluster.NodeGroups.Select((group, index) =>
            new NodeGroupSkew(group.Name, index, policy.Check(SkewPolicy.Kubelet, group.KubernetesVersion, cluster.KubernetesVersion)))];
}

/// <summary>One node group's kubelet against the control plane; <see cref="Index"/> locates it in <c>infra:nodeGroups</c>.</summary>
public sealed record NodeGroupSkew(string NodeGroup, int Index, SkewVerdict Verdict);
