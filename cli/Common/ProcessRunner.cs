using System.Diagnostics;
using System.Runtime.InteropServices;

namespace BlueGreen.Cli.Common;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of stderr (or stdout when stderr is empty): what a person needs to see why a command failed.</summary>
    public string Failure(string command)
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        var tail = string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
        return $"`{command}` exited with {ExitCode}" + (tail.Length == 0 ? "" : $": {tail}");
    }
}

/// <summary>Runs external programs (the pulumi CLI); the seam tests use to put a fake pulumi in front.</summary>
internal interface IProcessRunner
{
    /// <summary>
    /// Runs a program to its end. When <paramref name="cancellation"/> fires, the program is asked to stop the way Ctrl+C
    /// asks (SIGINT, which pulumi answers by cancelling its update cleanly), given a bounded grace, then killed with every
    /// process it started; the call then throws <see cref="OperationCanceledException"/>, never leaving a child behind.
    /// </summary>
    Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellation);
}

/// <summary>
/// Starts programs with an environment of their own. The program is looked up on that environment's PATH, not this
/// process's: .NET resolves a bare program name against the parent's PATH, which would ignore the PATH given here.
/// </summary>
internal sealed class ProcessRunner(IReadOnlyDictionary<string, string>? environment = null, TimeSpan? cancelGrace = null) : IProcessRunner
{
    /// <summary>Exit code of a program that could not be started, as shells report a command not found.</summary>
    public const int NotFound = 127;

    /// <summary>How long a cancelled pulumi gets to finish cancelling its update (it writes the stack's state last) before it is killed.</summary>
    public static readonly TimeSpan DefaultCancelGrace = TimeSpan.FromSeconds(30);

    private const int SigInt = 2;

    private readonly TimeSpan _grace = cancelGrace ?? DefaultCancelGrace;

    public async Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellation)
    {
        var path = environment?.GetValueOrDefault("PATH") ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        var executable = Resolve(program, path);
        if (executable is null)
        {
            return new ProcessResult(NotFound, "", $"{program}: not found on PATH ({path})");
        }

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Process.Start returned no process for {executable}.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            throw;
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private async Task StopAsync(Process process)
    {
        if (!process.HasExited && !OperatingSystem.IsWindows())
        {
            _ = Kill(process.Id, SigInt);
            using var grace = new CancellationTokenSource(_grace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // It did not finish cancelling within the grace: killed below.
            }
        }

        // Also after a clean exit: whatever it started (plugins, language hosts) must not outlive it.
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
    }

    // .NET can kill a process but not send it another signal; SIGINT is what makes pulumi cancel instead of dying mid-write.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static string? Resolve(string program, string path)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }

        var extensions = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [""];
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => extensions.Select(extension => Path.Combine(directory, program + extension)))
            .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) &&
        (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
