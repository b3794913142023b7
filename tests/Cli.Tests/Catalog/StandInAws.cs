using BlueGreen.Cli.Catalog;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Cutover;

namespace BlueGreen.Cli.Tests.Catalog;

/// <summary>
/// A temporary directory with a stand-in <c>aws</c> (Fixtures/Catalog/aws.sh) and its recorded answers, and a copy of a
/// catalog fixture; <see cref="Repositories"/> points each chart of the registry at the chart server. Only processes started with <see cref="PathVariable"/> see the stand-in
/// first on PATH; the test process's own PATH is left alone, since tests run in parallel.
/// </summary>
internal sealed class StandInAws : IDisposable
{
    public StandInAws(string catalogFixture, string chartsUrl)
    {
        ChartsUrl = chartsUrl;
        Root = Directory.CreateTempSubdirectory("bluegreen-catalog-").FullName;
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Catalog");
        Directory.CreateDirectory(Path.Combine(Root, "bin"));
        Directory.CreateDirectory(Path.Combine(Root, "aws"));
        var script = Path.Combine(Root, "bin", "aws");
        File.Copy(Path.Combine(fixtures, "aws.sh"), script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var answer in Directory.GetFiles(Path.Combine(fixtures, "aws")))
        {
            File.Copy(answer, Path.Combine(Root, "aws", Path.GetFileName(answer)));
        }

        CatalogFile = Path.Combine(Root, "eks-versions.data.yaml");
        File.WriteAllText(CatalogFile, Fixture(catalogFixture));
    }

    public string ChartsUrl { get; }

    /// <summary>
    /// The <c>--chart-repository</c> overrides that send every Helm add-on of the registry to the chart server, under the
    /// name its recorded index.yaml has there; <paramref name="loadBalancerRepository"/> serves that chart from another path.
    /// </summary>
    public string[] Repositories(string loadBalancerRepository = "eks-charts") =>
    [
        $"cluster-autoscaler={ChartsUrl}/autoscaler",
        $"metrics-server={ChartsUrl}/metrics-server/",
        $"aws-load-balancer-controller={ChartsUrl}/{loadBalancerRepository}",
        $"velero={ChartsUrl}/vmware-tanzu",
    ];

    public string Root { get; }

    public string CatalogFile { get; }

    public string PathVariable => $"{Path.Combine(Root, "bin")}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";

    /// <summary>Services whose processes see the stand-in aws first on PATH; <paramref name="withAws"/> false leaves no aws at all.</summary>
    public CatalogServices Services(bool withAws = true) => new()
    {
        Processes = new ProcessRunner(new Dictionary<string, string> { ["PATH"] = withAws ? PathVariable : Path.Combine(Root, "empty") }, TimeSpan.FromSeconds(5)),
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
    };

    public string Text => File.ReadAllText(CatalogFile);

    /// <summary>The describe-addon-versions call for that minor hangs until it is stopped.</summary>
    public void Hangs(string minor) => File.WriteAllText(Path.Combine(Root, "aws", $"{minor}.hang"), "");

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Catalog", name));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
