using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Deprecations;
using static BlueGreen.Core.Tests.Blueprints.BlueprintFixtures;

namespace BlueGreen.Core.Tests.Blueprints;

public class DeclaredObjectsTests
{
    [Fact]
    public void Objects_the_components_declare_use_no_deprecated_or_removed_api_on_any_catalog_version()
    {
        var objects = Resolve(Green).DeclaredObjects;

        foreach (var version in VersionCatalog.Embedded.Versions)
        {
            Assert.Empty(ApiDeprecations.Check(objects, version));
        }
    }

    [Fact]
    public void Entry_ingress_joins_the_shared_group_as_an_internet_facing_alb()
    {
        var ingress = Resolve(Green).Ingress;

        Assert.Equal(IngressBlueprint.GroupName, ingress.Annotations["alb.ingress.kubernetes.io/group.name"]);
        Assert.Equal("internet-facing", ingress.Annotations["alb.ingress.kubernetes.io/scheme"]);
    }

    [Fact]
    public void Entry_ingress_answers_404_until_an_application_serves_the_path()
    {
        var action = Resolve(Green).Ingress.Annotations[$"alb.ingress.kubernetes.io/actions.{IngressBlueprint.DefaultActionName}"];

        var config = System.Text.Json.Nodes.JsonNode.Parse(action)!;
        Assert.Equal("fixed-response", (string?)config["type"]);
        Assert.Equal("404", (string?)config["fixedResponseConfig"]!["statusCode"]);
    }

    [Fact]
    public void Entry_load_balancer_is_found_by_the_tags_the_controller_gives_it()
    {
        var tags = Resolve(Green).Ingress.LoadBalancerTags("infra-green-k3x9q2");

        Assert.Equal("infra-green-k3x9q2", tags["elbv2.k8s.aws/cluster"]);
        Assert.Equal(IngressBlueprint.GroupName, tags["ingress.k8s.aws/stack"]);
    }
}
