using System.Collections.Immutable;
using Pulumi.Testing;

namespace BlueGreen.Infra.Tests;

/// <summary>A created network under a region whose zone list changes between two runs of the same stack.</summary>
[Collection(PulumiCollection.Name)]
public class NetworkDriftTests
{
    private const string AvailabilityZonesToken = "aws:index/getAvailabilityZones:getAvailabilityZones";

    [Fact]
    public async Task Pinned_zones_declare_the_same_subnets_whatever_zones_the_region_lists()
    {
        var before = await StackRun.UpAsync("zones/Pulumi.blue.yaml", new StackMocks { AvailableZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] });
        var after = await StackRun.UpAsync("zones/Pulumi.blue.yaml", new StackMocks { AvailableZones = ["eu-west-1c"] });

        Assert.Equal(Subnets(before), Subnets(after));
        (string Name, string? Zone, string? ZoneId)[] placed =
        [
            ("infra-blue-private-eu-west-1b", "eu-west-1b", null), ("infra-blue-private-euw1-az2", null, "euw1-az2"),
            ("infra-blue-public-eu-west-1b", "eu-west-1b", null), ("infra-blue-public-euw1-az2", null, "euw1-az2"),
        ];
        Assert.Equal(placed, Subnets(before).Select(s => (s.Name, s.Zone, s.ZoneId)));
        Assert.DoesNotContain(before.Mocks.Calls, c => c.Token == AvailabilityZonesToken);
    }

    [Fact]
    public async Task Zones_chosen_from_the_region_declare_the_same_subnets_when_the_list_is_reordered_or_grows()
    {
        var before = await StackRun.UpAsync("Pulumi.blue.yaml", new StackMocks { AvailableZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] });
        var after = await StackRun.UpAsync("Pulumi.blue.yaml", new StackMocks { AvailableZones = ["eu-west-1d", "eu-west-1c", "eu-west-1b", "eu-west-1a"] });

        Assert.Equal(Subnets(before), Subnets(after));
        Assert.Equal(["eu-west-1a", "eu-west-1b"], Subnets(before).Select(s => s.Zone).Distinct());
    }

    [Fact]
    public async Task Nat_gateways_and_private_route_tables_are_named_after_their_zone()
    {
        var run = await StackRun.UpAsync("zones/Pulumi.blue.yaml");

        Assert.Equal(["infra-blue-nat-eu-west-1b", "infra-blue-nat-euw1-az2"], Names(run, "aws:ec2/natGateway:NatGateway"));
        Assert.Equal(["infra-blue-private-eu-west-1b", "infra-blue-private-euw1-az2", "infra-blue-public"], Names(run, "aws:ec2/routeTable:RouteTable"));
    }

    private static List<(string Name, string? Zone, string? ZoneId, string Cidr)> Subnets(StackRun run) =>
        [.. run.Mocks.OfType("aws:ec2/subnet:Subnet")
            .Select(s => (s.Name!, Text(s, "availabilityZone"), Text(s, "availabilityZoneId"), (string)s.Inputs["cidrBlock"]))
            .OrderBy(s => s.Item1, StringComparer.Ordinal)];

    private static List<string> Names(StackRun run, string type) => [.. run.Mocks.OfType(type).Select(r => r.Name!).Order(StringComparer.Ordinal)];

    private static string? Text(MockResourceArgs resource, string input) => resource.Inputs.GetValueOrDefault(input) as string;
}
