using System.Text.Json;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Tests.Cutover;
using BlueGreen.Cli.Validation;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;

namespace BlueGreen.Cli.Tests.Validation;

/// <summary>validate and plan give the in-place guard's verdict, and judge support as creation or operation, when they can read what a stack deployed.</summary>
public sealed class DeployedOutputsTests : IDisposable
{
    // What `pulumi stack output --json` prints for blue after a deployment at 1.32.
    private const string BlueAt132 = """
        {
          "color": "blue",
          "kubeconfig": "[secret]",
          "kubernetesVersion": "1.32",
          "nodeGroupVersions": {"batch": {"kubernetesVersion": "1.30"}, "general": {"kubernetesVersion": "1.32"}}
        }
        """;

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("bluegreen-deployed-");

    public void Dispose() => directory.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The valid blue fixture with its control plane moved to another minor.</summary>
    private string BlueAt(string version) => Write("Pulumi.blue.yaml",
        File.ReadAllText(CliRun.Fixture("Stacks/valid/Pulumi.blue.yaml")).Replace("infra:kubernetesVersion: \"1.32\"", $"infra:kubernetesVersion: \"{version}\"", StringComparison.Ordinal));

    private static IEnumerable<string> ErrorCodes(string json, string property)
    {
        using var document = JsonDocument.Parse(json);
        var problems = property == "files"
            ? document.RootElement.GetProperty("files").EnumerateArray().SelectMany(f => f.GetProperty("problems").EnumerateArray())
            : document.RootElement.GetProperty("problems").EnumerateArray();
        return [.. problems.Where(p => p.GetProperty("severity").GetString() == "error").Select(p => p.GetProperty("code").GetString()!)];
    }

    [Fact]
    public async Task Validate_refuses_a_stack_file_that_would_upgrade_the_running_control_plane_in_place()
    {
        var outputs = Write("blue.json", BlueAt132);

        var run = await CliRun.Of("validate", BlueAt("1.33"), "--deployed-outputs", $"blue={outputs}", "--date", "2026-11-21", "--output", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([ProblemCodes.InPlaceUpgrade], ErrorCodes(run.Output, "files"));
    }

    [Fact]
    public async Task Validate_without_deployed_outputs_cannot_see_the_in_place_upgrade()
    {
        var run = await CliRun.Of("validate", BlueAt("1.33"), "--date", "2026-11-21");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Plan_gives_the_same_verdict_as_validate()
    {
        var outputs = Write("blue.json", BlueAt132);

        var run = await CliRun.Of("plan", "--blue", BlueAt("1.33"), "--green", CliRun.Fixture("Stacks/valid/Pulumi.green.yaml"),
            "--deployed-outputs", $"blue={outputs}", "--date", "2026-11-21", "--output", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([ProblemCodes.InPlaceUpgrade], ErrorCodes(run.Output, "problems"));
    }

    [Fact]
    public async Task Deployed_outputs_that_are_not_json_are_a_problem_naming_the_file()
    {
        var outputs = Write("blue.json", "error: no stack named 'blue' found");

        var run = await CliRun.Of("validate", BlueAt("1.32"), "--deployed-outputs", $"blue={outputs}", "--date", "2026-11-21", "--output", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([ProblemCodes.DeployedInvalid], ErrorCodes(run.Output, "files"));
    }

    [Theory]
    [InlineData("blue")]
    [InlineData("purple=blue.json")]
    public async Task A_deployed_outputs_option_that_is_not_color_equals_file_is_a_usage_error(string value)
    {
        var run = await CliRun.Of("validate", BlueAt("1.32"), "--deployed-outputs", value);

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Validate_reads_the_deployed_outputs_from_pulumi_when_asked()
    {
        using var pulumi = new FakePulumi();
        pulumi.SetOutputs("blue", BlueAt132);
        var stack = Path.Combine(pulumi.Root, "Pulumi.blue.yaml");
        File.Copy(BlueAt("1.33"), stack);
        var output = new StringWriter();

        var exit = await ValidateCommand.RunAsync([stack], OutputFormat.Json, VersionCatalog.Embedded, new DateOnly(2026, 11, 21),
            new DeployedOutputs(new Dictionary<Color, string>(), fromPulumi: true, pulumi.Services.Processes), output, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal([ProblemCodes.InPlaceUpgrade], ErrorCodes(output.ToString(), "files"));
        Assert.Contains("stack output --json --stack blue", pulumi.Invocations);
    }

    [Fact]
    public async Task Plan_away_from_a_blue_past_extended_support_is_a_go_that_says_it_is_urgent()
    {
        // 1.32 left extended support on 2027-03-23; green's 1.35 is in standard support until 2027-03-27.
        var run = await CliRun.Of("plan", "--blue", CliRun.Fixture("Stacks/valid/Pulumi.blue.yaml"), "--green", CliRun.Fixture("Stacks/valid/Pulumi.green.yaml"),
            "--date", "2027-03-24", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        using var plan = JsonDocument.Parse(run.Output);
        Assert.Equal("go", plan.RootElement.GetProperty("verdict").GetString());
        Assert.StartsWith("URGENT", plan.RootElement.GetProperty("cautions")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(plan.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == ProblemCodes.SupportEndedInUse);
    }
}
