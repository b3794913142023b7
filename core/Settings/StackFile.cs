using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlueGreen.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BlueGreen.Core.Settings;

/// <summary>
/// Reads a Pulumi.&lt;stack&gt;.yaml file into the flat key→string map Pulumi itself hands a program:
/// top-level values stay the text written, structured values become JSON.
/// </summary>
public static partial class StackFile
{
    /// <summary>Reads and parses a stack file from disk.</summary>
    public static Validated<StackSettings> Load(string path, SettingsContext context)
    {
        if (!System.IO.File.Exists(path))
        {
            return Validated<StackSettings>.Invalid([Problem.Error("(file)", path, "no such stack file") with { File = path }]);
        }

        string yaml;
        try
        {
            yaml = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Validated<StackSettings>.Invalid([Problem.Error("(file)", path, $"cannot be read: {e.Message}") with { File = path }]);
        }

        var config = Read(path, yaml);
        return config.IsValid ? StackSettingsParser.Parse(config.Require(), context) : Validated<StackSettings>.Invalid(config.Problems);
    }

    /// <summary>Turns the text of a stack file into a <see cref="StackConfig"/>; <paramref name="path"/> names it in problems.</summary>
    public static Validated<StackConfig> Read(string path, string yaml)
    {
        var stackName = StackNameFrom(Path.GetFileName(path));
        if (stackName is null)
        {
            return Validated<StackConfig>.Invalid([Problem.Error("(file name)", Path.GetFileName(path),
                "a stack file is named Pulumi.<stack>.yaml; Pulumi takes the stack's name from it") with { File = path }]);
        }

        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
        catch (YamlException e)
        {
            return Validated<StackConfig>.Invalid([Problem.Error("(yaml)", null, $"not valid YAML: {e.InnerException?.Message ?? e.Message}")
                with { File = path, Line = (int)e.Start.Line }]);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root?.Children.TryGetValue(new YamlScalarNode("config"), out var configNode) == true)
        {
            if (configNode is not YamlMappingNode config)
            {
                return Validated<StackConfig>.Invalid([Problem.Error("config", null, "must be a mapping of namespaced keys (infra:color: blue)")
                    with { File = path, Line = (int)configNode.Start.Line }]);
            }

            if (FirstComplexKey(config) is { } complex)
            {
                return Validated<StackConfig>.Invalid([Problem.Error("(yaml)", null, "a key must be plain text (infra:color, name): Pulumi config has no keys made of lists or maps")
                    with { File = path, Line = (int)complex.Start.Line }]);
            }

            // Keys stay as written, so the parser can tell "infra:config:color" next to "infra:color" apart from a single key.
            foreach (var (keyNode, valueNode) in config.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                values[key] = valueNode is YamlScalarNode scalar ? scalar.Value ?? "" : ToJson(valueNode)?.ToJsonString() ?? "null";
                lines.TryAdd(StackConfig.NormalizeKey(key), (int)keyNode.Start.Line);
            }
        }

        return Validated<StackConfig>.Valid(new StackConfig(stackName, path, values) { KeyLines = lines });
    }

    /// <summary>"Pulumi.green.yaml" → "green".</summary>
    public static string? StackNameFrom(string fileName)
    {
        var match = StackFileName().Match(fileName);
        return match.Success ? match.Groups["stack"].Value : null;
    }

    private static YamlNode? FirstComplexKey(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Keys.FirstOrDefault(k => k is not YamlScalarNode)
            ?? map.Children.Values.Select(FirstComplexKey).FirstOrDefault(k => k is not null),
        YamlSequenceNode seq => seq.Children.Select(FirstComplexKey).FirstOrDefault(k => k is not null),
        _ => null,
    };

    // Nested scalars are typed the way YAML's core schema types them, as Pulumi does when it turns
    // structured config into JSON: this is why an unquoted 1.30 inside an object becomes the number 1.3.
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ScalarToJson(scalar),
        _ => null,
    };

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
            _ => JsonValue.Create(text),
        };
    }

    [GeneratedRegex(@"^Pulumi\.(?<stack>[A-Za-z0-9_.\-]+)\.ya?ml$")]
    private static partial Regex StackFileName();
}
