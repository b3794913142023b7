using System.Text.Json;
using BlueGreen.Core.Model;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Tests.Cutover;

/// <summary>
/// One pulumi call on the traffic stack failing, as when Pulumi Cloud answers it with an error. Rollback always wins: it
/// breaks any lease anyway, and goes on with whichever of the config and the deployed weights it could read; cutover
/// and retire refuse.
/// </summary>
public class StackCallFaultTests
{
    // What pulumi prints (then exits 255) when Pulumi Cloud answers a call with a 503.
    private const string ServiceUnavailable = "error: [503] Service Unavailable";

    [Fact]
    public async Task Rollback_lands_when_the_lease_tag_cannot_be_read_and_warns_with_its_code()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        fake.FailTagReads(ServiceUnavailable);

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
        Assert.Equal(new ObservedWeights(100, 0), fake.ConfigWeights);
        Assert.Contains($"warning: {StackLeaseTag}", run.Error);
        Assert.Contains($"[{ProblemCodes.LeaseUnreadable}]", run.Error);
    }

    [Fact]
    public async Task Rollback_records_an_unreadable_lease_in_its_json_report_and_its_events_file()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        fake.FailTagReads(ServiceUnavailable);
        var events = fake.PathTo("events.jsonl");

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile, "--output", "json", "--events", events);

        var report = JsonDocument.Parse(run.Output).RootElement;
        var header = JsonDocument.Parse(File.ReadLines(events).First()).RootElement;
        Assert.Equal("rolledBack", report.GetProperty("outcome").GetString());
        Assert.Equal(100, report.GetProperty("after").GetProperty("deployed").GetProperty("blue").GetInt32());
        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == ProblemCodes.LeaseUnreadable);
        Assert.Contains(header.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == ProblemCodes.LeaseUnreadable);
    }

    [Fact]
    public async Task Rollback_lands_when_the_lease_tag_cannot_be_written_and_warns_with_its_code()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        fake.FailTagWrites(ServiceUnavailable);

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
        Assert.Contains($"[{ProblemCodes.LeaseNotWritten}]", run.Error);
    }

    [Fact]
    public async Task Rollback_that_cannot_renew_its_lease_lands_and_reports_it_in_its_json_report()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        fake.FailTagWrites(ServiceUnavailable, succeeding: 1);

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile, "--output", "json");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
        Assert.Contains($"[{ProblemCodes.LeaseNotWritten}]", run.Error);
        var warnings = JsonDocument.Parse(run.Output).RootElement.GetProperty("warnings").EnumerateArray();
        Assert.Contains(warnings, w => w.GetProperty("code").GetString() == ProblemCodes.LeaseNotWritten);
    }

    [Fact]
    public async Task Cutover_refuses_when_the_lease_tag_cannot_be_read_and_moves_nothing()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        fake.FailTagReads(ServiceUnavailable);

        var run = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {StackLeaseTag}", run.Error);
        Assert.Contains($"[{ProblemCodes.LeaseUnreadable}]", run.Error);
        Assert.Empty(fake.WeightsSet);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
    }

    [Fact]
    public async Task Cutover_refuses_when_the_lease_tag_cannot_be_written_and_moves_nothing()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        fake.FailTagWrites(ServiceUnavailable);

        var run = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"[{ProblemCodes.LeaseNotWritten}]", run.Error);
        Assert.Empty(fake.WeightsSet);
    }

    [Fact]
    public async Task Retire_refuses_when_the_lease_tag_cannot_be_read()
    {
        using var fake = new FakePulumi(new ObservedWeights(0, 100));
        fake.FailTagReads(ServiceUnavailable);

        var run = await CutoverCli.RunAsync(fake, "retire", "blue", "--stack-file", fake.StackFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"[{ProblemCodes.LeaseUnreadable}]", run.Error);
    }

    [Fact]
    public async Task Rollback_lands_when_the_config_cannot_be_read_and_warns_with_its_code()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        fake.FailConfigReads(ServiceUnavailable);

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
        Assert.Equal(new ObservedWeights(100, 0), fake.ConfigWeights);
        Assert.Contains($"[{ProblemCodes.StackUnreadable}]", run.Error);
    }

    [Fact]
    public async Task Rollback_lands_when_the_deployed_weights_cannot_be_read()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        fake.FailOutputReads(ServiceUnavailable);

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(new ObservedWeights(100, 0), fake.DeployedWeights);
        Assert.Contains($"[{ProblemCodes.StackUnreadable}]", run.Error);
    }

    [Fact]
    public async Task Rollback_that_can_read_no_weights_at_all_refuses_and_changes_nothing()
    {
        using var fake = new FakePulumi(new ObservedWeights(50, 50));
        fake.FailConfigReads(ServiceUnavailable);
        fake.FailOutputReads(ServiceUnavailable);

        var run = await CutoverCli.RunAsync(fake, "rollback", "--to", "blue", "--stack-file", fake.StackFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"[{ProblemCodes.StackUnreadable}]", run.Error);
        Assert.Empty(fake.WeightsSet);
    }

    [Fact]
    public async Task Cutover_refuses_when_the_config_cannot_be_read_and_moves_nothing()
    {
        using var fake = new FakePulumi();
        await using var blue = await ColorServer.StartAsync();
        await using var green = await ColorServer.StartAsync();
        fake.FailConfigReads(ServiceUnavailable);

        var run = await CutoverCli.RunAsync(fake, CutoverCli.Cutover(fake, blue, green));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"[{ProblemCodes.StackUnreadable}]", run.Error);
        Assert.Empty(fake.WeightsSet);
    }

    private const string StackLeaseTag = BlueGreen.Core.Cutover.StackLease.TagName;
}
