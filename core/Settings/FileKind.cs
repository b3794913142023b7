using System.Runtime.InteropServices;

namespace BlueGreen.Core.Settings;

/// <summary>
/// Whether a path is a regular file, asked without opening it: opening a FIFO blocks until someone writes to it,
/// and .NET exposes no file type. Linux's statx answers in a layout that is the same on every architecture.
/// </summary>
internal static class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const ushort TypeMask = 0xF000;
    private const ushort Regular = 0x8000;

    /// <summary>True or false where the system can tell (Linux); null elsewhere, where only the size bound protects.</summary>
    public static bool? IsRegular(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var buffer = new byte[256];
            return Statx(AtFdCwd, path, 0, StatxType, buffer) == 0
                ? (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) == Regular
                : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    // DllImport rather than LibraryImport, which would need unsafe code in the project for this one call.
    [DllImport("libc", EntryPoint = "statx")]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
