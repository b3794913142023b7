using System.Text.Json.Nodes;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;

namespace BlueGreen.Core.Tests.Blueprints;

public class PolicyDocumentTests
{
    private const string ClusterName = "infra-green-k3x9q2";

    private const string BackupBucket = "infra-backups-4f2a9c";

    private static readonly ServiceAccountRole AutoscalerRole = new() { Namespace = "kube-system", ServiceAccount = "cluster-autoscaler" };

    public static TheoryData<string, string> EveryDocument()
    {
        var documents = new TheoryData<string, string>();
        foreach (var template in Enum.GetValues<PolicyTemplate>())
        {
            documents.Add(template.ToString(), PolicyDocuments.Render(template, ClusterName, BackupBucket));
        }

        documents.Add("node trust", PolicyDocuments.NodeTrust());
        documents.Add("service account trust", PolicyDocuments.ServiceAccountTrust(
            "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
            "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
            AutoscalerRole));
        return documents;
    }

    [Theory]
    [MemberData(nameof(EveryDocument))]
    public void No_policy_grants_wildcard_actions(string name, string document)
    {
        var actions = Statements(document).SelectMany(s => Strings(s["Action"])).ToList();

        Assert.NotEmpty(actions);
        Assert.All(actions, action => Assert.False(action == "*" || action.EndsWith(":*", StringComparison.Ordinal), $"{name} grants {action}"));
    }

    [Theory]
    [MemberData(nameof(EveryDocument))]
    public void Every_statement_allows_and_never_uses_not_action(string name, string document)
    {
        Assert.All(Statements(document), statement =>
        {
            Assert.Equal("Allow", (string?)statement["Effect"]);
            Assert.False(statement.ContainsKey("NotAction"), $"{name} uses NotAction");
        });
    }

    [Fact]
    public void Autoscaler_may_only_scale_groups_tagged_for_this_cluster()
    {
        var document = PolicyDocuments.Render(PolicyTemplate.ClusterAutoscaler, ClusterName);

        var writes = Statements(document).Single(s => Strings(s["Action"]).Contains("autoscaling:SetDesiredCapacity"));
        var conditions = writes["Condition"]!["StringEquals"]!.AsObject();
        Assert.Equal("owned", (string?)conditions[$"aws:ResourceTag/k8s.io/cluster-autoscaler/{ClusterName}"]);
        Assert.Equal("true", (string?)conditions["aws:ResourceTag/k8s.io/cluster-autoscaler/enabled"]);
        Assert.DoesNotContain("{{", document, StringComparison.Ordinal);
    }

    [Fact]
    public void Autoscaler_policy_of_another_cluster_does_not_reach_this_one()
    {
        var other = PolicyDocuments.Render(PolicyTemplate.ClusterAutoscaler, "infra-blue-p8w1m5");

        Assert.DoesNotContain(ClusterName, other, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_balancer_controller_policy_is_the_one_of_the_controller_version_the_catalog_pins()
    {
        var pinned = VersionCatalog.Embedded.Releases
            .Select(r => r.Addons[AddonNames.AwsLoadBalancerController].AppVersion)
            .Distinct();

        Assert.Equal([PolicyDocuments.LoadBalancerControllerPolicyVersion], pinned);
    }

    [Fact]
    public void Load_balancer_controller_may_only_change_load_balancers_this_controller_created()
    {
        var document = PolicyDocuments.Render(PolicyTemplate.AwsLoadBalancerController, ClusterName);

        var deletes = Statements(document).Single(s => Strings(s["Action"]).Contains("elasticloadbalancing:DeleteLoadBalancer"));
        Assert.Contains("aws:ResourceTag/elbv2.k8s.aws/cluster", deletes["Condition"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Service_account_trust_names_the_subject_and_the_sts_audience_of_the_cluster_issuer()
    {
        var document = PolicyDocuments.ServiceAccountTrust(
            "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
            "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
            AutoscalerRole);

        var statement = Assert.Single(Statements(document));
        Assert.Equal("sts:AssumeRoleWithWebIdentity", (string?)statement["Action"]);
        Assert.Equal("arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE", (string?)statement["Principal"]!["Federated"]);
        var conditions = statement["Condition"]!["StringEquals"]!.AsObject();
        Assert.Equal("system:serviceaccount:kube-system:cluster-autoscaler", (string?)conditions["oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE:sub"]);
        Assert.Equal("sts.amazonaws.com", (string?)conditions["oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE:aud"]);
    }

    [Fact]
    public void Issuer_given_without_scheme_gives_the_same_trust()
    {
        const string arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE";

        Assert.Equal(
            PolicyDocuments.ServiceAccountTrust(arn, "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE", AutoscalerRole),
            PolicyDocuments.ServiceAccountTrust(arn, "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE", AutoscalerRole));
    }

    [Fact]
    public void Nodes_are_assumed_by_ec2_only()
    {
        var statement = Assert.Single(Statements(PolicyDocuments.NodeTrust()));

        Assert.Equal("ec2.amazonaws.com", (string?)statement["Principal"]!["Service"]);
        Assert.Equal("sts:AssumeRole", (string?)statement["Action"]);
    }

    private static IEnumerable<JsonObject> Statements(string document) =>
        JsonNode.Parse(document)!["Statement"]!.AsArray().Select(s => s!.AsObject());

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(a => (string)a!),
        JsonValue value => [(string)value!],
        _ => [],
    };
}
