using System.Diagnostics;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Tests.Cutover;

/// <summary>
/// A temporary directory holding a fake <c>pulumi</c> (Fixtures/Cutover/pulumi.sh) and its state files. Only the processes
/// this fake's runner starts see it first on PATH; the test process's own PATH is left alone, since tests run in parallel.
/// </summary>
internal sealed class FakePulumi : IDisposable
{
    public FakePulumi(ObservedWeights? weights = null)
    {
        Root = Directory.CreateTempSubdirectory("bluegreen-cutover-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "bin"));
        Directory.CreateDirectory(Path.Combine(Root, "state", "outputs"));
        var script = Path.Combine(Root, "bin", "pulumi");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Cutover", "pulumi.sh"), script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        File.WriteAllText(Path.Combine(Root, "state", "invocations.log"), "");
        SetWeights(weights ?? new ObservedWeights(100, 0));
        StackFile = Path.Combine(Root, "Pulumi.traffic.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Cutover", "Pulumi.traffic.yaml"), StackFile);
    }

    public string Root { get; }

    /// <summary>A copy of the fixture stack file beside the fake, so pulumi runs in a directory of the test's own.</summary>
    public string StackFile { get; }

    public string PathVariable => $"{Path.Combine(Root, "bin")}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";

    /// <summary>A short cancel grace, so a test of an update that ignores Ctrl+C does not wait the real 30 s.</summary>
    public CutoverServices Services => new() { Processes = new ProcessRunner(new Dictionary<string, string> { ["PATH"] = PathVariable }, TimeSpan.FromSeconds(5)) };

    public ObservedWeights ConfigWeights => Read("config");

    public ObservedWeights DeployedWeights => Read("deployed");

    public IReadOnlyList<string> Invocations => File.ReadAllLines(Path.Combine(Root, "state", "invocations.log"));

    /// <summary>The weights each `config set-all` wrote, in order.</summary>
    public IReadOnlyList<ObservedWeights> WeightsSet => Invocations
        .Where(line => line.StartsWith("config set-all", StringComparison.Ordinal))
        .Select(line => line.Split(' '))
        .Select(words => new ObservedWeights(Weight(words, "blue"), Weight(words, "green")))
        .ToList();

    /// <summary>The stack tag as `pulumi stack tag get` would print it; null when unset.</summary>
    public string? Tag(string name)
    {
        var file = Path.Combine(Root, "state", "tags", name);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    public void SetTag(string name, string value)
    {
        Directory.CreateDirectory(Path.Combine(Root, "state", "tags"));
        File.WriteAllText(Path.Combine(Root, "state", "tags", name), value + "\n");
    }

    /// <summary>`pulumi stack tag get` fails from now on, printing <paramref name="stderr"/> and exiting 255 as pulumi does.</summary>
    public void FailTagReads(string stderr) => Fail("tag-get-failure", stderr);

    /// <summary>
    /// `pulumi stack tag set` fails after <paramref name="succeeding"/> more writes (a lease taken, then not renewed),
    /// printing <paramref name="stderr"/> and exiting 255 as pulumi does.
    /// </summary>
    public void FailTagWrites(string stderr, int succeeding = 0)
    {
        File.WriteAllText(Path.Combine(Root, "state", "tag-set-allowed"), $"{succeeding}\n");
        Fail("tag-set-failure", stderr);
    }

    /// <summary>`pulumi config get` fails from now on, printing <paramref name="stderr"/> and exiting 255 as pulumi does.</summary>
    public void FailConfigReads(string stderr) => Fail("config-get-failure", stderr);

    /// <summary>`pulumi stack output` fails from now on, printing <paramref name="stderr"/> and exiting 255 as pulumi does.</summary>
    public void FailOutputReads(string stderr) => Fail("output-failure", stderr);

    /// <summary>Whether an `up` holds the backend's lock right now.</summary>
    public bool UpdateRunning => Directory.Exists(Path.Combine(Root, "state", "lock"));

    /// <summary>Every `pulumi up` this fake started that is still alive: must be none once a run has ended.</summary>
    public IReadOnlyList<int> LiveUpdates
    {
        get
        {
            var file = Path.Combine(Root, "state", "up-pids");
            return !File.Exists(file) ? [] : [.. File.ReadAllLines(file).Select(int.Parse).Where(IsAlive)];
        }
    }

    /// <summary>A path inside the fake's directory, for the files a run writes (summary, timeline, events).</summary>
    public string PathTo(string name) => Path.Combine(Root, name);

    public void SetWeights(ObservedWeights weights)
    {
        SetConfig(weights);
        SetDeployed(weights);
    }

    public void SetConfig(ObservedWeights weights) => File.WriteAllText(Path.Combine(Root, "state", "config"), $"{weights.Blue} {weights.Green}\n");

    public void SetDeployed(ObservedWeights weights) => File.WriteAllText(Path.Combine(Root, "state", "deployed"), $"{weights.Blue} {weights.Green}\n");

    /// <summary>The next <paramref name="count"/> `pulumi up` calls fail.</summary>
    public void FailUpdates(int count) => File.WriteAllText(Path.Combine(Root, "state", "up-failures"), $"{count}\n");

    /// <summary>Every `pulumi up` from now on takes this long (a slow, or with a long time, hung update).</summary>
    public void SlowUpdates(TimeSpan duration) =>
        File.WriteAllText(Path.Combine(Root, "state", "up-delay"), duration.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "\n");

    public void SetOutputs(string stack, string json) =>
        File.WriteAllText(Path.Combine(Root, "state", "outputs", stack.Replace('/', '_') + ".json"), json);

    public void Dispose()
    {
        foreach (var pid in LiveUpdates)
        {
            try
            {
                Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
            }
        }

        Directory.Delete(Root, recursive: true);
    }

    private void Fail(string command, string stderr) => File.WriteAllText(Path.Combine(Root, "state", command), stderr + "\n");

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int Weight(string[] words, string color) =>
        int.Parse(words.Single(w => w.StartsWith($"infra:weights.{color}=", StringComparison.Ordinal)).Split('=')[1]);

    private ObservedWeights Read(string file)
    {
        // The fake replaces its files by rename, so a read never sees half a write.
        var parts = File.ReadAllText(Path.Combine(Root, "state", file)).Split(' ', StringSplitOptions.TrimEntries);
        return new ObservedWeights(int.Parse(parts[0]), int.Parse(parts[1]));
    }
}
