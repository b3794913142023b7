using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.State;

/// <summary>Where a color's cluster is reached: the kubeconfig file kubectl and velero are given.</summary>
internal sealed record ClusterAccess(Color Color, string Kubeconfig, string Source);

/// <summary>Each color's kubeconfig: from the cluster stacks' outputs, or from files given for offline use.</summary>
internal interface IKubeconfigs : IDisposable
{
    Task<Validated<ClusterAccess>> ForAsync(Color color, CancellationToken cancellation);
}

/// <summary><c>--kubeconfig-blue FILE --kubeconfig-green FILE</c>: the files as given.</summary>
internal sealed class KubeconfigFiles(IReadOnlyDictionary<Color, string> files) : IKubeconfigs
{
    public Task<Validated<ClusterAccess>> ForAsync(Color color, CancellationToken cancellation)
    {
        var option = $"--kubeconfig-{color.Key()}";
        return Task.FromResult(files.TryGetValue(color, out var file) && File.Exists(file)
            ? Validated<ClusterAccess>.Valid(new ClusterAccess(color, Path.GetFullPath(file), file))
            : Validated<ClusterAccess>.Invalid([Problem.Error(ProblemCodes.FileNotFound, option, files.GetValueOrDefault(color), "no such file: give the kubeconfig of that color's cluster (or neither option, to read both from the cluster stacks' kubeconfig output)")]));
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// The <c>kubeconfig</c> output of each cluster stack (docs/stack-outputs.md), read with
/// <c>pulumi stack output --json --show-secrets</c> beside the traffic stack's file, which names both stacks. Each is
/// written to a file only its owner can read, deleted when the run ends.
/// </summary>
internal sealed class PulumiKubeconfigs(IProcessRunner processes, string workingDirectory, TrafficStackSettings traffic) : IKubeconfigs
{
    private readonly List<string> _written = [];

    public static string Describe(TrafficStackSettings traffic, Color color) =>
        $"<the {ClusterStackOutputs.Kubeconfig} output of {traffic.StackFor(color)}>";

    public async Task<Validated<ClusterAccess>> ForAsync(Color color, CancellationToken cancellation)
    {
        var stack = traffic.StackFor(color);
        string[] arguments = ["stack", "output", "--json", "--show-secrets", "--stack", stack];
        var command = $"pulumi {string.Join(" ", arguments)}";
        var result = await processes.RunAsync("pulumi", arguments, workingDirectory, cancellation);
        if (!result.Succeeded)
        {
            return Invalid(stack, null, $"could not read the stack's outputs: {result.Failure(command)}");
        }

        JsonNode? kubeconfig;
        try
        {
            kubeconfig = (JsonNode.Parse(result.StandardOutput) as JsonObject)?[ClusterStackOutputs.Kubeconfig];
        }
        catch (JsonException e)
        {
            return Invalid(stack, null, $"`{command}` did not print JSON: {e.Message}");
        }

        // Pulumi prints a string output as a JSON string, and an object output (a kubeconfig built as a map) as an object.
        var text = kubeconfig switch
        {
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            JsonObject map => map.ToJsonString(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text))
        {
            return Invalid(stack, null, $"the stack has no {ClusterStackOutputs.Kubeconfig} output: has it been deployed?");
        }

        // Registered before it exists: a stop between creating and filling it must not leave a credential in /tmp.
        var file = Path.Combine(Path.GetTempPath(), $"bluegreen-{color.Key()}-{Guid.NewGuid():N}.kubeconfig");
        _written.Add(file);
        await File.WriteAllTextAsync(file, "", cancellation);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(file, text, cancellation);
        return Validated<ClusterAccess>.Valid(new ClusterAccess(color, file, $"the {ClusterStackOutputs.Kubeconfig} output of {stack}"));
    }

    public void Dispose()
    {
        foreach (var file in _written)
        {
            File.Delete(file);
        }
    }

    private static Validated<ClusterAccess> Invalid(string stack, string? value, string message) =>
        Validated<ClusterAccess>.Invalid([Problem.Error(ProblemCodes.StackUnreadable, stack, value, message)]);
}
