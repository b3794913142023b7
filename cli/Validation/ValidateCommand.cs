using System.Collections.Immutable;
using System.CommandLine;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using Spectre.Console;

namespace BlueGreen.Cli.Validation;

/// <summary><c>bluegreen validate [files...]</c>: every problem in every stack file, in one run.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "stack files to check (default: every Pulumi.<stack>.yaml in the current directory)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = OutputOption.Create();
        var date = DateOption.Create();
        var deployedFiles = DeployedOutputs.CreateFilesOption();
        var deployedFromPulumi = DeployedOutputs.CreatePulumiOption();
        var command = new Command("validate", $"Check stack settings files and report every problem, each with its file, key and value.\n\n{ExitCodes.HelpText}")
        {
            files,
            output,
            date,
            deployedFiles,
            deployedFromPulumi,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var paths = parse.GetValue(files) is { Length: > 0 } given ? given : DefaultStackFiles(Directory.GetCurrentDirectory());
            if (paths.Length == 0)
            {
                // Nothing was checked, so there is no verdict to give: the command line has to name the files.
                parse.InvocationConfiguration.Error.WriteLine("error: no stack files given, and no Pulumi.<stack>.yaml in the current directory.");
                return ExitCodes.Usage;
            }

            var deployed = DeployedOutputs.From(parse, deployedFiles, deployedFromPulumi);
            return await RunAsync(paths, parse.GetValue(output), VersionCatalog.Embedded, DateOption.Today(parse.GetValue(date)), deployed, parse.InvocationConfiguration.Output, cancellation);
        });
        return command;
    }

    internal static async Task<int> RunAsync(
        IReadOnlyList<string> paths, OutputFormat format, VersionCatalog catalog, DateOnly today, DeployedOutputs deployed, TextWriter writer, CancellationToken cancellation)
    {
        var results = new List<FileResult>();
        foreach (var path in paths)
        {
            results.Add(await ResolveAsync(path, catalog, today, deployed, cancellation));
        }

        switch (format)
        {
            case OutputFormat.Json:
                writer.WriteLine(JsonOutput.Serialize(new ValidationView([.. results.Select(r => r.ToView())])));
                break;
            case OutputFormat.Markdown:
                writer.WriteLine(RenderMarkdown(results));
                break;
            default:
                RenderTable(results, Consoles.For(writer));
                break;
        }

        return results.Any(r => !r.IsValid) ? ExitCodes.Blocked : ExitCodes.Ok;
    }

    /// <summary>
    /// Parse, then resolve as the Pulumi program does, whatever parsed: a cluster stack is resolved into its blueprint
    /// (with what its cluster runs, when the deployed outputs are given), so every rule speaks in one run.
    /// </summary>
    private static async Task<FileResult> ResolveAsync(string path, VersionCatalog catalog, DateOnly today, DeployedOutputs deployed, CancellationToken cancellation)
    {
        var settings = StackFile.Load(path);
        switch (settings.Value)
        {
            case ClusterStackSettings cluster:
                var context = new ResolutionContext(catalog, today, PulumiProject.NameFor(path));
                var blueprint = await deployed.ResolveAsync(cluster, settings.Problems, context, assumed: null, cancellation);
                return new FileResult(path, blueprint.Value is { } b ? $"{b.Color.Key()} cluster, Kubernetes {b.KubernetesVersion}" : null, blueprint.IsValid, blueprint.Problems);
            case TrafficStackSettings when settings.IsValid:
                return new FileResult(path, "traffic", true, settings.Problems);
            case SharedStackSettings when settings.IsValid:
                return new FileResult(path, "shared", true, settings.Problems);
            default:
                return new FileResult(path, null, false, settings.Problems);
        }
    }

    /// <summary>The stack files Pulumi would find beside Pulumi.yaml: the blue, green, traffic and shared stacks.</summary>
    internal static string[] DefaultStackFiles(string directory) =>
        [.. Directory.EnumerateFiles(directory, "Pulumi.*.yaml")
            .Where(f => StackFile.StackNameFrom(Path.GetFileName(f)) is not null)
            .Order(StringComparer.Ordinal)];

    private static void RenderTable(IReadOnlyList<FileResult> results, IAnsiConsole console)
    {
        foreach (var result in results)
        {
            var verdict = result.IsValid ? "[green]valid[/]" : "[red]invalid[/]";
            console.MarkupLine($"{Markup.Escape(result.Path + (result.Role is { } role ? $" ({role})" : ""))}: {verdict}");
            if (result.Problems.IsEmpty)
            {
                continue;
            }

            var table = new Table().AddColumns("severity", "code", "where", "value", "problem");
            foreach (var problem in result.Problems.Select(ProblemView.From))
            {
                table.AddRow(
                    problem.Severity == "error" ? "[red]error[/]" : "[yellow]warning[/]",
                    Markup.Escape(problem.Code),
                    Markup.Escape(problem.Line is { } line ? $"{problem.Key} (line {line}, column {problem.Column})" : problem.Key),
                    Markup.Escape(problem.Value ?? ""),
                    Markup.Escape(problem.Message));
            }

            console.Write(table);
        }
    }

    private static string RenderMarkdown(IReadOnlyList<FileResult> results)
    {
        var sections = results.Select(result =>
        {
            var heading = $"### `{result.Path}`{(result.Role is { } role ? $" ({role})" : "")}: {(result.IsValid ? "✅ valid" : "❌ invalid")}";
            return result.Problems.IsEmpty
                ? heading
                : heading + "\n\n" + Markdown.Table(
                    ["severity", "code", "key", "line", "column", "value", "problem"],
                    result.Problems.Select(ProblemView.From).Select(p =>
                        (IReadOnlyList<string?>)[p.Severity, $"`{p.Code}`", $"`{p.Key}`", p.Line?.ToString(), p.Column?.ToString(), p.Value, p.Message]));
        });
        return "## Stack settings\n\n" + string.Join("\n\n", sections);
    }

    /// <param name="Role">What the file describes; unknown when it is invalid, since then nothing was resolved.</param>
    private sealed record FileResult(string Path, string? Role, bool IsValid, ImmutableArray<Problem> Problems)
    {
        public ValidationView.FileView ToView() => new(Path, Role, IsValid, [.. Problems.Select(ProblemView.From)]);
    }
}
