using System.Collections.Immutable;
using BlueGreen.Core.Outputs;
using Pulumi;
using Aws = Pulumi.Aws;

namespace BlueGreen.Infra.Tests;

[Collection(PulumiCollection.Name)]
public class TrafficStackTests
{
    private const string BlueHostname = "k8s-bluegreen-blue000000-1111111111.eu-west-1.elb.amazonaws.com";
    private const string GreenHostname = "k8s-bluegreen-green00000-2222222222.eu-west-1.elb.amazonaws.com";

    [Fact]
    public async Task Reads_the_configured_blue_and_green_stacks()
    {
        var run = await TrafficUpAsync(BothDeployed());

        var referenced = run.Mocks.OfType("pulumi:pulumi:StackReference").Select(r => (string)r.Inputs["name"]);
        Assert.Equal(["acme/infra/blue", "acme/infra/green"], referenced.Order());
    }

    [Fact]
    public async Task Each_color_has_a_weighted_record_with_its_weight_and_its_color_as_set_identifier()
    {
        var run = await TrafficUpAsync(BothDeployed());

        var records = await Records(run);
        Assert.Equal([("blue", 90), ("green", 10)], records.Select(r => (r.SetIdentifier, r.Weight)).Order());
    }

    [Fact]
    public async Task Each_record_aliases_its_own_stacks_load_balancer_and_evaluates_target_health()
    {
        var run = await TrafficUpAsync(BothDeployed());

        var records = (await Records(run)).ToDictionary(r => r.SetIdentifier);
        Assert.Equal(BlueHostname, records["blue"].Alias.Name);
        Assert.Equal(GreenHostname, records["green"].Alias.Name);
        Assert.All(records.Values, r => Assert.True(r.Alias.EvaluateTargetHealth));
        Assert.All(records.Values, r => Assert.Equal(StackMocks.HostedZoneId, r.ZoneId));
    }

    [Fact]
    public async Task Each_record_is_linked_to_a_https_health_check_of_its_own_load_balancer()
    {
        var run = await TrafficUpAsync(BothDeployed());

        var checks = new Dictionary<string, (string? Fqdn, string Type, string? Path, int? Interval, int? Threshold)>();
        foreach (var check in run.OfType<Aws.Route53.HealthCheck>())
        {
            checks[await check.Id.GetValueAsync()] = (
                await check.Fqdn.GetValueAsync(),
                await check.Type.GetValueAsync(),
                await check.ResourcePath.GetValueAsync(),
                await check.RequestInterval.GetValueAsync(),
                await check.FailureThreshold.GetValueAsync());
        }

        foreach (var record in await Records(run))
        {
            var check = checks[record.HealthCheckId!];
            Assert.Equal(record.Alias.Name, check.Fqdn);
            Assert.Equal<(string, string?, int?, int?)>(("HTTPS", "/healthz", 10, 3), (check.Type, check.Path, check.Interval, check.Threshold));
        }
    }

    [Fact]
    public async Task Outputs_are_exactly_the_documented_contract_with_weights_and_active_color()
    {
        var run = await TrafficUpAsync(BothDeployed());

        Assert.Equal(TrafficStackOutputs.All.Order(), run.Outputs.Keys.Order());
        Assert.Equal("blue", run.Outputs[TrafficStackOutputs.ActiveColor]);
        var weights = Assert.IsAssignableFrom<IReadOnlyDictionary<string, int>>(run.Outputs[TrafficStackOutputs.Weights]);
        Assert.Equal((90, 10), (weights["blue"], weights["green"]));
        var healthChecks = await ((Output<ImmutableSortedDictionary<string, string>>)run.Outputs[TrafficStackOutputs.HealthCheckIds]!).GetValueAsync();
        Assert.Equal(["blue", "green"], healthChecks.Keys);
    }

