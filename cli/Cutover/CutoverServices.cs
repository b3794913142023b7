namespace BlueGreen.Cli.Cutover;

/// <summary>The outside world the cutover verbs touch: processes (pulumi) and time. Tests give their own.</summary>
internal sealed record CutoverServices
{
    public required IProcessRunner Processes { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CutoverServices Default => new() { Processes = new ProcessRunner() };
}
