using System.CommandLine;
using BlueGreen.Cli.Catalog;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Cutover;
using BlueGreen.Cli.Planning;
using BlueGreen.Cli.Scanning;
using BlueGreen.Cli.State;
using BlueGreen.Cli.Validation;

namespace BlueGreen.Cli;

/// <summary>The command tree; Program only hands it the process's streams and signals, tests hand it their own.</summary>
internal static class BlueGreenCli
{
    public static RootCommand Build(CutoverServices? cutover = null)
    {
        var services = cutover ?? CutoverServices.Default;
        return new($"Blue/green Kubernetes upgrades on EKS: plan, scan, validate, cut traffic over, roll back, retire, move state.\n\n{ExitCodes.HelpText}")
        {
            PlanCommand.Create(),
            ScanCommand.Create(),
            ValidateCommand.Create(),
            CutoverCommand.Create(services),
            RollbackCommand.Create(services),
            RetireCommand.Create(services),
            CatalogCommand.Create(),
            StateCommand.Create(),
        };
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Interrupts? interrupts = null, CutoverServices? cutover = null)
    {
        try
        {
            var services = (cutover ?? CutoverServices.Default) with { Interrupts = interrupts };
            var parsed = Build(services).Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var problem in parsed.Errors)
                {
                    await error.WriteLineAsync($"error: {problem.Message}");
                }

                await error.WriteLineAsync("Run 'bluegreen --help' (or 'bluegreen <command> --help') for usage.");
                return ExitCodes.Usage;
            }

            // Signals are ours to handle (Interrupts): System.CommandLine's own handling would end the process after a
            // fixed wait, with a pulumi update still running and no record written. Exceptions are ours too: a crash
            // must exit with its own code, never with the code of a legitimate no-go.
            var exit = await parsed.InvokeAsync(
                new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false },
                interrupts?.Token ?? CancellationToken.None);
            return interrupts?.ExitCode ?? exit;
        }
        catch (OperationCanceledException) when (interrupts?.ExitCode is { } code)
        {
            // The signal's own cancellation, surfacing where a verb does not catch it: the stop that was asked for.
            return code;
        }
        catch (Exception e)
        {
            // A bug stays a bug when a signal happens to arrive too: hiding it behind 130/143 would lose it.
            await error.WriteLineAsync($"internal error (a bug in bluegreen, not a verdict on your input): {e.GetType().Name}: {e.Message}");
            return ExitCodes.InternalError;
        }
    }
}
