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
}
