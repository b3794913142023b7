using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BlueGreen.Core.Model;

/// <summary>
/// A node of a data file (the embedded tables, the version catalog, a chart repository's index): a scalar, a list or
/// a mapping, with where it starts and ends. YamlDotNet's deserializer fills classes by reflection, which a Native AOT
/// build cannot do; this reads the same YAML with none.
/// A null (<c>~</c>, <c>null</c> or nothing) reads as absent, as the deserializer had it; a node of the wrong shape is
/// a <see cref="YamlException"/> at that node, like a syntax error.
/// </summary>
/// <remarks>
/// The tree holds no YamlDotNet node, so the embedded tables can be built without YAML at run time: the build
/// transcribes each <c>*.data.yaml</c> into C# that calls the factories below (generators/DataTableGenerator), and a
/// scan never pays for loading YamlDotNet (README, "Benchmarks"). <see cref="Parse"/> builds the same tree from text.
/// </remarks>
internal sealed class YamlData
{
    private const int MaxDepth = 64;

    private readonly Kind _kind;
    private readonly string? _value;
    private readonly bool _plain;

    // Children of a list; for a mapping, its keys and values interleaved, in the file's order.
    private readonly YamlData[] _children;
    private readonly int _line;
    private readonly int _column;
    private readonly int _endLine;
    private readonly int _endColumn;

    private YamlData(Kind kind, string? value, bool plain, YamlData[] children, int line, int column, int endLine, int endColumn)
    {
        (_kind, _value, _plain, _children) = (kind, value, plain, children);
        (_line, _column, _endLine, _endColumn) = (line, column, endLine, endColumn);
    }

    private enum Kind
    {
        Scalar,
        List,
        Mapping,
    }

    /// <param name="plain">Written without quotes: only a plain scalar can be a null.</param>
    public static YamlData Scalar(string value, bool plain, int line, int column, int endLine, int endColumn) =>
        new(Kind.Scalar, value, plain, [], line, column, endLine, endColumn);

    public static YamlData List(YamlData[] items, int line, int column, int endLine, int endColumn) =>
        new(Kind.List, null, false, items, line, column, endLine, endColumn);

    /// <param name="keysAndValues">Each key followed by its value, in the file's order.</param>
    public static YamlData Mapping(YamlData[] keysAndValues, int line, int column, int endLine, int endColumn) =>
        keysAndValues.Length % 2 == 0
            ? new(Kind.Mapping, null, false, keysAndValues, line, column, endLine, endColumn)
            : throw new ArgumentException("A mapping needs a value for each key.", nameof(keysAndValues));

    /// <summary>The first document of <paramref name="text"/>; null when it holds none or only a null.</summary>
    public static YamlData? Parse(TextReader text)
    {
        var stream = new YamlStream();
        stream.Load(text);
        return stream.Documents.Count == 0 ? null : From(stream.Documents[0].RootNode, new(ReferenceEqualityComparer.Instance), 0) is var root && !root.IsNull ? root : null;
    }

