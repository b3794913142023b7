using System.CommandLine;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Blueprints;
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
        var command = new Command("validate", $"Check stack settings files and report every problem, each with its file, key and value.\n\n{ExitCodes.HelpText}")
        {
            files,
            output,
            date,
        };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files) is { Length: > 0 } given ? given : DefaultStackFiles(Directory.GetCurrentDirectory());
            if (paths.Length == 0)
            {
                // Nothing was checked, so there is no verdict to give: the command line has to name the files.
                parse.InvocationConfiguration.Error.WriteLine("error: no stack files given, and no Pulumi.<stack>.yaml in the current directory.");
                return ExitCodes.Usage;
            }

            return Run(paths, parse.GetValue(output), DateOption.Context(parse.GetValue(date)), parse.InvocationConfiguration.Output);
        });
        return command;
    }

    internal static int Run(IReadOnlyList<string> paths, OutputFormat format, SettingsContext context, TextWriter writer)
    {
        var results = paths.Select(path => new FileResult(path, Resolve(path, context))).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                writer.WriteLine(JsonOutput.Serialize(new { files = results.Select(r => r.ToView()) }));
                break;
            case OutputFormat.Markdown:
                writer.WriteLine(RenderMarkdown(results));
                break;
            default:
                RenderTable(results, Consoles.For(writer));
                break;
        }

        return results.Any(r => !r.Settings.IsValid) ? ExitCodes.Blocked : ExitCodes.Ok;
    }

    /// <summary>
    /// Parse, then resolve as the Pulumi program does: a cluster stack whose settings are valid is resolved into its
    /// blueprint, so what only resolution finds (a catalog entry that cannot be declared) is reported here too.
    /// </summary>
    private static Validated<StackSettings> Resolve(string path, SettingsContext context)
    {
        var settings = StackFile.Load(path, context);
        if (!settings.IsValid || settings.Value is not ClusterStackSettings cluster)
        {
            return settings;
        }

        var blueprint = ClusterBlueprint.Resolve(cluster, context.Catalog, PulumiProject.NameFor(path));
        return new Validated<StackSettings>(blueprint.IsValid ? cluster : null, [.. settings.Problems, .. blueprint.Problems]);
    }

    /// <summary>The stack files Pulumi would find beside Pulumi.yaml: the blue, green and traffic stacks.</summary>
    internal static string[] DefaultStackFiles(string directory) =>
        [.. Directory.EnumerateFiles(directory, "Pulumi.*.yaml")
            .Where(f => StackFile.StackNameFrom(Path.GetFileName(f)) is not null)
            .Order(StringComparer.Ordinal)];

    private static void RenderTable(IReadOnlyList<FileResult> results, IAnsiConsole console)
    {
        foreach (var result in results)
        {
            var verdict = result.Settings.IsValid ? "[green]valid[/]" : "[red]invalid[/]";
            console.MarkupLine($"{Markup.Escape(result.Path + (result.Role is { } role ? $" ({role})" : ""))}: {verdict}");
            if (result.Settings.Problems.IsEmpty)
            {
                continue;
            }

            var table = new Table().AddColumns("severity", "code", "where", "value", "problem");
            foreach (var problem in result.Settings.Problems.Select(ProblemView.From))
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
            var heading = $"### `{result.Path}`{(result.Role is { } role ? $" ({role})" : "")}: {(result.Settings.IsValid ? "✅ valid" : "❌ invalid")}";
            return result.Settings.Problems.IsEmpty
                ? heading
                : heading + "\n\n" + Markdown.Table(
                    ["severity", "code", "key", "line", "column", "value", "problem"],
                    result.Settings.Problems.Select(ProblemView.From).Select(p =>
                        (IReadOnlyList<string?>)[p.Severity, $"`{p.Code}`", $"`{p.Key}`", p.Line?.ToString(), p.Column?.ToString(), p.Value, p.Message]));
        });
        return "## Stack settings\n\n" + string.Join("\n\n", sections);
    }

    private sealed record FileResult(string Path, Validated<StackSettings> Settings)
    {
        /// <summary>What the file describes; unknown when its settings are invalid, since then none were built.</summary>
        public string? Role => Settings.Value switch
        {
            ClusterStackSettings cluster => $"{cluster.Color.Key()} cluster, Kubernetes {cluster.KubernetesVersion}",
            TrafficStackSettings => "traffic",
            _ => null,
        };

        public object ToView() => new
        {
            file = Path,
            role = Role,
            valid = Settings.IsValid,
            problems = Settings.Problems.Select(ProblemView.From),
        };
    }
}
