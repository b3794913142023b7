using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Catalog;

/// <summary>
/// Every add-on this tool knows, each defined once: how it is installed, where, with which IAM role, which values and
/// in which order. The version catalog only adds a version per Kubernetes minor. Adding an add-on is one entry here and
/// its versions in the data file.
/// </summary>
public static class AddonRegistry
{
    private const string KubeSystem = "kube-system";

    private static readonly ImmutableArray<string> RoleArnAnnotation = ["annotations", "eks.amazonaws.com/role-arn"];

    /// <summary>Every definition, in the order the plan lists them: EKS managed add-ons, then Helm charts.</summary>
    public static ImmutableArray<AddonDefinition> All { get; } =
    [
        // Service account names are the ones each add-on creates, as its EKS documentation page gives them.
        // The CNI permissions sit on the vpc-cni add-on's own role, as the EKS documentation recommends, not on every node.
        new()
        {
            Name = AddonNames.VpcCni,
            Kind = AddonKind.Managed,
            Order = InstallOrder.BeforeNodes,
            Role = new ServiceAccountRole { Namespace = KubeSystem, ServiceAccount = "aws-node", ManagedPolicyArns = [AwsManagedPolicies.VpcCni] },
        },
        new() { Name = AddonNames.CoreDns, Kind = AddonKind.Managed },
        new() { Name = AddonNames.KubeProxy, Kind = AddonKind.Managed, Order = InstallOrder.BeforeNodes },
        new()
        {
            Name = AddonNames.EbsCsiDriver,
            Kind = AddonKind.Managed,
            Role = new ServiceAccountRole { Namespace = KubeSystem, ServiceAccount = "ebs-csi-controller-sa", ManagedPolicyArns = [AwsManagedPolicies.EbsCsiDriver] },
        },

        // The CSI snapshot controller calls no AWS API; minors the catalog has no build for go without it.
        new() { Name = AddonNames.SnapshotController, Kind = AddonKind.Managed, OptionalPerMinor = true },
        new()
        {
            Name = AddonNames.ClusterAutoscaler,
            Kind = AddonKind.Helm,
            Source = new ChartSource("https://kubernetes.github.io/autoscaler", "cluster-autoscaler"),
            Role = new ServiceAccountRole { Namespace = KubeSystem, ServiceAccount = "cluster-autoscaler", Policy = PolicyTemplate.ClusterAutoscaler },
            Values = Map(("cloudProvider", "aws"), ("rbac", Map(("serviceAccount", Map(("create", true), ("name", "cluster-autoscaler")))))),
            Bindings =
            [
                new ValueBinding(["autoDiscovery", "clusterName"], RuntimeValue.ClusterName),
                new ValueBinding(["awsRegion"], RuntimeValue.Region),
                new ValueBinding(["rbac", "serviceAccount", .. RoleArnAnnotation], RuntimeValue.ServiceAccountRoleArn),
            ],

            // Upstream requires the autoscaler's minor to be the cluster's; a pin of another chart version keeps that image.
            ClusterMinorImageTag = ["image", "tag"],
        },
        new()
        {
            Name = AddonNames.MetricsServer,
            Kind = AddonKind.Helm,
            Source = new ChartSource("https://kubernetes-sigs.github.io/metrics-server/", "metrics-server"),

            // The README compatibility matrix of kubernetes-sigs/metrics-server (0.7.x: 1.27+, 0.8.x: 1.31+, 0.9.x: 1.34+).
            MinimumKubernetesByAppLine = AppLines(("0.7", "1.27"), ("0.8", "1.31"), ("0.9", "1.34")),
        },
        new()
        {
            Name = AddonNames.AwsLoadBalancerController,
            Kind = AddonKind.Helm,
            Source = new ChartSource("https://aws.github.io/eks-charts", "aws-load-balancer-controller"),
            Role = new ServiceAccountRole { Namespace = KubeSystem, ServiceAccount = "aws-load-balancer-controller", Policy = PolicyTemplate.AwsLoadBalancerController },
            Values = Map(("serviceAccount", Map(("create", true), ("name", "aws-load-balancer-controller")))),
            Bindings =
            [
                new ValueBinding(["clusterName"], RuntimeValue.ClusterName),
                new ValueBinding(["region"], RuntimeValue.Region),
                new ValueBinding(["vpcId"], RuntimeValue.VpcId),
                new ValueBinding(["serviceAccount", .. RoleArnAnnotation], RuntimeValue.ServiceAccountRoleArn),
            ],
        },
        // Backups of both colors into the shared stack's bucket (one prefix per color), EBS volumes through CSI snapshots.
        // What differs between the colors (which location it writes) is decided by BackupBlueprint.Values.
        new()
        {
            Name = AddonNames.Velero,
            Kind = AddonKind.Helm,
            Namespace = Velero.Namespace,
            Source = new ChartSource("https://vmware-tanzu.github.io/helm-charts", "velero"),
            Role = new ServiceAccountRole { Namespace = Velero.Namespace, ServiceAccount = Velero.ServiceAccount, Policy = PolicyTemplate.Velero },
            PluginImage = "velero/velero-plugin-for-aws",

            // The AWS plugin is pinned per Velero line (plugin v1.13.x for Velero 1.17.x); only the line whose plugin the
            // catalog pins is listed, so catalog refresh never moves to a Velero the pinned plugin does not fit. Velero's
            // compatibility matrix expects 1.18 and later for its recent lines.
            MinimumKubernetesByAppLine = AppLines(("1.17", "1.18")),
            Bindings =
            [
                new ValueBinding(["configuration", "backupStorageLocation", "0", "bucket"], RuntimeValue.BackupBucket),
                new ValueBinding(["configuration", "backupStorageLocation", "0", "config", "region"], RuntimeValue.Region),
                new ValueBinding(["configuration", "backupStorageLocation", "1", "bucket"], RuntimeValue.BackupBucket),
                new ValueBinding(["configuration", "backupStorageLocation", "1", "config", "region"], RuntimeValue.Region),
                new ValueBinding(["configuration", "volumeSnapshotLocation", "0", "config", "region"], RuntimeValue.Region),
                new ValueBinding(["serviceAccount", "server", .. RoleArnAnnotation], RuntimeValue.ServiceAccountRoleArn),
            ],
        },
        new()
        {
            Name = AddonNames.ExternalDns,
            Kind = AddonKind.Helm,
            NotInstalledBecause = "the traffic stack owns the Route53 records of both colors; external-dns in a cluster would rewrite them behind Pulumi's back",
        },
    ];

