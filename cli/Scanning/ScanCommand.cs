using System.CommandLine;
using System.CommandLine.Parsing;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using Spectre.Console;

namespace BlueGreen.Cli.Scanning;

/// <summary>
/// <c>bluegreen scan &lt;paths...&gt; --target-version X [--from-version Y]</c>: which manifests use APIs the green
/// version no longer serves (blocking) or has deprecated (warnings).
/// </summary>
internal static class ScanCommand
{
    private const string ExitCodeHelp =
        "Exit codes: 0 nothing blocks (deprecated APIs are warnings); 1 a removed API was found or a file could not be parsed; 2 usage error; " +
        "3 internal error (a bug, never a verdict); 130/143 stopped by SIGINT/SIGTERM.";

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "manifest files, directories searched recursively for *.yaml, *.yml and *.json (hidden ones too, .git excepted), or - for standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var target = new Option<KubernetesVersion>("--target-version", "-t")
        {
            Description = "the Kubernetes minor the manifests will be applied to (the green cluster), e.g. 1.35",
            Required = true,
            CustomParser = ParseVersion,
        };
        var from = new Option<KubernetesVersion?>("--from-version", "-f")
        {
            Description = "the minor the manifests run on today (the blue cluster), to tell which skipped minor removed each API",
            CustomParser = result => ParseVersion(result),
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "parse every document in full, so a YAML syntax error anywhere is an error (plan always does); by default only each document's apiVersion, kind and metadata are read where the YAML allows",
        };
        var output = OutputOption.Create();
        var command = new Command("scan", $"Find manifests that use Kubernetes APIs the target version removed or deprecated.\n\n{ExitCodeHelp}")
        {
            paths,
            target,
            from,
            strict,
            output,
        };
        command.Validators.Add(result =>
        {
            if (Given(result.GetResult(from)) is { } source && Given(result.GetResult(target)) is { } green && source > green)
            {
                result.AddError($"--from-version {source} is newer than --target-version {green}: a blue/green upgrade moves to a newer minor.");
            }
        });
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetRequiredValue(paths),
            parse.GetValue(target),
            parse.GetValue(from),
            parse.GetValue(strict) ? ScanMode.Strict : ScanMode.Fast,
            parse.GetValue(output),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(
        IReadOnlyList<string> paths,
        KubernetesVersion target,
        KubernetesVersion? from,
        ScanMode mode,
        OutputFormat format,
        TextWriter writer,
        TextWriter error,
        CancellationToken cancellation)
    {
        var report = await ScanAsync(paths, target, from, format, writer, cancellation, mode);

        switch (format)
        {
            case OutputFormat.Json:
                await writer.WriteLineAsync(ScanOutput.Json(report));

                // The JSON shape is a contract with CI steps, so cautions go where people still see them.
                foreach (var caution in new[] { report.NothingFound, report.Caveat }.OfType<string>())
                {
                    await error.WriteLineAsync($"warning: {caution}.");
                }

                break;
            case OutputFormat.Markdown:
                await writer.WriteLineAsync(ScanOutput.Markdown(report));
                break;
            default:
                ScanOutput.Table(report, Consoles.For(writer));
                break;
        }

        return report.IsBlocking ? ExitCodes.Blocked : ExitCodes.Ok;
    }

    /// <summary>
    /// Scans with a progress bar when a person is watching a terminal and the output is a table; otherwise silently,
    /// so JSON and Markdown stay clean. Strict unless told otherwise: <c>plan</c> must see every syntax error.
    /// </summary>
    internal static Task<ScanReport> ScanAsync(
        IReadOnlyList<string> paths,
        KubernetesVersion target,
        KubernetesVersion? from,
        OutputFormat format,
        TextWriter writer,
        CancellationToken cancellation,
        ScanMode mode = ScanMode.Strict) =>
        Consoles.CanShowProgress(writer, format)
            ? ScanWithProgressBarAsync(Consoles.For(writer), paths, target, from, mode, cancellation)
            : ManifestScanner.ScanAsync(paths, target, from, progress: null, cancellation, mode, Console.OpenStandardInput);

    private static Task<ScanReport> ScanWithProgressBarAsync(
        IAnsiConsole console, IReadOnlyList<string> paths, KubernetesVersion target, KubernetesVersion? from, ScanMode mode, CancellationToken cancellation) =>
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(context =>
            {
                var bar = new ProgressBar(context.AddTask("Scanning manifests"));
                return ManifestScanner.ScanAsync(paths, target, from, bar, cancellation, mode, Console.OpenStandardInput);
            });

    private static KubernetesVersion ParseVersion(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (KubernetesVersion.TryParse(text, out var version))
        {
            return version;
        }

        var option = ((OptionResult)result.Parent!).Option.Name;
        result.AddError($"{option} '{text}' is not a Kubernetes minor version such as 1.33.");
        return default;
    }

    /// <summary>The version an option was given, read from its token so that a malformed one (already an error) is skipped.</summary>
    private static KubernetesVersion? Given(SymbolResult? option) =>
        option is { Tokens: [var token, ..] } && KubernetesVersion.TryParse(token.Value, out var version) ? version : null;

    /// <summary>Scan progress arrives from several threads and possibly out of order; the bar only moves forward.</summary>
    private sealed class ProgressBar(ProgressTask task) : IProgress<ScanProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ScanProgress value)
        {
            lock (_gate)
            {
                task.MaxValue = value.FilesTotal;
                task.Value = Math.Max(task.Value, value.FilesDone);
            }
        }
    }
}
