using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Settings;

public class StackFileTests
{
    [Fact]
    public void Stack_name_comes_from_the_file_name()
    {
        Assert.Equal("green", StackFile.StackNameFrom("Pulumi.green.yaml"));
        Assert.Null(StackFile.StackNameFrom("green.yaml"));
    }

    [Fact]
    public void Structured_values_become_json_as_pulumi_passes_them_to_programs()
    {
        var config = StackFile.Read("Pulumi.traffic.yaml", """
            config:
              infra:weights:
                blue: 100
                green: "0"
              infra:ttl: 60
            """).Require();

        Assert.Equal("""{"blue":100,"green":"0"}""", config.Values["infra:weights"]);
        Assert.Equal("60", config.Values["infra:ttl"]);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_file_and_line()
    {
        var result = StackFile.Read("Pulumi.green.yaml", "config:\n  infra:color: green\n  infra:nodeGroups: [unclosed\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("Pulumi.green.yaml", problem.File);
        Assert.NotNull(problem.Line);
    }

    [Fact]
    public void File_not_named_like_a_stack_file_is_rejected()
    {
        var result = StackFile.Read("green.yaml", "config: {}");

        Assert.Contains("Pulumi.<stack>.yaml", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void Missing_file_is_reported_by_path()
    {
        var result = StackFile.Load("/nonexistent/Pulumi.green.yaml", SettingsFixtures.Context);

        Assert.Equal("/nonexistent/Pulumi.green.yaml", Assert.Single(result.Problems).File);
    }
}
