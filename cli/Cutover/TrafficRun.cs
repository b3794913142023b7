using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using Spectre.Console;

namespace BlueGreen.Cli.Cutover;

/// <summary>The stack as a run starts from it, with the warnings met taking it (printed already; the records keep them).</summary>
internal sealed record TakenStack(StackView View, IReadOnlyList<Problem> Warnings);

/// <summary>What cutover and rollback share around the engine: the lease on the stack, the records, the report.</summary>
internal static class TrafficRun
{
    /// <summary>
    /// Reads the stack and takes its lease. A cutover refuses a live lease of another run, naming it; a rollback breaks it
    /// (the cutover holding it notices before its next update). Returns what the run starts from, or null when refused.
    /// </summary>
    public static async Task<TakenStack?> TakeLeaseAsync(ITrafficStack stack, RunIdentity run, TimeProvider time, TextWriter error, CancellationToken cancellation)
    {
        // The verb that never yields to another run's change breaks its lease too: a rollback always wins.
        var breakOthers = !run.Verb.YieldsToChanges();
        var warnings = new List<Problem>();
        var read = await stack.ReadAsync(cancellation);
        Report(read.Problems, warnings, error);
        if (!read.IsValid)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (StackLease.Refusal(run.Verb, read.Require().Lease, run.RunId, now, HolderGone) is { } refusal)
        {
            Report([refusal], warnings, error);
            if (refusal.IsError)
            {
                return null;
            }
        }

        var lease = run.Lease(now, now);
        if (await stack.SetLeaseAsync(lease, cancellation) is { } failed)
        {
            if (failed != TrafficStacks.LeasesUnsupported)
            {
                // A rollback keeps the lease it found as the one to replace: it tries again before each update.
                var notWritten = StackLease.NotWritten(run.Verb, failed);
                Report([notWritten], warnings, error);
                return notWritten.IsError ? null : new TakenStack(read.Require(), warnings);
            }

            Report([StackLease.Unsupported(failed)], warnings, error);
            return new TakenStack(read.Require() with { Lease = null }, warnings);
        }

        // Two runs may write the tag at the same moment: the one whose lease reads back holds the stack. From here the
        // tag may be this run's: a signal or an unreadable stack now must give it back, or every cutover is refused
        // until it expires.
        Validated<StackView> taken;
        try
        {
            taken = await stack.ReadAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            await ReleaseAsync(stack, run, error);
            throw;
        }

        // The same reads again: only what the first did not already say is news.
        Report(taken.Problems.Where(p => !warnings.Any(w => w.Code == p.Code && w.Key == p.Key)), warnings, error);
        if (!taken.IsValid)
        {
            await ReleaseAsync(stack, run, error);
            return null;
        }

        if (StackLease.Parse(taken.Require().Lease)?.RunId != run.RunId && !breakOthers)
        {
            Report([StackLease.Refusal(run.Verb, taken.Require().Lease, run.RunId, now) ?? StackLease.LostRace()], warnings, error);
            return null;
        }

        return new TakenStack(taken.Require(), warnings);
    }

    private static void Report(IEnumerable<Problem> problems, List<Problem> warnings, TextWriter error)
    {
        var reported = problems.ToList();
        TrafficStackFile.Write(error, reported);
        warnings.AddRange(reported.Where(p => !p.IsError));
    }

