using System.Runtime.CompilerServices;

namespace BlueGreen.Core.Tests.Model;

/// <summary>The repository the tests run from, for tests that read its sources, data files and documentation.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A file of the repository, by its path from the root with '/' separators.</summary>
    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    // Found from this source file rather than the test binaries, which may be built under any --artifacts-path.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        for (var directory = new FileInfo(sourceFile).Directory; directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "README.md")) && System.IO.File.Exists(Path.Combine(directory.FullName, "core", "BlueGreen.Core.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No repository root above {sourceFile}.");
    }
}
