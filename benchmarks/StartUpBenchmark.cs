using System.Diagnostics;

namespace BlueGreen.Benchmarks;

/// <summary>
/// Start-up of the CLI on the bundled files in each way it can be built: JIT, ReadyToRun and Native AOT, each
/// published here and run through its own executable against an empty program published the same way, so each ratio
/// says what the CLI adds to what any .NET program of that build pays.
/// </summary>
internal static class StartUpBenchmark
{
    private const int Runs = 7;

    /// <summary>Issue 12's target for the Native AOT build, for <c>scan examples/legacy</c> and <c>plan</c>.</summary>
    private const double AotTargetMs = 100;

    private static readonly (string Name, string[] Properties)[] Builds =
    [
        ("JIT", ["-p:PublishReadyToRun=false"]),
        ("ReadyToRun", ["-p:PublishReadyToRun=true"]),
        ("Native AOT", ["-p:PublishAot=true"]),
    ];

    private static readonly (string Label, string[] Args)[] Commands =
    [
        ("--help", ["--help"]),
        ("validate", ["validate"]),
        ("plan", ["plan", "--manifests", "examples/manifests"]),
        ("scan examples/legacy", ["scan", "examples/legacy", "--target-version", "1.35"]),
    ];

    public static async Task<int> RunAsync()
    {
        var repository = Repository;
        if (repository is null)
        {
            Console.WriteLine("Start-up: the repository's bundled stack files were not found; skipped.");
            return 1;
        }

        var work = Directory.CreateTempSubdirectory("bluegreen-startup-benchmark-");
        try
        {
            var empty = WriteEmptyProject(work.FullName);
            var cli = Path.Combine(repository.FullName, "cli", "BlueGreen.Cli.csproj");
            Console.WriteLine($"Start-up on the bundled files, median wall time of {Runs} runs, each build published for {Rid} and run through its executable:");
            foreach (var (name, properties) in Builds)
            {
                var folder = name.Replace(' ', '-').ToLowerInvariant();
                var emptyProgram = await PublishAsync(empty, Path.Combine(work.FullName, "empty-" + folder), "empty", properties);
                var cliProgram = await PublishAsync(cli, Path.Combine(work.FullName, "cli-" + folder), "bluegreen", properties);
                if (emptyProgram is null || cliProgram is null)
                {
                    Console.WriteLine($"  {name}: not published here (see above); skipped.");
                    continue;
                }

                var floor = await MedianAsync(emptyProgram, [], repository.FullName);
                Console.WriteLine($"  {name}");
                Console.WriteLine($"    {"empty program",-22} {floor,7:N0} ms");
                foreach (var (label, args) in Commands)
                {
                    var median = await MedianAsync(cliProgram, args, repository.FullName);
                    var target = name == "Native AOT" && label is "plan" or "scan examples/legacy"
                        ? $"; target < {AotTargetMs:N0} ms {(median < AotTargetMs ? "met" : "NOT met")}"
                        : "";
                    Console.WriteLine($"    {label,-22} {median,7:N0} ms  ({median / floor:N1}x the empty program{target})");
                }
            }

            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The repository this program was built from, found by its bundled stack files; null when run elsewhere.</summary>
    internal static DirectoryInfo? Repository
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pulumi.blue.yaml")))
            {
                directory = directory.Parent;
            }

            return directory;
        }
    }

    private static string Rid => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;

    /// <summary>A program that does nothing, with the build settings every project of the repository has.</summary>
    private static string WriteEmptyProject(string root)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, "empty-source")).FullName;
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "return 0;\n");
        var project = Path.Combine(directory, "empty.csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>empty</AssemblyName>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
            </Project>
            """);
        return project;
    }

    /// <returns>The published executable, or null when this machine cannot publish that build (said why).</returns>
    internal static async Task<string?> PublishAsync(string project, string output, string executable, string[] properties)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["publish", project, "-c", "Release", "-r", Rid, "-o", output, "-nologo", .. properties])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var lines = (await log + await errors).Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3);
            Console.WriteLine($"  dotnet publish {Path.GetFileName(project)} {string.Join(' ', properties)} failed: {string.Join(" | ", lines).Trim()}");
            return null;
        }

        return Path.Combine(output, executable);
    }

    private static async Task<double> MedianAsync(string program, string[] args, string workingDirectory)
    {
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await Task.WhenAll(output, errors, process.WaitForExitAsync());
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(times.Count / 2);
    }
}
