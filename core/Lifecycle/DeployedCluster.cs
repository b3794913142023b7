using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;

namespace BlueGreen.Core.Lifecycle;

/// <summary>
/// What a cluster stack's last deployment left running, read from its own outputs (<see cref="ClusterStackOutputs"/>):
/// the control plane's minor and each node group's. A stack never deployed, or destroyed since, has no outputs:
/// <see cref="None"/>, and its next run creates a cluster.
/// </summary>
/// <param name="ControlPlane">The control plane's minor; absent only when nothing is deployed.</param>
public sealed record DeployedCluster(KubernetesVersion? ControlPlane, ImmutableSortedDictionary<string, KubernetesVersion> NodeGroups)
{
    /// <summary>What <c>pulumi stack output --json</c> prints in place of a secret output without <c>--show-secrets</c>.</summary>
    public const string HiddenSecret = "[secret]";

    public static readonly DeployedCluster None = new(null, ImmutableSortedDictionary<string, KubernetesVersion>.Empty);

    /// <summary>
    /// What a plan takes a color to run when its deployed outputs are not given. The serving color runs what its file
    /// says, so a version past its support is a reason to move, not a reason to refuse the plan; the color being
    /// stood up runs nothing yet and is judged as created. Nothing is assumed (null) for a serving color whose file
    /// names no version: that is a problem of the file, reported as such.
    /// </summary>
    public static DeployedCluster? AssumedForPlan(KubernetesVersion? versionInFile, bool serving) =>
        !serving ? None
        : versionInFile is { } running ? None with { ControlPlane = running }
        : null;

    /// <summary>A cluster runs: the next run operates it rather than creating one.</summary>
    public bool Exists => ControlPlane is not null;

    /// <summary>
    /// The outputs as <c>pulumi stack output --json</c> prints them (or as a stack reference reads them); an empty object is
    /// <see cref="None"/>. Secrets it hides (<see cref="HiddenSecret"/>, the kubeconfig) are present and not needed; a version
    /// that is hidden or not a version is a problem located in <paramref name="source"/>, since the guard cannot judge without it.
    /// </summary>
    public static Validated<DeployedCluster> FromOutputs(string json, string source)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject outputs
                ? FromOutputs(outputs, source)
                : Invalid(source, json.Trim(), "is not the JSON object `pulumi stack output --json` prints");
        }
        catch (JsonException e)
        {
            return Invalid(source, null, $"is not JSON: {e.Message}");
        }
    }

    public static Validated<DeployedCluster> FromOutputs(JsonObject outputs, string source)
    {
        var problems = new List<Problem>();
        if (outputs.Count > 0 && outputs[ClusterStackOutputs.KubernetesVersion] is null)
        {
            problems.Add(Problem.Error(ProblemCodes.DeployedInvalid, ClusterStackOutputs.KubernetesVersion, null,
                "is missing from outputs that are not empty: these are not a cluster stack's outputs") with { File = source });
        }

        var controlPlane = Version(outputs[ClusterStackOutputs.KubernetesVersion], ClusterStackOutputs.KubernetesVersion, source, problems);
        var nodeGroups = ImmutableSortedDictionary.CreateBuilder<string, KubernetesVersion>(StringComparer.Ordinal);
        if (outputs[ClusterStackOutputs.NodeGroupVersions] is JsonObject groups)
        {
            foreach (var (name, group) in groups)
            {
                var key = $"{ClusterStackOutputs.NodeGroupVersions}.{name}.kubernetesVersion";
                if (Version((group as JsonObject)?["kubernetesVersion"], key, source, problems) is { } version)
                {
                    nodeGroups[name] = version;
                }
            }
        }

        return problems.Count > 0
            ? Validated<DeployedCluster>.Invalid(problems)
            : Validated<DeployedCluster>.Valid(new DeployedCluster(controlPlane, nodeGroups.ToImmutable()));
    }

    private static KubernetesVersion? Version(JsonNode? node, string key, string source, List<Problem> problems)
    {
        var text = node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString();
        if (text is null)
        {
            return null;
        }

        if (KubernetesVersion.TryParse(text, out var version))
        {
            return version;
        }

        problems.Add(Problem.Error(ProblemCodes.DeployedInvalid, key, text, text == HiddenSecret
            ? "is hidden as a secret: give the outputs printed with --show-secrets"
            : "is not a Kubernetes minor such as \"1.33\"") with { File = source });
        return null;
    }

    private static Validated<DeployedCluster> Invalid(string source, string? value, string message) =>
        Validated<DeployedCluster>.Invalid([Problem.Error(ProblemCodes.DeployedInvalid, "(outputs)", value, message) with { File = source }]);
}
