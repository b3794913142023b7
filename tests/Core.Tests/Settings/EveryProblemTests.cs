using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Settings;

/// <summary>A structural problem in one key never hides what the catalog or the skew policy says about another.</summary>
public class EveryProblemTests
{
    private static Validated<StackSettings> Read(string yaml)
    {
        var directory = Directory.CreateTempSubdirectory();
        var path = Path.Combine(directory.FullName, "Pulumi.green.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            return StackFile.Load(path, SettingsFixtures.Context);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_bad_cidr_a_bogus_pin_and_a_node_group_five_minors_behind_are_all_reported()
    {
        var result = Read("""
            config:
              infra:color: green
              infra:kubernetesVersion: "1.35"
              infra:vpcCidr: 10.41.0.0/33
              infra:addons:
                coredns: latest
              infra:nodeGroups:
                - name: general
                  instanceTypes: [m6i.large]
                  minSize: 1
                  desiredSize: 1
                  maxSize: 3
                  kubernetesVersion: "1.30"
            """);

        Assert.Equal(
            [
                (ProblemCodes.AddonVersionFormat, "infra:addons.coredns"),
                (ProblemCodes.BadFormat, "infra:vpcCidr"),
                (ProblemCodes.SkewNodeGroupTooOld, "infra:nodeGroups[0].kubernetesVersion"),
            ],
            result.Errors.Select(p => (p.Code, p.Key)).Order());
    }

    [Fact]
    public void A_node_group_newer_than_its_control_plane_is_reported_while_the_network_is_missing()
    {
        var result = Read("""
            config:
              infra:color: green
              infra:kubernetesVersion: "1.34"
              infra:nodeGroups:
                - name: general
                  instanceTypes: [m6i.large]
                  minSize: 1
                  desiredSize: 1
                  maxSize: 3
                  kubernetesVersion: "1.35"
            """);

        Assert.Equal(
            [(ProblemCodes.Required, "infra:vpcCidr"), (ProblemCodes.SkewNodeGroupTooNew, "infra:nodeGroups[0].kubernetesVersion")],
            result.Errors.Select(p => (p.Code, p.Key)));
    }

    [Fact]
    public void A_node_group_with_broken_sizes_is_still_checked_for_skew()
    {
        var result = Read("""
            config:
              infra:color: green
              infra:kubernetesVersion: "1.35"
              infra:vpcCidr: 10.41.0.0/16
              infra:nodeGroups:
                - name: general
                  instanceTypes: [m6i.large]
                  minSize: many
                  desiredSize: 1
                  maxSize: 3
                  kubernetesVersion: "1.36"
            """);

        Assert.Equal(
            [ProblemCodes.WrongType, ProblemCodes.SkewNodeGroupTooNew],
            result.Errors.Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_bad_instance_type_of_a_node_group_is_reported()
    {
        var result = Read("""
            config:
              infra:color: green
              infra:kubernetesVersion: "1.35"
              infra:vpcCidr: 10.41.0.0/16
              infra:nodeGroups:
                - name: general
                  instanceTypes: [huge, m6i.large, tiny]
                  minSize: 1
                  desiredSize: 1
                  maxSize: 3
            """);

        Assert.Equal(["infra:nodeGroups[0].instanceTypes[0]", "infra:nodeGroups[0].instanceTypes[2]"], result.Errors.Select(p => p.Key));
    }

    [Fact]
    public void A_nested_problem_points_at_the_line_and_column_of_the_nested_value()
    {
        var problem = SettingsFixtures.Load("invalid-cluster/Pulumi.green.yaml").SingleError("infra:nodeGroups[1].instanceTypes[0]");

        Assert.Equal((13, 23), (problem.Line, problem.Column));
        Assert.Equal(ProblemCodes.BadFormat, problem.Code);
    }

    [Fact]
    public void A_missing_field_points_at_the_object_that_lacks_it()
    {
        var result = Read("""
            config:
              infra:color: green
              infra:kubernetesVersion: "1.35"
              infra:vpcCidr: 10.41.0.0/16
              infra:nodeGroups:
                - name: general
                  minSize: 1
                  desiredSize: 1
                  maxSize: 3
            """);

        var problem = result.SingleError("infra:nodeGroups[0].instanceTypes");
        Assert.Equal((6, 7), (problem.Line, problem.Column));
    }
}
