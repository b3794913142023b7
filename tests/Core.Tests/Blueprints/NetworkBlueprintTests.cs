using System.Collections.Immutable;
using System.Net;
using BlueGreen.Core.Blueprints;
using static BlueGreen.Core.Tests.Blueprints.BlueprintFixtures;

namespace BlueGreen.Core.Tests.Blueprints;

public class NetworkBlueprintTests
{
    [Fact]
    public void Created_network_has_a_public_and_a_private_subnet_in_each_of_two_zones()
    {
        var network = Assert.IsType<NewNetworkBlueprint>(Resolve(Blue).Network);

        Assert.Equal([0, 1], network.Public.Select(s => s.ZoneIndex));
        Assert.Equal([0, 1], network.Private.Select(s => s.ZoneIndex));
    }

    [Fact]
    public void Created_subnets_split_the_vpc_without_overlap()
    {
        var network = Assert.IsType<NewNetworkBlueprint>(Resolve(Blue).Network);

        Assert.Equal("10.40.0.0/16", network.VpcCidr);
        Assert.Equal(["10.40.0.0/18", "10.40.64.0/18", "10.40.128.0/18", "10.40.192.0/18"], network.Subnets.Select(s => s.Cidr));
        var vpc = IPNetwork.Parse(network.VpcCidr);
        Assert.All(network.Subnets, s => Assert.True(vpc.Contains(IPNetwork.Parse(s.Cidr).BaseAddress)));
    }

    [Fact]
    public void Smallest_accepted_vpc_still_splits_into_four_subnets()
    {
        Assert.True(Core.Settings.VpcCidr.TryParse("10.40.7.0/24", out var cidr, out _));
        var settings = Blue with { Network = new Core.Settings.NewNetwork(cidr) };

        var network = Assert.IsType<NewNetworkBlueprint>(Resolve(settings).Network);

        Assert.Equal(["10.40.7.0/26", "10.40.7.64/26", "10.40.7.128/26", "10.40.7.192/26"], network.Subnets.Select(s => s.Cidr));
    }

    [Fact]
    public void Public_subnets_are_tagged_for_internet_facing_load_balancers()
    {
        var network = Assert.IsType<NewNetworkBlueprint>(Resolve(Blue).Network);

        Assert.All(network.Public, s => Assert.Equal("1", s.Tags["kubernetes.io/role/elb"]));
        Assert.All(network.Private, s => Assert.Equal("1", s.Tags["kubernetes.io/role/internal-elb"]));
    }

    [Fact]
    public void A_changed_network_changes_what_forces_a_new_cluster_and_node_group_sizes_do_not()
    {
        var before = Resolve(Blue).Network.Identity;
        Assert.True(Core.Settings.VpcCidr.TryParse("10.50.0.0/16", out var other, out _));

        Assert.NotEqual(before, Resolve(Blue with { Network = new Core.Settings.NewNetwork(other) }).Network.Identity);
        Assert.Equal(before, Resolve(Blue with { NodeGroups = [Blue.NodeGroups[0] with { MaxSize = 20 }] }).Network.Identity);
        Assert.Equal("vpc-0a1b2c3d4e5f67890:subnet-0a1b2c3d4e5f67890,subnet-1a2b3c4d5e6f78901", Resolve(Green).Network.Identity);
    }

    [Fact]
    public void Existing_network_is_used_as_configured()
    {
        var network = Assert.IsType<ExistingNetworkBlueprint>(Resolve(Green).Network);

        Assert.Equal("vpc-0a1b2c3d4e5f67890", network.VpcId);
        Assert.Equal<string>(["subnet-0a1b2c3d4e5f67890", "subnet-1a2b3c4d5e6f78901"], network.SubnetIds);
    }

    [Fact]
    public void Another_subnet_of_an_existing_network_forces_a_new_cluster()
    {
        var existing = (Core.Settings.ExistingNetwork)Green.Network!;
        var moved = existing with { SubnetIds = [existing.SubnetIds[0], "subnet-2a3b4c5d6e7f89012"] };

        Assert.NotEqual(Resolve(Green).Network.Identity, Resolve(Green with { Network = moved }).Network.Identity);
    }

