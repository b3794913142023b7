using System.CommandLine;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Catalog.Refresh;
using BlueGreen.Core.Model;

namespace BlueGreen.Cli.Catalog;

/// <summary><c>bluegreen catalog refresh</c>: the add-on pins of the version catalog, regenerated from their sources.</summary>
internal static class CatalogCommand
{
    /// <summary>The catalog's data file, relative to the repository root where CI and people run the tool.</summary>
    public const string DefaultFile = "core/Catalog/eks-versions.data.yaml";

    /// <summary>How long one <c>aws</c> call may run: one describe-addon-versions answers in seconds.</summary>
    public static readonly TimeSpan DefaultAwsTimeout = TimeSpan.FromMinutes(1);

    private const string AwsTimeoutOption = "--aws-timeout";

    private const string ExitCodeHelp = "Exit codes: 0 every pin matches its source (or the file was updated); 1 --check found pins that differ, "
        + "or a source could not be read or did not answer in time (nothing is written then); 2 usage error (a --chart-repository that is not "
        + "NAME=URL of a Helm add-on, an --aws-timeout that is not a duration); 3 internal error; 130/143 stopped by SIGINT/SIGTERM.";

    public static Command Create() => Create(CatalogServices.Default);

    public static Command Create(CatalogServices services)
    {
        var check = new Option<bool>("--check") { Description = "compare only: print the pins that differ from their sources and exit 1 if any do; write nothing" };
        var file = new Option<string>("--file") { Description = $"the catalog data file to refresh (default {DefaultFile})", DefaultValueFactory = _ => DefaultFile };
        var repositories = new Option<string[]>(ChartRepository.OptionName)
        {
            Description = "NAME=URL: read that Helm add-on's chart from this repository (a mirror) instead of the one its registry definition names; repeatable",
        };
        var awsTimeout = new Option<string>(AwsTimeoutOption)
        {
            Description = $"how long one aws call may run before it is stopped like Ctrl+C, killed, and reported (default {Durations.Format(DefaultAwsTimeout)})",
            DefaultValueFactory = _ => Durations.Format(DefaultAwsTimeout),
        };
        var refresh = new Command(
            "refresh",
            "Regenerate the add-on pins of the version catalog: each managed add-on from the version AWS marks as default for the minor "
            + "(aws eks describe-addon-versions), each Helm chart from its repository's index.yaml. Only changed values are rewritten, so the "
            + $"change is a reviewable diff; the release calendar has no API and is kept as it is.\n\n{ExitCodeHelp}")
        {
            check, file, repositories, awsTimeout,
        };
        refresh.SetAction((parse, cancellation) => RefreshAsync(
            parse.GetValue(file)!, parse.GetValue(check), parse.GetValue(repositories) ?? [], parse.GetValue(awsTimeout)!, services,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation));

        return new Command("catalog", "The version catalog: EKS support calendar and add-on versions per Kubernetes minor.") { refresh };
    }

    /// <param name="repositories">The <c>--chart-repository NAME=URL</c> overrides; the registry's repositories otherwise.</param>
    /// <param name="awsTimeout"><c>--aws-timeout</c> as typed.</param>
    internal static async Task<int> RefreshAsync(
        string file, bool check, IReadOnlyList<string> repositories, string awsTimeout, CatalogServices services, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var charts = ChartRepository.ForEveryHelmAddon(repositories);
        var usage = charts.Errors.ToList();
        var awsLimit = Durations.Option(AwsTimeoutOption, awsTimeout, usage, aboveZero: true);

        if (usage.Count > 0)
        {
            foreach (var problem in usage)
            {
                await error.WriteLineAsync(ProblemView.TextLine(problem));
            }

            return ExitCodes.Usage;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(file, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var code = e is FileNotFoundException or DirectoryNotFoundException ? ProblemCodes.FileNotFound : ProblemCodes.FileUnreadable;
            return await FailAsync([Problem.Error(code, "--file", file, $"cannot read the catalog: {e.Message}") with { File = file }], error);
        }

        var pins = CatalogPins.Read(text, file);
        if (!pins.IsValid)
        {
            return await FailAsync(pins.Errors, error);
        }

        var (answers, awsProblems) = await CatalogSources.ReadAwsAsync(
            pins.Require().Minors.Select(m => m.Minor), new ProcessTimeout(awsLimit, AwsTimeoutOption), services, cancellation);
        var (indexes, chartProblems) = await CatalogSources.ReadChartsAsync(charts.Require(), services, cancellation);
        if (awsProblems.Count + chartProblems.Count > 0)
        {
            return await FailAsync([.. awsProblems, .. chartProblems], error);
        }

        var result = CatalogRefresh.Apply(pins.Require(), text, answers, indexes);
        foreach (var kept in result.Kept)
        {
            await error.WriteLineAsync(ProblemView.TextLine(kept with { File = file }));
        }

        if (result.IsCurrent)
        {
            await output.WriteLineAsync($"{file}: every add-on pin matches its source.");
            return ExitCodes.Ok;
        }

        foreach (var change in result.Changes)
        {
            await output.WriteLineAsync(change.ToString());
        }

        if (check)
        {
            await output.WriteLineAsync($"{result.Changes.Length} pin(s) in {file} differ from their sources; run `bluegreen catalog refresh` to update them.");
            return ExitCodes.Blocked;
        }

        if (await WriteAtomicallyAsync(file, result.Text, cancellation) is { } failed)
        {
            await error.WriteLineAsync($"error: {file}: cannot write the catalog: {failed}. The file is unchanged.");
            return ExitCodes.Blocked;
        }

        await output.WriteLineAsync($"{file}: {result.Changes.Length} pin(s) updated. The calendar and asOf are edited by hand.");
        return ExitCodes.Ok;
    }

    private static async Task<int> FailAsync(IEnumerable<Problem> problems, TextWriter error)
    {
        foreach (var problem in problems)
        {
            await error.WriteLineAsync(ProblemView.TextLine(problem));
        }

        await error.WriteLineAsync("Nothing was written.");
        return ExitCodes.Blocked;
    }

    /// <summary>
    /// Writes beside the file and renames over it, so a reader never sees half a catalog. Null on success, else why not:
    /// a read-only checkout or a full disk is the user's to fix, not a crash.
    /// </summary>
    private static async Task<string?> WriteAtomicallyAsync(string file, string text, CancellationToken cancellation)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, text, cancellation);
            File.Move(temporary, file, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
        finally
        {
            // Only when it was made: deleting a path the file system refused to create throws too.
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
