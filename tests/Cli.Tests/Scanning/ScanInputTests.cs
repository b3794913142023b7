using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;

namespace BlueGreen.Cli.Tests.Scanning;

/// <summary>What <c>scan</c> reads: standard input, empty folders, folders it may not list, and how strictly.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ScanInputTests : IDisposable
{
    private const string RemovedCronJob = "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: report\n";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bluegreen-scan-cli-");

    public void Dispose()
    {
        foreach (var directory in _root.EnumerateDirectories("*", SearchOption.AllDirectories))
        {
            directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task A_dash_scans_standard_input()
    {
        var run = await Tool.Run(RemovedCronJob, "scan", "-", "--target-version", "1.35", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("-", finding.GetProperty("file").GetString());
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task A_folder_without_kubernetes_objects_is_a_caution_in_the_table()
    {
        var run = await CliRun.Of("scan", _root.FullName, "--target-version", "1.35");

        Assert.Contains("Caution: no Kubernetes objects were found", run.Output);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task A_folder_without_kubernetes_objects_leaves_json_to_its_contract_and_warns_on_stderr()
    {
        var run = await CliRun.Of("scan", _root.FullName, "--target-version", "1.35", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(0, json.RootElement.GetProperty("findings").GetArrayLength());
        Assert.StartsWith("warning: no Kubernetes objects were found", run.Error);
    }

    [Fact]
    public async Task A_syntax_error_below_a_header_is_an_error_with_strict_and_not_without()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "cronjob.yaml"), RemovedCronJob + "spec:\n  schedule: [unclosed\n");

        var fast = await CliRun.Of("scan", _root.FullName, "--target-version", "1.35", "--output", "json");
        var strict = await CliRun.Of("scan", _root.FullName, "--target-version", "1.35", "--output", "json", "--strict");

        using var fastJson = JsonDocument.Parse(fast.Output);
        using var strictJson = JsonDocument.Parse(strict.Output);
        Assert.Equal((1, 0), (fastJson.RootElement.GetProperty("findings").GetArrayLength(), fastJson.RootElement.GetProperty("errors").GetArrayLength()));
        Assert.Equal(1, strictJson.RootElement.GetProperty("errors").GetArrayLength());
        Assert.Equal((1, 1), (fast.ExitCode, strict.ExitCode));
    }

    [Fact]
    public async Task A_directory_that_cannot_be_listed_is_an_error_not_a_silence()
    {
        var secret = Directory.CreateDirectory(Path.Combine(_root.FullName, "secret"));
        File.WriteAllText(Path.Combine(secret.FullName, "cronjob.yaml"), RemovedCronJob);
        secret.UnixFileMode = UnixFileMode.None;
        _root.UnixFileMode = (UnixFileMode)0b111_101_101;

        // root reads every directory: run the tool as nobody, as the user whose checkout it would be.
        var run = await Tool.Run(input: null, "scan", _root.FullName, "--target-version", "1.35", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(secret.FullName, error.GetProperty("file").GetString());
        Assert.Equal(1, run.ExitCode);
    }

    /// <summary>The built tool in a child process, as an unprivileged user when the tests run as root.</summary>
    private static class Tool
    {
        public static async Task<CliRun> Run(string? input, params string[] args)
        {
            var tool = Path.Combine(AppContext.BaseDirectory, "bluegreen.dll");
            var start = Environment.UserName == "root"
                ? new ProcessStartInfo("setpriv") { ArgumentList = { "--reuid=65534", "--regid=65534", "--clear-groups", Environment.ProcessPath!, tool } }
                : new ProcessStartInfo(Environment.ProcessPath!) { ArgumentList = { tool } };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.RedirectStandardInput = true;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
            start.Environment["HOME"] = Path.GetTempPath();
            using var process = Process.Start(start)!;
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
            }

            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            return new CliRun(process.ExitCode, await output, await error);
        }
    }
}
