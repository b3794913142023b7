using BlueGreen.Core.Settings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BlueGreen.Cli.Common;

/// <summary>The Pulumi project a stack file belongs to: the <c>name</c> in the Pulumi.yaml beside it.</summary>
internal static class PulumiProject
{
    /// <summary>
    /// The project name, which names the clusters a blueprint resolves to. Without a readable Pulumi.yaml (Pulumi itself
    /// would refuse to run) the directory's name stands in: the plan shows versions, never resource names.
    /// </summary>
    public static string NameFor(string stackFile)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(stackFile)) ?? ".";
        var project = Path.Combine(directory, "Pulumi.yaml");
        var text = StackFile.ReadText(project);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text.Value ?? ""));
            if (stream.Documents is [{ RootNode: YamlMappingNode root }, ..]
                && root.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode { Value: { Length: > 0 } value })
            {
                return value;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Not YAML (YamlDotNet throws InvalidOperationException on some unclosed brackets): the directory's name below.
        }

        return Path.GetFileName(directory);
    }
}
