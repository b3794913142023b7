using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlueGreen.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace BlueGreen.Core.Settings;

/// <summary>
/// Reads a Pulumi.&lt;stack&gt;.yaml file into the flat key→string map Pulumi itself hands a program:
/// top-level values stay the text written, structured values become JSON. Whatever the file holds, the result is a
/// value with file:line problems, never an exception, and reading it stays bounded in time and memory.
/// </summary>
public static partial class StackFile
{
    /// <summary>Stack files are a few kilobytes; this is far above any real one and far below what hurts.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Real settings nest three or four levels; the bound keeps the recursive reading far from the stack's end.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes once every alias and merge key is expanded: what stops an alias bomb before it is expanded.</summary>
    public const int MaxNodes = 100_000;

    private const string FileKey = "(file)";
    private const string YamlKey = "(yaml)";
    private const string MergeKey = "<<";

    /// <summary>Reads and parses a stack file from disk.</summary>
    public static Validated<StackSettings> Load(string path)
    {
        var text = ReadText(path);
        if (!text.IsValid)
        {
            return Validated<StackSettings>.Invalid(text.Problems);
        }

        var config = Read(path, text.Require());
        return config.IsValid ? StackSettingsParser.Parse(config.Require()) : Validated<StackSettings>.Invalid(config.Problems);
    }

