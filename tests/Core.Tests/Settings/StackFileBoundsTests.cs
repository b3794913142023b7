using System.Diagnostics;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Settings;

/// <summary>Whatever a stack file holds, reading it gives problems with file and line, never an exception, and stays bounded.</summary>
public sealed class StackFileBoundsTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory();

    public void Dispose() => directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(directory.FullName, name);

    private Validated<StackSettings> Load(string yaml)
    {
        var path = PathOf("Pulumi.green.yaml");
        File.WriteAllText(path, yaml);
        return StackFile.Load(path, SettingsFixtures.Context);
    }

    [Fact]
    public void An_unclosed_bracket_is_a_yaml_problem_with_its_line()
    {
        var problem = Assert.Single(Load("config:\n  infra:color: green\n  infra:nodeGroups: [unclosed\n  infra:vpcCidr: 10.0.0.0/16\n").Problems);

        Assert.Equal(ProblemCodes.YamlSyntax, problem.Code);
        Assert.NotNull(problem.Line);
    }

    [Fact]
    public void A_number_too_large_for_json_is_rejected_by_its_key()
    {
        var result = Load("""
            config:
              infra:color: green
              infra:kubernetesVersion: "1.35"
              infra:vpcCidr: 10.41.0.0/16
              infra:nodeGroups:
                - name: general
                  instanceTypes: [m6i.large]
                  minSize: 1
                  desiredSize: 1e400
                  maxSize: 3
            """);

        var problem = result.SingleError("infra:nodeGroups[0].desiredSize");
        Assert.Equal((ProblemCodes.WrongType, 9), (problem.Code, problem.Line));
    }

    [Fact]
    public void Nesting_thousands_deep_is_rejected_before_it_is_read()
    {
        var problem = Assert.Single(Load("config:\n  infra:nodeGroups: " + new string('[', 5000) + new string(']', 5000) + "\n").Problems);

        Assert.Equal(ProblemCodes.YamlTooDeep, problem.Code);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public void An_alias_bomb_is_rejected_quickly()
    {
        var yaml = "config:\n  infra:color: green\n  infra:addons:\n    a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat(Enumerable.Range(1, 12).Select(i => $"    a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n"));
        var clock = Stopwatch.StartNew();

        var problem = Assert.Single(Load(yaml).Problems);

        Assert.Equal(ProblemCodes.YamlTooLarge, problem.Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("config:\n  infra:color: green\n  infra:nodeGroups: &a [ *a ]\n")]
    [InlineData("config:\n  infra:color: green\n  infra:nodeGroups: &a\n    x: *a\n")]
    [InlineData("config:\n  infra:color: green\n  infra:nodeGroups: &a\n    <<: *a\n    x: 1\n")]
    public void An_alias_inside_its_own_anchor_is_rejected_at_its_line(string yaml)
    {
        var problem = Assert.Single(Load(yaml).Problems);

        Assert.Equal(ProblemCodes.YamlAliasCycle, problem.Code);
        Assert.InRange(problem.Line ?? 0, 3, 4);
    }

    [Fact]
    public void More_than_one_yaml_document_is_rejected_at_the_second_one()
    {
        var problem = Assert.Single(Load("config:\n  infra:color: green\n---\nconfig:\n  infra:color: blue\n").Problems);

        Assert.Equal((ProblemCodes.YamlMultipleDocuments, 3), (problem.Code, problem.Line));
    }

    [Fact]
    public async Task A_fifo_named_as_a_stack_file_is_rejected_without_opening_it()
    {
        var path = PathOf("Pulumi.green.yaml");
        using var mkfifo = Process.Start("mkfifo", [path]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);

        var result = StackFile.Load(path, SettingsFixtures.Context);

        Assert.Equal(ProblemCodes.FileNotRegular, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_device_named_as_a_stack_file_is_rejected()
    {
        var path = PathOf("Pulumi.green.yaml");
        File.CreateSymbolicLink(path, "/dev/zero");

        var result = StackFile.Load(path, SettingsFixtures.Context);

        Assert.Equal(ProblemCodes.FileNotRegular, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_rejected_unread()
    {
        var path = PathOf("Pulumi.green.yaml");
        File.WriteAllText(path, "config:\n  infra:color: green\n" + new string('#', StackFile.MaxBytes));

        var result = StackFile.Load(path, SettingsFixtures.Context);

        Assert.Equal(ProblemCodes.FileTooLarge, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Deep_nesting_and_huge_numbers_from_pulumis_config_map_are_problems_too()
    {
        var result = SettingsFixtures.Parse("green", new Dictionary<string, string>
        {
            ["infra:color"] = "green",
            ["infra:kubernetesVersion"] = "1.35",
            ["infra:vpcCidr"] = "10.41.0.0/16",
            ["infra:nodeGroups"] = """[{"name":"general","instanceTypes":["m6i.large"],"minSize":1,"desiredSize":1e400,"maxSize":3}]""",
            ["infra:accessEntries"] = new string('[', 5000) + new string(']', 5000),
        });

        Assert.Equal(
            [(ProblemCodes.WrongType, "infra:nodeGroups[0].desiredSize"), (ProblemCodes.NotStructured, "infra:accessEntries")],
            result.Errors.Select(p => (p.Code, p.Key)));
    }

    [Fact]
    public void Merge_keys_are_expanded_as_pulumi_expands_them()
    {
        var result = Load("""
            config:
              infra:color: green
              infra:kubernetesVersion: "1.35"
              infra:vpcCidr: 10.41.0.0/16
              infra:nodeGroups:
                - &defaults
                  name: general
                  instanceTypes: [m6i.large]
                  minSize: 1
                  desiredSize: 1
                  maxSize: 3
                - <<: *defaults
                  name: batch
            """);

        var green = Assert.IsType<ClusterStackSettings>(result.Require());
        Assert.Empty(result.Warnings);
        Assert.Equal(["general", "batch"], green.NodeGroups.Select(g => g.Name));
        Assert.Equal(3, green.NodeGroups[1].MaxSize);
    }
}
