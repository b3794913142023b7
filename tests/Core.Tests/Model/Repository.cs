namespace BlueGreen.Core.Tests.Model;

/// <summary>The repository the tests run from, for tests that read its sources and documentation.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "README.md")) && File.Exists(Path.Combine(directory.FullName, "core", "BlueGreen.Core.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No repository root above {AppContext.BaseDirectory}.");
    }
}
