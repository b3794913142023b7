using System.Collections.Immutable;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using Pulumi;

namespace BlueGreen.Infra.Tests;

/// <summary>
/// A cluster stack reads its own last outputs through a stack reference to itself and refuses, before declaring anything,
/// to change the minor of the control plane they say is running.
/// </summary>
[Collection(PulumiCollection.Name)]
public class InPlaceGuardTests
{
    // The name the program gives its reference to itself: organization/project/stack, as TestOptions defaults them.
    private const string Self = "organization/infra/blue";

    /// <summary>Blue's outputs after a deployment at 1.32 (general at 1.32, legacy at 1.31), as the engine hands them back.</summary>
    private static readonly ImmutableDictionary<string, object> BlueAt132 = ImmutableDictionary<string, object>.Empty
        .Add(ClusterStackOutputs.Color, "blue")
        .Add(ClusterStackOutputs.KubernetesVersion, "1.32")
        .Add(ClusterStackOutputs.NodeGroupVersions, ImmutableDictionary<string, object>.Empty
            .Add("general", ImmutableDictionary<string, object>.Empty.Add("kubernetesVersion", "1.32"))
            .Add("legacy", ImmutableDictionary<string, object>.Empty.Add("kubernetesVersion", "1.31")));

    private static Dictionary<string, string> BlueConfigAt(string version) =>
        new(StackRun.ConfigOf("Pulumi.blue.yaml")) { ["infra:kubernetesVersion"] = version };

    private static Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> UpAsync(StackMocks mocks, string version) =>
        Deployment.TestAsync(mocks, StackRun.Options("Pulumi.blue.yaml", isPreview: false), () => StackProgram.RunAsync(BlueConfigAt(version), StackRun.Today));

    [Fact]
    public async Task Blue_running_1_32_set_to_1_33_fails_with_the_guard_s_code_before_any_other_resource()
    {
        var mocks = new StackMocks(new Dictionary<string, ImmutableDictionary<string, object>> { [Self] = BlueAt132 });

        var error = await Assert.ThrowsAsync<RunException>(() => UpAsync(mocks, "1.33"));

        Assert.Contains(ProblemCodes.InPlaceUpgrade, error.Message);
        Assert.Contains("1.32", error.Message);
        var read = Assert.Single(mocks.Registered);
        Assert.Equal(("pulumi:pulumi:StackReference", Self), (read.Type, (string)read.Inputs["name"]));
    }

    [Fact]
    public async Task Blue_running_1_32_and_set_to_1_32_is_operated()
    {
        var mocks = new StackMocks(new Dictionary<string, ImmutableDictionary<string, object>> { [Self] = BlueAt132 });

        await UpAsync(mocks, "1.32");

        Assert.Equal("1.32", Assert.Single(mocks.OfType("eks:index:Cluster")).Inputs["version"]);
    }

    [Fact]
    public async Task A_first_deployment_creates_the_cluster_at_any_minor()
    {
        var mocks = new StackMocks();

        await UpAsync(mocks, "1.33");

        Assert.Equal("1.33", Assert.Single(mocks.OfType("eks:index:Cluster")).Inputs["version"]);
    }
}
