using System.Collections.Immutable;
using System.Net;
using BlueGreen.Core.Model;
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

/// <summary>
/// A VPC to create, with one public and one private subnet in each of <see cref="ZoneCount"/> availability zones. Every
/// subnet, NAT gateway and route table is keyed by its zone, never by a position in the region's zone list, so a zone
/// added to or dropped from that list renames and moves nothing that exists.
/// </summary>
public sealed record NewNetworkBlueprint(NewNetwork Settings, ImmutableArray<SubnetBlueprint> Subnets) : NetworkBlueprint
{
    public string VpcCidr => Settings.Cidr.ToString();

    /// <summary>
    /// The block, and the zones when <c>infra:availabilityZones</c> names them: changing either moves every subnet.
    /// Zones chosen from the region's list are left out, so the live list never forces a new cluster.
    /// </summary>
    public override string Identity =>
        Settings.AvailabilityZones.IsEmpty ? VpcCidr : $"{VpcCidr}:{string.Join(",", Settings.AvailabilityZones)}";

    /// <inheritdoc cref="NewNetwork.ZoneCount"/>
    public const int ZoneCount = NewNetwork.ZoneCount;

    /// <summary>The zone of each zone slot of <see cref="SubnetBlueprint.ZoneIndex"/>; empty until <see cref="Place"/> chose them.</summary>
    public ImmutableArray<AvailabilityZone> Zones { get; init; } = Settings.AvailabilityZones;

    /// <summary>True when the settings name no zones, so the region's available zones must be looked up to choose them.</summary>
    public bool NeedsRegionZones => Zones.IsEmpty;

    public IEnumerable<SubnetBlueprint> Public => Subnets.Where(s => s.Tier == SubnetTier.Public);

    public IEnumerable<SubnetBlueprint> Private => Subnets.Where(s => s.Tier == SubnetTier.Private);

    /// <summary>
    /// The network with its zones decided: the configured ones as they are (the region's list is not consulted), or else
    /// the first <see cref="ZoneCount"/> of the region's available zone names in name order, so that a zone added to the
    /// list, or the list in another order, chooses the same zones. Only pinning them (<c>infra:availabilityZones</c>)
    /// also survives a chosen zone leaving the list.
    /// </summary>
    public Validated<NewNetworkBlueprint> Place(IEnumerable<string> availableZoneNames)
    {
        if (!NeedsRegionZones)
        {
            return Validated<NewNetworkBlueprint>.Valid(this);
        }

        var names = availableZoneNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count < ZoneCount)
        {
            return Validated<NewNetworkBlueprint>.Invalid(
            [
                Problem.Error(ProblemCodes.NetworkZones, SettingKeys.AvailabilityZones, string.Join(",", names),
                    $"is unset and the region has {names.Count} available zone(s); a created VPC needs {ZoneCount}: name them"),
            ]);
        }

        return Validated<NewNetworkBlueprint>.Valid(this with { Zones = [.. names.Take(ZoneCount).Select(AvailabilityZone.Named)] });
    }

    /// <summary>The zone a subnet goes in; asking before <see cref="Place"/> is a bug.</summary>
    public AvailabilityZone ZoneOf(SubnetBlueprint subnet) =>
        NeedsRegionZones ? throw new InvalidOperationException("The network's zones are not chosen yet: call Place first.") : Zones[subnet.ZoneIndex];

    /// <summary>The name of a subnet and of what belongs to it (its NAT gateway, its route table): tier and zone, <c>private-eu-west-1a</c>.</summary>
    public string KeyOf(SubnetBlueprint subnet) => $"{subnet.Tier.ToString().ToLowerInvariant()}-{ZoneOf(subnet)}";
}

public enum SubnetTier
{
    /// <summary>Internet-facing load balancers and the NAT gateways.</summary>
    Public,

    /// <summary>Nodes and internal load balancers; egress through the zone's NAT gateway.</summary>
    Private,
}

/// <summary>
/// One subnet of a created VPC. <see cref="ZoneIndex"/> is its zone slot (each slot gets its own CIDR blocks), which
/// <see cref="NewNetworkBlueprint.ZoneOf"/> turns into a zone; the tags are the ones the AWS Load Balancer Controller uses to pick subnets.
/// </summary>
public sealed record SubnetBlueprint(SubnetTier Tier, int ZoneIndex, string Cidr, ImmutableSortedDictionary<string, string> Tags);

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
                return new SubnetBlueprint(tier, zone, cidr, ImmutableSortedDictionary<string, string>.Empty.Add(tag, "1"));
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
