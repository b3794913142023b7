using System.CommandLine;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Traffic;
using Spectre.Console;

namespace BlueGreen.Cli.Cutover;

/// <summary>
/// <c>bluegreen retire blue</c>: says whether a color's cluster may be destroyed. It only checks; destroying stays a
/// deliberate <c>pulumi destroy</c> by a person.
/// </summary>
internal static class RetireCommand
{
    private const string ExitCodeHelp = "Exit codes: 0 the color serves no traffic and may be destroyed; 1 refused (it still has weight), or the weights could not be read; 2 usage error.";

    public static Command Create() => Create(CutoverServices.Default);

    public static Command Create(CutoverServices services)
    {
        var color = new Argument<string>("color") { Description = "the color whose cluster is to be destroyed: blue or green" };
        var stackFile = TrafficStackFile.CreateOption();
        var command = new Command("retire", $"Check that a color serves no traffic before its cluster stack is destroyed.\n\n{ExitCodeHelp}")
        {
            color, stackFile,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(color)!, parse.GetValue(stackFile)!, services, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation));
        return command;
    }

    // Both the config (what the next update deploys) and the deployed output (what Route53 serves now) must give the
    // color nothing: either one alone can be stale after an update that was set but not run, or run but then reverted.
    internal static async Task<int> RunAsync(string colorName, string stackFile, CutoverServices services, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        if (!ColorNames.TryParse(colorName, out var color))
        {
            await error.WriteLineAsync($"error: color = {colorName}: must be blue or green");
            return ExitCodes.Usage;
        }

        var settings = TrafficStackFile.Load(stackFile, services.Time);
        TrafficStackFile.Write(error, settings.Problems);
        if (!settings.IsValid)
        {
            return ExitCodes.Blocked;
        }

        var traffic = settings.Require();
        var stack = TrafficStackFile.Stack(services, stackFile, traffic);
        var configured = await stack.ReadWeightsAsync(cancellation);
        var deployed = await new StackOutputReader(services.Processes, TrafficStackFile.WorkingDirectory(stackFile)).ReadDeployedWeightsAsync(traffic.StackName, cancellation);
        var unreadable = configured.Problems.Concat(deployed?.Problems ?? []).ToList();
        if (unreadable.Count > 0)
        {
            TrafficStackFile.Write(error, unreadable);
            await error.WriteLineAsync($"error: cannot tell whether {color.Key()} still serves traffic, so it may not be retired");
            return ExitCodes.Blocked;
        }

        var console = Consoles.For(output);
        var verdicts = new List<(string Source, RetirementVerdict Verdict)> { ($"config of {stack.Name}", Retirement.Check(color, configured.Require())) };
        if (deployed is not null)
        {
            verdicts.Add(($"deployed {stack.Name}", Retirement.Check(color, deployed.Require())));
        }
        else
        {
            console.MarkupLine(Markup.Escape($"{stack.Name} has no weights output: it has not been deployed, so only its config is checked."));
        }

        foreach (var (source, verdict) in verdicts)
        {
            console.MarkupLine($"{(verdict.Allowed ? "[green]ok[/]" : "[red]refused[/]")} {Markup.Escape($"({source}): {verdict.Reason}")}");
        }

        if (verdicts.All(v => v.Verdict.Allowed))
        {
            console.MarkupLine(Markup.Escape($"{color.Key()} may be retired: pulumi destroy --stack {traffic.StackFor(color)}"));
            return ExitCodes.Ok;
        }

        console.MarkupLine(Markup.Escape($"{color.Key()} may not be retired yet."));
        return ExitCodes.Blocked;
    }
}
