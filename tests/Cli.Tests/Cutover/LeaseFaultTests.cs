using System.Text.Json;
using BlueGreen.Core.Model;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Tests.Cutover;

/// <summary>
/// The lease tag failing to read or write, as it does when Pulumi Cloud answers one call with an error: rollback always
/// wins (it breaks any lease anyway), cutover and retire refuse.
/// </summary>
public class LeaseFaultTests
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

    private const string StackLeaseTag = BlueGreen.Core.Cutover.StackLease.TagName;
}
