using BlueGreen.Core.Model;
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

    /// <summary>The config could not be read (a rollback went on without it): <see cref="Config"/> stands in the deployed weights.</summary>
    public bool ConfigUnread { get; init; }

    /// <summary>The deployed weights could not be read (a rollback went on without them): <see cref="Deployed"/> is null.</summary>
    public bool DeployedUnread { get; init; }

    /// <summary>Every weight was read: only then may what the view shows decide that nothing needs to be applied.</summary>
    public bool IsComplete => !ConfigUnread && !DeployedUnread;

    /// <summary>The config as read; null when it could not be.</summary>
    public ObservedWeights? ConfigRead => ConfigUnread ? null : Config;

    /// <summary>
    /// The stack as one read found it (<paramref name="deployed"/> null: never deployed), as <paramref name="verb"/> may use it.
    /// A cutover or a retire needs every reading. A rollback needs only enough to act, so it goes on when either the config
    /// or the deployed weights were read, each missing one a warning: an unread config takes the deployed weights, so a
    /// failed update puts the config back to what Route53 serves.
    /// </summary>
    public static Validated<StackView> Of(TrafficVerb verb, Validated<ObservedWeights> config, Validated<ObservedWeights>? deployed, string? lease, IEnumerable<Problem> leaseProblems)
    {
        var weightProblems = config.Problems.Concat(deployed?.Problems ?? []).ToList();
        var problems = weightProblems.Concat(leaseProblems).ToList();
        var deployedRead = deployed is null || deployed.IsValid;
        if (!problems.Any(p => p.IsError))
        {
            return Validated<StackView>.Valid(new StackView(config.Require(), deployed?.Require(), lease), problems);
        }

        var standIn = config.IsValid ? config.Value : deployed?.Value;
        if (verb != TrafficVerb.Rollback || standIn is null)
        {
            return Validated<StackView>.Invalid(problems);
        }

        var view = new StackView(standIn, deployedRead ? deployed?.Value : null, lease) { ConfigUnread = !config.IsValid, DeployedUnread = !deployedRead };
        var warnings = weightProblems.Select(p => p.IsError ? p with { Severity = Severity.Warning, Message = $"{p.Message}; a rollback goes on with what it could read" } : p);
        return Validated<StackView>.Valid(view, warnings.Concat(leaseProblems));
    }

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
