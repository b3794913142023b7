using System.Text.RegularExpressions;
using BlueGreen.Core.Outputs;
using BlueGreen.Core.Tests.Model;

namespace BlueGreen.Core.Tests.Outputs;

public partial class StackOutputsTests
{
    [Fact]
    public void Cluster_stack_outputs_are_exactly_the_documented_contract()
    {
        string[] contract =
        [
            "color", "kubernetesVersion", "clusterName", "endpoint", "kubeconfig", "oidcProviderArn", "oidcProviderUrl",
            "nodeGroupVersions", "addonVersions", "ingressHostname", "ingressHostedZoneId", "backupBucket",
        ];

        Assert.Equal<string>(contract, ClusterStackOutputs.All);
    }

    [Fact]
    public void Kubeconfig_is_the_only_secret_cluster_output()
    {
        Assert.Equal<string>([ClusterStackOutputs.Kubeconfig], ClusterStackOutputs.Secret);
    }

    [Fact]
    public void Traffic_stack_outputs_are_exactly_the_documented_contract()
    {
        Assert.Equal<string>(["recordName", "weights", "activeColor", "healthCheckIds"], TrafficStackOutputs.All);
    }

    [Fact]
    public void Shared_stack_outputs_are_exactly_the_documented_contract_and_the_colors_pass_its_bucket_on_by_the_same_name()
    {
        Assert.Equal<string>(["backupBucket"], SharedStackOutputs.All);
        Assert.Equal(SharedStackOutputs.BackupBucket, ClusterStackOutputs.BackupBucket);
    }

    [Fact]
    public void Output_names_are_distinct_camel_case_identifiers()
    {
        var names = ClusterStackOutputs.All.Concat(TrafficStackOutputs.All).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, name => Assert.Matches(CamelCase(), name));
    }

    [Fact]
    public void Every_output_has_a_row_in_docs_stack_outputs()
    {
        var documented = DocumentedNames(File.ReadAllText(Path.Combine(Repository.Root, "docs", "stack-outputs.md")));

        Assert.Equal<string>(ClusterStackOutputs.All.Concat(TrafficStackOutputs.All).Concat(SharedStackOutputs.All).Order(), documented.Order());
    }

    /// <summary>The first cell of each table row, when it is a code span: the output names the document describes.</summary>
    private static List<string> DocumentedNames(string markdown) =>
        [.. TableRowName().Matches(markdown).Select(m => m.Groups["name"].Value)];

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"^\|\s*`(?<name>[a-zA-Z0-9]+)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRowName();

    [Theory]
    [InlineData("acme/infra/blue", "acme/infra/shared")]
    [InlineData("acme/infra/green", "acme/infra/shared")]
    [InlineData("blue", "shared")]
    public void The_shared_stack_is_read_beside_a_cluster_stack_in_its_organization_and_project(string clusterStack, string shared)
    {
        Assert.Equal(shared, SharedStackOutputs.Beside(clusterStack));
    }
}
