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
        var (files, errors) = ManifestScanner.ExpandPaths(paths);
        var read = new List<ReadObjects>();
        foreach (var file in files)
        {
            try
            {
                read.Add(StateManifestReader.Read(file, await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                read.Add(new ReadObjects([], [], [], [Problem.Error(ProblemCodes.FileUnreadable, "manifest", null, $"cannot be read: {e.Message}") with { File = file }]));
            }
        }

        read.Add(new ReadObjects([], [], [], [.. errors.Select(e => Problem.Error(ProblemCodes.FileNotFound, "manifest", null, e.Message) with { File = e.File })]));
        return read;
    }

    /// <summary>The inventory of text already in hand (a manifest, or what <c>kubectl get -o json</c> printed).</summary>
    public static StateInventory Of(string source, string text) => StateInventory.From([StateManifestReader.Read(source, text)]);
}
