using System.Text.Json;

namespace BlueGreen.Cli.Tests.Planning;

public class PlanCommandTests
{
    private static readonly string[] Stacks =
    [
        "--blue", CliRun.Fixture("Stacks/valid/Pulumi.blue.yaml"),
        "--green", CliRun.Fixture("Stacks/valid/Pulumi.green.yaml"),
        "--traffic", CliRun.Fixture("Stacks/valid/Pulumi.traffic.yaml"),
        "--date", "2026-11-21",
    ];

    [Fact]
    public async Task Plan_on_ready_manifests_is_a_go_and_exits_0()
    {
        var run = await CliRun.Of(["plan", .. Stacks, "--manifests", CliRun.Fixture("Manifests/ready")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("GO", run.Output);
        Assert.Contains("blue 1.32 → green 1.35", run.Output);
    }

    [Fact]
    public async Task Plan_with_a_removed_api_is_a_no_go_and_exits_1()
    {
        var run = await CliRun.Of(["plan", .. Stacks, "--manifests", CliRun.Fixture("Manifests/legacy"), "--output", "json"]);

        Assert.Equal(1, run.ExitCode);
        using var plan = JsonDocument.Parse(run.Output);
        Assert.Equal("no-go", plan.RootElement.GetProperty("verdict").GetString());
        var finding = Assert.Single(plan.RootElement.GetProperty("manifests").GetProperty("findings").EnumerateArray());
        Assert.Equal("batch/v1beta1", finding.GetProperty("apiVersion").GetString());
        Assert.Equal("1.25", finding.GetProperty("removedIn").GetString());
    }

    [Fact]
    public async Task Plan_json_findings_have_the_fields_of_scan_json_findings()
    {
        var plan = await CliRun.Of(["plan", .. Stacks, "--manifests", CliRun.Fixture("Manifests/legacy"), "--output", "json"]);
        var scan = await CliRun.Of("scan", CliRun.Fixture("Manifests/legacy"), "--target-version", "1.35", "--from-version", "1.32", "--output", "json");

        using var planJson = JsonDocument.Parse(plan.Output);
        using var scanJson = JsonDocument.Parse(scan.Output);
        var fromPlan = Assert.Single(planJson.RootElement.GetProperty("manifests").GetProperty("findings").EnumerateArray());
        var fromScan = Assert.Single(scanJson.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(
            fromScan.EnumerateObject().Select(p => (p.Name, p.Value.ToString())),
            fromPlan.EnumerateObject().Select(p => (p.Name, p.Value.ToString())));
    }

    [Fact]
    public async Task Plan_lists_exactly_the_add_ons_the_stacks_declare()
    {
        var run = await CliRun.Of(["plan", .. Stacks, "--output", "json"]);

        using var plan = JsonDocument.Parse(run.Output);
        var names = plan.RootElement.GetProperty("addons").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("external-dns", names);
        Assert.Contains("aws-load-balancer-controller", names);
    }

    [Fact]
    public async Task Plan_as_markdown_is_a_pull_request_comment()
    {
        var run = await CliRun.Of(["plan", .. Stacks, "--output", "markdown"]);

        Assert.StartsWith("## Upgrade plan: ✅ go", run.Output);
        Assert.Contains("| kube-proxy | EKS managed add-on |", run.Output);
    }

    [Fact]
    public async Task Plan_json_reports_support_skipped_minors_and_weights()
    {
        var run = await CliRun.Of(["plan", .. Stacks, "--output", "json"]);

        using var plan = JsonDocument.Parse(run.Output);
        var root = plan.RootElement;
        Assert.Equal(["1.33", "1.34"], root.GetProperty("upgrade").GetProperty("skipped").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("extended", root.GetProperty("support")[0].GetProperty("phase").GetString());
        Assert.Equal(100, root.GetProperty("traffic").GetProperty("blue").GetInt32());
    }

    [Fact]
    public async Task Plan_with_invalid_settings_lists_every_problem_and_exits_1()
    {
        var run = await CliRun.Of(["plan", "--blue", CliRun.Fixture("Stacks/valid/Pulumi.blue.yaml"), "--green", CliRun.Fixture("Stacks/invalid/Pulumi.green.yaml"),
            "--traffic", CliRun.Fixture("Stacks/valid/Pulumi.traffic.yaml"), "--date", "2026-11-21", "--output", "json"]);

        Assert.Equal(1, run.ExitCode);
        using var result = JsonDocument.Parse(run.Output);
        var keys = result.RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => p.GetProperty("key").GetString());
        Assert.Equal(["infra:kubernetesVersion", "infra:nodeGroups[0].maxSize", "infra:nodeGroups[1].instanceTypes[0]", "infra:vpcCidr"], keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Traffic_file_given_as_green_is_rejected()
    {
        var run = await CliRun.Of(["plan", "--blue", CliRun.Fixture("Stacks/valid/Pulumi.blue.yaml"), "--green", CliRun.Fixture("Stacks/valid/Pulumi.traffic.yaml"),
            "--date", "2026-11-21", "--output", "json"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not a cluster stack file", run.Output);
    }

    [Theory]
    [InlineData("--output", "yaml")]
    [InlineData("--date", "tomorrow")]
    [InlineData("--no-such-option", "x")]
    public async Task Bad_command_line_is_a_usage_error_with_exit_2(string option, string value)
    {
        var run = await CliRun.Of(["plan", .. Stacks, option, value]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error:", run.Error);
    }

    [Fact]
    public async Task Help_documents_the_exit_codes()
    {
        var run = await CliRun.Of("plan", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exit codes: 0 nothing blocks; 1 something blocks", run.Output);
    }
}
