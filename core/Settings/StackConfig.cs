using System.Collections.Immutable;

namespace BlueGreen.Core.Settings;

/// <summary>
/// A stack's configuration in the one shape both sources share: Pulumi's flat map of namespaced key to string,
/// with structured values as JSON. The CLI builds it from a Pulumi.&lt;stack&gt;.yaml file; the Pulumi program
/// gets it from the engine. Parsing only this shape is what makes both see exactly the same settings.
/// </summary>
public sealed record StackConfig(string StackName, string? File, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>
    /// Where each value stands in <see cref="File"/>, by the key path problems name it with
    /// (<c>infra:nodeGroups[1].instanceTypes[0]</c>, top-level keys in their <see cref="NormalizeKey"/> form).
    /// </summary>
    public IReadOnlyDictionary<string, SourcePosition> Positions { get; init; } = ImmutableDictionary<string, SourcePosition>.Empty;

    /// <summary>The position of a key path, or of its nearest parent that has one (a missing field points at its object).</summary>
    public SourcePosition? PositionOf(string keyPath)
    {
        for (var path = keyPath; path.Length > 0; path = path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))])
        {
            if (Positions.TryGetValue(path, out var position))
            {
                return position;
            }
        }

        return null;
    }

    /// <summary>
    /// Pulumi hands programs keys as "project:config:key" in some paths and "project:key" in others;
    /// both name the same setting.
    /// </summary>
    public static string NormalizeKey(string key)
    {
        var parts = key.Split(':');
        return parts is [var ns, "config", var name] ? $"{ns}:{name}" : key;
    }
}
