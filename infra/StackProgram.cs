using System.Collections.Immutable;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using Pulumi;

namespace BlueGreen.Infra;

/// <summary>
/// One program for every stack: the settings decide whether it is a cluster stack (blue, green) or the traffic stack.
/// Settings are read by the same parser as the CLI's, and invalid ones stop the program before any resource exists.
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
            new StackConfig(Deployment.Instance.StackName, null, config) { SecretKeys = secretKeys ?? ImmutableHashSet<string>.Empty },
            new SettingsContext(catalog, today));
        var valid = Checked(settings, "stack settings");

        return valid switch
        {
            ClusterStackSettings cluster => await ClusterStack.DeclareAsync(cluster, catalog, Deployment.Instance.ProjectName).ConfigureAwait(false),
            TrafficStackSettings traffic => await TrafficStack.DeclareAsync(traffic).ConfigureAwait(false),
            SharedStackSettings shared => SharedStack.Declare(shared),
            _ => throw new InvalidOperationException($"No stack declares {valid.GetType().Name}."),
        };
    }

    /// <summary>
    /// Logs the warnings of a check and returns its value, or ends the program with every error at once; a
    /// <see cref="RunException"/> is reported by Pulumi as a plain error, without a stack trace.
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
            + string.Join(Environment.NewLine, errors.Select(e => $"  {e}")));
    }
}
