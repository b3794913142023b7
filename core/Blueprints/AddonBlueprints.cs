using System.Collections.Immutable;

namespace BlueGreen.Core.Blueprints;

/// <summary>One EKS managed add-on, pinned to the version the catalog (or the user) chose for the cluster's minor.</summary>
public sealed record ManagedAddonBlueprint
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    /// <summary>The IRSA role the add-on's service account uses; absent for add-ons that call no AWS API.</summary>
    public ServiceAccountRole? Role { get; init; }

    /// <summary>
    /// True for add-ons whose pods need nodes to run (EKS waits for them to be active), false for the node-level
    /// daemons nodes need before they become ready; the Pulumi layer orders them around the node groups accordingly.
    /// </summary>
    public required bool NeedsNodes { get; init; }
}

/// <summary>A value the chart needs that only exists once the cluster is declared.</summary>
public enum RuntimeValue
{
    ClusterName,
    Region,
    VpcId,

    /// <summary>The ARN of the chart's own <see cref="ChartBlueprint.Role"/>.</summary>
    ServiceAccountRoleArn,
}

/// <summary>Where in a chart's values a <see cref="RuntimeValue"/> goes; the path is a list of keys, since keys may hold dots.</summary>
public sealed record ValueBinding(ImmutableArray<string> Path, RuntimeValue Value)
{
    public override string ToString() => $"{string.Join(" > ", Path)} = {Value}";
}

/// <summary>
/// One Helm release pinned to a chart version. <see cref="Values"/> holds what the core decides (image tags that must
/// match the cluster's minor, service account names); <see cref="Bindings"/> says where the runtime values go.
/// </summary>
public sealed record ChartBlueprint
{
    /// <summary>The add-on name, also used as the release name.</summary>
    public required string Name { get; init; }

    public required string Repository { get; init; }

    public required string Chart { get; init; }

    public required string Version { get; init; }

    public required string Namespace { get; init; }

    /// <summary>Chart values as JSON-shaped data: nested dictionaries, lists, strings, numbers and booleans.</summary>
    public required ImmutableSortedDictionary<string, object> Values { get; init; }

    public ImmutableArray<ValueBinding> Bindings { get; init; } = [];

    public ServiceAccountRole? Role { get; init; }

    /// <summary>
    /// The complete values for the release: <see cref="Values"/> with every binding filled in. A binding whose runtime
    /// value is missing is a bug in the caller, which must supply every value the chart's bindings name.
    /// </summary>
    public ImmutableDictionary<string, object> ValuesWith(IReadOnlyDictionary<RuntimeValue, string> runtime)
    {
        var root = Values.ToImmutableDictionary(StringComparer.Ordinal);
        foreach (var binding in Bindings)
        {
            var value = runtime.TryGetValue(binding.Value, out var found)
                ? found
                : throw new ArgumentException($"The chart {Name} binds {binding} but no {binding.Value} was given.", nameof(runtime));
            root = Set(root, binding.Path.AsSpan(), value);
        }

        return root;
    }

    private static ImmutableDictionary<string, object> Set(ImmutableDictionary<string, object> map, ReadOnlySpan<string> path, string value)
    {
        var key = path[0];
        if (path.Length == 1)
        {
            return map.SetItem(key, value);
        }

        var child = map.TryGetValue(key, out var existing) switch
        {
            false => ImmutableDictionary<string, object>.Empty.WithComparers(StringComparer.Ordinal),
            true when existing is IReadOnlyDictionary<string, object> nested => nested.ToImmutableDictionary(StringComparer.Ordinal),
            _ => throw new InvalidOperationException($"Cannot bind below '{key}': it already holds the value {existing}."),
        };
        return map.SetItem(key, Set(child, path[1..], value));
    }
}
