using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Cutover;

/// <summary>
/// The traffic stack as one read shows it: the weights in its config (what the next update deploys), the weights its last
/// update deployed (what Route53 serves; null before any deployment) and the lease tag (null when none is set).
/// </summary>
public sealed record StackView(ObservedWeights Config, ObservedWeights? Deployed, string? Lease)
{
    /// <summary>What Route53 serves: the deployed weights, or the config's on a stack never deployed.</summary>
    public ObservedWeights Serving => Deployed ?? Config;

    /// <summary>
    /// What changed since <paramref name="expected"/> (what this run last read or applied), or null when nothing did.
    /// Checked before every apply: a run must never override a change it did not make, a rollback least of all.
    /// </summary>
    public string? ChangesSince(StackView expected, string runId)
    {
        var changes = new List<string>();
        if (Config != expected.Config)
        {
            changes.Add($"the config now holds {Config} instead of {expected.Config}");
        }

        if (Deployed != expected.Deployed)
        {
            changes.Add($"the stack now deploys {Deployed?.ToString() ?? "nothing"} instead of {expected.Deployed?.ToString() ?? "nothing"}");
        }

        // Without a lease of its own (a backend without stack tags) there is no lease to lose.
        if (expected.Lease is not null && StackLease.Parse(Lease)?.RunId != runId)
        {
            changes.Add(StackLease.Parse(Lease) is { } other
                ? $"its lease was taken over by {other.Describe()}"
                : "its lease was removed (a rollback breaks it)");
        }

        return changes.Count == 0 ? null : string.Join("; ", changes);
    }
}
