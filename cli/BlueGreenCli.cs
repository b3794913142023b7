using System.CommandLine;
using BlueGreen.Cli.Catalog;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Cutover;
using BlueGreen.Cli.Planning;
using BlueGreen.Cli.Scanning;
using BlueGreen.Cli.State;
using BlueGreen.Cli.Validation;

namespace BlueGreen.Cli;

/// <summary>The command tree; Program only hands it the process's streams, tests hand it their own.</summary>
internal static class BlueGreenCli
{
    public static RootCommand Build() => new($"Blue/green Kubernetes upgrades on EKS: plan, scan, validate, cut traffic over, roll back, retire.\n\n{ExitCodes.HelpText}")
    {
        PlanCommand.Create(),
        ScanCommand.Create(),
        ValidateCommand.Create(),
        CutoverCommand.Create(),
        RollbackCommand.Create(),
        RetireCommand.Create(),
        CatalogCommand.Create(),
        StateCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }

            await error.WriteLineAsync("Run 'bluegreen --help' (or 'bluegreen <command> --help') for usage.");
            return ExitCodes.Usage;
        }

        // After Ctrl-C, System.CommandLine ends the process 2 s after cancelling by default: too soon for a verb to undo
        // what it started (state migrate returning blue's writers, a cutover writing its record).
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromMinutes(2) }, cancellation);
    }
}
