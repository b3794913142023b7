using System.CommandLine;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Traffic;
using Spectre.Console;

namespace BlueGreen.Cli.Cutover;

/// <summary>
/// <c>bluegreen retire blue</c>: says whether a color's cluster may be destroyed. It only checks; destroying stays a
/// deliberate <c>pulumi destroy</c> by a person.
/// </summary>
internal static class RetireCommand
{
    private const string ExitCodeHelp = "Exit codes: 0 the color serves no traffic and may be destroyed; 1 refused (it still has weight), or the weights could not be read; 2 usage error; 3 internal error; 130/143 stopped by SIGINT/SIGTERM.";

    public static Command Create() => Create(CutoverServices.Default);

    public static Command Create(CutoverServices services)
    {
        var color = new Argument<string>("color") { Description = "the color whose cluster is to be destroyed: blue or green" };
        var output = OutputOption.Create();
        var stackFile = TrafficStackFile.CreateOption();
        var command = new Command("retire", $"Check that a color serves no traffic before its cluster stack is destroyed.\n\n{ExitCodeHelp}")
        {
            color, output, stackFile,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(color)!, parse.GetValue(stackFile)!, parse.GetValue(output), services, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation));
        return command;
    }

    internal sealed record Verdict(string Source, bool Allowed, string Reason);

    internal sealed record RetireReport(string Verb, string Stack, string Color, string Outcome, StackWeights Weights, IReadOnlyList<Verdict> Verdicts);

    // The deployed weights (what Route53 serves now) decide; the config (what the next update deploys) must give the
    // color nothing too, or the next `pulumi up` would send it traffic again after its cluster is gone.
    internal static async Task<int> RunAsync(string colorName, string stackFile, OutputFormat format, CutoverServices services, TextWriter output, TextWriter error, CancellationToken cancellation)
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
        var stack = TrafficStackFile.Stack(services, stackFile, traffic, TrafficVerb.Retire);
        var read = await stack.ReadAsync(cancellation);
        if (!read.IsValid)
        {
            TrafficStackFile.Write(error, read.Problems);
            await error.WriteLineAsync($"error: cannot tell whether {color.Key()} still serves traffic, so it may not be retired");
            return ExitCodes.Blocked;
        }

        var view = read.Require();
        var verdicts = new List<Verdict>();
        if (view.Deployed is { } deployed)
        {
            var verdict = Retirement.Check(color, deployed);
            verdicts.Add(new Verdict($"deployed {stack.Name}", verdict.Allowed, verdict.Reason));
        }
        else
        {
            verdicts.Add(new Verdict($"deployed {stack.Name}", true, $"{stack.Name} has no weights output: it has not been deployed, so Route53 serves nothing from it"));
        }

        var configured = Retirement.Check(color, view.Config);
        verdicts.Add(new Verdict($"config of {stack.Name}", configured.Allowed, configured.Reason));
        var allowed = verdicts.All(v => v.Allowed);

        var console = Consoles.For(output);
        switch (format)
        {
            case OutputFormat.Json:
                await output.WriteLineAsync(JsonOutput.Serialize(new RetireReport(TrafficVerb.Retire.Key(), stack.Name, color.Key(), allowed ? "allowed" : "refused", StackWeights.Of(view)!, verdicts)));
                break;
            case OutputFormat.Markdown:
                await output.WriteLineAsync($"## {(allowed ? "✅" : "❌")} Retire {color.Key()}: {(allowed ? "allowed" : "refused")}\n");
                await output.WriteLineAsync(Markdown.Table(["judged on", "verdict", "why"], verdicts.Select(v => (IReadOnlyList<string?>)[v.Source, v.Allowed ? "ok" : "refused", v.Reason])));
                break;
            default:
                foreach (var verdict in verdicts)
                {
                    console.MarkupLine($"{(verdict.Allowed ? "[green]ok[/]" : "[red]refused[/]")} {Markup.Escape($"({verdict.Source}): {verdict.Reason}")}");
                }

                console.MarkupLine(Markup.Escape(allowed
                    ? $"{color.Key()} may be retired: pulumi destroy --stack {traffic.StackFor(color)}"
                    : $"{color.Key()} may not be retired yet."));
                break;
        }

        return allowed ? ExitCodes.Ok : ExitCodes.Blocked;
    }
}
