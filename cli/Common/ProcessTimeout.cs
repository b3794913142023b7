using BlueGreen.Core.Model;

namespace BlueGreen.Cli.Common;

/// <summary>
/// How long one call of an outside program may run, and the option that sets it: a hung kubectl or aws must not hang
/// a run for good, least of all the release that returns blue's writers, which no Ctrl+C interrupts.
/// </summary>
internal sealed record ProcessTimeout(TimeSpan Limit, string Option)
{
    /// <summary>
    /// Runs the program; null when it ran past <see cref="Limit"/>, after the runner has stopped it like Ctrl+C and killed
    /// every process it started. A stop of the whole run (<paramref name="cancellation"/>) still throws, as without a bound.
    /// </summary>
    public async Task<ProcessResult?> RunAsync(
        IProcessRunner processes, string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellation)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bound.CancelAfter(Limit);
        try
        {
            return await processes.RunAsync(program, arguments, workingDirectory, bound.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>What a call that ran past the limit is reported as.</summary>
    public Problem TimedOut(string command) => Problem.Error(ProblemCodes.CommandTimedOut, Option, Durations.Format(Limit),
        $"`{command}` did not finish within {Durations.Format(Limit)}: it was stopped like Ctrl+C, then killed with every process it started");
}