    /// <summary>The add-ons every cluster gets (those the catalog has a version for, where that is optional).</summary>
    public static IEnumerable<AddonDefinition> Installed => All.Where(a => a.IsInstalled);

    public static AddonDefinition? Find(string name) => All.FirstOrDefault(a => a.Name == name);

    /// <summary>Where Velero runs: the chart's own namespace, and the service account its server pod uses.</summary>
    public static class Velero
    {
        public const string Namespace = "velero";
        public const string ServiceAccount = "velero-server";
    }

    private static ImmutableSortedDictionary<string, KubernetesVersion> AppLines(params (string Line, string Minor)[] floors) =>
        floors.ToImmutableSortedDictionary(f => f.Line, f => KubernetesVersion.Parse(f.Minor), StringComparer.Ordinal);

    private static ImmutableSortedDictionary<string, object> Map(params (string Key, object Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}

/// <summary>The names <c>infra:addons</c> and the data file use; a contract with users and with the Pulumi layer.</summary>
public static class AddonNames
{
    public const string VpcCni = "vpc-cni";
    public const string CoreDns = "coredns";
    public const string KubeProxy = "kube-proxy";
    public const string EbsCsiDriver = "aws-ebs-csi-driver";
    public const string SnapshotController = "snapshot-controller";
    public const string ClusterAutoscaler = "cluster-autoscaler";
    public const string MetricsServer = "metrics-server";
    public const string AwsLoadBalancerController = "aws-load-balancer-controller";
    public const string ExternalDns = "external-dns";
    public const string Velero = "velero";
}

public enum AddonKind
{
    /// <summary>An EKS managed add-on: AWS builds and versions it (<c>v1.19.2-eksbuild.1</c>).</summary>
    Managed,

    /// <summary>A Helm release from its upstream chart repository, pinned to a chart version.</summary>
    Helm,
}

/// <summary>When an EKS managed add-on is installed relative to the node groups (Helm releases always come after both).</summary>
public enum InstallOrder
{
    /// <summary>Node-level daemons (CNI, kube-proxy): nodes only become ready with them.</summary>
    BeforeNodes,

    /// <summary>Add-ons whose pods need nodes to run; EKS waits for them to be active.</summary>
    AfterNodes,
}

/// <summary>A Helm chart: its repository URL and its name inside it.</summary>
public sealed record ChartSource(string Repository, string Chart);

/// <summary>What one add-on is and needs, whatever its version.</summary>
public sealed record AddonDefinition
{
    public required string Name { get; init; }

    public required AddonKind Kind { get; init; }

    public string Namespace { get; init; } = "kube-system";

    /// <summary>The IRSA role of the add-on's service account; absent for add-ons that call no AWS API.</summary>
    public ServiceAccountRole? Role { get; init; }

    public InstallOrder Order { get; init; } = InstallOrder.AfterNodes;

    /// <summary>The chart of a Helm add-on.</summary>
    public ChartSource? Source { get; init; }

    /// <summary>Chart values the core decides, as JSON-shaped data.</summary>
    public ImmutableSortedDictionary<string, object> Values { get; init; } = ImmutableSortedDictionary<string, object>.Empty;

    /// <summary>Where the values only known once the cluster exists go.</summary>
    public ImmutableArray<ValueBinding> Bindings { get; init; } = [];

    /// <summary>
    /// Where the catalog's app version goes as the image tag, for charts whose image must have the cluster's minor; empty
    /// for the others.
    /// </summary>
    public ImmutableArray<string> ClusterMinorImageTag { get; init; } = [];

    /// <summary>
    /// The image of a plugin the chart needs beside its own (Velero's AWS plugin), whose tag the catalog pins per minor
    /// (<c>plugin:</c>); null for charts without one.
    /// </summary>
    public string? PluginImage { get; init; }

    /// <summary>
    /// The first Kubernetes minor each app line (major.minor of the chart's appVersion) supports, from the chart's own
    /// compatibility matrix; empty for charts that publish none. <c>bluegreen catalog refresh</c> never picks a line not
    /// listed, since nothing says which clusters it supports. This is a fact about the chart, the same whichever minor
    /// pins it, so it is defined here once instead of being repeated in every minor's block of the data file.
    /// </summary>
    public ImmutableSortedDictionary<string, KubernetesVersion> MinimumKubernetesByAppLine { get; init; } =
        ImmutableSortedDictionary<string, KubernetesVersion>.Empty;

    /// <summary>True when some minors have no version of it in the catalog, and clusters on them go without it.</summary>
    public bool OptionalPerMinor { get; init; }

    /// <summary>Why this tool never installs it; null for the add-ons it installs.</summary>
    public string? NotInstalledBecause { get; init; }

    public bool IsInstalled => NotInstalledBecause is null;
}

/// <summary>One add-on pinned to one version, by the catalog for a Kubernetes minor or by the user.</summary>
public sealed record Addon(AddonDefinition Definition, string Version)
{
    public string Name => Definition.Name;

    public AddonKind Kind => Definition.Kind;

    /// <summary>
    /// The version of the software a chart installs, as the catalog lists it; null for managed add-ons and for chart
    /// versions the user pinned that the catalog does not list.
    /// </summary>
    public string? AppVersion { get; init; }

    /// <summary>The tag of the definition's <see cref="AddonDefinition.PluginImage"/> the catalog pins for the minor.</summary>
    public string? PluginVersion { get; init; }

    /// <summary>True when the version comes from <c>infra:addons</c> rather than from the catalog.</summary>
    public bool IsOverridden { get; init; }
}

/// <summary>A value a chart needs that only exists once the cluster is declared.</summary>
public enum RuntimeValue
{
    ClusterName,
    Region,
    VpcId,

    /// <summary>The ARN of the add-on's own <see cref="AddonDefinition.Role"/>.</summary>
    ServiceAccountRoleArn,

    /// <summary>The bucket Velero stores both colors' backups in, an output of the shared stack.</summary>
    BackupBucket,
}

/// <summary>Where in a chart's values a <see cref="RuntimeValue"/> goes; the path is a list of keys, since keys may hold dots.</summary>
public sealed record ValueBinding(ImmutableArray<string> Path, RuntimeValue Value)
{
    public override string ToString() => $"{string.Join(" > ", Path)} = {Value}";
}

/// <summary>How one add-on's version moves between two clusters (blue's to green's); absent on one side when only the other installs it.</summary>
public sealed record AddonChange(string Name, AddonKind Kind, string? Before, string? After)
{
    public bool Changes => !string.Equals(Before, After, StringComparison.Ordinal);

    /// <summary>Each add-on either cluster installs, blue's version next to green's, in registry order.</summary>
    public static ImmutableArray<AddonChange> Between(IEnumerable<Addon> before, IEnumerable<Addon> after)
    {
        var (from, to) = (before.ToDictionary(a => a.Name), after.ToDictionary(a => a.Name));
        return
        [
            .. AddonRegistry.All.Where(a => from.ContainsKey(a.Name) || to.ContainsKey(a.Name))
                .Select(a => new AddonChange(a.Name, a.Kind, from.GetValueOrDefault(a.Name)?.Version, to.GetValueOrDefault(a.Name)?.Version)),
        ];
    }

    public override string ToString() => Changes ? $"{Name}: {Before ?? "(none)"} -> {After ?? "(none)"}" : $"{Name}: {Before} (unchanged)";
}
