using System.CommandLine;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Cutover;
using BlueGreen.Cli.State;

namespace BlueGreen.Cli.Tests.State;

/// <summary>
/// A temporary directory holding stand-in <c>kubectl</c> and <c>velero</c> executables (Fixtures/State/*.sh), the files they
/// keep both clusters and the backup bucket in, and one kubeconfig per color. Only the processes this fake's runner starts
/// see the stand-ins first on PATH.
/// </summary>
internal sealed class FakeClusters : IDisposable
{
    public FakeClusters()
    {
        Root = Directory.CreateTempSubdirectory("bluegreen-state-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "bin"));
        Directory.CreateDirectory(Path.Combine(Root, "state", "bucket"));
        foreach (var tool in new[] { "kubectl", "velero" })
        {
            var script = Path.Combine(Root, "bin", tool);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "State", $"{tool}.sh"), script);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        File.WriteAllText(Path.Combine(Root, "state", "invocations.log"), "");
        foreach (var color in new[] { "blue", "green" })
        {
            File.WriteAllText(Kubeconfig(color), $"apiVersion: v1\nkind: Config\ncurrent-context: {color}\ncontexts:\n  - name: {color}\n    context: {{cluster: {color}, user: {color}}}\n");
        }
    }

    public string Root { get; }

    public StateServices Services => new()
    {
        Processes = new ProcessRunner(
            new Dictionary<string, string> { ["PATH"] = $"{Path.Combine(Root, "bin")}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}" }, TimeSpan.FromSeconds(5)),
        Timeouts = new MigrationTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20), MigrationTimeouts.Default.Kubectl),
    };

    public IReadOnlyList<string> Invocations => File.ReadAllLines(Path.Combine(Root, "state", "invocations.log"));

    public string Kubeconfig(string color) => Path.Combine(Root, $"{color}.kubeconfig");

    public string PathTo(string name) => Path.Combine(Root, name);

    /// <summary>A workload on one cluster; a StatefulSet given a class gets a claim template on it.</summary>
    public void AddWorkload(string cluster, string ns, string kind, string name, int replicas, string? strategy, string? claimClass = null, params (string Key, string Value)[] annotations)
    {
        var dir = Object(cluster, ns, kind, name);
        Directory.CreateDirectory(Path.Combine(dir, "annotations"));
        File.WriteAllText(Path.Combine(dir, "replicas"), $"{replicas}\n");
        if (claimClass is not null)
        {
            File.WriteAllText(Path.Combine(dir, "claim-class"), claimClass);
        }

        foreach (var (key, value) in annotations.Concat(strategy is null ? [] : [("bluegreen.io/state", strategy)]))
        {
            File.WriteAllText(Path.Combine(dir, "annotations", key.Replace('/', '~')), value);
        }
    }

    public bool Exists(string cluster, string ns, string kind, string name) => Directory.Exists(Object(cluster, ns, kind, name));

    public int Replicas(string cluster, string ns, string kind, string name) =>
        int.Parse(File.ReadAllText(Path.Combine(Object(cluster, ns, kind, name), "replicas")).Trim());

    public IReadOnlyDictionary<string, string> Annotations(string cluster, string ns, string kind, string name) =>
        Directory.EnumerateFiles(Path.Combine(Object(cluster, ns, kind, name), "annotations"))
            .ToDictionary(f => Path.GetFileName(f).Replace('~', '/'), File.ReadAllText);

    /// <summary>A backup already in the bucket, as an earlier run left it.</summary>
    public void AddBackup(string name, string ns, string phase)
    {
        var dir = Path.Combine(Root, "state", "bucket", name);
        Directory.CreateDirectory(Path.Combine(dir, "objects"));
        File.WriteAllText(Path.Combine(dir, "namespace"), ns);
        File.WriteAllText(Path.Combine(dir, "phase"), phase);
    }

    public IReadOnlyList<string> Backups => Directory.EnumerateDirectories(Path.Combine(Root, "state", "bucket")).Select(Path.GetFileName).OfType<string>().Order().ToList();

    /// <summary>Every restore from now on ends in this phase (Velero's PartiallyFailed, Failed...).</summary>
    public void RestoresEndIn(string phase) => File.WriteAllText(Path.Combine(Root, "state", "restore-phase"), phase);

    /// <summary>The bucket that cluster's Velero location points at.</summary>
    public void LocationBucket(string cluster, string bucket)
    {
        Directory.CreateDirectory(Path.Combine(Root, "state", cluster));
        File.WriteAllText(Path.Combine(Root, "state", cluster, "bucket"), bucket);
    }

    /// <summary>Every kubectl call on that cluster containing <paramref name="call"/> hangs until it is stopped.</summary>
    public void Hangs(string cluster, string call)
    {
        Directory.CreateDirectory(Path.Combine(Root, "state", cluster));
        File.WriteAllText(Path.Combine(Root, "state", cluster, "hang"), call);
    }

    public void NeverReady(string cluster)
    {
        Directory.CreateDirectory(Path.Combine(Root, "state", cluster));
        File.WriteAllText(Path.Combine(Root, "state", cluster, "never-ready"), "");
    }

    public async Task<CliRun> MigrateAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<CliRun> RunAsync(CancellationToken cancellation, params string[] args)
    {
        var root = new RootCommand { StateCommand.Create(Services) };
        string[] all = ["state", "migrate", "--kubeconfig-blue", Kubeconfig("blue"), "--kubeconfig-green", Kubeconfig("green"), .. args];
        var output = new StringWriter();
        var error = new StringWriter();
        var parsed = root.Parse(all);
        var exit = parsed.Errors.Count > 0
            ? 2
            : await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellation);
        return new CliRun(exit, output.ToString(), error.ToString() + string.Join('\n', parsed.Errors.Select(e => e.Message)));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string Object(string cluster, string ns, string kind, string name) => Path.Combine(Root, "state", cluster, ns, kind, name);
}
