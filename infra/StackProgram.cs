using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Lifecycle;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using BlueGreen.Core.Settings;
using Pulumi;

namespace BlueGreen.Infra;

/// <summary>
/// One program for every stack: the settings decide whether it is a cluster stack (blue, green), the traffic stack or the shared stack.
/// Parse, resolve, declare: settings are read by the same parser as the CLI's and resolved by the same resolver, and
/// invalid ones (an in-place upgrade among them) stop the program before any resource exists.
/// </summary>
internal static class StackProgram
{
    /// <param name="secretKeys">The keys set as secrets: no setting may be one, and their values are never shown.</param>
    public static async Task<IDictionary<string, object?>> RunAsync(
        IReadOnlyDictionary<string, string> config, DateOnly today, IReadOnlySet<string>? secretKeys = null)
    {
        var catalog = VersionCatalog.Embedded;
        if (catalog.Staleness(today) is { } stale)
        {
            Log.Warn(stale.ToString());
        }

        var settings = StackSettingsParser.Parse(
            new StackConfig(Deployment.Instance.StackName, null, config) { SecretKeys = secretKeys ?? ImmutableHashSet<string>.Empty });
        if (settings.Value is ClusterStackSettings cluster)
        {
            var deployed = Checked(await DeployedAsync().ConfigureAwait(false), "deployed outputs of this stack");
            var context = new ResolutionContext(catalog, today, Deployment.Instance.ProjectName) { Deployed = deployed };
            return await ClusterStack.DeclareAsync(Checked(ClusterBlueprint.Resolve(cluster, settings.Problems, context), "cluster settings")).ConfigureAwait(false);
        }

        return Checked(settings, "stack settings") switch
        {
            TrafficStackSettings traffic => await TrafficStack.DeclareAsync(traffic).ConfigureAwait(false),
            SharedStackSettings shared => SharedStack.Declare(shared),
            var other => throw new InvalidOperationException($"No stack declares {other.GetType().Name}."),
        };
    }

    /// <summary>
    /// What this stack's last deployment runs, read through a stack reference to itself (the one read-only resource a
    /// cluster stack has before its settings are judged): empty outputs before the first deployment and after a destroy,
    /// which makes the run a creation. Docs: docs/pulumi-apis.md, StackReference.
    /// </summary>
    private static async Task<Validated<DeployedCluster>> DeployedAsync()
    {
        var self = $"{Deployment.Instance.OrganizationName}/{Deployment.Instance.ProjectName}/{Deployment.Instance.StackName}";
        var reference = new StackReference("deployed-outputs", new StackReferenceArgs { Name = self });
        var outputs = new JsonObject();
        foreach (var name in new[] { ClusterStackOutputs.KubernetesVersion, ClusterStackOutputs.NodeGroupVersions })
        {
            var details = await reference.GetOutputDetailsAsync(name).ConfigureAwait(false);
            if ((details.Value ?? details.SecretValue) is { } value)
            {
                outputs[name] = JsonSerializer.SerializeToNode(value);
            }
        }

        return DeployedCluster.FromOutputs(outputs, self);
    }

    /// <summary>
    /// Logs the warnings of a check and returns its value, or ends the program with every error at once, each with its
    /// code; a <see cref="RunException"/> is reported by Pulumi as a plain error, without a stack trace.
    /// </summary>
    public static T Checked<T>(Validated<T> result, string what) where T : class
    {
        foreach (var warning in result.Warnings)
        {
            Log.Warn(warning.ToString());
        }

        if (result.IsValid)
        {
            return result.Require();
        }

        var errors = result.Errors.ToList();
        throw new RunException(
            $"The {what} are invalid ({errors.Count} {(errors.Count == 1 ? "error" : "errors")}); nothing was declared:{Environment.NewLine}"
            + string.Join(Environment.NewLine, errors.Select(e => $"  [{e.Code}] {e}")));
    }
}
