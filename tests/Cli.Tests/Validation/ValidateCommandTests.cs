using System.Diagnostics;
using System.Text.Json;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Validation;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Settings;

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
    public async Task The_shared_stack_file_is_valid_and_said_to_be_the_shared_stack()
    {
        var run = await CliRun.Of("validate", CliRun.Fixture("Stacks/valid/Pulumi.shared.yaml"), "--date", "2026-11-21");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(shared): valid", run.Output);
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
    public async Task Json_problems_carry_their_code_and_the_column_of_the_value()
    {
        var run = await CliRun.Of("validate", CliRun.Fixture("Stacks/invalid/Pulumi.green.yaml"), "--date", "2026-11-21", "--output", "json");

        using var result = JsonDocument.Parse(run.Output);
        var cidr = result.RootElement.GetProperty("files")[0].GetProperty("problems").EnumerateArray()
            .Single(p => p.GetProperty("key").GetString() == "infra:vpcCidr");
        Assert.Equal("settings.bad-format", cidr.GetProperty("code").GetString());
        Assert.Equal(18, cidr.GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task Validate_resolves_a_valid_cluster_stack_as_the_pulumi_program_does()
    {
        var directory = Directory.CreateTempSubdirectory();
        var stack = Path.Combine(directory.FullName, "Pulumi.green.yaml");
        File.WriteAllText(stack, """
            config:
              infra:color: green
              infra:kubernetesVersion: "1.33"
              infra:vpcCidr: 10.41.0.0/16
              infra:nodeGroups:
                - {name: general, instanceTypes: [m6i.large], minSize: 1, desiredSize: 1, maxSize: 3}
            """);
        // A catalog whose 1.33 entry pins a cluster-autoscaler image of another minor: only resolution can see it.
        var catalog = VersionCatalog.Load(File.ReadAllText(CliRun.Fixture("Catalogs/autoscaler-minor-mismatch.yaml")));
        var output = new StringWriter();

        var exit = await ValidateCommand.RunAsync([stack], OutputFormat.Json, catalog, new DateOnly(2026, 5, 1), DeployedOutputs.Unknown, output, CancellationToken.None);

        Assert.Equal(1, exit);
        using var result = JsonDocument.Parse(output.ToString());
        Assert.Contains(result.RootElement.GetProperty("files")[0].GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("code").GetString() == "catalog.chart-image-minor");
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_fifo_named_as_a_stack_file_is_an_invalid_file_not_a_hang()
    {
        var directory = Directory.CreateTempSubdirectory();
        var path = Path.Combine(directory.FullName, "Pulumi.green.yaml");
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var run = await CliRun.Of("validate", path, "--output", "json");

        Assert.Equal(1, run.ExitCode);
        using var result = JsonDocument.Parse(run.Output);
        Assert.Equal("file.not-regular", result.RootElement.GetProperty("files")[0].GetProperty("problems")[0].GetProperty("code").GetString());
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Invalid_file_is_headed_by_its_path_without_a_role_it_could_not_be_given()
    {
        var path = CliRun.Fixture("Stacks/invalid/Pulumi.green.yaml");

        var run = await CliRun.Of("validate", path, "--date", "2026-11-21");

        Assert.Contains($"{path}: invalid", run.Output);
        Assert.DoesNotContain("unreadable", run.Output);
    }

    [Fact]
    public async Task Valid_file_is_headed_by_its_role()
    {
        var path = CliRun.Fixture("Stacks/valid/Pulumi.green.yaml");

        var run = await CliRun.Of("validate", path, "--date", "2026-11-21");

        Assert.Contains($"{path} (green cluster, Kubernetes 1.35): valid", run.Output);
    }

    [Fact]
    public async Task No_stack_file_to_validate_is_a_usage_error()
    {
        var empty = Directory.CreateTempSubdirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "bluegreen.dll"), "validate" },
            WorkingDirectory = empty.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("no stack files given", error);
        empty.Delete();
    }

    [Fact]
    public async Task Help_shows_the_date_in_the_form_it_is_typed()
    {
        var run = await CliRun.Of("validate", "--help");

        Assert.Contains("--date <yyyy-MM-dd>", run.Output);
        Assert.DoesNotContain("[default:", run.Output.Split('\n').Single(l => l.Contains("--date")));
    }

    [Fact]
    public async Task Missing_file_is_reported_and_exits_1()
    {
        var run = await CliRun.Of("validate", "/nonexistent/Pulumi.green.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no such stack file", run.Output);
    }
}
