using BlueGreen.Core.Catalog;
using BlueGreen.Core.Lifecycle;

namespace BlueGreen.Core.Blueprints;

/// <summary>
/// What resolution needs beyond the settings. The date is an input, never read from a clock here, because whether a
/// version is supported depends on the day the question is asked.
/// </summary>
/// <param name="Project">The Pulumi project, the first part of every resource name.</param>
public sealed record ResolutionContext(VersionCatalog Catalog, DateOnly Today, string Project)
{
    /// <summary>
    /// What the stack's last deployment runs (<see cref="DeployedCluster.None"/> before the first and after a destroy);
    /// absent when it could not be asked, and then the in-place guard cannot run and the stack is judged as a creation.
    /// </summary>
    public DeployedCluster? Deployed { get; init; }
}
