using System.Collections.Immutable;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Traffic;

/// <summary>What a cluster stack exposes to the traffic stack: its entry load balancer, or nothing yet.</summary>
public sealed record ClusterEndpoint(string? IngressHostname, string? IngressHostedZoneId)
{
    public bool IsComplete => !string.IsNullOrWhiteSpace(IngressHostname) && !string.IsNullOrWhiteSpace(IngressHostedZoneId);

    public static ClusterEndpoint None { get; } = new(null, null);
}

/// <summary>One Route53 weighted alias record to declare: a color's share of the name, pointing at its load balancer.</summary>
public sealed record WeightedRecord
{
    public required Color Color { get; init; }

    /// <summary>The record's set identifier: the color, so records keep their identity across weight changes.</summary>
    public string SetIdentifier => Color.Key();

    public required int Weight { get; init; }

    /// <summary>The cluster stack the alias target was read from.</summary>
    public required string Stack { get; init; }

    public required string AliasName { get; init; }

    public required string AliasZoneId { get; init; }
}

/// <summary>The weighted records of the traffic stack; a color without an entry point and without weight has none.</summary>
public sealed record WeightedRecordSet(ImmutableArray<WeightedRecord> Records);

/// <summary>
/// The guardrails on the weighted set, applied before Route53 sees it: weights that would send traffic nowhere,
/// or send it to a cluster that has no entry point, fail the preview instead of the users.
/// </summary>
public static class WeightedRecords
{
    public static Validated<WeightedRecordSet> Plan(TrafficStackSettings settings, IReadOnlyDictionary<Color, ClusterEndpoint> endpoints)
    {
        // Weights that sum to 0 cannot reach here: TrafficWeights is only ever built valid.
        var problems = new List<Problem>();

        var records = new List<WeightedRecord>();
        foreach (var color in new[] { Color.Blue, Color.Green })
        {
            var weight = settings.Weights.For(color);
            var stack = settings.StackFor(color);
            var stackKey = color == Color.Blue ? SettingKeys.BlueStack : SettingKeys.GreenStack;
            var endpoint = endpoints.GetValueOrDefault(color) ?? ClusterEndpoint.None;
            if (endpoint.IsComplete)
            {
                records.Add(new WeightedRecord
                {
                    Color = color,
                    Weight = weight,
                    Stack = stack,
                    AliasName = endpoint.IngressHostname!,
                    AliasZoneId = endpoint.IngressHostedZoneId!,
                });
                continue;
            }

            var missing = string.Join(" and ", new[]
            {
                string.IsNullOrWhiteSpace(endpoint.IngressHostname) ? ClusterStackOutputs.IngressHostname : null,
                string.IsNullOrWhiteSpace(endpoint.IngressHostedZoneId) ? ClusterStackOutputs.IngressHostedZoneId : null,
            }.OfType<string>());
            problems.Add(weight > 0
                ? Problem.Error(ProblemCodes.NoEndpoint, stackKey, stack,
                    $"the {color.Key()} weight is {weight}, but the stack {stack} has no {missing} output: deploy its cluster (pulumi up on {stack}) or set the {color.Key()} weight to 0")
                : Problem.Warning(ProblemCodes.NoEndpoint, stackKey, stack,
                    $"the stack {stack} has no {missing} output yet, so no {color.Key()} record is declared; it cannot take traffic until it has one"));
        }

        var located = problems.Select(p => p with { File = p.File ?? settings.File }).ToList();
        return located.Any(p => p.IsError)
            ? Validated<WeightedRecordSet>.Invalid(located)
            : Validated<WeightedRecordSet>.Valid(new WeightedRecordSet([.. records]), located);
    }
}
