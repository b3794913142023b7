using System.Collections.Immutable;

namespace BlueGreen.Core.Settings;

/// <summary>
/// A stack's configuration in the one shape both sources share: Pulumi's flat map of namespaced key to string,
/// with structured values as JSON. The CLI builds it from a Pulumi.&lt;stack&gt;.yaml file; the Pulumi program
/// gets it from the engine. Parsing only this shape is what makes both see exactly the same settings.
/// </summary>
public sealed record StackConfig(string StackName, string? File, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>Where each top-level key (by its <see cref="NormalizeKey"/> form) stands in <see cref="File"/>, so problems can point at a line.</summary>
    public IReadOnlyDictionary<string, int> KeyLines { get; init; } = ImmutableDictionary<string, int>.Empty;

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
