using System.Runtime.InteropServices;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Cutover;

namespace BlueGreen.Cli.Tests.Cutover;

/// <summary>The exit code when a signal and an exception meet: the signal's own cancellation is the stop asked for, a bug stays a bug.</summary>
public class SignalExitTests
{
    [Fact]
    public async Task A_bug_after_a_signal_still_exits_3_with_its_message()
    {
        using var interrupts = Interrupts.None();
        var error = new StringWriter();

        var exit = await BlueGreenCli.RunAsync(["rollback", "--to", "blue", "--stack-file", "Pulumi.traffic.yaml"], new StringWriter(), error, interrupts,
            new CutoverServices { Processes = new SignalThen(interrupts, _ => throw new InvalidOperationException("a bug")) });

        Assert.Equal(3, exit);
        Assert.Contains("InvalidOperationException: a bug", error.ToString());
    }

    [Fact]
    public async Task The_cancellation_a_signal_causes_exits_with_the_signals_code()
    {
        using var interrupts = Interrupts.None();
        var error = new StringWriter();

        var exit = await BlueGreenCli.RunAsync(["rollback", "--to", "blue", "--stack-file", "Pulumi.traffic.yaml"], new StringWriter(), error, interrupts,
            new CutoverServices { Processes = new SignalThen(interrupts, cancellation => cancellation.ThrowIfCancellationRequested()) });

        Assert.Equal(143, exit);
        Assert.DoesNotContain("internal error", error.ToString());
    }

    // Every program run gets SIGTERM delivered first, then does what the test says with the run's cancellation.
    private sealed class SignalThen(Interrupts interrupts, Action<CancellationToken> then) : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellation)
        {
            interrupts.Receive(PosixSignal.SIGTERM);
            then(cancellation);
            return Task.FromResult(new ProcessResult(0, "", ""));
        }
    }
}