    /// <summary>Turns the text of a stack file into a <see cref="StackConfig"/>; <paramref name="path"/> names it in problems.</summary>
    public static Validated<StackConfig> Read(string path, string yaml)
    {
        Validated<StackConfig> Fail(string code, string key, string message, Mark? at = null) =>
            Validated<StackConfig>.Invalid([Problem.Error(code, key, null, message) with
            {
                File = path,
                Line = at is { } mark ? (int)mark.Line : null,
                Column = at is { } column ? (int)column.Column : null,
            }]);

        var stackName = StackNameFrom(Path.GetFileName(path));
        if (stackName is null)
        {
            return Validated<StackConfig>.Invalid([Problem.Error(ProblemCodes.FileName, "(file name)", Path.GetFileName(path),
                "a stack file is named Pulumi.<stack>.yaml; Pulumi takes the stack's name from it") with { File = path }]);
        }

        YamlMappingNode? root;
        try
        {
            if (Bounds(yaml) is { } outOfBounds)
            {
                return Fail(outOfBounds.Code, YamlKey, outOfBounds.Message, outOfBounds.At);
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
        catch (YamlException e)
        {
            return Fail(ProblemCodes.YamlSyntax, YamlKey, $"not valid YAML: {e.InnerException?.Message ?? e.Message}", e.Start);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var secretKeys = new HashSet<string>(StringComparer.Ordinal);
        if (root?.Children.TryGetValue(new YamlScalarNode("config"), out var configNode) == true)
        {
            if (configNode is not YamlMappingNode config)
            {
                return Fail(ProblemCodes.YamlConfigNotMapping, "config", "must be a mapping of namespaced keys (infra:color: blue)", configNode.Start);
            }

            if (FirstComplexKey(config) is { } complex)
            {
                return Fail(ProblemCodes.YamlComplexKey, YamlKey, "a key must be plain text (infra:color, name): Pulumi config has no keys made of lists or maps", complex.Start);
            }

            // Keys stay as written, so the parser can tell "infra:config:color" next to "infra:color" apart from a single key.
            foreach (var (keyNode, valueNode) in config.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                var normalized = StackConfig.NormalizeKey(key);
                if (HoldsSecret(valueNode))
                {
                    // The ciphertext is not the value and is never shown: the key is only known to be set, as a secret.
                    secretKeys.Add(normalized);
                    positions.TryAdd(normalized, Position(valueNode));
                    continue;
                }

                values[key] = valueNode is YamlScalarNode scalar
                    ? scalar.Value ?? ""
                    : ToJson(valueNode, normalized, positions)?.ToJsonString() ?? "null";
                positions.TryAdd(normalized, Position(valueNode));
            }
        }

        return Validated<StackConfig>.Valid(new StackConfig(stackName, path, values) { Positions = positions, SecretKeys = secretKeys });
    }

    /// <summary>"Pulumi.green.yaml" → "green".</summary>
    public static string? StackNameFrom(string fileName)
    {
        var match = StackFileName().Match(fileName);
        return match.Success ? match.Groups["stack"].Value : null;
    }

    /// <summary>The text of a regular file of at most <see cref="MaxBytes"/>: a FIFO or a device is never opened.</summary>
    public static Validated<string> ReadText(string path)
    {
        Validated<string> Fail(string code, string message) =>
            Validated<string>.Invalid([Problem.Error(code, FileKey, path, message) with { File = path }]);

        if (Directory.Exists(path))
        {
            return Fail(ProblemCodes.FileNotRegular, "is a directory, not a stack file");
        }

        if (!File.Exists(path))
        {
            return Fail(ProblemCodes.FileNotFound, "no such stack file");
        }

        if (FileKind.IsRegular(path) == false)
        {
            return Fail(ProblemCodes.FileNotRegular, "is not a regular file (a pipe, a device or a socket): a stack file is read from disk");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[MaxBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }

            return length > MaxBytes
                ? Fail(ProblemCodes.FileTooLarge, $"is larger than {MaxBytes / 1024} KiB, far more than any stack file")
                : Validated<string>.Valid(new UTF8Encoding(false, false).GetString(buffer, 0, length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(ProblemCodes.FileUnreadable, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// One pass over the YAML events, before any tree is built: more than one document, nesting deeper than
    /// <see cref="MaxDepth"/>, an alias inside its own anchor's node, or more than <see cref="MaxNodes"/> nodes once
    /// aliases are expanded (each anchor's expanded size is known when its node ends, so the bound holds without
    /// expanding anything).
    /// </summary>
    private static (string Code, string Message, Mark At)? Bounds(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var anchors = new Dictionary<AnchorName, long>();
        var open = new List<(AnchorName Anchor, long Size, Mark Start)>();
        var documents = 0;
        long total = 0;
        var last = Mark.Empty;
        while (true)
        {
            if (!TryMoveNext(parser, out var more))
            {
                return (ProblemCodes.YamlSyntax, "not valid YAML after this point: is a [ or { left unclosed?", last);
            }

            if (!more)
            {
                return null;
            }

            last = parser.Current!.End;
            long added = 0;
            switch (parser.Current)
            {
                case DocumentStart start when ++documents > 1:
                    return (ProblemCodes.YamlMultipleDocuments, "holds more than one YAML document: a stack file is one document", start.Start);
                case MappingStart or SequenceStart when open.Count >= MaxDepth:
                    return (ProblemCodes.YamlTooDeep, $"nests deeper than {MaxDepth} levels", parser.Current.Start);
                case NodeEvent { } node and (MappingStart or SequenceStart):
                    open.Add((node.Anchor, 1, node.Start));
                    continue;
                case MappingEnd or SequenceEnd:
                    var (anchor, size, _) = open[^1];
                    open.RemoveAt(open.Count - 1);
                    if (!anchor.IsEmpty)
                    {
                        anchors[anchor] = size;
                    }

                    added = size;
                    break;
                case Scalar scalar:
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchors[scalar.Anchor] = 1;
                    }

                    added = 1;
                    break;
                // An alias inside the node its anchor names would make a tree of infinite depth.
                case AnchorAlias alias when open.Any(o => o.Anchor == alias.Value):
                    return (ProblemCodes.YamlAliasCycle, $"the alias *{alias.Value} is inside the node &{alias.Value} names: it would contain itself", alias.Start);
                case AnchorAlias alias:
                    added = anchors.GetValueOrDefault(alias.Value, 1);
                    break;
            }

            if (open.Count > 0)
            {
                open[^1] = open[^1] with { Size = open[^1].Size + added };
            }
            else
            {
                total += added;
            }

            if (total > MaxNodes || (open.Count > 0 && open[^1].Size > MaxNodes))
            {
                return (ProblemCodes.YamlTooLarge, $"expands to more than {MaxNodes} values once its aliases are expanded", parser.Current!.Start);
            }
        }

    }

    /// <summary>
    /// YamlDotNet 16 throws InvalidOperationException rather than a YamlException on some unclosed flow collections
    /// (<c>[unclosed</c> followed by more keys): false then, and the caller reports it after the last event read.
    /// </summary>
    private static bool TryMoveNext(Parser parser, out bool more)
    {
        try
        {
            more = parser.MoveNext();
            return true;
        }
        catch (InvalidOperationException)
        {
            more = false;
            return false;
        }
    }

    private static SourcePosition Position(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    private static YamlNode? FirstComplexKey(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Keys.FirstOrDefault(k => k is not YamlScalarNode)
            ?? map.Children.Values.Select(FirstComplexKey).FirstOrDefault(k => k is not null),
        YamlSequenceNode seq => seq.Children.Select(FirstComplexKey).FirstOrDefault(k => k is not null),
        _ => null,
    };

    /// <summary>
    /// A Pulumi secret: a mapping with the single key <c>secure</c> and a text value, at any depth ("maps with the single
    /// key "secure" are reserved", pulumi sdk/go/common/resource/config/object.go). Recognised by shape, not by a
    /// <c>v1:</c> prefix, since the ciphertext's form depends on the secrets provider.
    /// </summary>
    private static bool HoldsSecret(YamlNode node) => node switch
    {
        YamlMappingNode { Children.Count: 1 } map when map.Children.Single() is ({ } key, YamlScalarNode)
            && key is YamlScalarNode { Value: "secure" } => true,
        YamlMappingNode map => map.Children.Values.Any(HoldsSecret),
        YamlSequenceNode list => list.Children.Any(HoldsSecret),
        _ => false,
    };

    /// <summary>
    /// The JSON Pulumi hands the program for a structured value, recording where each nested value stands under the
    /// key path the parsers name it by (<c>infra:nodeGroups[1].instanceTypes[0]</c>).
    /// </summary>
    private static JsonNode? ToJson(YamlNode node, string path, Dictionary<string, SourcePosition> positions)
    {
        positions.TryAdd(path, Position(node));
        return node switch
        {
            YamlMappingNode map => Mapping(map, path, positions),
            YamlSequenceNode seq => new JsonArray([.. seq.Children.Select((child, i) => ToJson(child, $"{path}[{i}]", positions))]),
            YamlScalarNode scalar => ScalarToJson(scalar),
            _ => null,
        };
    }

    /// <summary>
    /// A mapping, with its merge keys (<c>&lt;&lt;: *defaults</c>, or a list of them) expanded as YAML 1.1 and Pulumi
    /// expand them: keys written in the mapping win over merged ones, and earlier merged mappings over later ones.
    /// </summary>
    private static JsonObject Mapping(YamlMappingNode map, string path, Dictionary<string, SourcePosition> positions)
    {
        var result = new JsonObject();
        var merged = new List<YamlMappingNode>();
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            var sources = value is YamlSequenceNode list ? list.Children : [value];
            if (name == MergeKey && ((YamlScalarNode)key).Style == ScalarStyle.Plain && sources.All(source => source is YamlMappingNode))
            {
                merged.AddRange(sources.Cast<YamlMappingNode>());
                continue;
            }

            result[name] = ToJson(value, $"{path}.{name}", positions);
        }

        foreach (var (key, value) in merged.SelectMany(source => source.Children))
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!result.ContainsKey(name))
            {
                result[name] = ToJson(value, $"{path}.{name}", positions);
            }
        }

        return result;
    }

    // Nested scalars are typed the way YAML's core schema types them, as Pulumi does when it turns
    // structured config into JSON: this is why an unquoted 1.30 inside an object becomes the number 1.3.
    // A number JSON cannot hold (1e400) stays the text written, for the parser to reject by its key.
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
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) => JsonValue.Create(real),
            _ => JsonValue.Create(text),
        };
    }

    [GeneratedRegex(@"^Pulumi\.(?<stack>[A-Za-z0-9_.\-]+)\.ya?ml$")]
    private static partial Regex StackFileName();
}

/// <summary>Where a value stands in its file, both 1-based.</summary>
public readonly record struct SourcePosition(int Line, int Column);
