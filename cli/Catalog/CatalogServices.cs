using BlueGreen.Cli.Common;

namespace BlueGreen.Cli.Catalog;

/// <summary>The outside world a catalog refresh reads: the aws CLI and the chart repositories. Tests give their own.</summary>
internal sealed record CatalogServices
{
    public required IProcessRunner Processes { get; init; }

    public required HttpClient Http { get; init; }

    public static CatalogServices Default => new()
    {
        Processes = new ProcessRunner(),
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) },
    };
}
