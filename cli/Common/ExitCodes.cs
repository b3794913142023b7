namespace BlueGreen.Cli.Common;

/// <summary>What the process tells CI; documented in every command's --help.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing blocks.</summary>
    public const int Ok = 0;

    /// <summary>Something blocks: a removed API, invalid settings, a no-go plan, a rolled-back or aborted cutover.</summary>
    public const int Blocked = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    public const string HelpText = "Exit codes: 0 nothing blocks; 1 something blocks (removed API, invalid settings, no-go plan, failed cutover); 2 usage error.";
}
