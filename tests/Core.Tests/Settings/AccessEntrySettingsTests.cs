using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Settings;

public class AccessEntrySettingsTests
{
    private const string Invalid = "invalid-access-entries/Pulumi.green.yaml";

    [Fact]
    public void Access_entries_parse_with_their_principal_access_and_namespaces()
    {
        var green = (ClusterStackSettings)SettingsFixtures.Load("access-entries/Pulumi.green.yaml").Require();

        Assert.Equal(
            [
                ("arn:aws:iam::123456789012:role/app-deploy", ClusterAccess.Edit, "shop,shop-*"),
                ("arn:aws:iam::123456789012:role/platform/platform-admin", ClusterAccess.ClusterAdmin, ""),
                ("arn:aws:iam::210987654321:user/auditor", ClusterAccess.View, ""),
            ],
            green.AccessEntries.Select(e => (e.PrincipalArn.Value, e.Access, string.Join(",", e.Namespaces))));
    }

    [Fact]
    public void Principal_id_is_account_kind_and_name_without_the_path()
    {
        var green = (ClusterStackSettings)SettingsFixtures.Load("access-entries/Pulumi.green.yaml").Require();

        Assert.Equal(
            ["123456789012-role-app-deploy", "123456789012-role-platform-admin", "210987654321-user-auditor"],
            green.AccessEntries.Select(e => e.PrincipalId));
    }

    [Fact]
    public void Cluster_stack_without_access_entries_admits_no_one_else()
    {
        var green = (ClusterStackSettings)SettingsFixtures.Load("valid/Pulumi.green.yaml").Require();

        Assert.Empty(green.AccessEntries);
    }

    [Fact]
    public void Every_access_entry_problem_is_reported_at_once()
    {
        var result = SettingsFixtures.Load(Invalid);

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                "infra:accessEntries[0].principalArn",
                "infra:accessEntries[1].access",
                "infra:accessEntries[2].namespaces[0]",
                "infra:accessEntries[3].namespaces",
                "infra:accessEntries[5].principalArn",
                "infra:accessEntries[6].principalArn",
                "infra:accessEntries[7].namespaces",
            ],
            result.Errors.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Access_entry_problems_name_the_file_and_the_line_and_column_of_the_value_itself()
    {
        var problem = SettingsFixtures.Load(Invalid).SingleError("infra:accessEntries[1].access");

        Assert.EndsWith(Path.Combine("invalid-access-entries", "Pulumi.green.yaml"), problem.File);
        Assert.Equal((15, 15), (problem.Line, problem.Column));
    }

    [Fact]
    public void Assumed_role_session_arn_is_rejected_asking_for_the_roles_own_arn()
    {
        var problem = SettingsFixtures.Load(Invalid).SingleError("infra:accessEntries[0].principalArn");

        Assert.Equal("arn:aws:sts::123456789012:assumed-role/app-deploy/ci-session", problem.Value);
        Assert.Contains("give the role's own ARN", problem.Message);
    }

    [Theory]
    [InlineData("arn:aws:iam::12345678901:role/app-deploy")]
    [InlineData("arn:aws:iam::123456789012:group/deployers")]
    [InlineData("arn:aws:iam::123456789012:role/*")]
    [InlineData("arn:aws-cn:iam::123456789012:role/app-deploy")]
    public void Principal_that_is_not_an_iam_role_or_user_arn_is_rejected(string arn)
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig($$"""[{"principalArn":"{{arn}}","access":"view"}]"""));

        var problem = result.SingleError("infra:accessEntries[0].principalArn");
        Assert.Equal(arn, problem.Value);
        Assert.Contains("is not the ARN of an IAM role or user", problem.Message);
    }

    [Fact]
    public void Unknown_access_is_rejected_naming_the_four_accepted()
    {
        var problem = SettingsFixtures.Load(Invalid).SingleError("infra:accessEntries[1].access");

        Assert.Equal("owner", problem.Value);
        Assert.Contains("must be cluster-admin, admin, edit or view", problem.Message);
    }

    [Fact]
    public void Same_role_under_another_path_or_case_is_rejected_naming_the_first_entry()
    {
        var problem = SettingsFixtures.Load(Invalid).SingleError("infra:accessEntries[5].principalArn");

        Assert.Equal("arn:aws:iam::123456789012:role/App-Deploy", problem.Value);
        Assert.Contains("same IAM principal as infra:accessEntries[4]", problem.Message);
    }

    [Fact]
    public void Same_principal_listed_twice_is_rejected()
    {
        const string entry = """{"principalArn":"arn:aws:iam::123456789012:user/alice","access":"view"}""";

        var result = SettingsFixtures.Parse("green", ClusterConfig($"[{entry},{entry}]"));

        Assert.Contains("same IAM principal as infra:accessEntries[0]", result.SingleError("infra:accessEntries[1].principalArn").Message);
    }

    [Fact]
    public void Same_role_name_in_another_account_is_another_principal()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig("""
            [{"principalArn":"arn:aws:iam::123456789012:role/app-deploy","access":"edit"},
             {"principalArn":"arn:aws:iam::210987654321:role/app-deploy","access":"edit"}]
            """));

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Service_linked_role_is_rejected()
    {
        var problem = SettingsFixtures.Load(Invalid).SingleError("infra:accessEntries[6].principalArn");

        Assert.Contains("service-linked role", problem.Message);
    }

    [Fact]
    public void Cluster_admin_limited_to_namespaces_is_rejected_pointing_to_admin()
    {
        var problem = SettingsFixtures.Load(Invalid).SingleError("infra:accessEntries[3].namespaces");

        Assert.Equal("""["shop"]""", problem.Value);
        Assert.Contains("use access: admin", problem.Message);
    }

    [Fact]
    public void Empty_namespace_list_is_rejected_rather_than_read_as_the_whole_cluster()
    {
        var problem = SettingsFixtures.Load(Invalid).SingleError("infra:accessEntries[7].namespaces");

        Assert.Contains("leave it out for access to the whole cluster", problem.Message);
    }

    [Fact]
    public void Namespace_that_is_not_a_kubernetes_name_is_rejected()
    {
        var problem = SettingsFixtures.Load(Invalid).SingleError("infra:accessEntries[2].namespaces[0]");

        Assert.Equal("Shop", problem.Value);
        Assert.Contains("is not a Kubernetes namespace name", problem.Message);
    }

    [Fact]
    public void Access_entries_that_are_not_a_list_are_rejected()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig("""{"principalArn":"arn:aws:iam::123456789012:role/app-deploy","access":"edit"}"""));

        Assert.Contains("must be a list of access entries", result.SingleError("infra:accessEntries").Message);
    }

    [Fact]
    public void Misspelt_access_entry_field_is_a_warning_that_suggests_the_real_one()
    {
        var result = SettingsFixtures.Parse("green", ClusterConfig("""[{"principalArn":"arn:aws:iam::123456789012:role/app-deploy","acess":"edit"}]"""));

        Assert.Contains("did you mean access?", Assert.Single(result.Warnings, p => p.Key == "infra:accessEntries[0].acess").Message);
        Assert.Contains("is required", result.SingleError("infra:accessEntries[0].access").Message);
    }

    private static Dictionary<string, string> ClusterConfig(string accessEntries) => new()
    {
        ["infra:color"] = "green",
        ["infra:kubernetesVersion"] = "1.35",
        ["infra:vpcCidr"] = "10.41.0.0/16",
        ["infra:nodeGroups"] = """[{"name":"general","instanceTypes":["m6i.large"],"minSize":1,"desiredSize":1,"maxSize":3}]""",
        ["infra:accessEntries"] = accessEntries,
    };
}
