using System.Collections.Immutable;
using BlueGreen.Core.Model;

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

    /// <summary>
    /// The keys (in their <see cref="NormalizeKey"/> form) whose value is a secret: marked <c>secure:</c> in a stack file,
    /// whose ciphertext is then left out of <see cref="Values"/>, or listed in the engine's <c>PULUMI_CONFIG_SECRET_KEYS</c>.
    /// A value holding a secret anywhere makes the whole key secret, as Pulumi treats it.
    /// </summary>
    public IReadOnlySet<string> SecretKeys { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>True when the key has a value, readable or secret: a secret's ciphertext is left out of <see cref="Values"/>.</summary>
    public bool IsSet(string key) => Values.ContainsKey(key) || SecretKeys.Contains(key);

    /// <summary>True when the key path (<c>infra:nodeGroups[0].name</c>) lies inside a secret key.</summary>
    public bool IsSecret(string keyPath)
    {
        var end = keyPath.IndexOfAny(['.', '[']);
        return SecretKeys.Contains(NormalizeKey(end < 0 ? keyPath : keyPath[..end]));
    }

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

    /// <summary>A problem found in these settings, placed in <see cref="File"/> at its key's position unless it has its own.</summary>
    public Problem Locate(Problem problem)
    {
        var position = problem.Line is null ? PositionOf(problem.Key) : null;
        return problem with
        {
            File = problem.File ?? File,
            Line = problem.Line ?? position?.Line,
            Column = problem.Column ?? position?.Column,
        };
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
