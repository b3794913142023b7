using System.Collections.Immutable;
using BlueGreen.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace BlueGreen.Core.Catalog.Refresh;

/// <summary>A pinned value and the exact span of the data file's text it stands in, so a refresh rewrites only that.</summary>
public sealed record PinnedValue(string Value, int Start, int End, int Line, ScalarStyle Style);

/// <summary>One Kubernetes minor's add-on pins in the data file.</summary>
/// <param name="ManagedKeyColumn">
/// The 0-based column of the managed pins' keys, where a pin the minor lacks is added; null when the <c>managed</c>
/// mapping is empty or written in flow style, where a refresh cannot add a line.
/// </param>
public sealed record MinorPins(
    KubernetesVersion Minor,
    ImmutableSortedDictionary<string, PinnedValue> Managed,
    ImmutableSortedDictionary<string, (PinnedValue Version, PinnedValue AppVersion)> Helm,
    int? ManagedKeyColumn = null);

/// <summary>
/// The add-on pins of a catalog data file, read for a refresh. Only what a refresh rewrites is read here; the catalog's
/// meaning (dates, pricing, consistency) stays <see cref="CatalogReader"/>'s, which the rewritten file must still pass.
/// Where each chart comes from is not in the file: it is the add-on's definition in <see cref="AddonRegistry"/>.
/// </summary>
public sealed record CatalogPins(ImmutableArray<MinorPins> Minors)
{
    public static Validated<CatalogPins> Read(string text, string file)
    {
        var problems = new List<Problem>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new YamlException("the file holds no mapping");
        }
        catch (YamlException e)
        {
            return Validated<CatalogPins>.Invalid([Problem.Error(ProblemCodes.CatalogInvalid, $"line {e.Start.Line}", null, (e.InnerException ?? e).Message) with { File = file }]);
        }

        var minors = new List<MinorPins>();
        foreach (var (block, index) in (Child<YamlSequenceNode>(root, "versions")?.Children ?? []).Select((b, i) => (b, i)))
        {
            if (ReadMinor(block as YamlMappingNode, $"versions[{index}]", problems) is { } minor)
            {
                minors.Add(minor);
            }
        }

        if (minors.Count == 0 && problems.Count == 0)
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, "versions", null, "the file lists no Kubernetes minor to refresh."));
        }

        return problems.Count > 0
            ? Validated<CatalogPins>.Invalid(problems.Select(p => p with { File = file }))
            : Validated<CatalogPins>.Valid(new CatalogPins([.. minors]));
    }

    private static MinorPins? ReadMinor(YamlMappingNode? block, string at, List<Problem> problems)
    {
        var kubernetes = Scalar(block, "kubernetes")?.Value;
        if (!KubernetesVersion.TryParse(kubernetes, out var minor))
        {
            problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.kubernetes", kubernetes, "expected a Kubernetes minor such as \"1.33\"."));
            return null;
        }

        at = $"versions[{minor}]";
        var managed = ImmutableSortedDictionary.CreateBuilder<string, PinnedValue>(StringComparer.Ordinal);
        var managedNode = Child<YamlMappingNode>(block, "managed");
        foreach (var (key, value) in Entries(managedNode))
        {
            var name = ((YamlScalarNode)key).Value!;
            if (Pinned(value as YamlScalarNode) is { } pin)
            {
                managed[name] = pin;
            }
            else
            {
                problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.managed.{name}", null, "expected an EKS add-on version."));
            }
        }

        var helm = ImmutableSortedDictionary.CreateBuilder<string, (PinnedValue, PinnedValue)>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries(Child<YamlMappingNode>(block, "helm")))
        {
            var name = ((YamlScalarNode)key).Value!;
            if (Pinned(Scalar(value as YamlMappingNode, "version")) is { } version && Pinned(Scalar(value as YamlMappingNode, "appVersion")) is { } appVersion)
            {
                helm[name] = (version, appVersion);
            }
            else
            {
                problems.Add(Problem.Error(ProblemCodes.CatalogInvalid, $"{at}.helm.{name}", null, "expected { version: <chart version>, appVersion: <app version> }."));
            }
        }

        var keyColumn = managedNode is { Style: not MappingStyle.Flow, Children.Count: > 0 } ? (int)managedNode.Children.First().Key.Start.Column - 1 : (int?)null;
        return new MinorPins(minor, managed.ToImmutable(), helm.ToImmutable(), keyColumn);
    }

    private static PinnedValue? Pinned(YamlScalarNode? node) =>
        node is { Value: { Length: > 0 } value }
            ? new PinnedValue(value, (int)node.Start.Index, (int)node.End.Index, (int)node.Start.Line, node.Style)
            : null;

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode? mapping) => mapping is null ? [] : mapping.Children;

    private static T? Child<T>(YamlMappingNode? mapping, string key) where T : YamlNode =>
        mapping is not null && mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node as T : null;

    private static YamlScalarNode? Scalar(YamlMappingNode? mapping, string key) => Child<YamlScalarNode>(mapping, key);
}
