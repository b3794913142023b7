using System.Text.Json.Nodes;

namespace BlueGreen.Cli.Tests.State;

/// <summary><c>bluegreen state migrate --dry-run</c> where no cluster can be reached: planned from manifests, or told how to.</summary>
public sealed class StateDryRunTests
{
    [Fact]
    public async Task A_dry_run_with_manifests_prints_the_steps_without_reaching_any_cluster()
    {
        var run = await CliRun.Of(["state", "migrate", "--to", "green", "--namespace", "orders", "--dry-run",
            "--manifests", CliRun.Fixture("State/manifests/annotated"), "--output", "json"]);

        Assert.Equal(0, run.ExitCode);
        var steps = JsonNode.Parse(run.Output)!["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>());
        Assert.Equal(["mark", "seed-backup", "freeze", "final-backup", "await-backup-on-target", "restore", "scale-on-target", "wait-ready", "switch"], steps);
    }

    [Fact]
    public async Task A_dry_run_that_cannot_reach_blue_names_the_options_that_would_let_it_plan()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"bluegreen-missing-{Guid.NewGuid():N}.kubeconfig");

        var run = await CliRun.Of(["state", "migrate", "--to", "green", "--namespace", "orders", "--dry-run",
            "--kubeconfig-blue", missing, "--kubeconfig-green", missing]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("--dry-run --manifests PATH", run.Error, StringComparison.Ordinal);
    }
}
