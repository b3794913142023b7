using BlueGreen.Cli.Common;
using BlueGreen.Core.Catalog.Refresh;
using BlueGreen.Core.Model;

namespace BlueGreen.Cli.Catalog;

/// <summary>Reads the authoritative sources of the add-on pins; every failure becomes a problem naming what failed.</summary>
internal static class CatalogSources
{
    /// <summary>
    /// <c>aws eks describe-addon-versions --kubernetes-version X --output json</c> for each minor, one at a time, each bounded
    /// by <paramref name="timeout"/>: a call that hangs (a stalled endpoint, a credential prompt) is stopped and reported.
    /// </summary>
    public static async Task<(Dictionary<KubernetesVersion, AddonVersionsAnswer> Answers, List<Problem> Problems)> ReadAwsAsync(
        IEnumerable<KubernetesVersion> minors, ProcessTimeout timeout, CatalogServices services, CancellationToken cancellation)
    {
        var answers = new Dictionary<KubernetesVersion, AddonVersionsAnswer>();
        var problems = new List<Problem>();
        foreach (var minor in minors)
        {
            string[] arguments = ["eks", "describe-addon-versions", "--kubernetes-version", minor.ToString(), "--output", "json"];
            var command = $"aws {string.Join(' ', arguments)}";
            var result = await timeout.RunAsync(services.Processes, "aws", arguments, Directory.GetCurrentDirectory(), cancellation);
            if (result is null)
            {
                problems.Add(timeout.TimedOut(command));
                continue;
            }

            if (!result.Succeeded)
            {
                problems.Add(Problem.Error(ProblemCodes.RefreshSourceUnreadable, command, null, result.Failure(command)));
                continue;
            }

            var answer = AddonVersionsAnswer.Parse(result.StandardOutput, minor, command);
            if (answer.IsValid)
            {
                answers[minor] = answer.Require();
            }
            else
            {
                problems.AddRange(answer.Errors);
            }
        }

        return (answers, problems);
    }

    /// <summary>Each chart repository's index.yaml, read in parallel; by add-on name.</summary>
    public static async Task<(Dictionary<string, ChartIndex> Indexes, List<Problem> Problems)> ReadChartsAsync(
        IEnumerable<ChartRepository> charts, CatalogServices services, CancellationToken cancellation)
    {
        var reads = charts.Select(async chart => (chart, result: await ReadIndexAsync(chart.IndexUrl, services.Http, cancellation))).ToList();
        var indexes = new Dictionary<string, ChartIndex>(StringComparer.Ordinal);
        var problems = new List<Problem>();
        foreach (var (chart, result) in await Task.WhenAll(reads))
        {
            if (result.IsValid)
            {
                indexes[chart.Addon.Name] = result.Require();
            }
            else
            {
                problems.AddRange(result.Errors);
            }
        }

        return (indexes, problems);
    }

    private static async Task<Validated<ChartIndex>> ReadIndexAsync(Uri url, HttpClient http, CancellationToken cancellation)
    {
        var where = $"GET {url}";
        try
        {
            using var response = await http.GetAsync(url, cancellation);
            if (!response.IsSuccessStatusCode)
            {
                return Failed(where, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            return ChartIndex.Parse(await response.Content.ReadAsStringAsync(cancellation), where);
        }
        catch (HttpRequestException e)
        {
            return Failed(where, e.Message);
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return Failed(where, $"no answer within {http.Timeout.TotalSeconds:0} s");
        }
    }

    private static Validated<ChartIndex> Failed(string where, string why) =>
        Validated<ChartIndex>.Invalid([Problem.Error(ProblemCodes.RefreshSourceUnreadable, where, null, $"the chart repository could not be read: {why}.")]);
}
