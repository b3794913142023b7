using System.Collections.Immutable;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Settings;
using Pulumi;
using Aws = Pulumi.Aws;
using Eks = Pulumi.Eks;
using RandomProvider = Pulumi.Random;

namespace BlueGreen.Components;

/// <summary>
/// One EKS cluster exactly as its <see cref="ClusterBlueprint"/> says: control plane, node groups and EKS managed
/// add-ons each pinned to a version, API authentication mode with the blueprint's access entries, OIDC provider for
/// IRSA, secrets encrypted with the cluster's own KMS key, control-plane logs, and the network (given, or created).
/// Every child is parented here.
/// </summary>
public sealed class VersionedCluster : ComponentResource
{
    public VersionedCluster(string name, ClusterBlueprint blueprint, ComponentResourceOptions? options = null)
        : base("bluegreen:index:VersionedCluster", name, options)
    {
        var child = new CustomResourceOptions { Parent = this };
        var tags = blueprint.Tags.ToImmutableDictionary();

        // The suffix changes only with what forces a new cluster (its network), so a replacement cluster is created
        // under a new name beside the one it replaces instead of colliding with it.
        var suffix = new RandomProvider.RandomString($"{name}-suffix", new RandomProvider.RandomStringArgs
        {
            Length = 6,
            Special = false,
            Upper = false,
            Keepers = { { "network", blueprint.Network.Identity } },
        }, child);
        var physicalName = suffix.Result.Apply(result => $"{blueprint.Name}-{result}");

        Region = Output.Create(Aws.GetRegion.InvokeAsync(new Aws.GetRegionArgs(), new InvokeOptions { Parent = this }))
            .Apply(region => region.Region);
        var network = blueprint.Network switch
        {
            ExistingNetworkBlueprint existing => ClusterNetwork.Existing(existing),
            NewNetworkBlueprint created => CreateNetwork(name, blueprint.Name, created, tags),
            _ => throw new ArgumentOutOfRangeException(nameof(blueprint), blueprint.Network, "Unknown network blueprint."),
        };
        VpcId = network.VpcId;

        var secretsKey = new Aws.Kms.Key($"{name}-secrets", new Aws.Kms.KeyArgs
        {
            Description = $"Envelope encryption of the Kubernetes secrets of {blueprint.Name}",
            EnableKeyRotation = true,
            Tags = tags,
        }, child);

        var clusterArgs = new Eks.ClusterArgs
        {
            Name = physicalName,
            Version = blueprint.KubernetesVersion.ToString(),
            UpgradePolicy = new Aws.Eks.Inputs.ClusterUpgradePolicyArgs { SupportType = blueprint.UpgradePolicy.EksSupportType() },
            SkipDefaultNodeGroup = true,
            AuthenticationMode = Eks.AuthenticationMode.Api,
            CreateOidcProvider = true,
            EncryptionConfigKeyArn = secretsKey.Arn,
            EnabledClusterLogTypes = blueprint.ControlPlaneLogTypes,
            VpcId = network.VpcId,
            Tags = tags,
            AccessEntries = blueprint.AccessEntries.ToDictionary(entry => entry.PrincipalId, entry => AccessEntry(entry, tags)),

            // The add-ons below are pinned EKS managed add-ons; the component's own unpinned ones stay off.
            UseDefaultVpcCni = true,
            CorednsAddonOptions = new Eks.Inputs.CoreDnsAddonOptionsArgs { Enabled = false },
            KubeProxyAddonOptions = new Eks.Inputs.KubeProxyAddonOptionsArgs { Enabled = false },
        };
        if (network.PrivateSubnetIds is { } privateSubnets && network.PublicSubnetIds is { } publicSubnets)
        {
            clusterArgs.PrivateSubnetIds = privateSubnets;
            clusterArgs.PublicSubnetIds = publicSubnets;
        }
        else
        {
            clusterArgs.SubnetIds = network.SubnetIds;
        }

        var cluster = new Eks.Cluster($"{name}-eks", clusterArgs, new ComponentResourceOptions { Parent = this });

        // Outputs read through the cluster, so whatever uses them waits for the control plane.
        ClusterName = cluster.Core.Apply(_ => physicalName);
        Endpoint = cluster.Core.Apply(core => core.Endpoint);
        Kubeconfig = Output.CreateSecret(cluster.KubeconfigJson);
        Oidc = new OidcIdentity(cluster.OidcProviderArn, cluster.OidcProviderUrl);

        var nodeRole = new Aws.Iam.Role($"{name}-node", new Aws.Iam.RoleArgs
        {
            Description = $"Managed node groups of {blueprint.Name}",
            AssumeRolePolicy = PolicyDocuments.NodeTrust(),
            Tags = tags,
        }, child);
        var nodeGrants = blueprint.NodeRolePolicyArns
            .Select(arn => (Resource)new Aws.Iam.RolePolicyAttachment($"{name}-node-{arn.Split('/')[^1]}", new Aws.Iam.RolePolicyAttachmentArgs
            {
                Role = nodeRole.Name,
                PolicyArn = arn,
            }, child))
            .ToList();

        // Node-level daemons (CNI, kube-proxy) come first: nodes only become ready with them. The rest need nodes to run.
        var nodeLevelAddons = blueprint.ManagedAddons.Where(a => a.Definition.Order == InstallOrder.BeforeNodes)
            .Select(addon => DeclareAddon(name, addon, tags, [cluster]))
            .ToList();
        var nodeGroups = blueprint.NodeGroups
            .Select(group => (Resource)DeclareNodeGroup(name, group, cluster, nodeRole, network, tags, [.. nodeGrants, .. nodeLevelAddons]))
            .ToList();
        foreach (var addon in blueprint.ManagedAddons.Where(a => a.Definition.Order == InstallOrder.AfterNodes))
        {
            DeclareAddon(name, addon, tags, [cluster, .. nodeGroups]);
        }

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["clusterName"] = ClusterName,
            ["endpoint"] = Endpoint,
            ["kubeconfig"] = Kubeconfig,
            ["oidcProviderArn"] = Oidc.ProviderArn,
            ["oidcProviderUrl"] = Oidc.ProviderUrl,
            ["vpcId"] = VpcId,
            ["region"] = Region,
        });

        Resource DeclareAddon(string prefix, Addon addon, ImmutableDictionary<string, string> addonTags, List<Resource> dependsOn)
        {
            var args = new Aws.Eks.AddonArgs
            {
                ClusterName = ClusterName,
                AddonName = addon.Name,
                AddonVersion = addon.Version,
                ResolveConflictsOnCreate = "OVERWRITE",
                ResolveConflictsOnUpdate = "OVERWRITE",
                Tags = addonTags,
            };
            if (addon.Definition.Role is { } role)
            {
                var granted = ServiceAccountRoles.Declare($"{prefix}-{addon.Name}", role, Oidc, ClusterName, addonTags, this);
                args.ServiceAccountRoleArn = granted.Role.Arn;
                dependsOn.AddRange(granted.Grants);
            }

            return new Aws.Eks.Addon($"{prefix}-{addon.Name}", args, new CustomResourceOptions { Parent = this, DependsOn = dependsOn });
        }
    }

    /// <summary>The EKS cluster name, with its random suffix.</summary>
    public Output<string> ClusterName { get; }

    /// <summary>The API server URL.</summary>
    public Output<string> Endpoint { get; }

    /// <summary>A kubeconfig (JSON) authenticating with the caller's AWS credentials; a secret.</summary>
    public Output<string> Kubeconfig { get; }

    public OidcIdentity Oidc { get; }

    public Output<string> VpcId { get; }

    public Output<string> Region { get; }

    /// <summary>
    /// One access entry with its one access policy; pulumi-eks declares them as children of the cluster, named after
    /// the entry's key and the policy's name.
    /// </summary>
    private static Eks.Inputs.AccessEntryArgs AccessEntry(AccessEntrySettings entry, ImmutableDictionary<string, string> tags)
    {
        var policyArn = EksAccessPolicies.ArnOf(entry.Access);
        var scope = new Aws.Eks.Inputs.AccessPolicyAssociationAccessScopeArgs { Type = EksAccessPolicies.ScopeTypeOf(entry) };
        if (!entry.Namespaces.IsEmpty)
        {
            scope.Namespaces = entry.Namespaces;
        }

        return new Eks.Inputs.AccessEntryArgs
        {
            PrincipalArn = entry.PrincipalArn.Value,
            Type = Eks.AccessEntryType.Standard,
            AccessPolicies =
            {
                [policyArn.Split('/')[^1]] = new Eks.Inputs.AccessPolicyAssociationArgs { PolicyArn = policyArn, AccessScope = scope },
            },
            Tags = tags,
        };
    }

    private Eks.ManagedNodeGroup DeclareNodeGroup(
        string name,
        NodeGroupBlueprint group,
        Eks.Cluster cluster,
        Aws.Iam.Role nodeRole,
        ClusterNetwork network,
        ImmutableDictionary<string, string> tags,
        List<Resource> dependsOn)
    {
        var args = new Eks.ManagedNodeGroupArgs
        {
            Cluster = cluster,
            NodeRole = nodeRole,
            Version = group.KubernetesVersion.ToString(),
            OperatingSystem = Eks.OperatingSystem.AL2023,
            InstanceTypes = group.InstanceTypes,
            ScalingConfig = new Aws.Eks.Inputs.NodeGroupScalingConfigArgs
            {
                MinSize = group.MinSize,
                DesiredSize = group.DesiredSize,
                MaxSize = group.MaxSize,
            },

            // cluster-autoscaler owns the desired size once the group exists.
            IgnoreScalingChanges = true,
            Labels = group.Labels.ToImmutableDictionary(),
            Tags = tags.SetItem(BlueprintTags.NodeGroup, group.Name),
        };
        if (group.AmiReleaseVersion is { } release)
        {
            args.ReleaseVersion = release;
        }

        if (network.PrivateSubnetIds is { } privateSubnets)
        {
            args.SubnetIds = privateSubnets;
        }

        return new Eks.ManagedNodeGroup($"{name}-{group.Name}", args, new ComponentResourceOptions { Parent = this, DependsOn = dependsOn });
    }

    /// <summary>
    /// A VPC with, in each zone, a public subnet (load balancers, the zone's NAT gateway) and a private one (nodes),
    /// laid out and placed by the blueprint. Every resource of a zone is named after the zone, never after a position in
    /// a list, so nothing of one zone is renamed or moved when another zone changes.
    /// </summary>
    private ClusterNetwork CreateNetwork(string name, string baseName, NewNetworkBlueprint layout, ImmutableDictionary<string, string> tags)
    {
        var child = new CustomResourceOptions { Parent = this };
        var vpc = new Aws.Ec2.Vpc($"{name}-vpc", new Aws.Ec2.VpcArgs
        {
            CidrBlock = layout.VpcCidr,
            EnableDnsHostnames = true,
            EnableDnsSupport = true,
            Tags = tags.SetItem("Name", baseName),
        }, child);
        var internetGateway = new Aws.Ec2.InternetGateway($"{name}-igw", new Aws.Ec2.InternetGatewayArgs
        {
            VpcId = vpc.Id,
            Tags = tags.SetItem("Name", baseName),
        }, child);
        var publicRoutes = new Aws.Ec2.RouteTable($"{name}-public", new Aws.Ec2.RouteTableArgs
        {
            VpcId = vpc.Id,
            Routes = { new Aws.Ec2.Inputs.RouteTableRouteArgs { CidrBlock = "0.0.0.0/0", GatewayId = internetGateway.Id } },
            Tags = tags.SetItem("Name", $"{baseName}-public"),
        }, child);

        var publicSubnets = new Dictionary<AvailabilityZone, Aws.Ec2.Subnet>();
        foreach (var layoutSubnet in layout.Public)
        {
            var subnet = DeclareSubnet(layoutSubnet, mapPublicIp: true);
            new Aws.Ec2.RouteTableAssociation($"{name}-{layout.KeyOf(layoutSubnet)}", new Aws.Ec2.RouteTableAssociationArgs
            {
                SubnetId = subnet.Id,
                RouteTableId = publicRoutes.Id,
            }, child);
            publicSubnets[layout.ZoneOf(layoutSubnet)] = subnet;
        }

        var privateSubnets = new List<Aws.Ec2.Subnet>();
        foreach (var layoutSubnet in layout.Private)
        {
            var zone = layout.ZoneOf(layoutSubnet);
            var key = layout.KeyOf(layoutSubnet);
            var address = new Aws.Ec2.Eip($"{name}-nat-{zone}", new Aws.Ec2.EipArgs
            {
                Domain = "vpc",
                Tags = tags.SetItem("Name", $"{baseName}-nat-{zone}"),
            }, child);
            var natGateway = new Aws.Ec2.NatGateway($"{name}-nat-{zone}", new Aws.Ec2.NatGatewayArgs
            {
                AllocationId = address.AllocationId,
                SubnetId = publicSubnets[zone].Id,
                Tags = tags.SetItem("Name", $"{baseName}-nat-{zone}"),
            }, new CustomResourceOptions { Parent = this, DependsOn = { internetGateway } });
            var routes = new Aws.Ec2.RouteTable($"{name}-{key}", new Aws.Ec2.RouteTableArgs
            {
                VpcId = vpc.Id,
                Routes = { new Aws.Ec2.Inputs.RouteTableRouteArgs { CidrBlock = "0.0.0.0/0", NatGatewayId = natGateway.Id } },
                Tags = tags.SetItem("Name", $"{baseName}-{key}"),
            }, child);
            var subnet = DeclareSubnet(layoutSubnet, mapPublicIp: false);
            new Aws.Ec2.RouteTableAssociation($"{name}-{key}", new Aws.Ec2.RouteTableAssociationArgs
            {
                SubnetId = subnet.Id,
                RouteTableId = routes.Id,
            }, child);
            privateSubnets.Add(subnet);
        }

        return new ClusterNetwork(
            vpc.Id,
            SubnetIds: Output.All(publicSubnets.Values.Concat(privateSubnets).Select(s => s.Id)),
            PublicSubnetIds: Output.All(publicSubnets.Values.Select(s => s.Id)),
            PrivateSubnetIds: Output.All(privateSubnets.Select(s => s.Id)));

        Aws.Ec2.Subnet DeclareSubnet(SubnetBlueprint subnet, bool mapPublicIp)
        {
            var zone = layout.ZoneOf(subnet);
            var key = layout.KeyOf(subnet);
            var args = new Aws.Ec2.SubnetArgs
            {
                VpcId = vpc.Id,
                CidrBlock = subnet.Cidr,
                MapPublicIpOnLaunch = mapPublicIp,
                Tags = tags.SetItems(subnet.Tags).SetItem("Name", $"{baseName}-{key}"),
            };

            // EC2 places a subnet by zone name or by zone ID; the blueprint keeps whichever the settings gave.
            if (zone.IsZoneId)
            {
                args.AvailabilityZoneId = zone.Value;
            }
            else
            {
                args.AvailabilityZone = zone.Value;
            }

            return new Aws.Ec2.Subnet($"{name}-{key}", args, child);
        }
    }

    /// <summary>The cluster's subnets; public and private ones are known apart only when the component created them.</summary>
    private sealed record ClusterNetwork(
        Output<string> VpcId,
        Output<ImmutableArray<string>> SubnetIds,
        Output<ImmutableArray<string>>? PublicSubnetIds,
        Output<ImmutableArray<string>>? PrivateSubnetIds)
    {
        public static ClusterNetwork Existing(ExistingNetworkBlueprint network) =>
            new(Output.Create(network.VpcId), Output.Create(network.SubnetIds), PublicSubnetIds: null, PrivateSubnetIds: null);
    }
}
