using System.Collections.Immutable;
using System.Text.Json;
using BlueGreen.Core.Settings;

namespace BlueGreen.Infra;

/// <summary>
/// The whole stack configuration as the flat key→string map the settings parser reads. Pulumi's <c>Config</c> only
/// answers for keys asked by name, so this reads what the dotnet language host hands every program: the
/// <c>PULUMI_CONFIG</c> environment variable, a JSON object of namespaced key to string (structured values as JSON),
/// the same source the SDK's own configuration is parsed from (pulumi-dotnet Deployment_Config.cs); and
/// <c>PULUMI_CONFIG_SECRET_KEYS</c>, the JSON array of the keys set as secrets, which the SDK keeps internal.
/// </summary>
internal static class PulumiConfig
{
    public const string EnvironmentVariable = "PULUMI_CONFIG";

    public const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

    public static IReadOnlyDictionary<string, string> FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public static IReadOnlySet<string> SecretKeysFromEnvironment() => ParseSecretKeys(Environment.GetEnvironmentVariable(SecretKeysVariable));

    public static IReadOnlyDictionary<string, string> Parse(string? json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return values;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[StackConfig.NormalizeKey(property.Name)] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : property.Value.GetRawText();
        }

        return values;
    }

    /// <summary>
    /// The secret keys, normalized like the values' keys. The language host sends <c>["ns:key", ...]</c>, or <c>[]</c>
    /// when there are none (pulumi-language-dotnet main.go <c>constructConfigSecretKeys</c>).
    /// </summary>
    public static IReadOnlySet<string> ParseSecretKeys(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ImmutableHashSet<string>.Empty;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(key => StackConfig.NormalizeKey(key.GetString() ?? ""))
            .ToImmutableHashSet(StringComparer.Ordinal);
    }
}
