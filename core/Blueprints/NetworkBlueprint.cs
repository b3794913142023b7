using System.Collections.Immutable;
using System.Net;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Blueprints;

/// <summary>Where the cluster's nodes and load balancers live: an existing VPC, or one to create.</summary>
public abstract record NetworkBlueprint
{
    /// <summary>
    /// What forces a new cluster when it changes, since EKS cannot move a cluster to another network: the VPC and its
    /// subnets, or the block of the VPC to create. The Pulumi layer renames the cluster when it changes.
    /// </summary>
    public abstract string Identity { get; }
}

/// <summary>The configured VPC and subnets, used as they are.</summary>
public sealed record ExistingNetworkBlueprint(ExistingNetwork Settings) : NetworkBlueprint
{
    public string VpcId => Settings.VpcId;

    public ImmutableArray<string> SubnetIds => Settings.SubnetIds;

    public override string Identity => $"{VpcId}:{string.Join(",", SubnetIds)}";
}

/// <summary>A VPC to create, with one public and one private subnet in each of <see cref="ZoneCount"/> availability zones.</summary>
public sealed record NewNetworkBlueprint(NewNetwork Settings, ImmutableArray<SubnetBlueprint> Subnets) : NetworkBlueprint
{
    public string VpcCidr => Settings.Cidr.ToString();

    public override string Identity => VpcCidr;

    /// <summary>EKS requires subnets in at least two availability zones; two keeps the NAT gateway count (and cost) lowest.</summary>
    public const int ZoneCount = 2;

    public IEnumerable<SubnetBlueprint> Public => Subnets.Where(s => s.Tier == SubnetTier.Public);

    public IEnumerable<SubnetBlueprint> Private => Subnets.Where(s => s.Tier == SubnetTier.Private);
}

public enum SubnetTier
{
    /// <summary>Internet-facing load balancers and the NAT gateways.</summary>
    Public,

    /// <summary>Nodes and internal load balancers; egress through the zone's NAT gateway.</summary>
    Private,
}

/// <summary>
/// One subnet of a created VPC. <see cref="ZoneIndex"/> is a position in the region's available zones, which only the
/// Pulumi layer can look up; the tags are the ones the AWS Load Balancer Controller uses to pick subnets.
/// </summary>
public sealed record SubnetBlueprint(string Name, SubnetTier Tier, int ZoneIndex, string Cidr, ImmutableSortedDictionary<string, string> Tags);

internal static class NetworkLayout
{
    // https://docs.aws.amazon.com/eks/latest/userguide/network-load-balancing.html: subnet discovery by role tag.
    public const string PublicLoadBalancerTag = "kubernetes.io/role/elb";
    public const string InternalLoadBalancerTag = "kubernetes.io/role/internal-elb";

    public static NetworkBlueprint From(NetworkSettings network) => network switch
    {
        ExistingNetwork existing => new ExistingNetworkBlueprint(existing),
        NewNetwork created => new NewNetworkBlueprint(created, Split(created.Cidr.Network)),
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Unknown network settings."),
    };

    /// <summary>
    /// Splits the VPC into four equal blocks: the two private subnets first, then the two public ones. A
    /// <see cref="VpcCidr"/> is an IPv4 /16 to /24 block, so every quarter is a valid subnet of at least /26.
    /// </summary>
    private static ImmutableArray<SubnetBlueprint> Split(IPNetwork network)
    {
        var prefix = network.PrefixLength + 2;
        var size = 1u << (32 - prefix);
        var start = ToUInt32(network.BaseAddress);
        var tiers = new[] { SubnetTier.Private, SubnetTier.Private, SubnetTier.Public, SubnetTier.Public };
        return
        [
            .. tiers.Select((tier, index) =>
            {
                var zone = index % NewNetworkBlueprint.ZoneCount;
                var cidr = $"{ToAddress(start + ((uint)index * size))}/{prefix}";
                var tag = tier == SubnetTier.Public ? PublicLoadBalancerTag : InternalLoadBalancerTag;
                var name = $"{(tier == SubnetTier.Public ? "public" : "private")}-{zone}";
                return new SubnetBlueprint(name, tier, zone, cidr, ImmutableSortedDictionary<string, string>.Empty.Add(tag, "1"));
            }),
        ];
    }

    private static uint ToUInt32(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    private static IPAddress ToAddress(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
