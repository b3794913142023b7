using System.Globalization;
using BlueGreen.Cli.Common;

namespace BlueGreen.Cli.State;

/// <summary>The user's word that green may take the writes: one try, passed or not, with what was seen.</summary>
internal interface IReadinessCheck
{
    string Description { get; }

    Task<(bool Passed, string Detail)> CheckAsync(CancellationToken cancellation);
}

/// <summary><c>--readiness URL</c>: passes on a 2xx answer.</summary>
internal sealed class HttpReadinessCheck(HttpClient client, Uri url, TimeSpan timeout) : IReadinessCheck
{
    public string Description => $"GET {url}";

    public async Task<(bool Passed, string Detail)> CheckAsync(CancellationToken cancellation)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return (response.IsSuccessStatusCode, $"HTTP {status}");
        }
        catch (HttpRequestException e)
        {
            return (false, e.Message);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return (false, $"no answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s");
        }
    }
}

/// <summary><c>--readiness-command CMD</c>: run by <c>sh -c</c>, passes on exit code 0.</summary>
internal sealed class CommandReadinessCheck(IProcessRunner processes, string command, string workingDirectory) : IReadinessCheck
{
    public string Description => command;

    public async Task<(bool Passed, string Detail)> CheckAsync(CancellationToken cancellation)
    {
        var result = await processes.RunAsync("sh", ["-c", command], workingDirectory, cancellation);
        return result.Succeeded ? (true, "exit 0") : (false, result.Failure(command));
    }
}
