using BlueGreen.Core.Blueprints;

namespace BlueGreen.Infra.Tests;

/// <summary>How a cluster stack finds the entry ALB the AWS Load Balancer Controller created for its Ingress.</summary>
[Collection(PulumiCollection.Name)]
public class EntryLoadBalancerTests
{
    private const string GetLoadBalancerToken = "aws:lb/getLoadBalancer:getLoadBalancer";

    [Fact]
    public async Task The_load_balancer_is_looked_up_by_the_clusters_name_and_the_entry_group_tags_only()
    {
        var run = await StackRun.UpAsync("Pulumi.green.yaml");

        var call = Assert.Single(run.Mocks.Calls, c => c.Token == GetLoadBalancerToken);
        var tags = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(call.Args["tags"]);
        Assert.Equal(2, tags.Count);
        Assert.Equal($"infra-green-{StackMocks.RandomSuffix}", tags["elbv2.k8s.aws/cluster"]);
        Assert.Equal(IngressBlueprint.GroupName, tags["ingress.k8s.aws/stack"]);
        Assert.False(call.Args.ContainsKey("name") || call.Args.ContainsKey("arn"));
    }

    [Fact]
    public async Task An_ingress_without_a_load_balancer_fails_the_run_with_the_entry_ingress_named_not_an_exception()
    {
        var mocks = new StackMocks { IngressHostnames = [] };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StackRun.UpAsync("Pulumi.green.yaml", mocks));

        List<Exception> errors = error is AggregateException many ? [.. many.Flatten().InnerExceptions] : [error];
        Assert.All(errors, e => Assert.IsType<Pulumi.RunException>(e));
        Assert.Contains(errors, e => e.Message.Contains("kube-system/bluegreen-entry", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Message.Contains(nameof(IndexOutOfRangeException), StringComparison.Ordinal)
            || e.Message.Contains(nameof(NullReferenceException), StringComparison.Ordinal));
    }
}
