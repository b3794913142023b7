namespace BlueGreen.Cli.Tests;

/// <summary>Runs the real command tree in-process, with the process's streams replaced by strings.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await BlueGreenCli.RunAsync(args, output, error);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public static string Fixture(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);
}
