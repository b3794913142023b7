using System.Collections.Immutable;
using BlueGreen.Core.Catalog;

namespace BlueGreen.Core.Blueprints;

/// <summary>
/// One Helm release: an add-on pinned to a chart version, with <see cref="Values"/> holding what the core decides
/// (its definition's values, and image tags that must match the cluster's minor); its definition's bindings say where
/// the runtime values go.
/// </summary>
public sealed record ChartBlueprint(Addon Addon, ImmutableSortedDictionary<string, object> Values)
{
    /// <summary>The add-on name, also used as the release name.</summary>
    public string Name => Addon.Name;

    public string Repository => Source.Repository;

    public string Chart => Source.Chart;

    public string Version => Addon.Version;

    public string Namespace => Addon.Definition.Namespace;

    public ServiceAccountRole? Role => Addon.Definition.Role;

    public ImmutableArray<ValueBinding> Bindings => Addon.Definition.Bindings;

    private ChartSource Source => Addon.Definition.Source
        ?? throw new InvalidOperationException($"The Helm add-on {Addon.Name} is registered without a chart source.");

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

    internal static ImmutableDictionary<string, object> Set(ImmutableDictionary<string, object> map, ReadOnlySpan<string> path, object value)
    {
        var key = path[0];
        if (path.Length == 1)
        {
            return map.SetItem(key, value);
        }

        // A list element, by its index (Velero's backup locations are a list of maps).
        if (map.TryGetValue(key, out var found) && found is ImmutableArray<object> list && path.Length > 2
            && int.TryParse(path[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && index < list.Length && list[index] is IReadOnlyDictionary<string, object> element)
        {
            return map.SetItem(key, list.SetItem(index, Set(element.ToImmutableDictionary(StringComparer.Ordinal), path[2..], value)));
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
