using System.Text.Json;

namespace BlueGreen.Cli.Tests.State;

/// <summary>The stateful section of <c>bluegreen plan</c>: read from the same manifests as the API scan.</summary>
public sealed class PlanStateTests
{
    private static readonly string[] Stacks =
    [
        "--blue", CliRun.Fixture("Stacks/valid/Pulumi.blue.yaml"),
        "--green", CliRun.Fixture("Stacks/valid/Pulumi.green.yaml"),
        "--traffic", CliRun.Fixture("Stacks/valid/Pulumi.traffic.yaml"),
        "--date", "2026-11-21",
    ];

    [Fact]
    public async Task The_plan_lists_each_stateful_workload_with_its_strategy_storage_and_freeze()
    {
        var run = await CliRun.Of(["plan", .. Stacks, "--manifests", CliRun.Fixture("State/manifests/annotated"), "--output", "json"]);

        Assert.Equal(0, run.ExitCode);
        using var plan = JsonDocument.Parse(run.Output);
        var workloads = plan.RootElement.GetProperty("state").GetProperty("workloads").EnumerateArray().ToList();
        Assert.Equal(["orders-db snapshot ebs", "uploads-api external efs"], workloads.Select(w =>
            $"{w.GetProperty("name").GetString()} {w.GetProperty("strategy").GetString()} {w.GetProperty("claims")[0].GetProperty("backend").GetString()}"));
        Assert.Equal("final snapshot + restore + ready", workloads[0].GetProperty("freeze").GetString());
    }

    [Fact]
    public async Task A_stateful_workload_without_a_strategy_makes_the_plan_no_go()
    {
        var run = await CliRun.Of(["plan", .. Stacks, "--manifests", CliRun.Fixture("State/manifests"), "--output", "json"]);

        Assert.Equal(1, run.ExitCode);
        using var plan = JsonDocument.Parse(run.Output);
        Assert.Equal("no-go", plan.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(["StatefulSet/finance/ledger"], plan.RootElement.GetProperty("state").GetProperty("missingStrategy").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task The_markdown_plan_has_a_stateful_section()
    {
        var run = await CliRun.Of(["plan", .. Stacks, "--manifests", CliRun.Fixture("State/manifests"), "--output", "markdown"]);

        Assert.Contains("### Stateful workloads", run.Output, StringComparison.Ordinal);
        Assert.Contains("`StatefulSet/finance/ledger`", run.Output, StringComparison.Ordinal);
    }
}
