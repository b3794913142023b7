using System.Collections.Immutable;
using Aws = Pulumi.Aws;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Traffic;
using Pulumi;

namespace BlueGreen.Infra;

/// <summary>
/// The traffic stack: one Route53 weighted alias record per color, each checked by its own health check, in front of
/// the entry load balancers the blue and green stacks expose. The guardrails on the weights come from the core.
/// </summary>
internal static class TrafficStack
{
    public static async Task<IDictionary<string, object?>> DeclareAsync(TrafficStackSettings settings)
    {
        var endpoints = new Dictionary<Color, ClusterEndpoint>();
        var stacks = new Dictionary<Color, StackReference>();
        foreach (var color in new[] { Color.Blue, Color.Green })
        {
            var stack = new StackReference(color.Key(), new StackReferenceArgs { Name = settings.StackFor(color) });
            stacks[color] = stack;
            endpoints[color] = new ClusterEndpoint(
                await ReadAsync(stack, ClusterStackOutputs.IngressHostname).ConfigureAwait(false),
                await ReadAsync(stack, ClusterStackOutputs.IngressHostedZoneId).ConfigureAwait(false));
        }

        var records = StackProgram.Checked(WeightedRecords.Plan(settings, endpoints), "traffic weights").Records;
        var zoneId = Aws.Route53.GetZone.Invoke(new Aws.Route53.GetZoneInvokeArgs { Name = settings.HostedZone.Value, PrivateZone = false })
            .Apply(zone => zone.ZoneId);

        var healthChecks = new List<Output<(string Color, string Id)>>();
        foreach (var record in records)
        {
            // The core judged the plain values; resources take them through GetOutput, which keeps a secret output secret.
            var aliasName = WithSecretnessOf(stacks[record.Color], ClusterStackOutputs.IngressHostname, record.AliasName);
            var aliasZoneId = WithSecretnessOf(stacks[record.Color], ClusterStackOutputs.IngressHostedZoneId, record.AliasZoneId);
            var check = new Aws.Route53.HealthCheck($"{record.SetIdentifier}-health", new Aws.Route53.HealthCheckArgs
            {
                Type = settings.HealthCheck.Protocol == HealthCheckProtocol.Https ? "HTTPS" : "HTTP",
                Fqdn = aliasName,
                Port = settings.HealthCheck.Port,
                ResourcePath = settings.HealthCheck.Path,
                RequestInterval = settings.HealthCheck.IntervalSeconds,
                FailureThreshold = settings.HealthCheck.FailureThreshold,
                Tags =
                {
                    { "Name", $"{settings.RecordName} ({record.SetIdentifier})" },
                    { BlueprintTags.Color, record.SetIdentifier },
                    { BlueprintTags.Stack, record.Stack },
                },
            });

            // An alias record takes the TTL of its target, so infra:ttl has no say over these records.
            new Aws.Route53.Record(record.SetIdentifier, new Aws.Route53.RecordArgs
            {
                ZoneId = zoneId,
                Name = settings.RecordName.Value,
                Type = "A",
                SetIdentifier = record.SetIdentifier,
                WeightedRoutingPolicies = { new Aws.Route53.Inputs.RecordWeightedRoutingPolicyArgs { Weight = record.Weight } },
                Aliases =
                {
                    new Aws.Route53.Inputs.RecordAliasArgs
                    {
                        Name = aliasName,
                        ZoneId = aliasZoneId,
                        EvaluateTargetHealth = true,
                    },
                },
                HealthCheckId = check.Id,
            });
            healthChecks.Add(check.Id.Apply(id => (record.SetIdentifier, id)));
        }

        return new Dictionary<string, object?>
        {
            [TrafficStackOutputs.RecordName] = settings.RecordName.Value,
            [TrafficStackOutputs.Weights] = ImmutableSortedDictionary<string, int>.Empty
                .Add(Color.Blue.Key(), settings.Weights.Blue)
                .Add(Color.Green.Key(), settings.Weights.Green),
            [TrafficStackOutputs.ActiveColor] = settings.Weights.Active.Key(),
            [TrafficStackOutputs.HealthCheckIds] = Output.All(healthChecks)
                .Apply(ids => ids.ToImmutableSortedDictionary(i => i.Color, i => i.Id, StringComparer.Ordinal)),
        };
    }

    /// <summary>
    /// An output's plain value, for the checks the core makes in process; never handed to a resource as it is, since a
    /// secret output's value arrives here unwrapped (<c>StackReferenceOutputDetails.SecretValue</c>).
    /// </summary>
    private static async Task<string?> ReadAsync(StackReference stack, string output)
    {
        var details = await stack.GetOutputDetailsAsync(output).ConfigureAwait(false);
        return (details.Value ?? details.SecretValue) as string;
    }

    /// <summary>
    /// The value the core checked, with the secretness of the stack output it came from: <c>GetOutput</c> marks the
    /// result secret exactly when the referenced stack stores that output as a secret.
    /// </summary>
    internal static Output<string> WithSecretnessOf(StackReference stack, string output, string checkedValue) =>
        stack.GetOutput(output).Apply(_ => checkedValue);
}
