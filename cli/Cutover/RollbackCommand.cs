using System.CommandLine;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using Spectre.Console;

namespace BlueGreen.Cli.Cutover;

/// <summary><c>bluegreen rollback --to blue</c>: all traffic back to one color now, with no gates and no steps.</summary>
internal static class RollbackCommand
{
    private const string ExitCodeHelp = "Exit codes: 0 all traffic is on the color; 1 the update failed (the weights in force are printed) or the stack settings are invalid; 2 usage error.";

    public static Command Create() => Create(CutoverServices.Default);

    public static Command Create(CutoverServices services)
    {
        var to = new Option<string>("--to") { Description = "the color to return all traffic to (the one the cutover started from)", Required = true };
        var retries = new Option<int>("--apply-retries") { Description = "extra attempts after a failed pulumi update", DefaultValueFactory = _ => CutoverOptions.DefaultMaxApplyRetries };
        var events = new Option<string?>("--events") { Description = "write one JSON line per decision to this file" };
        var stackFile = TrafficStackFile.CreateOption();
        var command = new Command("rollback", $"Return all traffic to one color at once, through the traffic stack.\n\n{ExitCodeHelp}")
        {
            to, retries, events, stackFile,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(to)!, parse.GetValue(retries), parse.GetValue(events), parse.GetValue(stackFile)!,
            services, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(string to, int retries, string? eventsPath, string stackFile, CutoverServices services, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        if (!ColorNames.TryParse(to, out var color) || retries < 0)
        {
            await error.WriteLineAsync(retries < 0 ? $"error: --apply-retries = {retries}: cannot be negative" : $"error: --to = {to}: must be blue or green");
            return ExitCodes.Usage;
        }

        var settings = TrafficStackFile.Load(stackFile, services.Time);
        TrafficStackFile.Write(error, settings.Problems);
        if (!settings.IsValid)
        {
            return ExitCodes.Blocked;
        }

        var stack = TrafficStackFile.Stack(services, stackFile, settings.Require());
        var weights = await stack.ReadWeightsAsync(cancellation);
        if (!weights.IsValid)
        {
            TrafficStackFile.Write(error, weights.Problems);
            return ExitCodes.Blocked;
        }

        var console = Consoles.For(output);
        using var eventsFile = eventsPath is null ? null : new EventsFile(eventsPath);
        var start = CutoverEngine.StartRollback(color, weights.Require(), retries, services.Time.GetUtcNow());
        var final = await new CutoverRunner(stack, [], services.Time).RunAsync(start, entry =>
        {
            eventsFile?.Write(entry);
            CutoverProgress.WriteLine(console, entry);
        }, cancellation);
        return final.Phase is CutoverPhase.Finished { Outcome: CutoverOutcome.RolledBack } ? ExitCodes.Ok : ExitCodes.Blocked;
    }
}
