using System.CommandLine;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Cutover;

/// <summary>
/// <c>bluegreen rollback --to blue</c>: all traffic back to one color now, with no gates and no steps. The emergency path:
/// it works whenever it can name the stack and the color, whatever else is wrong.
/// </summary>
internal static class RollbackCommand
{
    private const string ExitCodeHelp =
        "Exit codes: 0 all traffic is on the color (deployed and config); 1 the update failed (the weights in force are printed) or the stack cannot be named or read; " +
        "2 usage error; 3 internal error; 130/143 stopped by SIGINT/SIGTERM.";

    public static Command Create() => Create(CutoverServices.Default);

    public static Command Create(CutoverServices services)
    {
        var to = new Option<string>("--to") { Description = "the color to return all traffic to (the one the cutover started from)", Required = true };
        var retries = new Option<int>("--apply-retries") { Description = "extra attempts after a failed pulumi update (they back off)", DefaultValueFactory = _ => CutoverOptions.DefaultMaxApplyRetries };
        var applyTimeout = new Option<string>("--apply-timeout") { Description = $"how long one pulumi update may run before it is cancelled like Ctrl+C and retried (default {Durations.Format(CutoverOptions.DefaultApplyTimeout)})", DefaultValueFactory = _ => Durations.Format(CutoverOptions.DefaultApplyTimeout) };
        var events = new Option<string?>("--events") { Description = "append one JSON line per decision to this file" };
        var output = OutputOption.Create();
        var stackFile = TrafficStackFile.CreateOption();
        var command = new Command("rollback", $"Return all traffic to one color at once, through the traffic stack; breaks any cutover's lease.\n\n{ExitCodeHelp}")
        {
            to, retries, applyTimeout, events, output, stackFile,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(to)!, parse.GetValue(retries), parse.GetValue(applyTimeout)!, parse.GetValue(events), parse.GetValue(stackFile)!, parse.GetValue(output),
            [.. parse.Tokens.Select(t => t.Value)], services, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(
        string to, int retries, string applyTimeoutText, string? eventsPath, string stackFile, OutputFormat format, IReadOnlyList<string> arguments,
        CutoverServices services, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var usage = new List<Problem>();
        if (!ColorNames.TryParse(to, out var color))
        {
            usage.Add(Problem.Error(ProblemCodes.OptionColor, "--to", to, "must be blue or green"));
        }

        if (retries < 0)
        {
            usage.Add(Problem.Error(ProblemCodes.OptionOutOfRange, "--apply-retries", retries.ToString(System.Globalization.CultureInfo.InvariantCulture), "cannot be negative"));
        }

        if (!Durations.TryParse(applyTimeoutText, out var applyTimeout) || applyTimeout < TimeSpan.FromSeconds(1))
        {
            usage.Add(Problem.Error(ProblemCodes.OptionDuration, "--apply-timeout", applyTimeoutText, "must be a duration of at least 1s, such as 5m"));
        }

        if (usage.Count > 0)
        {
            TrafficStackFile.Write(error, usage);
            return ExitCodes.Usage;
        }

        // Only the stack's name is needed to return traffic: other settings that are wrong are warned about, never blocking.
        var settings = TrafficStackFile.Load(stackFile, services.Time);
        var settingsWarnings = settings.Problems.Select(p => p with { Severity = Severity.Warning }).ToList();
        TrafficStackFile.Write(error, settingsWarnings);
        var stackName = settings.Value?.StackName ?? StackFile.StackNameFrom(Path.GetFileName(stackFile));
        if (stackName is null)
        {
            await error.WriteLineAsync($"error: --stack-file = {stackFile}: cannot tell which stack it is (expected Pulumi.<stack>.yaml)");
            return ExitCodes.Blocked;
        }

        var stack = new PulumiTrafficStack(services.Processes, TrafficStackFile.WorkingDirectory(stackFile), stackName, TrafficVerb.Rollback);
        var run = services.NewRun(TrafficVerb.Rollback, StackLease.LengthForRollback(applyTimeout));
        var taken = await TrafficRun.TakeLeaseAsync(stack, run, services.Time, error, cancellation);
        if (taken is null)
        {
            return ExitCodes.Blocked;
        }

        var before = taken.View;
        var start = CutoverEngine.StartRollback(color, before, retries, applyTimeout, services.Time.GetUtcNow());
        return await TrafficRun.ExecuteAsync(new TrafficRunSetup
        {
            Stack = stack,
            Run = run,
            Before = before,
            Warnings = [.. settingsWarnings, .. taken.Warnings],
            Services = services,
            Format = format,
            Output = output,
            Error = error,
            Arguments = arguments,
            EventsFile = eventsPath,
        }, start, cancellation);
    }
}
