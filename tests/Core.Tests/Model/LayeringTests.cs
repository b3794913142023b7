using System.Text.RegularExpressions;

namespace BlueGreen.Core.Tests.Model;

/// <summary>
/// The core's folders form layers without cycles: each may use only the layers below it. Read from the sources, so a
/// <c>using</c> or a qualified name that climbs a layer fails here, not in a review.
/// </summary>
public partial class LayeringTests
{
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        ["Model"] = 0,
        ["Catalog"] = 1,
        ["Skew"] = 1,
        ["Deprecations"] = 1,
        ["Outputs"] = 1,
        ["Settings"] = 2,
        ["State"] = 2,
        ["Lifecycle"] = 2,
        ["Blueprints"] = 3,
        ["Traffic"] = 4,
        ["Planning"] = 5,
        ["Cutover"] = 5,
    };

    public static TheoryData<string> Folders => [.. Layers.Keys];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_only_the_layers_below_it(string folder)
    {
        var climbing = Directory.EnumerateFiles(Path.Combine(Repository.Root, "core", folder), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => CoreReference().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), To: m.Groups["folder"].Value)))
            .Where(r => r.To != folder && Layers.TryGetValue(r.To, out var layer) && layer >= Layers[folder])
            .Select(r => $"{r.File} uses {r.To}")
            .Distinct()
            .ToList();

        Assert.Empty(climbing);
    }

    [GeneratedRegex(@"BlueGreen\.Core\.(?<folder>[A-Z][A-Za-z]*)")]
    private static partial Regex CoreReference();
}
