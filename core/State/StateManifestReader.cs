using System.Collections.Immutable;
using BlueGreen.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BlueGreen.Core.State;

internal sealed record StorageClassObject(string Name, string Provisioner);

internal sealed record ClaimObject(
    string File, int Line, string Name, string? Namespace, string? StorageClass, string? Size, ImmutableArray<string> AccessModes, StateStrategy? Strategy);

/// <summary>A workload (or any object declaring a strategy) with the volumes its pods use, and what a migration reads off it.</summary>
internal sealed record WorkloadObject(
    string File,
    int Line,
    string Kind,
    string Name,
    string? Namespace,
    StateStrategy? Strategy,
    ImmutableArray<ClaimObject> Templates,
    ImmutableArray<string> MountedClaims,
    int? Replicas,
    ImmutableDictionary<string, string> Annotations);

/// <summary>What one file (or one <c>kubectl get -o json</c> answer) declares that matters for state.</summary>
internal sealed record ReadObjects(
    ImmutableArray<StorageClassObject> StorageClasses,
    ImmutableArray<ClaimObject> Claims,
    ImmutableArray<WorkloadObject> Workloads,
    ImmutableArray<Problem> Problems);

/// <summary>
/// Reads the state-related objects of a manifest file in full (YamlDotNet's representation model): StorageClasses,
/// PersistentVolumeClaims, every kind with a pod template, and any object carrying <see cref="StateStrategies.Annotation"/>.
/// JSON is YAML, so kubectl's <c>-o json</c> lists read the same way. Other documents are ignored.
/// </summary>
internal static class StateManifestReader
{
    private const string ClaimKind = "PersistentVolumeClaim";

    public static ReadObjects Read(string file, string text)
    {
        var classes = ImmutableArray.CreateBuilder<StorageClassObject>();
        var claims = ImmutableArray.CreateBuilder<ClaimObject>();
        var workloads = ImmutableArray.CreateBuilder<WorkloadObject>();
        var problems = ImmutableArray.CreateBuilder<Problem>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problems.Add(Problem.Error(ProblemCodes.YamlSyntax, "manifest", null, $"not valid YAML or JSON: {e.Message}") with { File = file, Line = checked((int)e.Start.Line), Column = checked((int)e.Start.Column) });
            return new([], [], [], problems.ToImmutable());
        }

        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlMappingNode root)
            {
                Visit(root, inheritedKind: null);
            }
        }

        return new(classes.ToImmutable(), claims.ToImmutable(), workloads.ToImmutable(), problems.ToImmutable());

        void Visit(YamlMappingNode node, string? inheritedKind)
        {
            var kind = Scalar(node, "kind") ?? inheritedKind;
            if (kind is null)
            {
                return;
            }

            if (kind.EndsWith("List", StringComparison.Ordinal) && Child(node, "items") is YamlSequenceNode items)
            {
                var itemKind = kind == "List" ? null : kind[..^"List".Length];
                foreach (var item in items.OfType<YamlMappingNode>())
                {
                    Visit(item, itemKind);
                }

                return;
            }

            var metadata = Child(node, "metadata") as YamlMappingNode;
            var name = Scalar(metadata, "name") ?? Scalar(metadata, "generateName");
            if (name is null)
            {
                return;
            }

            var ns = Scalar(metadata, "namespace");
            var line = Line(node);
            var annotations = Annotations(metadata);
            var strategy = Strategy(metadata);
            switch (kind)
            {
                case "StorageClass" when Scalar(node, "provisioner") is { } provisioner:
                    classes.Add(new StorageClassObject(name, provisioner));
                    return;
                case ClaimKind:
                    claims.Add(ReadClaim(node, line, name, ns, strategy));
                    return;
            }

            var spec = Child(node, "spec") as YamlMappingNode;
            var podSpec = kind switch
            {
                "Pod" => spec,
                "CronJob" => Child(Child(Child(Child(spec, "jobTemplate"), "spec"), "template"), "spec"),
                _ => Child(Child(spec, "template"), "spec"),
            } as YamlMappingNode;
            var templates = kind == "StatefulSet" && Child(spec, "volumeClaimTemplates") is YamlSequenceNode sequence
                ? sequence.OfType<YamlMappingNode>()
                    .Select(t => ReadClaim(t, Line(t), Scalar(Child(t, "metadata"), "name") ?? "", ns, null))
                    .Where(t => t.Name.Length > 0)
                    .ToImmutableArray()
                : [];
            var mounted = (Child(podSpec, "volumes") as YamlSequenceNode)?.OfType<YamlMappingNode>()
                .Select(v => Scalar(Child(v, "persistentVolumeClaim"), "claimName"))
                .OfType<string>()
                .ToImmutableArray() ?? [];
            if (podSpec is null && strategy is null)
            {
                return;
            }

            var replicas = int.TryParse(Scalar(spec, "replicas"), out var count) ? count : (int?)null;
            workloads.Add(new WorkloadObject(file, line, kind, name, ns, strategy, templates, mounted, replicas, annotations));
        }

        ClaimObject ReadClaim(YamlMappingNode claim, int line, string name, string? ns, StateStrategy? strategy)
        {
            var spec = Child(claim, "spec");
            var modes = (Child(spec, "accessModes") as YamlSequenceNode)?.OfType<YamlScalarNode>()
                .Select(m => m.Value).OfType<string>().ToImmutableArray() ?? [];
            return new ClaimObject(file, line, name, ns, Scalar(spec, "storageClassName"),
                Scalar(Child(Child(spec, "resources"), "requests"), "storage"), modes, strategy);
        }

        StateStrategy? Strategy(YamlMappingNode? metadata)
        {
            if (Child(Child(metadata, "annotations"), StateStrategies.Annotation) is not YamlScalarNode value)
            {
                return null;
            }

            if (StateStrategies.TryParse(value.Value, out var strategy))
            {
                return strategy;
            }

            problems.Add(Problem.Error(ProblemCodes.StateUnknownStrategy, $"metadata.annotations.{StateStrategies.Annotation}", value.Value,
                $"is not a state strategy; use one of {StateStrategies.Names}") with { File = file, Line = Line(value), Column = checked((int)value.Start.Column) });
            return null;
        }
    }

    private static ImmutableDictionary<string, string> Annotations(YamlMappingNode? metadata) =>
        Child(metadata, "annotations") is YamlMappingNode annotations
            ? annotations.Children
                .Where(pair => pair.Key is YamlScalarNode { Value: not null } && pair.Value is YamlScalarNode { Value: not null })
                .ToImmutableDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!, StringComparer.Ordinal)
            : ImmutableDictionary<string, string>.Empty;

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value?.Trim() is { Length: > 0 } value ? value : null;

    private static int Line(YamlNode node) => checked((int)node.Start.Line);
}
