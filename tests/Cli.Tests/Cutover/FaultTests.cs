using System.Diagnostics;
using System.Text.Json;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Tests.Cutover;

/// <summary>The faults of issue 8, each against the stand-in pulumi and real HTTP servers, asserted on deployed weights.</summary>
public class FaultTests
{
    [Fact]
    public async Task A_rollback_during_a_bake_stops_the_cutover_before_its_next_step()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        var cutover = CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green, bake: "1500ms"));
        await WaitUntil(() => fake.DeployedWeights == new ObservedWeights(95, 5));

        var rollback = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile);
        var run = await cutover;

        Assert.Equal(0, rollback.ExitCode);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("stopped without applying", run.Output);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
        Assert.Equal(new ObservedWeights(100, 0), fake.ConfigWeights);
    }

    [Fact]
    public async Task A_second_cutover_is_refused_while_the_first_holds_the_lease_naming_the_holder()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        var first = CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green, bake: "1s"));
        await WaitUntil(() => fake.DeployedWeights.Green > 0);

        var second = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));
        var done = await first;

        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"[{ProblemCodes.LeaseHeld}]", second.Error);
        Assert.Contains("another run holds the traffic stack: cutover run", second.Error);
        Assert.Contains($"on {Environment.MachineName}", second.Error);
        Assert.Equal(0, done.ExitCode);
        Assert.Null(fake.Tag(StackLease.TagName));
    }

    [Fact]
    public async Task Rollback_applies_when_the_deployed_weights_differ_from_a_config_already_at_the_target()
    {
        using var fake = new FakePulumi();
        fake.SetConfig(new ObservedWeights(100, 0));
        fake.SetDeployed(new ObservedWeights(50, 50));

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
    }

    [Fact]
    public async Task A_cutover_resumed_where_route53_is_behind_the_config_re_applies_the_deployed_weights_before_baking()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        fake.SetConfig(new ObservedWeights(75, 25));
        fake.SetDeployed(new ObservedWeights(50, 50));

        var run = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal([new(50, 50), new ObservedWeights(0, 100)], fake.WeightsSet);
        Assert.Equal(new ObservedWeights(0, 100), fake.DeployedWeights);
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_run_elsewhere_does_not_block_once_expired()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        var since = DateTimeOffset.UtcNow.AddHours(-1);
        fake.SetTag(StackLease.TagName, new StackLease("crashed", "cutover", "ci-runner-9", 77, since, since.AddMinutes(20)).Format());

        var run = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(new ObservedWeights(0, 100), fake.DeployedWeights);
    }

    [Fact]
    public async Task A_rollback_waits_out_another_update_holding_the_stack_lock_then_lands()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        var lockDirectory = Path.Combine(fake.Root, "state", "lock");
        Directory.CreateDirectory(lockDirectory);
        var rollback = CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile);

        // The stand-in logs an `up` before it tries the lock: only once a second `up` is logged has the first surely
        // found the stack locked (the runner starts one update at a time), so the lock is released after a refusal.
        await WaitUntil(() => Ups(fake) >= 2);
        Directory.Delete(lockDirectory);

        var run = await rollback;

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("another update holds the traffic stack's lock", run.Output);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
    }

    [Fact]
    public async Task Rollback_repairs_weights_that_are_both_0()
    {
        using var fake = new FakePulumi(new ObservedWeights(0, 0));

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "green", "--stack-file", fake.StackFile);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(new ObservedWeights(0, 100), fake.DeployedWeights);
    }

    [Fact]
    public async Task Rollback_works_with_other_traffic_settings_invalid_and_warns_about_them()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        File.WriteAllText(fake.StackFile, File.ReadAllText(fake.StackFile).Replace("infra:ttl: \"60\"", "infra:ttl: \"forever\""));

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning:", run.Error);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
    }

    [Fact]
    public async Task A_hung_update_is_cancelled_at_the_apply_timeout_and_traffic_rolls_back()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        fake.SlowUpdates(TimeSpan.FromMinutes(10));
        var stopwatch = Stopwatch.StartNew();

        var run = await CutoverCli.RunAsync(fake, [.. CutoverCli.Cutover(fake, blue, green), "--apply-timeout", "1s"]);

        Assert.Equal(1, run.ExitCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"took {stopwatch.Elapsed}");
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
        Assert.Empty(fake.LiveUpdates);
        Assert.Contains("did not finish within 1s", run.Output);
    }

    [Fact]
    public async Task Green_failing_while_its_update_runs_cancels_the_update_and_rolls_back_at_once()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        var failing = false;
        green.Failing = () => failing;
        var cutover = CutoverCli.RunAsync(fake, [.. CutoverCli.Cutover(fake, blue, green), "--apply-timeout", "5m"]);
        await WaitUntil(() => fake.DeployedWeights.Green == 5);
        fake.SlowUpdates(TimeSpan.FromMinutes(10));
        await WaitUntil(() => fake.UpdateRunning && fake.ConfigWeights.Green == 25);
        fake.SlowUpdates(TimeSpan.Zero);
        failing = true;

        var run = await cutover;

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.True(new ObservedWeights(100, 0) == fake.DeployedWeights, run.Output + run.Error);
        Assert.Empty(fake.LiveUpdates);
    }

    [Fact]
    public async Task An_update_refused_because_the_stack_is_locked_is_reported_as_a_concurrent_update()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        Directory.CreateDirectory(Path.Combine(fake.Root, "state", "lock"));

        var run = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("another update is running on the traffic stack", run.Output);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
    }

    [Theory]
    [InlineData("SIGTERM", 143)]
    [InlineData("SIGINT", 130)]
    public async Task A_signal_cancels_the_running_update_leaves_no_child_and_records_the_deployed_weights(string signal, int exit)
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        fake.SlowUpdates(TimeSpan.FromMinutes(10));
        using var process = Start(fake, CutoverCli.Cutover(fake, blue, green));
        await WaitUntil(() => fake.UpdateRunning && fake.ConfigWeights.Green == 5);
        var upsBefore = Ups(fake);

        using (var kill = Process.Start("kill", ["-" + signal[3..], process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var signalled = Stopwatch.StartNew();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        // Well within the 30 s grace: the update was cancelled by the forwarded SIGINT, not killed when the grace ran out.
        Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(20), $"took {signalled.Elapsed}");
        Assert.Equal(exit, process.ExitCode);
        Assert.Empty(fake.LiveUpdates);
        Assert.Equal(upsBefore, Ups(fake));
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
        Assert.Contains("blue 100 / green 0", await File.ReadAllTextAsync(fake.PathTo("summary.md")));
        Assert.Contains("interrupted", await File.ReadAllTextAsync(fake.PathTo("summary.md")));
    }

    [Fact]
    public async Task When_both_colors_fail_traffic_returns_to_the_source_and_the_exit_code_says_so()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        green.Failing = () => fake.DeployedWeights.Green == 25;
        blue.Failing = () => fake.DeployedWeights.Green == 25;

        var run = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("BOTH COLORS FAIL THEIR GATES", run.Output);
        Assert.Contains("ROLLED BACK TO A FAILING SOURCE", await File.ReadAllTextAsync(fake.PathTo("summary.md")));
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
    }

    [Fact]
    public async Task Records_in_missing_directories_are_created_and_events_are_appended_run_after_run()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        var events = fake.PathTo("records/deep/events.jsonl");

        await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile, "--events", events);
        var second = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile, "--events", events);

        Assert.Equal(0, second.ExitCode);
        var headers = File.ReadAllLines(events).Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("event").GetProperty("type").GetString() == "run");
        Assert.Equal(2, headers.Count());
    }

    [Fact]
    public async Task A_records_path_that_cannot_be_written_is_a_warning_and_the_outcome_stands()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        File.WriteAllText(fake.PathTo("file"), "a file, not a directory");
        var args = CutoverCli.Cutover(fake, blue, green)
            .Select(a => a == fake.PathTo("events.jsonl") ? fake.PathTo("file/events.jsonl") : a == fake.PathTo("summary.md") ? fake.PathTo("file/summary.md") : a)
            .ToArray();

        var run = await CutoverCli.RunAsync(fake, args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: --events", run.Error);
        Assert.Contains("warning: --summary", run.Error);
        Assert.Equal(new ObservedWeights(0, 100), fake.DeployedWeights);
    }

    [Fact]
    public async Task Json_output_gives_outcome_config_and_deployed_weights_before_and_after_and_the_decisions()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile, "--output", "json");

        var report = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("rolledBack", report.GetProperty("outcome").GetString());
        Assert.Equal(50, report.GetProperty("before").GetProperty("deployed").GetProperty("green").GetInt32());
        Assert.Equal(100, report.GetProperty("after").GetProperty("deployed").GetProperty("blue").GetInt32());
        Assert.Equal(100, report.GetProperty("after").GetProperty("config").GetProperty("blue").GetInt32());
        Assert.NotEqual(0, report.GetProperty("decisions").GetArrayLength());
    }

    [Fact]
    public async Task Cutover_json_output_is_one_object_on_stdout_with_the_weights_before_and_after()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();

        var run = await CutoverCli.RunAsync(fake, [.. CutoverCli.Cutover(fake, blue, green), "--output", "json"]);

        var report = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("completed", report.GetProperty("outcome").GetString());
        Assert.Equal(100, report.GetProperty("before").GetProperty("deployed").GetProperty("blue").GetInt32());
        Assert.Equal(100, report.GetProperty("after").GetProperty("deployed").GetProperty("green").GetInt32());
        Assert.Equal(["apply", "apply", "apply", "apply", "completed"], report.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("decision").GetString()));
    }

    [Fact]
    public async Task Rollback_markdown_output_is_the_summary_a_pull_request_comment_shows()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile, "--output", "markdown");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("## ✅ Rollback to blue: rolled back", run.Output);
        Assert.Contains("| roll back | blue 100 / green 0 |", run.Output);
    }

    [Fact]
    public async Task Retire_judges_the_deployed_weights_and_answers_in_json()
    {
        using var fake = new FakePulumi(new ObservedWeights(0, 100));
        fake.SetDeployed(new ObservedWeights(0, 0));

        var run = await CutoverCli.RunAsync(fake, "retire", "blue", "--stack-file", fake.StackFile, "--output", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("refused", JsonDocument.Parse(run.Output).RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Probes_send_the_served_record_name_as_host_unless_overridden()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();

        await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));
        using var other = new FakePulumi();
        await CutoverCli.RunAsync(other, [.. CutoverCli.Cutover(other, blue, green), "--host-header", "canary.example.com"]);

        Assert.Contains("shop.platform.example.com", green.Hosts);
        Assert.Contains("canary.example.com", green.Hosts);
    }

    [Fact]
    public async Task Dry_run_says_there_is_nothing_to_move_when_the_target_already_holds_everything()
    {
        using var fake = new FakePulumi();

        var run = await CutoverCli.RunAsync(fake, "cutover", "--to", "blue", "--dry-run", "--stack-file", fake.StackFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("nothing to move", run.Output);
        Assert.DoesNotContain("smoke check", run.Output);
    }

    [Fact]
    public async Task Dry_run_refuses_a_probe_interval_the_real_run_could_not_use()
    {
        using var fake = new FakePulumi();

        var run = await CutoverCli.RunAsync(fake, "cutover", "--to", "green", "--dry-run", "--probe-interval", "0.5ms", "--stack-file", fake.StackFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--probe-interval", run.Error);
    }

    [Fact]
    public async Task An_unexpected_exception_exits_3_not_1()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await BlueGreenCli.RunAsync(["rollback", "--to", "blue", "--stack-file", "Pulumi.traffic.yaml"], output, error,
            cutover: new BlueGreen.Cli.Cutover.CutoverServices { Processes = new ThrowingRunner() });

        Assert.Equal(3, exit);
        Assert.Contains("internal error", error.ToString());
    }

    private sealed class ThrowingRunner : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellation) =>
            throw new InvalidOperationException("a bug");
    }

    [Fact]
    public async Task A_signal_right_after_the_lease_is_written_gives_the_lease_back()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        using var signal = new CancellationTokenSource();
        var services = fake.Services with { Processes = new SignalAfterLeaseWritten(fake.Services.Processes, signal) };
        var root = new System.CommandLine.RootCommand { CutoverCommand.Create(services) };

        var run = root.Parse(CutoverCli.Cutover(fake, blue, green)).InvokeAsync(
            new System.CommandLine.InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter(), EnableDefaultExceptionHandler = false },
            signal.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Contains(fake.Invocations, i => i.StartsWith("stack tag set", StringComparison.Ordinal));
        Assert.Null(fake.Tag(StackLease.TagName));
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
    }

    // The real stand-in pulumi, with a signal arriving the moment `stack tag set` has written the lease.
    private sealed class SignalAfterLeaseWritten(IProcessRunner processes, CancellationTokenSource signal) : IProcessRunner
    {
        public async Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellation)
        {
            var result = await processes.RunAsync(program, arguments, workingDirectory, cancellation);
            if (arguments is ["stack", "tag", "set", ..])
            {
                await signal.CancelAsync();
            }

            return result;
        }
    }

    private static int Ups(FakePulumi fake) => fake.Invocations.Count(i => i.StartsWith("up ", StringComparison.Ordinal));

    private static Process Start(FakePulumi fake, string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "bluegreen")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = fake.PathVariable;
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the condition never came true");
            await Task.Delay(10);
        }
    }
}
