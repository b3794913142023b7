using System.Collections.Immutable;
using System.Text.Json;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Catalog.Refresh;

/// <summary>
/// The answer of <c>aws eks describe-addon-versions --kubernetes-version X --output json</c>: every add-on AWS offers for
/// that minor, each version with the cluster versions it is compatible with and whether it is their default
/// (<c>addons[].addonVersions[].compatibilities[].defaultVersion</c>, the EKS service model's DescribeAddonVersions
/// answer as the CLI prints it with <c>--output json</c>, pages already joined).
/// </summary>
public sealed class AddonVersionsAnswer
{
    private readonly ImmutableDictionary<string, string> _defaults;

    private AddonVersionsAnswer(KubernetesVersion minor, ImmutableDictionary<string, string> defaults)
    {
        Minor = minor;
        _defaults = defaults;
    }

    public KubernetesVersion Minor { get; }

    /// <summary>The version AWS installs by default on <see cref="Minor"/>, or null when AWS marks none for that add-on.</summary>
    public string? DefaultVersion(string addonName) => _defaults.GetValueOrDefault(addonName);

    /// <param name="what">The command that produced the JSON, named in any problem.</param>
    public static Validated<AddonVersionsAnswer> Parse(string json, KubernetesVersion minor, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("addons", out var addons) || addons.ValueKind != JsonValueKind.Array)
            {
                return Unparsable(what, "it has no \"addons\" list");
            }

            var defaults = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var addon in addons.EnumerateArray())
            {
                var name = addon.GetProperty("addonName").GetString()!;
                var versions = addon.TryGetProperty("addonVersions", out var list) ? list.EnumerateArray() : default;
                foreach (var version in versions)
                {
                    var isDefault = version.TryGetProperty("compatibilities", out var compatibilities)
                        && compatibilities.EnumerateArray().Any(c =>
                            c.GetProperty("clusterVersion").GetString() == minor.ToString()
                            && c.TryGetProperty("defaultVersion", out var flag) && flag.ValueKind == JsonValueKind.True);
                    if (isDefault)
                    {
                        defaults[name] = version.GetProperty("addonVersion").GetString()!;
                    }
                }
            }

            return Validated<AddonVersionsAnswer>.Valid(new AddonVersionsAnswer(minor, defaults.ToImmutable()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Unparsable(what, e.Message);
        }
    }

    private static Validated<AddonVersionsAnswer> Unparsable(string what, string why) =>
        Validated<AddonVersionsAnswer>.Invalid([Problem.Error(ProblemCodes.RefreshSourceInvalid, what, null, $"the answer is not describe-addon-versions JSON: {why}.")]);
}
