using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace BlueGreen.Core.Deprecations;

/// <summary>
/// The fast reader's path for JSON files (<c>kubectl get -o json</c> exports, Lists included): System.Text.Json's
/// reader walks the bytes without allocating, where YAML's parser would tokenize them as flow YAML at a fraction of
/// the speed. The file must open with "{" (no tab before it: that would be block context for YAML). Whatever it
/// cannot decide exactly as the full parse would (comments, escapes or non-ASCII text
/// in a wanted value, a wanted value that is not a string, a key given twice, text after the JSON value, lists nested
/// unusually deep, anything not valid JSON) makes it decline, and the file goes to the full parse.
/// </summary>
internal static class JsonManifestReader
{
    private const int MaxListNesting = 64;

    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = ScanLimits.MaxNestingDepth,
    };

    /// <returns>The objects, or null when the full parse must decide.</returns>
    public static ImmutableArray<ManifestObject>? TryRead(string file, ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: new JsonReaderState(Options));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var lines = new LineCounter(utf8);
            var root = ReadObject(ref reader, ref lines, listNesting: 0);
            if (root is null || reader.Read())
            {
                return null;
            }

            var objects = ImmutableArray.CreateBuilder<ManifestObject>();
            Emit(file, root, list: null, objects);
            return objects.ToImmutable();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Candidate(int Line, string? ApiVersion, string? Kind, string? Name, string? GenerateName, string? Namespace, List<Candidate>? Items);

    /// <summary>The same expansion as the full parse: Lists into their entries, typed lists lending apiVersion and kind.</summary>
    private static void Emit(string file, Candidate candidate, (string ApiVersion, string Kind)? list, ImmutableArray<ManifestObject>.Builder objects)
    {
        var apiVersion = candidate.ApiVersion ?? list?.ApiVersion;
        var kind = candidate.Kind ?? (list?.Kind is { } listKind ? listKind[..^"List".Length] : null);
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            return;
        }

        if (candidate.Items is { } items && kind.EndsWith("List", StringComparison.Ordinal))
        {
            (string, string)? typedList = kind == "List" ? null : (apiVersion, kind);
            foreach (var item in items)
            {
                Emit(file, item, typedList, objects);
            }

            return;
        }

        objects.Add(new ManifestObject(file, candidate.Line, apiVersion, kind, candidate.Name ?? candidate.GenerateName, candidate.Namespace));
    }

    /// <summary>An object whose start the reader is on; null when it holds something to leave to the full parse.</summary>
    private static Candidate? ReadObject(ref Utf8JsonReader reader, ref LineCounter lines, int listNesting)
    {
        var line = lines.LineOf(checked((int)reader.TokenStartIndex));
        string? apiVersion = null, kind = null, name = null, generateName = null, ns = null;
        List<Candidate>? items = null;
        bool sawApiVersion = false, sawKind = false, sawMetadata = false, sawItems = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("apiVersion"u8))
            {
                if (sawApiVersion || !TryReadText(ref reader, out apiVersion))
                {
                    return null;
                }

                sawApiVersion = true;
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                if (sawKind || !TryReadText(ref reader, out kind))
                {
                    return null;
                }

                sawKind = true;
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                if (sawMetadata || !TryReadMetadata(ref reader, out name, out generateName, out ns))
                {
                    return null;
                }

                sawMetadata = true;
            }
            else if (reader.ValueTextEquals("items"u8))
            {
                if (sawItems || listNesting >= MaxListNesting || !reader.Read())
                {
                    return null;
                }

                sawItems = true;
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    items = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            if (ReadObject(ref reader, ref lines, listNesting + 1) is not { } item)
                            {
                                return null;
                            }

                            items.Add(item);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new Candidate(line, apiVersion, kind, name, generateName, ns, items);
    }

    private static bool TryReadMetadata(ref Utf8JsonReader reader, out string? name, out string? generateName, out string? ns)
    {
        name = generateName = ns = null;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return true;
        }

        bool sawName = false, sawGenerateName = false, sawNamespace = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                if (sawName || !TryReadText(ref reader, out name))
                {
                    return false;
                }

                sawName = true;
            }
            else if (reader.ValueTextEquals("generateName"u8))
            {
                if (sawGenerateName || !TryReadText(ref reader, out generateName))
                {
                    return false;
                }

                sawGenerateName = true;
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                if (sawNamespace || !TryReadText(ref reader, out ns))
                {
                    return false;
                }

                sawNamespace = true;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return true;
    }

    /// <summary>A string without escapes, braces (template expressions) or non-ASCII text, trimmed as the full parse trims.</summary>
    private static bool TryReadText(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        reader.Read();
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return false;
        }

        var value = reader.ValueSpan;
        if (value.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0 || value.IndexOfAny((byte)'{', (byte)'}') >= 0)
        {
            return false;
        }

        text = Encoding.ASCII.GetString(value).Trim();
        return true;
    }

    /// <summary>1-based lines of increasing byte offsets, counted once.</summary>
    private ref struct LineCounter(ReadOnlySpan<byte> utf8)
    {
        private readonly ReadOnlySpan<byte> _utf8 = utf8;
        private int _offset;
        private int _line = 1;

        public int LineOf(int offset)
        {
            _line += _utf8[_offset..offset].Count((byte)'\n');
            _offset = offset;
            return _line;
        }
    }
}
