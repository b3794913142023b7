using System.Globalization;
using System.Numerics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BlueGreen.Core.Model;

/// <summary>
/// A node of a data file (the embedded tables, the version catalog, a chart repository's index), read through
/// YamlDotNet's representation model. YamlDotNet's deserializer fills classes by reflection, which a Native AOT build
/// cannot do and which costs a JIT build a tenth of a second at start-up; this reads the same YAML with none.
/// A null (<c>~</c>, <c>null</c> or nothing) reads as absent, as the deserializer had it; a node of the wrong shape is
/// a <see cref="YamlException"/> at that node, like a syntax error.
/// </summary>
internal sealed class YamlData
{
    private readonly YamlNode _node;

    private YamlData(YamlNode node) => _node = node;

    public Mark Start => _node.Start;

    /// <summary>The first document of <paramref name="text"/>; null when it holds none or only a null.</summary>
    public static YamlData? Parse(TextReader text)
    {
        var stream = new YamlStream();
        stream.Load(text);
        return stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode) ? null : new YamlData(stream.Documents[0].RootNode);
    }

    /// <summary>The value of <paramref name="key"/> in this mapping; null when the key is absent or its value is null.</summary>
    public YamlData? this[string key] =>
        IsNull(_node) ? null
        : Mapping().Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? new YamlData(value)
        : null;

    /// <summary>
    /// Rejects a key of this mapping that is not one of <paramref name="keys"/>: in a table read like a lockfile, a
    /// misspelt key would be a fact silently lost.
    /// </summary>
    public YamlData OnlyKeys(params string[] keys)
    {
        foreach (var (key, _) in Entries())
        {
            if (Array.IndexOf(keys, key.Name) < 0)
            {
                throw Error(key._node, $"unknown key '{key.Name}'; expected {string.Join(", ", keys)}.");
            }
        }

        return this;
    }

    /// <summary>The text of a scalar; null for a null.</summary>
    public string? String() =>
        IsNull(_node) ? null
        : _node is YamlScalarNode scalar ? scalar.Value
        : throw Error(_node, "expected a single value, not a list or a mapping.");

    public T? Number<T>() where T : struct, INumberBase<T> =>
        String() is not { } text ? null
        : T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : throw Error(_node, $"'{text}' is not a {(typeof(T) == typeof(int) ? "whole number" : "number")}.");

    /// <summary>The items of a sequence; none for a null.</summary>
    public IEnumerable<YamlData> Items() =>
        IsNull(_node) ? []
        : _node is YamlSequenceNode sequence ? sequence.Children.Select(item => new YamlData(item))
        : throw Error(_node, "expected a list.");

    /// <summary>The keys and values of a mapping, in the file's order; none for a null. Each key is a scalar.</summary>
    public IEnumerable<(YamlData Key, YamlData Value)> Entries() =>
        IsNull(_node) ? [] : Mapping().Children.Select(entry => (Key(entry.Key), new YamlData(entry.Value)));

    private string Name => ((YamlScalarNode)_node).Value ?? "";

    private YamlMappingNode Mapping() => _node as YamlMappingNode ?? throw Error(_node, "expected a mapping of keys to values.");

    private static YamlData Key(YamlNode key) =>
        key is YamlScalarNode ? new YamlData(key) : throw Error(key, "expected a key that is plain text, not a list or a mapping.");

    // YAML's core schema nulls, as the deserializer reads them into a class; a quoted "null" is text.
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static YamlException Error(YamlNode node, string message) => new(node.Start, node.End, message);
}
