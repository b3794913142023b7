using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>
/// The one parser of stack settings, for the CLI (from a Pulumi.&lt;stack&gt;.yaml file) and for the Pulumi
/// program (from the config map the engine hands it). It reports every problem in one pass.
/// </summary>
public static class StackSettingsParser
{
    /// <summary>
    /// The settings' shape: types, required keys, formats. The value is there whenever the stack's role is known, with
    /// whatever parsed, so resolution can judge it even beside errors.
    /// </summary>
    public static Validated<StackSettings> Parse(StackConfig config)
    {
        var spellings = config.Values.GroupBy(kv => StackConfig.NormalizeKey(kv.Key), StringComparer.Ordinal).ToList();
        config = config with { Values = spellings.ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal) };
        var read = new ConfigReader(config);
        foreach (var twice in spellings.Where(g => g.Count() > 1))
        {
            read.Error(ProblemCodes.SetTwice, twice.Key, twice.First().Value,
                $"is set more than once, as {string.Join(" and ", twice.Select(kv => kv.Key))}, which name the same setting: keep one");
        }

        var role = RoleOf(config, read);
        StackSettings? settings = role switch
        {
            StackRole.Cluster => ClusterSettingsParser.Parse(config, read),
            StackRole.Traffic => TrafficSettingsParser.Parse(config, read),
            StackRole.Shared => SharedSettingsParser.Parse(config, read),
            _ => null,
        };

        if (role is { } known)
        {
            WarnUnknownKeys(config, known, read);
        }

        return new Validated<StackSettings>(settings, [.. read.Problems.Select(config.Locate)]);
    }

    /// <summary>
    /// A stack's role comes from what its settings describe, so one program serves all three stacks and
    /// a traffic stack can be named anything.
    /// </summary>
    private static StackRole? RoleOf(StackConfig config, ConfigReader read)
    {
        var isCluster = config.IsSet(SettingKeys.Color);
        var trafficKeys = SettingKeys.TrafficKeys.Where(config.IsSet).ToList();
        if (isCluster && trafficKeys.Count > 0)
        {
            read.Error(ProblemCodes.MixedRoles, trafficKeys[0], config.Values.GetValueOrDefault(trafficKeys[0]),
                $"belongs to the traffic stack, but {SettingKeys.Color} makes this a cluster stack: keep the traffic settings in their own stack");
            return StackRole.Cluster;
        }

        if (isCluster)
        {
            return StackRole.Cluster;
        }

        if (trafficKeys.Count > 0)
        {
            return StackRole.Traffic;
        }

        if (SettingKeys.SharedKeys.Any(config.IsSet))
        {
            return StackRole.Shared;
        }

        read.Error(ProblemCodes.NoRole, SettingKeys.Color, null,
            $"is missing, and so is every traffic setting: a cluster stack sets {SettingKeys.Color} (blue or green), a traffic stack sets {SettingKeys.Weights}, {SettingKeys.HostedZone} and the rest");
        return null;
    }

    private static void WarnUnknownKeys(StackConfig config, StackRole role, ConfigReader read)
    {
        var known = role switch { StackRole.Cluster => SettingKeys.ClusterKeys, StackRole.Traffic => SettingKeys.TrafficKeys, _ => SettingKeys.SharedKeys };
        var other = SettingKeys.ClusterKeys.Concat(SettingKeys.TrafficKeys).Concat(SettingKeys.SharedKeys).Except(known).ToList();
        foreach (var (key, value) in config.Values.Where(kv => kv.Key.StartsWith($"{SettingKeys.Namespace}:", StringComparison.Ordinal)))
        {
            if (known.Contains(key) || read.HasError(key))
            {
                continue;
            }

            var roleName = role switch { StackRole.Cluster => "a cluster stack", StackRole.Traffic => "the traffic stack", _ => "the shared stack" };
            if (other.Contains(key))
            {
                read.Warning(ProblemCodes.UnusedKey, key, value, $"is not used by {roleName}; it is ignored");
            }
            else
            {
                read.Warning(ProblemCodes.UnknownKey, key, value, $"is not a known setting{Suggestion.For(key, known)}; it is ignored");
            }
        }
    }

    private enum StackRole
    {
        Cluster,
        Traffic,
        Shared,
    }
}
