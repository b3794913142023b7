using System.Buffers;
using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Deprecations;

/// <summary>
/// The I/O edge of the deprecation check: expands the paths a user gives into manifest files
/// (<see cref="ManifestFiles"/>), reads each into a reused buffer, finds its objects and checks them against the
/// target version at once, keeping only the findings. Memory is bounded by the largest file, not by the corpus.
/// Files that cannot be read or parsed become <see cref="ScanError"/>s and the scan goes on with the others.
/// </summary>
public static class ManifestScanner
{
    /// <summary>The path that stands for standard input, as in <c>kubectl apply -f -</c>.</summary>
    public const string StandardInputPath = "-";

    /// <param name="paths">Files (scanned whatever their extension), directories (searched recursively for *.yaml, *.yml, *.json), or "-" for standard input.</param>
    /// <param name="target">The green cluster's version.</param>
    /// <param name="from">The blue cluster's version, when known, to place each removal relative to the jump.</param>
    /// <param name="progress">Told after each file; reports may arrive from several threads.</param>
    /// <param name="mode">Strict (every document parsed in full) unless the caller accepts the fast reader's terms.</param>
    /// <param name="standardInput">Opens what "-" reads; without it, "-" is a path like any other.</param>
    public static async Task<ScanReport> ScanAsync(
        IEnumerable<string> paths,
        KubernetesVersion target,
        KubernetesVersion? from = null,
        IProgress<ScanProgress>? progress = null,
        CancellationToken cancellationToken = default,
        ScanMode mode = ScanMode.Strict,
        Func<Stream>? standardInput = null)
    {
        // Listed first, so that progress has a total; each entry is let go once its file is read, and only what a file
        // has to report is kept (its path only where a finding or an error names it): memory follows the findings and
        // the largest file, not the number of files.
        ManifestPath?[] sources = [.. standardInput is null ? ManifestFiles.Enumerate(paths) : WithStandardInput(paths)];
        var results = new FileResult?[sources.Length];
        var files = sources.Count(s => s!.Problem is null);
        var done = 0;
        var objects = 0;

        // Files are independent: scan them in parallel, then put results back in path order so output is stable.
        // The wait itself is cancellable: a read of standard input cannot be interrupted and may block until its
        // writer closes the pipe, and Ctrl+C must still end the scan (the blocked read is abandoned with the process).
        await Task.Run(
            () => Parallel.For(0, sources.Length, new ParallelOptions { CancellationToken = cancellationToken }, index =>
            {
                var source = sources[index]!;
                sources[index] = null;
                if (source.Problem is { } problem)
                {
                    results[index] = new FileResult([], [new ScanError(source.Path, null, problem)], 0);
                    return;
                }

                var result = ScanFile(source.Path, standardInput, mode, target, from);
                Interlocked.Add(ref objects, result.Objects);
                results[index] = result.Findings.IsEmpty && result.Errors.IsEmpty ? null : result;
                progress?.Report(new ScanProgress(Interlocked.Increment(ref done), files));
            }),
            cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);

        var reviewed = DeprecatedApiTable.Default.ReviewedThrough;
        return new ScanReport
        {
            Caveat = target > reviewed
                ? $"the table of removed APIs was reviewed through Kubernetes {reviewed}: removals in later minors, up to {target}, are not known to it"
                : null,
            Target = target,
            From = from,
            Findings = results
                .SelectMany(r => r?.Findings ?? [])
                .OrderBy(f => f.Object.File, StringComparer.Ordinal)
                .ThenBy(f => f.Object.Line)
                .ToImmutableArray(),
            Errors = results
                .SelectMany(r => r?.Errors ?? [])
                .OrderBy(e => e.File, StringComparer.Ordinal)
                .ThenBy(e => e.Line)
                .ToImmutableArray(),
            FilesScanned = files,
            ObjectsSeen = objects,
        };
    }

    private static IEnumerable<ManifestPath> WithStandardInput(IEnumerable<string> paths)
    {
        var others = new List<string>();
        var standardInput = false;
        foreach (var path in paths)
        {
            if (path == StandardInputPath)
            {
                standardInput = true;
            }
            else
            {
                others.Add(path);
            }
        }

        return standardInput ? ManifestFiles.Enumerate(others).Prepend(new ManifestPath(StandardInputPath, null)) : ManifestFiles.Enumerate(others);
    }

    /// <summary>What one file contributed: its findings, its errors and how many objects it declared.</summary>
    private sealed record FileResult(ImmutableArray<ApiFinding> Findings, ImmutableArray<ScanError> Errors, int Objects);

    private static FileResult ScanFile(string path, Func<Stream>? standardInput, ScanMode mode, KubernetesVersion target, KubernetesVersion? from)
    {
        byte[]? buffer = null;
        try
        {
            (buffer, var length) = path == StandardInputPath && standardInput is not null ? ReadStream(standardInput()) : ReadFile(path);
            if (length > ScanLimits.MaxFileBytes)
            {
                return new FileResult([], [new ScanError(path, null, $"is larger than {ScanLimits.MaxFileBytes / 1024 / 1024} MiB, the most a scan reads from one file: split it")], 0);
            }

            var utf8 = buffer.AsMemory(0, length);
            var parsed = mode == ScanMode.Fast ? FastManifestReader.Read(path, utf8) : ManifestParser.Parse(path, utf8, firstLine: 1);
            return new FileResult(ApiDeprecations.Unordered(DeprecatedApiTable.Default, parsed.Objects, target, from), parsed.Errors, parsed.Objects.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileResult([], [new ScanError(path, null, $"cannot be read: {e.Message}")], 0);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The whole file into a pooled buffer; a file over the limit is not read at all (its length says so).</summary>
    private static (byte[] Buffer, int Length) ReadFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var size = RandomAccess.GetLength(handle);
        if (size > ScanLimits.MaxFileBytes)
        {
            return (ArrayPool<byte>.Shared.Rent(0), ScanLimits.MaxFileBytes + 1);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)size + 1);
        var length = 0;

        // Read to the end rather than trust the size: a file may grow while it is read; past the limit it is refused.
        while (length <= ScanLimits.MaxFileBytes)
        {
            if (length == buffer.Length)
            {
                buffer = Grow(buffer, length);
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(length, Math.Min(buffer.Length, ScanLimits.MaxFileBytes + 1) - length), length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return (buffer, length);
    }

    private static (byte[] Buffer, int Length) ReadStream(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var length = 0;
        while (length <= ScanLimits.MaxFileBytes)
        {
            if (length == buffer.Length)
            {
                buffer = Grow(buffer, length);
            }

            var read = stream.Read(buffer.AsSpan(length, Math.Min(buffer.Length, ScanLimits.MaxFileBytes + 1) - length));
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return (buffer, length);
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, ScanLimits.MaxFileBytes + 1L));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
