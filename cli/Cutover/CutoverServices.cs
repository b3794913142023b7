using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;

namespace BlueGreen.Cli.Cutover;

/// <summary>The outside world the cutover verbs touch: processes (pulumi), time and signals. Tests give their own.</summary>
internal sealed record CutoverServices
{
    public required IProcessRunner Processes { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The signals the process listens to; null in-process, where nothing sends any.</summary>
    public Interrupts? Interrupts { get; init; }

    public static CutoverServices Default => new() { Processes = new ProcessRunner() };

    public string InterruptionName() => Interrupts?.Describe() ?? "a stop request";

    /// <summary>A fresh identity per run: the lease names it, and the guard knows its own lease by it.</summary>
    public RunIdentity NewRun(TrafficVerb verb, TimeSpan leaseLength) => new($"{Time.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}", verb, leaseLength);
}