    /// <summary>The value of <paramref name="key"/> in this mapping; null when the key is absent or its value is null.</summary>
    public YamlData? this[string key]
    {
        get
        {
            if (IsNull)
            {
                return null;
            }

            var pairs = Mapping();
            for (var i = 0; i < pairs.Length; i += 2)
            {
                if (pairs[i]._kind == Kind.Scalar && pairs[i]._value == key)
                {
                    return pairs[i + 1].IsNull ? null : pairs[i + 1];
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Rejects a key of this mapping that is not one of <paramref name="keys"/>: in a table read like a lockfile, a
    /// misspelt key would be a fact silently lost.
    /// </summary>
    public YamlData OnlyKeys(params string[] keys)
    {
        foreach (var (key, _) in Entries())
        {
            if (Array.IndexOf(keys, key._value) < 0)
            {
                throw key.Error($"unknown key '{key._value}'; expected {string.Join(", ", keys)}.");
            }
        }

        return this;
    }

    /// <summary>The text of a scalar; null for a null.</summary>
    public string? String() =>
        IsNull ? null
        : _kind == Kind.Scalar ? _value
        : throw Error("expected a single value, not a list or a mapping.");

    public T? Number<T>() where T : struct, INumberBase<T> =>
        String() is not { } text ? null
        : T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : throw Error($"'{text}' is not a {(typeof(T) == typeof(int) ? "whole number" : "number")}.");

    /// <summary>The items of a list; none for a null.</summary>
    public IEnumerable<YamlData> Items() =>
        IsNull ? []
        : _kind == Kind.List ? _children
        : throw Error("expected a list.");

    /// <summary>The keys and values of a mapping, in the file's order; none for a null. Each key is a scalar.</summary>
    public IEnumerable<(YamlData Key, YamlData Value)> Entries()
    {
        var pairs = IsNull ? [] : Mapping();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            yield return (pairs[i]._kind == Kind.Scalar ? pairs[i] : throw pairs[i].Error("expected a key that is plain text, not a list or a mapping."), pairs[i + 1]);
        }
    }

    /// <summary>
    /// The node and all it holds, positions and quoting included: two trees print alike exactly when they would read
    /// alike, which is how a test holds the compiled-in tables to their YAML.
    /// </summary>
    public override string ToString() => Append(new StringBuilder()).ToString();

    private StringBuilder Append(StringBuilder text)
    {
        text.Append(CultureInfo.InvariantCulture, $"@{_line}:{_column}-{_endLine}:{_endColumn}");
        if (_kind == Kind.Scalar)
        {
            return text.Append(_plain ? " plain " : " quoted ").Append('"').Append(JsonEncodedText.Encode(_value ?? "").Value).Append('"');
        }

        text.Append(_kind == Kind.List ? " [" : " {");
        foreach (var child in _children)
        {
            child.Append(text.Append(' ')).Append(',');
        }

        return text.Append(_kind == Kind.List ? " ]" : " }");
    }

    // YAML's core schema nulls, as the deserializer reads them into a class; a quoted "null" is text.
    private bool IsNull => _kind == Kind.Scalar && _plain && _value is "" or "~" or "null" or "Null" or "NULL";

    private YamlData[] Mapping() => _kind == Kind.Mapping ? _children : throw Error("expected a mapping of keys to values.");

    private YamlException Error(string message) => new(new Mark(0, _line, _column), new Mark(0, _endLine, _endColumn), message);

    /// <param name="converted">
    /// Nodes already converted: an alias is the node it names, so it is converted once and shared, and a document
    /// that repeats an anchor many times over (a chart index is read from the network) costs no more than its text.
    /// </param>
    private static YamlData From(YamlNode node, Dictionary<YamlNode, YamlData> converted, int depth)
    {
        if (converted.TryGetValue(node, out var done))
        {
            return done;
        }

        // An alias inside its own anchor makes the tree a cycle; no data file nests anywhere near this deep.
        if (depth > MaxDepth)
        {
            throw new YamlException(node.Start, node.End, $"nested more than {MaxDepth} levels deep.");
        }

        var (line, column, endLine, endColumn) = (checked((int)node.Start.Line), checked((int)node.Start.Column), checked((int)node.End.Line), checked((int)node.End.Column));
        var data = node switch
        {
            YamlScalarNode scalar => Scalar(scalar.Value ?? "", scalar.Style is ScalarStyle.Plain or ScalarStyle.Any, line, column, endLine, endColumn),
            YamlSequenceNode list => List([.. list.Children.Select(item => From(item, converted, depth + 1))], line, column, endLine, endColumn),
            YamlMappingNode mapping => Mapping(
                [.. mapping.Children.SelectMany(pair => new[] { From(pair.Key, converted, depth + 1), From(pair.Value, converted, depth + 1) })], line, column, endLine, endColumn),
            _ => throw new YamlException(node.Start, node.End, "an alias the document does not resolve."),
        };
        converted[node] = data;
        return data;
    }
}