    [Fact]
    public void A_new_minor_leaves_the_network_and_so_is_never_a_replacement_in_place()
    {
        // A version change is the in-place guard's to refuse; only the network decides a replacement within a stack.
        Assert.Equal(Resolve(Blue).Network.Identity, Resolve(Blue with { KubernetesVersion = new Core.Model.KubernetesVersion(1, 33) }).Network.Identity);
    }

    [Fact]
    public void Configured_zones_place_the_subnets_whatever_the_region_lists()
    {
        var network = Created(["eu-west-1b", "euw1-az3"]);

        var seen = network.Place(["eu-west-1a", "eu-west-1b", "eu-west-1c"]).Require();
        var drifted = network.Place(["eu-west-1c"]).Require();

        Assert.Equal(["private-eu-west-1b", "private-euw1-az3", "public-eu-west-1b", "public-euw1-az3"], seen.Subnets.Select(seen.KeyOf));
        Assert.Equal(Placement(seen), Placement(drifted));
    }

    [Fact]
    public void Zones_chosen_from_the_region_stay_the_same_when_the_list_is_reordered_or_grows()
    {
        var network = Created([]);

        var before = network.Place(["eu-west-1a", "eu-west-1b", "eu-west-1c"]).Require();
        var after = network.Place(["eu-west-1d", "eu-west-1c", "eu-west-1b", "eu-west-1a"]).Require();

        Assert.Equal(["private-eu-west-1a", "private-eu-west-1b", "public-eu-west-1a", "public-eu-west-1b"], before.Subnets.Select(before.KeyOf));
        Assert.Equal(Placement(before), Placement(after));
    }

    [Fact]
    public void Each_zone_keeps_its_own_blocks_one_public_and_one_private()
    {
        var network = Created(["eu-west-1b", "eu-west-1a"]).Place([]).Require();

        var byZone = network.Subnets.GroupBy(s => network.ZoneOf(s).Value).ToDictionary(g => g.Key, g => g.Select(s => (s.Tier, s.Cidr)).Order().ToList());
        Assert.Equal([(SubnetTier.Public, "10.40.128.0/18"), (SubnetTier.Private, "10.40.0.0/18")], byZone["eu-west-1b"]);
        Assert.Equal([(SubnetTier.Public, "10.40.192.0/18"), (SubnetTier.Private, "10.40.64.0/18")], byZone["eu-west-1a"]);
    }

    [Fact]
    public void A_region_with_fewer_than_two_available_zones_is_a_problem_when_none_are_configured()
    {
        var placed = Created([]).Place(["eu-west-1a"]);

        Assert.Equal(Core.Model.ProblemCodes.NetworkZones, Assert.Single(placed.Errors).Code);
    }

    [Fact]
    public void Configured_zones_are_part_of_what_forces_a_new_cluster_and_zones_chosen_from_the_region_are_not()
    {
        var unset = Created([]);

        Assert.Equal(unset.Identity, unset.Place(["eu-west-1c", "eu-west-1d"]).Require().Identity);
        Assert.NotEqual(unset.Identity, Created(["eu-west-1a", "eu-west-1b"]).Identity);
        Assert.NotEqual(Created(["eu-west-1a", "eu-west-1b"]).Identity, Created(["eu-west-1a", "eu-west-1c"]).Identity);
    }

    private static NewNetworkBlueprint Created(string[] zones)
    {
        var parsed = zones.Select(z => Core.Settings.AvailabilityZone.TryParse(z, out var zone) ? zone! : throw new ArgumentException(z)).ToImmutableArray();
        var settings = Blue with { Network = ((Core.Settings.NewNetwork)Blue.Network!) with { AvailabilityZones = parsed } };
        return Assert.IsType<NewNetworkBlueprint>(Resolve(settings).Network);
    }

    private static List<(string Key, string Zone, string Cidr)> Placement(NewNetworkBlueprint network) =>
        [.. network.Subnets.Select(s => (network.KeyOf(s), network.ZoneOf(s).Value, s.Cidr))];
}
