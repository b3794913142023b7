using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlueGreen.Cli.Tests.Cutover;

/// <summary>
/// A real HTTP server on 127.0.0.1 standing for one color's ingress: it answers 503 whenever <see cref="Failing"/> says so,
/// and does not answer at all while <see cref="Hanging"/> does.
/// </summary>
internal sealed class ColorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ColorServer(WebApplication app)
    {
        _app = app;
    }

    public Func<bool> Failing { get; set; } = () => false;

    public Func<bool> Hanging { get; set; } = () => false;

    /// <summary>Every Host header the probes sent.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Hosts { get; } = [];

    public string HealthUrl => $"{_app.Urls.First()}/healthz";

    public static async Task<ColorServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ColorServer(app);
        app.MapGet("/healthz", async (HttpContext context, CancellationToken aborted) =>
        {
            server.Hosts.Add(context.Request.Host.Host);
            if (server.Hanging())
            {
                await Task.Delay(Timeout.Infinite, aborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            return server.Failing() ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ok");
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
