using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlueGreen.Cli.Tests.Catalog;

/// <summary>
/// A real HTTP server on 127.0.0.1 serving the recorded index.yaml of each chart repository (Fixtures/Catalog/charts)
/// under /&lt;repository&gt;/index.yaml, as GitHub Pages serves them; anything else is a 404, and /garbage/index.yaml is HTML.
/// </summary>
internal sealed class ChartRepositories : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChartRepositories(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();

    /// <summary>How many times each index.yaml was asked for.</summary>
    public Dictionary<string, int> Requests { get; } = [];

    public static async Task<ChartRepositories> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ChartRepositories(app);
        app.MapGet("/{repository}/index.yaml", (string repository) =>
        {
            lock (server.Requests)
            {
                server.Requests[repository] = server.Requests.GetValueOrDefault(repository) + 1;
            }

            if (repository == "garbage")
            {
                return Results.Text("<html><body>[ this is not an index</body></html>", "text/html");
            }

            var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Catalog", "charts", $"{repository}.yaml");
            return File.Exists(file) ? Results.Text(File.ReadAllText(file), "application/x-yaml") : Results.NotFound();
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
