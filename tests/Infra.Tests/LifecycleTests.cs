using System.Collections.Immutable;
using BlueGreen.Core.Outputs;

namespace BlueGreen.Infra.Tests;

/// <summary>
/// One whole leapfrog as a sequence of stack runs, each reading what the previous ones deployed, as the README's loop
/// runs them: blue 1.32 serves; green is created two minors later; traffic moves to green; blue is destroyed (the traffic
/// stack runs on while blue has no cluster); blue is created anew at a later minor than green; traffic moves back.
/// The runs are judged on <see cref="StackRun.Today"/>, before EKS offered 1.36, so green takes 1.34 here and the new blue
/// 1.35. Each cluster run reads its own last outputs (its <c>deployed-outputs</c> stack reference), fed here by what the
/// previous runs deployed, so the in-place guard judges every step as the real stacks would.
/// </summary>
[Collection(PulumiCollection.Name)]
public class LifecycleTests
{
    private const string BlueStack = "acme/infra/blue";
    private const string GreenStack = "acme/infra/green";
    private const string BlueHostname = "k8s-bluegreen-blue000000-1111111111.eu-west-1.elb.amazonaws.com";
    private const string GreenHostname = "k8s-bluegreen-green00000-2222222222.eu-west-1.elb.amazonaws.com";
    private const string NewBlueHostname = "k8s-bluegreen-blue111111-3333333333.eu-west-1.elb.amazonaws.com";

    [Fact]
    public async Task The_colors_leapfrog_through_a_whole_upgrade_and_back_with_traffic_following()
    {
        var deployed = ImmutableDictionary<string, ImmutableDictionary<string, object>>.Empty;

        // 1. Blue 1.32 serves alone.
        var blue = await StackRun.UpAsync("Pulumi.blue.yaml", new StackMocks(deployed) { IngressHostnames = [BlueHostname] });
        deployed = Deploy(deployed, BlueStack, "blue", await blue.DeployedOutputsAsync());
        var traffic = await Traffic(deployed, blue: 100, green: 0);
        Assert.Equal([("blue", 100, BlueHostname)], Records(traffic));

        // The shortcut, blue's own stack set to the new minor, is refused before anything is declared: never in place.
        var shortcut = new StackMocks(deployed);
        await Assert.ThrowsAsync<Pulumi.RunException>(() => StackRun.UpAsync("lifecycle/Pulumi.blue.yaml", shortcut));
        Assert.Empty(shortcut.OfType("eks:index:Cluster"));

        // 2. Green is created beside it, two minors later; it takes no traffic yet.
        var green = await StackRun.UpAsync("lifecycle/Pulumi.green.yaml", new StackMocks(deployed) { IngressHostnames = [GreenHostname] });
        Assert.Equal("1.34", green.Outputs[ClusterStackOutputs.KubernetesVersion]);
        deployed = Deploy(deployed, GreenStack, "green", await green.DeployedOutputsAsync());
        traffic = await Traffic(deployed, blue: 100, green: 0);
        Assert.Equal([("blue", 100, BlueHostname), ("green", 0, GreenHostname)], Records(traffic));

        // 3. Traffic moves to green (the cutover's last step).
        traffic = await Traffic(deployed, blue: 0, green: 100);
        Assert.Equal([("blue", 0, BlueHostname), ("green", 100, GreenHostname)], Records(traffic));
        Assert.Equal("green", traffic.Outputs[TrafficStackOutputs.ActiveColor]);

        // 4. Blue is retired and destroyed: its stack has no outputs; the traffic stack still runs, with no blue record.
        deployed = Deploy(deployed, BlueStack, "blue", ImmutableDictionary<string, object>.Empty);
        traffic = await Traffic(deployed, blue: 0, green: 100);
        Assert.Equal([("green", 100, GreenHostname)], Records(traffic));
        Assert.Single(traffic.Mocks.OfType("aws:route53/healthCheck:HealthCheck"));

        // 5. Blue is created anew at a later minor than green: a new cluster, never an upgrade of the old one.
        var newBlue = await StackRun.UpAsync("lifecycle/Pulumi.blue.yaml", new StackMocks(deployed) { IngressHostnames = [NewBlueHostname] });
        Assert.Equal("1.35", newBlue.Outputs[ClusterStackOutputs.KubernetesVersion]);
        Assert.Equal("1.35", Assert.Single(newBlue.Mocks.OfType("eks:index:Cluster")).Inputs["version"]);
        deployed = Deploy(deployed, BlueStack, "blue", await newBlue.DeployedOutputsAsync());

        // 6. Traffic moves back to blue, now the newer cluster.
        traffic = await Traffic(deployed, blue: 100, green: 0);
        Assert.Equal([("blue", 100, NewBlueHostname), ("green", 0, GreenHostname)], Records(traffic));
        Assert.Equal("blue", traffic.Outputs[TrafficStackOutputs.ActiveColor]);
    }

    [Fact]
    public async Task Weight_on_the_destroyed_color_fails_the_traffic_stack_before_any_record()
    {
        var green = await StackRun.UpAsync("lifecycle/Pulumi.green.yaml", new StackMocks { IngressHostnames = [GreenHostname] });
        var deployed = ImmutableDictionary<string, ImmutableDictionary<string, object>>.Empty
            .Add(GreenStack, await green.DeployedOutputsAsync())
            .Add(BlueStack, ImmutableDictionary<string, object>.Empty);
        var mocks = new StackMocks(deployed);

        await Assert.ThrowsAsync<Pulumi.RunException>(() => StackRun.UpAsync("Pulumi.traffic.yaml", mocks, Weights(blue: 100, green: 0)));

        Assert.Empty(mocks.OfType("aws:route53/record:Record"));
    }

    /// <summary>
    /// What a stack's reference reads after its update, under the name the traffic stack uses and the name the stack
    /// reads itself by (organization/project/stack in tests).
    /// </summary>
    private static ImmutableDictionary<string, ImmutableDictionary<string, object>> Deploy(
        ImmutableDictionary<string, ImmutableDictionary<string, object>> deployed, string stack, string color, ImmutableDictionary<string, object> outputs) =>
        deployed.SetItem(stack, outputs).SetItem($"organization/infra/{color}", outputs);

    private static Task<StackRun> Traffic(ImmutableDictionary<string, ImmutableDictionary<string, object>> deployed, int blue, int green) =>
        StackRun.UpAsync("Pulumi.traffic.yaml", new StackMocks(deployed), Weights(blue, green));

    private static Dictionary<string, string> Weights(int blue, int green) =>
        new() { ["infra:weights"] = $$"""{"blue":{{blue}},"green":{{green}}}""" };

    /// <summary>Each weighted record as the mocks received it: set identifier, weight, alias target.</summary>
    private static List<(string Color, int Weight, string Alias)> Records(StackRun traffic) =>
        [.. traffic.Mocks.OfType("aws:route53/record:Record")
            .Select(r => (
                (string)r.Inputs["setIdentifier"],
                Convert.ToInt32(Map(List(r.Inputs["weightedRoutingPolicies"]).Single())["weight"]),
                (string)Map(List(r.Inputs["aliases"]).Single())["name"]))
            .OrderBy(r => r.Item1, StringComparer.Ordinal)];

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static IEnumerable<object> List(object value) => (IEnumerable<object>)value;
}
