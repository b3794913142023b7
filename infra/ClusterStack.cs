using System.Collections.Immutable;
using BlueGreen.Components;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using Pulumi;
using Aws = Pulumi.Aws;

namespace BlueGreen.Infra;

/// <summary>A blue or green stack: the resolved blueprint, its cluster and add-ons, and the output contract.</summary>
internal static class ClusterStack
{
    /// <summary>Declares the stack of a resolved blueprint: its zones placed first, since every network resource is named after one.</summary>
    public static async Task<IDictionary<string, object?>> DeclareAsync(ClusterBlueprint blueprint)
    {
        if (blueprint.Network is NewNetworkBlueprint created)
        {
            // Resource names are keyed by zone, so the zones must be known (not an Output) before any is declared.
            var available = created.NeedsRegionZones ? await AvailableZoneNamesAsync().ConfigureAwait(false) : ImmutableArray<string>.Empty;
            blueprint = blueprint with { Network = StackProgram.Checked(created.Place(available), "availability zones") };
        }

        // The shared stack outlives both colors and reads neither, so reading it here makes no cycle.
        var shared = new StackReference(SharedStackOutputs.StackName, new StackReferenceArgs
        {
            Name = SharedStackOutputs.QualifiedName(Deployment.Instance.OrganizationName, Deployment.Instance.ProjectName),
        });
        var backupBucket = shared.RequireOutput(SharedStackOutputs.BackupBucket).Apply(bucket => (string)bucket);

        var cluster = new VersionedCluster(blueprint.Name, blueprint);
        var addons = new ClusterAddons($"{blueprint.Name}-addons", blueprint, cluster, backupBucket);

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
            [ClusterStackOutputs.BackupBucket] = backupBucket,
        };
    }

    private static async Task<ImmutableArray<string>> AvailableZoneNamesAsync()
    {
        var zones = await Aws.GetAvailabilityZones.InvokeAsync(new Aws.GetAvailabilityZonesArgs { State = "available" }).ConfigureAwait(false);
        return zones.Names;
    }
}
