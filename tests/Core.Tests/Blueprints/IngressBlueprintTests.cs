using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Model;
using static BlueGreen.Core.Tests.Blueprints.BlueprintFixtures;

namespace BlueGreen.Core.Tests.Blueprints;

public class IngressBlueprintTests
{
    [Fact]
    public void The_entry_hostname_is_the_first_hostname_the_ingress_status_lists()
    {
        var ingress = Resolve(Blue).Ingress;

        var found = ingress.EntryHostname([null, "", "k8s-bluegreen-0a1b2c3d4e-1234567890.eu-west-1.elb.amazonaws.com"]);

        Assert.Equal("k8s-bluegreen-0a1b2c3d4e-1234567890.eu-west-1.elb.amazonaws.com", found.Require());
    }

    [Fact]
    public void An_ingress_status_without_a_hostname_is_a_no_endpoint_problem_naming_the_entry_ingress()
    {
        var ingress = Resolve(Blue).Ingress;

        var problem = Assert.Single(ingress.EntryHostname([]).Errors);

        Assert.Equal(ProblemCodes.NoEndpoint, problem.Code);
        Assert.Equal($"{ingress.Namespace}/{ingress.Name}", problem.Key);
    }
}
