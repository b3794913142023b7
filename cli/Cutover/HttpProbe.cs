using System.Net.Http.Headers;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Cutover;

/// <summary>Probes one color's endpoint; the seam between the cutover loop and the network.</summary>
internal interface IProbe
{
    Color Color { get; }

    Task<ProbeSample> ProbeAsync(CancellationToken cancellation);
}

/// <summary>
/// One GET against a color's endpoint, answered or not within <paramref name="timeout"/>. The timeout is the probe
/// interval, so a hung endpoint still yields a failed sample before the next probe is due.
/// </summary>
internal sealed class HttpProbe(HttpClient client, ProbeEndpoint endpoint, TimeSpan timeout, TimeProvider time) : IProbe
{
    public Color Color => endpoint.Color;

    /// <summary>A client for probes: redirects are answers to judge, not to follow; connections are reused between probes.</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// One untimed request per endpoint before probing starts. The first request to an endpoint pays once for name
    /// resolution, the TCP and TLS handshakes and code warm-up; timed against a short probe interval it would fail a
    /// healthy endpoint. Its answer is not a sample: a dead endpoint still fails the smoke check on the next probes.
    /// </summary>
    public static Task WarmUpAsync(HttpClient client, IEnumerable<ProbeEndpoint> endpoints, CancellationToken cancellation) =>
        Task.WhenAll(endpoints.Select(async endpoint =>
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                using var request = Request(endpoint);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
            {
                // Whatever is wrong with the endpoint, the probes that count will find it.
            }
        }));

    public async Task<ProbeSample> ProbeAsync(CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        using var request = Request(endpoint);
        var started = time.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return ProbeSample.Answered(Color, time.GetUtcNow(), (int)response.StatusCode, time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return ProbeSample.Failed(Color, time.GetUtcNow(), time.GetElapsedTime(started), $"no answer within {Durations.Format(timeout)}");
        }
        catch (HttpRequestException e)
        {
            return ProbeSample.Failed(Color, time.GetUtcNow(), time.GetElapsedTime(started), Describe(e));
        }
    }

    private static HttpRequestMessage Request(ProbeEndpoint endpoint)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, endpoint.Url);
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        if (endpoint.HostHeader is not null)
        {
            request.Headers.Host = endpoint.HostHeader;
        }

        return request;
    }

    private static string Describe(HttpRequestException e)
    {
        var root = e.InnerException ?? e;
        return e.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => $"connection failed: {root.Message}",
            HttpRequestError.NameResolutionError => $"name not resolved: {root.Message}",
            HttpRequestError.SecureConnectionError => $"TLS failed: {root.Message}",
            _ => root.Message,
        };
    }
}
