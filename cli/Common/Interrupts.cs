using System.Runtime.InteropServices;

namespace BlueGreen.Cli.Common;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (a cancelled CI job) turned into a cancellation the verbs act on: they stop starting
/// updates, cancel the running one like Ctrl+C, write their records, and the process exits 130 or 143 as shells expect.
/// The runtime's default (terminate at once) is suppressed, so no child is left running.
/// </summary>
internal sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    private Interrupts()
    {
    }

    public CancellationToken Token => _cancel.Token;

    public PosixSignal? Received { get; private set; }

    /// <summary>The signal's name as people know it, for the records.</summary>
    public string Describe() => Received == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";

    /// <summary>128 + the signal's number, what shells and CI report for a process stopped by it; null when none came.</summary>
    public int? ExitCode => Received switch
    {
        PosixSignal.SIGINT => ExitCodes.Interrupted,
        PosixSignal.SIGTERM => ExitCodes.Terminated,
        _ => null,
    };

    public static Interrupts Listen()
    {
        var interrupts = new Interrupts();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            interrupts._registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                interrupts.Receive(context.Signal);
            }));
        }

        return interrupts;
    }

    /// <summary>A signal arrived (the first one decides the exit code): every verb listening stops.</summary>
    internal void Receive(PosixSignal signal)
    {
        Received ??= signal;
        _cancel.Cancel();
    }

    /// <summary>For runs with no signal handling (tests in-process): a token that never fires.</summary>
    public static Interrupts None() => new();

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }
}