    // Only a holder on this machine can be checked; one elsewhere holds until its lease expires.
    private static bool HolderGone(StackLease lease)
    {
        if (!string.Equals(lease.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(lease.Pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Gives the lease back, if it is still this run's: a rollback that broke it now owns the tag.</summary>
    public static async Task<StackView?> ReleaseAsync(ITrafficStack stack, RunIdentity run, TextWriter error)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var read = await stack.ReadAsync(bound.Token);
            if (!read.IsValid)
            {
                return null;
            }

            if (StackLease.Parse(read.Require().Lease)?.RunId == run.RunId && await stack.RemoveLeaseAsync(bound.Token) is { } failed)
            {
                await error.WriteLineAsync($"warning: {StackLease.TagName}: could not release the lease ({failed}); it expires by itself");
            }
            else if (read.Warnings.Any(p => p.Code == ProblemCodes.LeaseUnreadable))
            {
                // Only a run that read the tag back as its own may remove it: another may have taken it since.
                await error.WriteLineAsync($"warning: {StackLease.TagName}: the lease could not be read, so this run's may still be on the stack; it expires by itself within " +
                    $"{Durations.Format(run.LeaseLength)}, or remove it with `pulumi stack tag rm {StackLease.TagName} --stack {stack.Name}` if it names run {run.RunId}");
            }

            return read.Require() with { Lease = null };
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync($"warning: {StackLease.TagName}: the stack did not answer within a minute; the lease expires by itself");
            return null;
        }
    }

    // A live panel for people at a terminal, one line per decision in a log, nothing on stdout for JSON or Markdown.
    private static async Task<CutoverState> RunWithProgressAsync(
        CutoverRunner runner, CutoverDecision start, IAnsiConsole console, OutputFormat format, Action<RunEntry> record, CancellationToken cancellation)
    {
        if (format != OutputFormat.Table || !console.Profile.Capabilities.Interactive)
        {
            return await runner.RunAsync(start, entry =>
            {
                record(entry);
                if (format == OutputFormat.Table)
                {
                    CutoverProgress.WriteLine(console, entry);
                }
            }, cancellation);
        }

        RunEntry? lastDecision = null;
        var final = start.State;
        await console.Live(CutoverProgress.Panel(start.State, null)).StartAsync(async live =>
        {
            final = await runner.RunAsync(start, entry =>
            {
                record(entry);
                lastDecision = entry.Decision.Action is CutoverAction.Wait ? lastDecision : entry;
                live.UpdateTarget(CutoverProgress.Panel(entry.Decision.State, lastDecision));
            }, cancellation);
        });
        if (lastDecision is not null)
        {
            CutoverProgress.WriteLine(console, lastDecision);
        }

        return final;
    }

    /// <summary>Runs the engine to its end, recording every decision, and reports the outcome in the format asked for.</summary>
    public static async Task<int> ExecuteAsync(TrafficRunSetup setup, CutoverDecision start, CancellationToken cancellation)
    {
        var console = Consoles.For(setup.Output);
        var entries = new List<RunEntry>();
        using var events = setup.EventsFile is null ? null : new EventsFile(setup.EventsFile, setup.Run.RunId, setup.Services.Time.GetUtcNow(), setup.Arguments, setup.Warnings, setup.Error);
        var warnings = new List<Problem>(setup.Warnings);
        var runner = new CutoverRunner(setup.Stack, setup.Probes, setup.Services.Time, setup.Run, setup.Before, setup.Services.InterruptionName, warning =>
        {
            lock (warnings)
            {
                TrafficStackFile.Write(setup.Error, [warning]);
                warnings.Add(warning);
            }
        });
        CutoverState final;
        try
        {
            final = await RunWithProgressAsync(runner, start, console, setup.Format, entry =>
            {
                entries.Add(entry);
                events?.Write(entry);
            }, cancellation);
        }
        finally
        {
            setup.After = await ReleaseAsync(setup.Stack, setup.Run, setup.Error);
        }

        if (setup.SummaryFile is not null)
        {
            await RunRecords.WriteAsync("--summary", setup.SummaryFile, () => CutoverSummary.Render(entries, setup.Stack.Name, setup.Run.Verb, setup.After, warnings), setup.Error);
        }

        if (setup.TimelineFile is not null)
        {
            await RunRecords.WriteAsync("--timeline", setup.TimelineFile, () => TimelineSvg.Render(entries), setup.Error);
        }

        switch (setup.Format)
        {
            case OutputFormat.Json:
                await setup.Output.WriteLineAsync(JsonOutput.Serialize(TrafficReport.Of(setup.Run.Verb, setup.Stack.Name, final, entries, setup.Before, setup.After, warnings)));
                break;
            case OutputFormat.Markdown:
                await setup.Output.WriteAsync(CutoverSummary.Render(entries, setup.Stack.Name, setup.Run.Verb, setup.After, warnings));
                break;
            default:
                if (final.Phase is CutoverPhase.Finished { Outcome: CutoverOutcome.RolledBackToFailingSource })
                {
                    console.MarkupLine("[red bold]BOTH COLORS FAIL THEIR GATES: traffic is back on the source, which is failing too. Act now.[/]");
                }

                console.MarkupLine(Markup.Escape($"Deployed at the end: {setup.After?.Deployed?.ToString() ?? "(could not be read)"}; config: {setup.After?.ConfigRead?.ToString() ?? "(could not be read)"}."));
                if (setup.SummaryFile is not null)
                {
                    console.MarkupLine(Markup.Escape($"Summary: {setup.SummaryFile}; timeline: {setup.TimelineFile}"));
                }

                break;
        }

        return TrafficExit.For(final, setup.Run.Verb);
    }
}

/// <summary>Everything <see cref="TrafficRun.ExecuteAsync"/> needs, decided by the verb before the run starts.</summary>
internal sealed class TrafficRunSetup
{
    public required ITrafficStack Stack { get; init; }

    /// <summary>The run, and with it the verb.</summary>
    public required RunIdentity Run { get; init; }

    public required StackView Before { get; init; }

    /// <summary>What the run goes on despite, for the records: the events file's first line, the JSON report, the summary.</summary>
    public IReadOnlyList<Problem> Warnings { get; init; } = [];

    public required CutoverServices Services { get; init; }

    public required OutputFormat Format { get; init; }

    public required TextWriter Output { get; init; }

    public required TextWriter Error { get; init; }

    public required IReadOnlyList<string> Arguments { get; init; }

    public IReadOnlyList<IProbe> Probes { get; init; } = [];

    public string? EventsFile { get; init; }

    public string? SummaryFile { get; init; }

    public string? TimelineFile { get; init; }

    /// <summary>The stack as read after the run, once the lease was given back.</summary>
    public StackView? After { get; set; }
}
