using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>
/// The one parser of stack settings, for the CLI (from a Pulumi.&lt;stack&gt;.yaml file) and for the Pulumi
/// program (from the config map the engine hands it). It reports every problem in one pass.
/// </summary>
public static class StackSettingsParser
{
    public static Validated<StackSettings> Parse(StackConfig config, SettingsContext context)
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
            StackRole.Cluster => ClusterSettingsParser.Parse(config, read, context),
            StackRole.Traffic => TrafficSettingsParser.Parse(config, read),
            _ => null,
        };

        if (role is { } known)
        {
            WarnUnknownKeys(config, known, read);
        }

        var problems = read.Problems.Select(p => Locate(p, config)).ToList();
        return settings is not null && !problems.Any(p => p.IsError)
            ? Validated<StackSettings>.Valid(settings, problems)
            : Validated<StackSettings>.Invalid(problems);
    }

    /// <summary>
    /// A stack's role comes from what its settings describe, so one program serves all three stacks and
    /// a traffic stack can be named anything.
    /// </summary>
    private static StackRole? RoleOf(StackConfig config, ConfigReader read)
    {
        var isCluster = config.Values.ContainsKey(SettingKeys.Color);
        var trafficKeys = SettingKeys.TrafficKeys.Where(config.Values.ContainsKey).ToList();
        if (isCluster && trafficKeys.Count > 0)
        {
            read.Error(ProblemCodes.MixedRoles, trafficKeys[0], config.Values[trafficKeys[0]],
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

        read.Error(ProblemCodes.NoRole, SettingKeys.Color, null,
            $"is missing, and so is every traffic setting: a cluster stack sets {SettingKeys.Color} (blue or green), a traffic stack sets {SettingKeys.Weights}, {SettingKeys.HostedZone} and the rest");
        return null;
    }

    private static void WarnUnknownKeys(StackConfig config, StackRole role, ConfigReader read)
    {
        var known = role == StackRole.Cluster ? SettingKeys.ClusterKeys : SettingKeys.TrafficKeys;
        var other = role == StackRole.Cluster ? SettingKeys.TrafficKeys : SettingKeys.ClusterKeys;
        foreach (var (key, value) in config.Values.Where(kv => kv.Key.StartsWith($"{SettingKeys.Namespace}:", StringComparison.Ordinal)))
        {
            if (known.Contains(key) || read.HasError(key))
            {
                continue;
            }

            var roleName = role == StackRole.Cluster ? "a cluster stack" : "the traffic stack";
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

    private static Problem Locate(Problem problem, StackConfig config)
    {
        var position = problem.Line is null ? config.PositionOf(problem.Key) : null;
        return problem with
        {
            File = problem.File ?? config.File,
            Line = problem.Line ?? position?.Line,
            Column = problem.Column ?? position?.Column,
        };
    }

    private enum StackRole
    {
        Cluster,
        Traffic,
    }
}
