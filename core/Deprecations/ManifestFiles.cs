using System.Runtime.InteropServices;

namespace BlueGreen.Core.Deprecations;

/// <summary>A path to read as a manifest, or the reason a path given or found cannot be.</summary>
/// <param name="Path">As the user gave it, or as found under a directory they gave.</param>
/// <param name="Problem">Set when the path cannot be scanned: missing, unreadable, not a regular file.</param>
/// <remarks>
/// A class, like every type a scan keeps in a collection: the framework's precompiled code for collections of
/// references serves it, where a struct would have each collection method JIT-compiled for it at every start.
/// </remarks>
internal sealed record ManifestPath(string Path, string? Problem);

/// <summary>
/// Expands the paths a user gives into the files <c>kubectl apply -R</c> would read: every *.yaml, *.yml and *.json
/// under each directory, hidden directories included (<c>.deploy/</c>), <c>.git</c> excluded, symbolic links
/// followed. Each real file is yielded once whatever the links that lead to it, and a link loop is never walked
/// twice, because files and directories are told apart by device and inode (by resolved path where the system does
/// not say). What cannot be read is yielded as a problem rather than skipped in silence: a directory that cannot be
/// listed, a link to nothing, a FIFO, device or socket (never opened: opening a FIFO blocks until a writer comes).
/// </summary>
/// <remarks>
/// Shared by the scan and anything else that walks manifest trees: it yields lazily, in a stable order (arguments in
/// the order given, directory entries in ordinal order, depth first), and keeps only the identities it has seen.
/// </remarks>
internal static class ManifestFiles
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    // Hidden entries are read (the default skips them); a directory that cannot be listed must throw, not vanish.
    private static readonly EnumerationOptions OneLevel = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

    public static IEnumerable<ManifestPath> Enumerate(IEnumerable<string> paths)
    {
        var seen = new HashSet<FileIdentity>();
        foreach (var path in paths)
        {
            var entry = Entry.Of(path);
            if (entry.Problem is { } problem)
            {
                yield return new ManifestPath(path, problem);
            }
            else if (entry.Type == FileType.Directory)
            {
                foreach (var found in Walk(entry, seen))
                {
                    yield return found;
                }
            }
            else if (seen.Add(entry.Identity))
            {
                // A file named explicitly is read whatever its extension, as kubectl apply -f does.
                yield return entry.Type == FileType.Regular ? new ManifestPath(path, null) : new ManifestPath(path, NotRegular(entry.Type));
            }
        }
    }

    private static IEnumerable<ManifestPath> Walk(Entry root, HashSet<FileIdentity> seen)
    {
        // An explicit stack: a deep tree must not cost call-stack depth.
        var pending = new Stack<Entry>();
        pending.Push(root);
        while (pending.TryPop(out var directory))
        {
            if (!seen.Add(directory.Identity))
            {
                continue;
            }

            string[] entries;
            string? listingProblem = null;
            try
            {
                entries = Directory.GetFileSystemEntries(directory.Path, "*", OneLevel);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                entries = [];
                listingProblem = $"directory cannot be read: {e.Message}";
            }

            if (listingProblem is not null)
            {
                yield return new ManifestPath(directory.Path, listingProblem);
                continue;
            }

            Array.Sort(entries, StringComparer.Ordinal);
            var subdirectories = new List<Entry>();
            foreach (var path in entries)
            {
                var entry = Entry.Of(path);
                var isManifest = IsManifestName(path);
                if (entry.Problem is { } problem)
                {
                    // A dangling link or an entry that vanished: only worth saying when it was meant to be a manifest.
                    if (isManifest)
                    {
                        yield return new ManifestPath(path, problem);
                    }
                }
                else if (entry.Type == FileType.Directory)
                {
                    if (System.IO.Path.GetFileName(path) != ".git")
                    {
                        subdirectories.Add(entry);
                    }
                }
                else if (isManifest && seen.Add(entry.Identity))
                {
                    yield return entry.Type == FileType.Regular ? new ManifestPath(path, null) : new ManifestPath(path, NotRegular(entry.Type));
                }
            }

            // Pushed in reverse so that they are walked in ordinal order.
            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }
    }

    private static bool IsManifestName(string path) =>
        ManifestExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    private static string NotRegular(FileType type) =>
        $"is a {type switch { FileType.Fifo => "FIFO", FileType.Device => "device", FileType.Socket => "socket", _ => "special file" }}, not a regular file: not read";

    private enum FileType
    {
        Regular,
        Directory,
        Fifo,
        Device,
        Socket,
        Other,
    }

    /// <summary>Device and inode of a path, links followed: the same real file has the same identity by any path.</summary>
    private sealed record FileIdentity(ulong Device, ulong Inode, string? ResolvedPath)
    {
        public static readonly FileIdentity Unknown = new(0, 0, null);
    }

    /// <summary>A path as found, what it is, and its identity; or why it cannot be told (then Problem is set).</summary>
    private sealed record Entry(string Path, FileIdentity Identity, FileType Type, string? Problem)
    {
        public static Entry Of(string path) =>
            OperatingSystem.IsLinux() ? OfLinux(path) : OfPortable(path);

        private static Entry OfLinux(string path)
        {
            if (StatX.Stat(path, out var status) is { } error)
            {
                return new(path, FileIdentity.Unknown, FileType.Other, error);
            }

            var type = (status.Mode & 0xF000) switch
            {
                0x8000 => FileType.Regular,
                0x4000 => FileType.Directory,
                0x1000 => FileType.Fifo,
                0x2000 or 0x6000 => FileType.Device,
                0xC000 => FileType.Socket,
                _ => FileType.Other,
            };
            return new(path, new FileIdentity(((ulong)status.DeviceMajor << 32) | status.DeviceMinor, status.Inode, null), type, null);
        }

        /// <summary>Elsewhere the real path stands for the identity, and only directories and files are told apart.</summary>
        private static Entry OfPortable(string path)
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (!info.Exists)
            {
                return new(path, FileIdentity.Unknown, FileType.Other, info.LinkTarget is null ? "no such file or directory" : $"is a link to {info.LinkTarget}, which does not exist");
            }

            var real = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
            return new(path, new FileIdentity(0, 0, real), info is DirectoryInfo ? FileType.Directory : FileType.Regular, null);
        }
    }

    /// <summary>Linux statx(2): its struct has one layout on every architecture, unlike stat(2)'s.</summary>
    private static class StatX
    {
        private const int AtCurrentDirectory = -100;
        private const uint TypeAndInode = 0x1 | 0x100;

        public static string? Stat(string path, out Status status)
        {
            if (statx(AtCurrentDirectory, path, 0, TypeAndInode, out status) == 0)
            {
                return null;
            }

            return Marshal.GetLastPInvokeError() switch
            {
                2 => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is null
                    ? "no such file or directory"
                    : $"is a link to {new FileInfo(path).LinkTarget}, which does not exist",
                13 => "cannot be read: permission denied",
                40 => "is a loop of symbolic links",
                var errno => $"cannot be read: {Marshal.GetPInvokeErrorMessage(errno)}",
            };
        }

        [StructLayout(LayoutKind.Explicit, Size = 256)]
        public struct Status
        {
            [FieldOffset(28)]
            public ushort Mode;

            [FieldOffset(32)]
            public ulong Inode;

            [FieldOffset(136)]
            public uint DeviceMajor;

            [FieldOffset(140)]
            public uint DeviceMinor;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, out Status status);
    }
}
