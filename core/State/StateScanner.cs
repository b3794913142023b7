using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.State;

/// <summary>The I/O edge of the stateful inventory: the same manifest files the deprecation scan reads, read for state.</summary>
public static class StateScanner
{
    /// <param name="paths">Files and directories, expanded exactly as <c>bluegreen scan</c> and <c>plan --manifests</c> expand them.</param>
    public static async Task<StateInventory> ScanAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default) =>
        StateInventory.From(await ReadAsync(paths, cancellationToken).ConfigureAwait(false));

    internal static async Task<IReadOnlyList<ReadObjects>> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var read = new List<ReadObjects>();
        foreach (var (file, problem) in ManifestFiles.Enumerate(paths))
        {
            read.Add(problem is null
                ? await ReadFileAsync(file, cancellationToken).ConfigureAwait(false)
                : Unreadable(file, ProblemCodes.FileUnreadable, problem));
        }

        return read;
    }

    private static async Task<ReadObjects> ReadFileAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            // The scan's limit holds here too: a full document tree of a larger file would cost many times its size.
            if (new FileInfo(file).Length > ScanLimits.MaxFileBytes)
            {
                return Unreadable(file, ProblemCodes.FileTooLarge, $"is larger than {ScanLimits.MaxFileBytes / (1024 * 1024)} MiB, the most a manifest is read whole");
            }

            return StateManifestReader.Read(file, await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(file, ProblemCodes.FileUnreadable, $"cannot be read: {e.Message}");
        }
    }

    private static ReadObjects Unreadable(string file, string code, string message) =>
        new([], [], [], [Problem.Error(code, "manifest", null, message) with { File = file }]);

    /// <summary>The inventory of text already in hand (a manifest, or what <c>kubectl get -o json</c> printed).</summary>
    public static StateInventory Of(string source, string text) => StateInventory.From([StateManifestReader.Read(source, text)]);
}
