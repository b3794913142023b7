using System.Diagnostics;
using System.Text.Json;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Tests.Cutover;

public class CutoverCommandTests
{
    [Fact]
    public async Task Healthy_cutover_applies_every_step_in_order_and_ends_with_all_traffic_on_green()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();

        var run = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal([new(95, 5), new(75, 25), new(50, 50), new ObservedWeights(0, 100)], fake.WeightsSet);
        Assert.Equal(new ObservedWeights(0, 100), fake.DeployedWeights);
    }

    [Fact]
    public async Task Each_step_sets_both_weights_in_one_config_write_then_updates_the_traffic_stack()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();

        await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        var invocations = fake.Invocations.ToList();
        var set = invocations.IndexOf("config set-all --path --plaintext infra:weights.blue=95 --plaintext infra:weights.green=5 --stack traffic");
        Assert.Equal("up --yes --skip-preview --non-interactive --message bluegreen: blue 95 / green 5 --stack traffic", invocations[set + 1]);
        Assert.Equal(4, invocations.Count(i => i.StartsWith("up ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Green_failing_during_step_2_rolls_back_to_all_on_blue_on_the_first_failed_probe()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        green.Failing = () => fake.DeployedWeights.Green == 25;

        var run = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([new(95, 5), new ObservedWeights(75, 25)], fake.WeightsSet.Take(2));
        Assert.Equal(new ObservedWeights(100, 0), fake.WeightsSet[^1]);
        Assert.DoesNotContain(new ObservedWeights(50, 50), fake.WeightsSet);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);

        // Within one probe interval, counted in events: the green probe that first shows the failure is the event the
        // rollback is decided on. Green starts failing as soon as Route53 would serve step 2, which can be before
        // `pulumi up` has returned (that update is then cancelled and the config put back before the rollback's own
        // write), so the failure is looked for from the moment step 2 was asked for.
        var events = Events(fake);
        var stepTwo = events.FindIndex(e => Type(e, "action") == "apply" && e.GetProperty("action").GetProperty("weights").GetProperty("green").GetInt32() == 25);
        var rollback = events.FindIndex(e => Type(e, "action") == "rollBack");
        var firstFailure = events.FindIndex(stepTwo, e => IsGreenProbe(e) && e.GetProperty("event").GetProperty("status").GetInt32() == 503);
        Assert.Equal(firstFailure, rollback);
    }

    [Fact]
    public async Task Green_failing_its_smoke_check_never_receives_weight()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        green.Failing = () => true;

        var run = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not started: green failed its smoke check at weight 0", run.Output);
        Assert.Empty(fake.WeightsSet);
        Assert.DoesNotContain(fake.Invocations, i => i.StartsWith("up ", StringComparison.Ordinal));
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
    }

    [Fact]
    public async Task A_killed_run_run_again_resumes_from_the_traffic_stack_weights()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "bluegreen"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in CutoverCli.Cutover(fake, blue, green, bake: "2s"))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = fake.PathVariable;
        using (var first = Process.Start(start)!)
        {
            while (fake.DeployedWeights.Green < 25 && !first.HasExited)
            {
                await Task.Delay(20);
            }

            if (first.HasExited)
            {
                Assert.Fail($"the first run ended before it could be killed: {await first.StandardOutput.ReadToEndAsync()}{await first.StandardError.ReadToEndAsync()}");
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var before = fake.WeightsSet.Count;

        var second = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Equal([new(95, 5), new ObservedWeights(75, 25)], fake.WeightsSet.Take(before));
        Assert.Equal([new(75, 25), new(50, 50), new ObservedWeights(0, 100)], fake.WeightsSet.Skip(before));
        Assert.Equal(new ObservedWeights(0, 100), fake.DeployedWeights);
    }

    [Fact]
    public async Task A_failing_update_is_retried_then_the_run_aborts_keeping_the_last_applied_weights()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        fake.FailUpdates(100);

        var run = await CutoverCli.RunAsync(fake, [.. CutoverCli.Cutover(fake, blue, green), "--apply-retries", "2"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, fake.Invocations.Count(line => line.StartsWith("up ", StringComparison.Ordinal)));
        Assert.Contains("aborted: applying blue 95 / green 5 failed 3 times", run.Output);
        Assert.Contains("the traffic stack keeps the last applied weights, blue 100 / green 0", run.Output);
        Assert.Equal(new ObservedWeights(100, 0), fake.ConfigWeights);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
    }

    [Fact]
    public async Task Dry_run_prints_the_schedule_and_gates_and_runs_no_process()
    {
        using var fake = new FakePulumi();

        var run = await CutoverCli.RunAsync(fake, "cutover", "--to", "green", "--dry-run", "--stack-file", fake.StackFile, "--steps", "10,50,100");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("blue 90 / green 10", run.Output);
        Assert.Contains("blue 50 / green 50", run.Output);
        Assert.Contains("blue 0 / green 100", run.Output);
        Assert.Contains("gates on green: status 200; success ≥ 95% of the last 10 probes", run.Output);
        Assert.Contains("green endpoint: ingressHostname output of acme/infra/green", run.Output);
        Assert.Empty(fake.Invocations);
    }

    [Theory]
    [InlineData("", "the schedule is empty")]
    [InlineData("5,50,25,100", "step 3 (25) is not above step 2 (50)")]
    [InlineData("5,25,300", "step 3 is 300, above 255")]
    [InlineData("5,25,50", "must end with all traffic on green (green 100, blue 0)")]
    public async Task Bad_schedules_are_rejected_with_a_clear_error_and_nothing_is_applied(string steps, string message)
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();

        var run = await CutoverCli.RunAsync(fake, [.. CutoverCli.Cutover(fake, blue, green), "--steps", steps]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: --steps = {steps}: ", run.Error);
        Assert.Contains(message, run.Error);
        Assert.Empty(fake.WeightsSet);
    }

    [Fact]
    public async Task Every_bad_option_is_reported_at_once()
    {
        using var fake = new FakePulumi();

        var run = await CutoverCli.RunAsync(fake, "cutover", "--to", "purple", "--bake", "soon", "--endpoint", "green=ftp://x", "--stack-file", fake.StackFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --to = purple: must be blue or green [option.color]", run.Error);
        Assert.Contains("error: --bake = soon: is not a duration; write it as 500ms, 30s, 2m or 1m30s [option.duration]", run.Error);
        Assert.Contains("error: --endpoint = green=ftp://x: 'ftp://x' is not an http(s) URL [option.endpoint]", run.Error);
        Assert.Empty(fake.Invocations);
    }

    [Fact]
    public async Task A_target_with_no_ingress_output_and_no_endpoint_given_is_not_cut_over()
    {
        using var fake = new FakePulumi();

        var run = await CutoverCli.RunAsync(fake, "cutover", "--to", "green", "--stack-file", fake.StackFile, "--summary", fake.PathTo("s.md"), "--timeline", fake.PathTo("t.svg"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("acme/infra/green: the stack has no ingressHostname output to probe green at", run.Error);
        Assert.Contains("stack output --json --stack acme/infra/green", fake.Invocations);
        Assert.Empty(fake.WeightsSet);
    }

    [Fact]
    public async Task A_run_writes_a_markdown_summary_and_an_svg_timeline_of_both_weights_and_success_ratios()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        green.Failing = () => fake.DeployedWeights.Green == 25;

        await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        var summary = await File.ReadAllTextAsync(fake.PathTo("summary.md"));
        Assert.Contains("## ❌ Cutover to green: rolled back", summary);
        Assert.Contains("| roll back | blue 100 / green 0 |", summary);
        var svg = System.Xml.Linq.XDocument.Load(fake.PathTo("timeline.svg"));
        Assert.Equal(4, svg.Descendants("{http://www.w3.org/2000/svg}polyline").Count());
        Assert.Contains(svg.Descendants("{http://www.w3.org/2000/svg}text"), t => t.Value == "rollback");
    }

    [Fact]
    public async Task The_events_file_has_one_json_line_per_decision()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();

        await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        var header = JsonDocument.Parse(File.ReadLines(fake.PathTo("events.jsonl")).First()).RootElement;
        Assert.Equal("run", Type(header, "event"));
        Assert.True(header.TryGetProperty("runId", out _));
        var events = Events(fake);
        Assert.Equal("start", Type(events[0], "event"));
        Assert.Equal(["apply", "apply", "apply", "apply", "done"], events.Select(e => Type(e, "action")).Where(a => a != "wait"));
        Assert.All(events, e => Assert.True(e.TryGetProperty("gates", out _)));
    }

    // The decisions, without the header line each run starts with.
    private static List<JsonElement> Events(FakePulumi fake) =>
        [.. File.ReadAllLines(fake.PathTo("events.jsonl")).Select(line => JsonDocument.Parse(line).RootElement).Where(e => Type(e, "event") != "run")];

    private static string? Type(JsonElement line, string property) => line.GetProperty(property).GetProperty("type").GetString();

    private static bool IsGreenProbe(JsonElement line) =>
        Type(line, "event") == "probe" && line.GetProperty("event").GetProperty("color").GetString() == "green";
}
