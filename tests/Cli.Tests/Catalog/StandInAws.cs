using BlueGreen.Cli.Catalog;
using BlueGreen.Cli.Cutover;

namespace BlueGreen.Cli.Tests.Catalog;

/// <summary>
/// A temporary directory with a stand-in <c>aws</c> (Fixtures/Catalog/aws.sh) and its recorded answers, and a copy of a
/// catalog fixture pointing at the chart server. Only processes started with <see cref="PathVariable"/> see the stand-in
/// first on PATH; the test process's own PATH is left alone, since tests run in parallel.
/// </summary>
internal sealed class StandInAws : IDisposable
{
    public StandInAws(string catalogFixture, string chartsUrl)
    {
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
        File.WriteAllText(CatalogFile, Fixture(catalogFixture, chartsUrl));
    }

    public string Root { get; }

    public string CatalogFile { get; }

    public string PathVariable => $"{Path.Combine(Root, "bin")}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";

    /// <summary>Services whose processes see the stand-in aws first on PATH; <paramref name="withAws"/> false leaves no aws at all.</summary>
    public CatalogServices Services(bool withAws = true) => new()
    {
        Processes = new ProcessRunner(new Dictionary<string, string> { ["PATH"] = withAws ? PathVariable : Path.Combine(Root, "empty") }),
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
    };

    public string Text => File.ReadAllText(CatalogFile);

    /// <summary>A catalog fixture with its chart repositories pointed at the local server.</summary>
    public static string Fixture(string name, string chartsUrl) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Catalog", name)).Replace("{{charts}}", chartsUrl, StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
