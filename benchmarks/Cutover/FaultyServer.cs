using System.Collections.Concurrent;
using BlueGreen.Core.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlueGreen.Benchmarks.Cutover;

internal enum Fault
{
    /// <summary>The endpoint answers 503 at once.</summary>
    Error,

    /// <summary>The endpoint stops answering: the probe runs into its timeout.</summary>
    Hang,
}

/// <summary>
/// One Kestrel server on 127.0.0.1 standing for both colors of many concurrent runs: /runs/{run}/{color} answers 200
/// until a fault is injected for that run and color.
/// </summary>
internal sealed class FaultyServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(int Run, string Color), Fault> _faults = new();
    private readonly WebApplication _app;

    private FaultyServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Url(int run, string color) => new($"{_app.Urls.First()}/runs/{run}/{color}");

    public void Inject(int run, string color, Fault fault) => _faults[(run, color)] = fault;

    public void Clear(int run, string color) => _faults.TryRemove((run, color), out _);

    public static async Task<FaultyServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FaultyServer(app);
        app.MapGet("/runs/{run:int}/{color}", async (int run, string color, CancellationToken aborted) =>
        {
            switch (server._faults.TryGetValue((run, color), out var fault) ? fault : (Fault?)null)
            {
                case Fault.Error:
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                case Fault.Hang:
                    await Task.Delay(Timeout.Infinite, aborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
                default:
                    return Results.Text("ok");
            }
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
