using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Deprecations;

/// <summary>
/// The I/O edge of the deprecation check: expands the paths a user gives into manifest files, reads and parses them,
/// and checks every object against the target version. Unreadable or unparsable files become <see cref="ScanError"/>s
/// and the scan goes on with the others.
/// </summary>
public static class ManifestScanner
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    // Hidden entries (.git, .terraform) are skipped, as are directories the user cannot read.
    private static readonly EnumerationOptions SearchRecursively = new() { RecurseSubdirectories = true };

    /// <param name="paths">Files (scanned whatever their extension) and directories (searched recursively for *.yaml, *.yml, *.json).</param>
    /// <param name="target">The green cluster's version.</param>
    /// <param name="from">The blue cluster's version, when known, to place each removal relative to the jump.</param>
    /// <param name="progress">Told after each file; reports may arrive from several threads.</param>
    public static async Task<ScanReport> ScanAsync(
        IEnumerable<string> paths,
        KubernetesVersion target,
        KubernetesVersion? from = null,
        IProgress<ScanProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var (files, pathErrors) = ExpandPaths(paths);
        var parsed = new ParsedFile[files.Length];
        var done = 0;

        // Files are independent: parse them in parallel, then put results back in path order so output is stable.
        await Parallel.ForAsync(0, files.Length, cancellationToken, async (index, token) =>
        {
            parsed[index] = await ReadAndParseAsync(files[index], token).ConfigureAwait(false);
            progress?.Report(new ScanProgress(Interlocked.Increment(ref done), files.Length));
        }).ConfigureAwait(false);

        var objects = parsed.SelectMany(p => p.Objects).ToImmutableArray();
        var reviewed = DeprecatedApiTable.Default.ReviewedThrough;
        return new ScanReport
        {
            Caveat = target > reviewed
                ? $"the table of removed APIs was reviewed through Kubernetes {reviewed}: removals in later minors, up to {target}, are not known to it"
                : null,
            Target = target,
            From = from,
            Findings = ApiDeprecations.Check(objects, target, from),
            Errors = pathErrors
                .Concat(parsed.Select(p => p.Error).OfType<ScanError>())
                .OrderBy(e => e.File, StringComparer.Ordinal)
                .ThenBy(e => e.Line)
                .ToImmutableArray(),
            FilesScanned = files.Length,
            ObjectsSeen = objects.Length,
        };
    }

    /// <summary>The manifest files the paths stand for, sorted and without duplicates, and the paths that do not exist.</summary>
    internal static (ImmutableArray<string> Files, ImmutableArray<ScanError> Errors) ExpandPaths(IEnumerable<string> paths)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var errors = ImmutableArray.CreateBuilder<ScanError>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.UnionWith(Directory
                    .EnumerateFiles(path, "*", SearchRecursively)
                    .Where(IsManifestFile));
            }
            else
            {
                errors.Add(new ScanError(path, null, "no such file or directory"));
            }
        }

        return (files.ToImmutableArray(), errors.ToImmutable());
    }

    private static async Task<ParsedFile> ReadAndParseAsync(string file, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ParsedFile([], new ScanError(file, null, $"cannot be read: {e.Message}"));
        }

        return ManifestParser.Parse(file, text);
    }

    private static bool IsManifestFile(string file) =>
        ManifestExtensions.Any(extension => file.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
}
