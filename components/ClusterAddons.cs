using System.Collections.Immutable;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using Pulumi;
using Aws = Pulumi.Aws;
using K8s = Pulumi.Kubernetes;
using HelmInputs = Pulumi.Kubernetes.Types.Inputs.Helm.V3;
using MetaInputs = Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using NetworkingInputs = Pulumi.Kubernetes.Types.Inputs.Networking.V1;

namespace BlueGreen.Components;

/// <summary>
/// What runs inside a <see cref="VersionedCluster"/>: the Helm add-ons pinned to the blueprint's chart versions, each
/// with its own IRSA role, and the one public entry point, whose load balancer the traffic stack aliases.
/// </summary>
public sealed class ClusterAddons : ComponentResource
{
    /// <param name="backupBucket">The shared stack's backup bucket, which Velero's locations and IAM policy name.</param>
    public ClusterAddons(string name, ClusterBlueprint blueprint, VersionedCluster cluster, Output<string> backupBucket, ComponentResourceOptions? options = null)
        : base("bluegreen:index:ClusterAddons", name, options)
    {
        var tags = blueprint.Tags.ToImmutableDictionary();
        // Everything declared through this provider waits for the whole cluster (node groups and managed add-ons
        // included): a dependency on a component is a dependency on every resource it parents.
        var kubernetes = new K8s.Provider($"{name}-kubernetes", new K8s.ProviderArgs
        {
            KubeConfig = cluster.Kubeconfig,
            EnableServerSideApply = true,
        }, new CustomResourceOptions { Parent = this, DependsOn = { cluster } });

        var releases = blueprint.Charts.ToDictionary(
            chart => chart.Name,
            chart => DeclareRelease(name, chart, cluster, kubernetes, tags, backupBucket));

        var ingress = blueprint.Ingress;
        var entry = new K8s.Networking.V1.Ingress($"{name}-entry", new NetworkingInputs.IngressArgs
        {
            Metadata = new MetaInputs.ObjectMetaArgs
            {
                Name = ingress.Name,
                Namespace = ingress.Namespace,
                Annotations = ingress.Annotations.ToImmutableDictionary(),
            },
            Spec = new NetworkingInputs.IngressSpecArgs
            {
                IngressClassName = IngressBlueprint.IngressClassName,
                DefaultBackend = new NetworkingInputs.IngressBackendArgs
                {
                    Service = new NetworkingInputs.IngressServiceBackendArgs
                    {
                        Name = IngressBlueprint.DefaultActionName,
                        Port = new NetworkingInputs.ServiceBackendPortArgs { Name = IngressBlueprint.UseAnnotationPort },
                    },
                },
            },
        }, new CustomResourceOptions
        {
            Parent = this,
            Provider = kubernetes,

            // The controller's webhook must be serving before an Ingress of its class can be admitted.
            DependsOn = { releases[AddonNames.AwsLoadBalancerController] },
        });

        // The Kubernetes provider waits for the Ingress to get its load balancer, so the ALB exists when it is looked up.
        IngressHostname = entry.Status.Apply(status =>
        {
            var points = status?.LoadBalancer?.Ingress ?? default;
            var hostnames = points.IsDefault ? Enumerable.Empty<string?>() : points.Select(point => (string?)point?.Hostname);
            var found = ingress.EntryHostname(hostnames);
            return found.IsValid ? found.Require() : throw new RunException(string.Join(Environment.NewLine, found.Errors));
        });

        // The output form of the invoke runs once the tags are known and after the entry Ingress exists (DependsOn), and
        // the engine sees the dependency; in a preview with the cluster name unknown it is skipped, not run half-filled.
        var loadBalancer = Aws.LB.GetLoadBalancer.Invoke(new Aws.LB.GetLoadBalancerInvokeArgs
        {
            Tags = cluster.ClusterName.Apply(clusterName => ingress.LoadBalancerTags(clusterName).ToImmutableDictionary()),
        }, new InvokeOutputOptions { Parent = this, DependsOn = { entry } });
        IngressHostedZoneId = Output.Tuple(IngressHostname, loadBalancer).Apply(found => found.Item2.ZoneId);

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["ingressHostname"] = IngressHostname,
            ["ingressHostedZoneId"] = IngressHostedZoneId,
        });
    }

    /// <summary>The DNS name of the entry ALB.</summary>
    public Output<string> IngressHostname { get; }

    /// <summary>The canonical hosted zone id of the entry ALB, for Route53 aliases.</summary>
    public Output<string> IngressHostedZoneId { get; }

    private K8s.Helm.V3.Release DeclareRelease(
        string name,
        ChartBlueprint chart,
        VersionedCluster cluster,
        K8s.Provider kubernetes,
        ImmutableDictionary<string, string> tags,
        Output<string> backupBucket)
    {
        var dependsOn = new List<Resource>();
        Output<string>? roleArn = null;
        if (chart.Role is { } role)
        {
            var granted = ServiceAccountRoles.Declare($"{name}-{chart.Name}", role, cluster.Oidc, cluster.ClusterName, tags, this, backupBucket);
            roleArn = granted.Role.Arn;
            dependsOn.AddRange(granted.Grants);
        }

        var values = Output.Tuple(cluster.ClusterName, cluster.Region, cluster.VpcId, roleArn ?? Output.Create(""), backupBucket)
            .Apply(runtime =>
            {
                var known = new Dictionary<RuntimeValue, string>
                {
                    [RuntimeValue.ClusterName] = runtime.Item1,
                    [RuntimeValue.Region] = runtime.Item2,
                    [RuntimeValue.VpcId] = runtime.Item3,
                    [RuntimeValue.BackupBucket] = runtime.Item5,
                };
                if (roleArn is not null)
                {
                    known[RuntimeValue.ServiceAccountRoleArn] = runtime.Item4;
                }

                return chart.ValuesWith(known);
            });

        return new K8s.Helm.V3.Release($"{name}-{chart.Name}", new HelmInputs.ReleaseArgs
        {
            Name = chart.Name,
            Chart = chart.Chart,
            Version = chart.Version,
            Namespace = chart.Namespace,
            RepositoryOpts = new HelmInputs.RepositoryOptsArgs { Repo = chart.Repository },
            Values = values,

            // Velero has a namespace of its own; for kube-system this is a no-op.
            CreateNamespace = true,

            // A failed install or upgrade rolls back instead of leaving a half-applied release behind.
            Atomic = true,
            CleanupOnFail = true,
        }, new CustomResourceOptions { Parent = this, Provider = kubernetes, DependsOn = dependsOn });
    }
}
