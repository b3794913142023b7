using System.Text.Json;
using BlueGreen.Core.Settings;

namespace BlueGreen.Infra;

/// <summary>
/// The whole stack configuration as the flat key→string map the settings parser reads. Pulumi's <c>Config</c> only
/// answers for keys asked by name, so this reads what the dotnet language host hands every program: the
/// <c>PULUMI_CONFIG</c> environment variable, a JSON object of namespaced key to string (structured values as JSON),
/// the same source the SDK's own configuration is parsed from (pulumi-dotnet Deployment_Config.cs).
/// </summary>
internal static class PulumiConfig
{
    public const string EnvironmentVariable = "PULUMI_CONFIG";

    public static IReadOnlyDictionary<string, string> FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

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
}
