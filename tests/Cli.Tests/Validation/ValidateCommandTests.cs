using System.Text.Json;

namespace BlueGreen.Cli.Tests.Validation;

public class ValidateCommandTests
{
    [Fact]
    public async Task Valid_stack_files_exit_0()
    {
        var run = await CliRun.Of("validate", CliRun.Fixture("Stacks/valid/Pulumi.blue.yaml"), CliRun.Fixture("Stacks/valid/Pulumi.green.yaml"),
            CliRun.Fixture("Stacks/valid/Pulumi.traffic.yaml"), "--date", "2026-11-21");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid", run.Output);
    }

    [Fact]
    public async Task Invalid_file_exits_1_naming_each_key_and_value()
    {
        var run = await CliRun.Of("validate", CliRun.Fixture("Stacks/invalid/Pulumi.green.yaml"), "--date", "2026-11-21");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("infra:nodeGroups[0].maxSize", run.Output);
        Assert.Contains("maxSize 2 is less than minSize 3", run.Output);
        Assert.Contains("10.41.0.0/33", run.Output);
    }

    [Fact]
    public async Task Json_output_lists_problems_per_file_with_their_line()
    {
        var run = await CliRun.Of("validate", CliRun.Fixture("Stacks/invalid/Pulumi.green.yaml"), "--date", "2026-11-21", "--output", "json");

        using var result = JsonDocument.Parse(run.Output);
        var file = Assert.Single(result.RootElement.GetProperty("files").EnumerateArray());
        Assert.False(file.GetProperty("valid").GetBoolean());
        var cidr = file.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "infra:vpcCidr");
        Assert.Equal(5, cidr.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Missing_file_is_reported_and_exits_1()
    {
        var run = await CliRun.Of("validate", "/nonexistent/Pulumi.green.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no such stack file", run.Output);
    }
}
