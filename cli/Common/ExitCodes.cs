namespace BlueGreen.Cli.Common;

/// <summary>What the process tells CI; documented in every command's --help and in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Done: nothing blocks, the cutover completed, the rollback landed.</summary>
    public const int Ok = 0;

    /// <summary>Something blocks: a removed API, invalid settings, a no-go plan, a rolled-back, aborted or refused cutover.</summary>
    public const int Blocked = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    /// <summary>A bug: an unexpected exception. Never a verdict about the input or the traffic.</summary>
    public const int InternalError = 3;

    /// <summary>Traffic went back to the source, but the source fails its gates too: both colors are unhealthy.</summary>
    public const int BothColorsFailing = 4;

    /// <summary>Stopped by SIGINT (Ctrl+C): 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (a cancelled CI job): 128 + 15.</summary>
    public const int Terminated = 143;

    public const string HelpText =
        "Exit codes: 0 nothing blocks; 1 something blocks (removed API, invalid settings, no-go plan, cutover rolled back, aborted or refused); " +
        "2 usage error; 3 internal error (a bug, never a verdict); 4 rolled back but the source fails its gates too (both colors unhealthy); " +
        "130 stopped by SIGINT, 143 by SIGTERM.";
}
