using BlueGreen.Core.Model;

namespace BlueGreen.Core.Lifecycle;

/// <summary>
/// Never in place: a serving cluster's control plane keeps its minor for life, and a new color is created for the next one.
/// Node groups may only catch up with their control plane; AMI releases within a minor may change freely.
/// </summary>
public static class InPlaceGuard
{
    /// <param name="controlPlane">The minor the settings ask for.</param>
    /// <param name="nodeGroups">Each node group's key in the settings (problems name it), its name and the minor it asks for.</param>
    /// <param name="deployed">What runs now; <see cref="DeployedCluster.None"/> for a creation, which may be anything.</param>
    public static IEnumerable<Problem> Check(
        KubernetesVersion controlPlane, IEnumerable<(string Key, string Name, KubernetesVersion Version)> nodeGroups, DeployedCluster deployed, string controlPlaneKey)
    {
        if (deployed.ControlPlane is not { } running)
        {
            yield break;
        }

        if (controlPlane != running)
        {
            yield return Problem.Error(ProblemCodes.InPlaceUpgrade, controlPlaneKey, controlPlane.ToString(),
                $"would change the running control plane from {running} to {controlPlane} in place, which this project never does. "
                + $"Set it back to \"{running}\", create the other color's stack at {controlPlane}, cut traffic over to it, then retire and destroy this one.");
        }

        foreach (var (key, name, version) in nodeGroups)
        {
            // A group at the refused control-plane minor follows that change, which is already refused.
            if (!deployed.NodeGroups.TryGetValue(name, out var before) || version == before || (version == controlPlane && controlPlane != running))
            {
                continue;
            }

            // Toward: never past the control plane, and closer to it than before.
            if (version > running || Math.Abs(running.MinorsNewerThan(version)) >= Math.Abs(running.MinorsNewerThan(before)))
            {
                yield return Problem.Error(ProblemCodes.NodeGroupAway, key, version.ToString(),
                    $"node group '{name}' runs {before} against the control plane's {running}: it may only move toward {running}, never away from it or past it; "
                    + $"keep \"{before}\" or choose a minor from {before} to {running}.");
            }
        }
    }
}