    [Fact]
    public async Task Weight_on_a_stack_without_ingress_output_fails_before_any_record_is_declared()
    {
        var stacks = BothDeployed().SetItem("acme/infra/green", ImmutableDictionary<string, object>.Empty);
        var mocks = new StackMocks(stacks);

        var error = await Assert.ThrowsAsync<RunException>(() => TrafficUpAsync(stacks, mocks));

        Assert.Contains("acme/infra/green", error.Message);
        Assert.Contains(ClusterStackOutputs.IngressHostname, error.Message);
        Assert.Empty(mocks.OfType("aws:route53/record:Record"));
    }

    [Fact]
    public async Task A_secret_output_of_a_cluster_stack_stays_secret_where_the_traffic_stack_uses_it()
    {
        var mocks = new StackMocks(BothDeployed()) { SecretOutputs = [ClusterStackOutputs.IngressHostname] };

        var (_, outputs) = await Deployment.TestAsync(mocks, StackRun.Options("Pulumi.traffic.yaml", isPreview: false), () =>
        {
            var blue = new StackReference("blue", new StackReferenceArgs { Name = "acme/infra/blue" });
            return new Dictionary<string, object?>
            {
                ["hostname"] = TrafficStack.WithSecretnessOf(blue, ClusterStackOutputs.IngressHostname, BlueHostname),
                ["zoneId"] = TrafficStack.WithSecretnessOf(blue, ClusterStackOutputs.IngressHostedZoneId, StackMocks.LoadBalancerZoneId),
            };
        });

        Assert.True(await Output.IsSecretAsync((Output<string>)outputs["hostname"]!));
        Assert.False(await Output.IsSecretAsync((Output<string>)outputs["zoneId"]!));
        Assert.Equal(BlueHostname, await ((Output<string>)outputs["hostname"]!).GetValueAsync());
    }

    [Fact]
    public async Task Records_are_declared_from_a_cluster_stack_whose_ingress_outputs_are_secrets()
    {
        var mocks = new StackMocks(BothDeployed()) { SecretOutputs = [ClusterStackOutputs.IngressHostname, ClusterStackOutputs.IngressHostedZoneId] };

        var run = await TrafficUpAsync(BothDeployed(), mocks);

        Assert.Equal(["blue", "green"], (await Records(run)).Select(r => r.SetIdentifier).Order());
    }

    private static ImmutableDictionary<string, ImmutableDictionary<string, object>> BothDeployed() =>
        ImmutableDictionary<string, ImmutableDictionary<string, object>>.Empty
            .Add("acme/infra/blue", Endpoint(BlueHostname))
            .Add("acme/infra/green", Endpoint(GreenHostname));

    private static ImmutableDictionary<string, object> Endpoint(string hostname) =>
        ImmutableDictionary<string, object>.Empty
            .Add(ClusterStackOutputs.IngressHostname, hostname)
            .Add(ClusterStackOutputs.IngressHostedZoneId, StackMocks.LoadBalancerZoneId);

    private static Task<StackRun> TrafficUpAsync(
        ImmutableDictionary<string, ImmutableDictionary<string, object>> stacks, StackMocks? mocks = null) =>
        StackRun.UpAsync("Pulumi.traffic.yaml", mocks ?? new StackMocks(stacks));

    private static async Task<List<DeclaredRecord>> Records(StackRun run)
    {
        var records = new List<DeclaredRecord>();
        foreach (var record in run.OfType<Aws.Route53.Record>())
        {
            var weighted = Assert.Single(await record.WeightedRoutingPolicies.GetValueAsync());
            var alias = Assert.Single(await record.Aliases.GetValueAsync());
            records.Add(new DeclaredRecord(
                (await record.SetIdentifier.GetValueAsync())!,
                weighted.Weight,
                alias,
                await record.HealthCheckId.GetValueAsync(),
                await record.ZoneId.GetValueAsync()));
        }

        return records;
    }

    private sealed record DeclaredRecord(string SetIdentifier, int Weight, Aws.Route53.Outputs.RecordAlias Alias, string? HealthCheckId, string ZoneId);
}
