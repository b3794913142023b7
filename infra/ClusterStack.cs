using BlueGreen.Components;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using Pulumi;

namespace BlueGreen.Infra;

/// <summary>A blue or green stack: the resolved blueprint, its cluster and add-ons, and the output contract.</summary>
internal static class ClusterStack
{
    public static IDictionary<string, object?> Declare(ClusterBlueprint blueprint)
    {
        var cluster = new VersionedCluster(blueprint.Name, blueprint);
        var addons = new ClusterAddons($"{blueprint.Name}-addons", blueprint, cluster);

        return new Dictionary<string, object?>
        {
            [ClusterStackOutputs.Color] = blueprint.Color.Key(),
            [ClusterStackOutputs.KubernetesVersion] = blueprint.KubernetesVersion.ToString(),
            [ClusterStackOutputs.ClusterName] = cluster.ClusterName,
            [ClusterStackOutputs.Endpoint] = cluster.Endpoint,
            [ClusterStackOutputs.Kubeconfig] = cluster.Kubeconfig,
            [ClusterStackOutputs.OidcProviderArn] = cluster.Oidc.ProviderArn,
            [ClusterStackOutputs.OidcProviderUrl] = cluster.Oidc.ProviderUrl,
            [ClusterStackOutputs.NodeGroupVersions] = blueprint.NodeGroupVersions,
            [ClusterStackOutputs.AddonVersions] = blueprint.AddonVersions,
            [ClusterStackOutputs.IngressHostname] = addons.IngressHostname,
            [ClusterStackOutputs.IngressHostedZoneId] = addons.IngressHostedZoneId,
        };
    }
}
