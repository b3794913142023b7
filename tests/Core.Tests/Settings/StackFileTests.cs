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

    [Theory]
    [InlineData("config:\n  infra:color: green\n  ? [infra:color]\n  : blue\n", 3)]
    [InlineData("config:\n  infra:nodeGroups:\n    - name: general\n      ? {min: 1}\n      : 3\n", 4)]
    public void A_key_made_of_a_list_or_map_is_reported_with_its_line(string yaml, int line)
    {
        var result = StackFile.Read("Pulumi.green.yaml", yaml);

        var problem = Assert.Single(result.Problems);
        Assert.Contains("a key must be plain text", problem.Message);
        Assert.Equal(line, problem.Line);
    }

    [Fact]
    public void File_not_named_like_a_stack_file_is_rejected()
    {
        var result = StackFile.Read("green.yaml", "config: {}");

        Assert.Contains("Pulumi.<stack>.yaml", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void File_that_exists_but_cannot_be_read_is_reported_by_path()
    {
        // Reading /proc/self/mem from its start fails with an I/O error, whoever runs the test (root reads any mode bits).
        var directory = Directory.CreateTempSubdirectory();
        var path = Path.Combine(directory.FullName, "Pulumi.green.yaml");
        File.CreateSymbolicLink(path, "/proc/self/mem");

        var result = StackFile.Load(path);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.File);
        Assert.StartsWith("cannot be read", problem.Message);
        directory.Delete(recursive: true);
    }

    [Fact]
    public void Missing_file_is_reported_by_path()
    {
        var result = StackFile.Load("/nonexistent/Pulumi.green.yaml");

        Assert.Equal("/nonexistent/Pulumi.green.yaml", Assert.Single(result.Problems).File);
    }
}
