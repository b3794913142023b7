using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Tests.Cutover;

/// <summary>
/// A temporary directory holding a fake <c>pulumi</c> (Fixtures/Cutover/pulumi.sh) and its state files. Only the processes
/// this fake's runner starts see it first on PATH; the test process's own PATH is left alone, since tests run in parallel.
/// </summary>
internal sealed class FakePulumi : IDisposable
{
    public FakePulumi(TrafficWeights? weights = null)
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
        SetWeights(weights ?? new TrafficWeights(100, 0));
        StackFile = Path.Combine(Root, "Pulumi.traffic.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Cutover", "Pulumi.traffic.yaml"), StackFile);
    }

    public string Root { get; }

    /// <summary>A copy of the fixture stack file beside the fake, so pulumi runs in a directory of the test's own.</summary>
    public string StackFile { get; }

    public string PathVariable => $"{Path.Combine(Root, "bin")}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";

    public CutoverServices Services => new() { Processes = new ProcessRunner(new Dictionary<string, string> { ["PATH"] = PathVariable }) };

    public TrafficWeights ConfigWeights => Read("config");

    public TrafficWeights DeployedWeights => Read("deployed");

    public IReadOnlyList<string> Invocations => File.ReadAllLines(Path.Combine(Root, "state", "invocations.log"));

    /// <summary>The weights each `config set-all` wrote, in order.</summary>
    public IReadOnlyList<TrafficWeights> WeightsSet => Invocations
        .Where(line => line.StartsWith("config set-all", StringComparison.Ordinal))
        .Select(line => line.Split(' '))
        .Select(words => new TrafficWeights(Weight(words, "blue"), Weight(words, "green")))
        .ToList();

    /// <summary>A path inside the fake's directory, for the files a run writes (summary, timeline, events).</summary>
    public string PathTo(string name) => Path.Combine(Root, name);

    public void SetWeights(TrafficWeights weights)
    {
        File.WriteAllText(Path.Combine(Root, "state", "config"), $"{weights.Blue} {weights.Green}\n");
        File.WriteAllText(Path.Combine(Root, "state", "deployed"), $"{weights.Blue} {weights.Green}\n");
    }

    /// <summary>The next <paramref name="count"/> `pulumi up` calls fail.</summary>
    public void FailUpdates(int count) => File.WriteAllText(Path.Combine(Root, "state", "up-failures"), $"{count}\n");

    public void SetOutputs(string stack, string json) =>
        File.WriteAllText(Path.Combine(Root, "state", "outputs", stack.Replace('/', '_') + ".json"), json);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static int Weight(string[] words, string color) =>
        int.Parse(words.Single(w => w.StartsWith($"infra:weights.{color}=", StringComparison.Ordinal)).Split('=')[1]);

    private TrafficWeights Read(string file)
    {
        // The fake replaces its files by rename, so a read never sees half a write.
        var parts = File.ReadAllText(Path.Combine(Root, "state", file)).Split(' ', StringSplitOptions.TrimEntries);
        return new TrafficWeights(int.Parse(parts[0]), int.Parse(parts[1]));
    }
}
