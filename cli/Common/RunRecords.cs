namespace BlueGreen.Cli.Common;

/// <summary>The files a run leaves behind (summary, timeline): written when possible, a warning when not, never a changed outcome.</summary>
internal static class RunRecords
{
    public static void EnsureDirectory(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    public static async Task WriteAsync(string option, string path, Func<string> render, TextWriter warnings)
    {
        try
        {
            EnsureDirectory(path);
            await File.WriteAllTextAsync(path, render(), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await warnings.WriteLineAsync($"warning: {option} = {path}: cannot be written ({e.Message}); the outcome stands");
        }
    }
}
