using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BlueGreen.Core.Deprecations;

/// <summary>The objects read from a file (or part of one), and what stopped or spoiled the reading, if anything.</summary>
internal sealed record ParsedFile(ImmutableArray<ManifestObject> Objects, ImmutableArray<ScanError> Errors);

/// <summary>
/// The full parse: finds the Kubernetes objects in manifest text with YamlDotNet's parser, event by event: every
/// document of a multi-document YAML stream, or a JSON file (JSON is YAML), the entries of <c>kind: List</c> and typed
/// lists expanded. Documents that are not Kubernetes objects (no apiVersion or no kind: Helm values, compose files,
/// workflows) are ignored. Only the fields a deprecation check needs are kept; everything else is skipped without
/// building a tree, yet read to its end, so every syntax error in the file is found.
/// </summary>
/// <remarks>
/// What a YAML loader would resolve is resolved here too: aliases and merge keys (<c>&lt;&lt;: *base</c>) wherever the
/// anchor was defined, and a byte-order mark at the start of a document after <c>---</c>. A document whose apiVersion,
/// kind, name or namespace is a template expression (<c>{{ ... }}</c>, which YAML may even accept as a flow mapping)
/// is an error: its API is unknown until the chart is rendered. No recursion: nesting costs heap, never stack, and
/// stops with an error past <see cref="ScanLimits.MaxNestingDepth"/> (YamlDotNet's scanner slows quadratically with
/// the depth of flow collections, so the limit also keeps the parse linear).
/// </remarks>
internal static class ManifestParser
{
    /// <param name="firstLine">The line of the file <paramref name="utf8"/> starts at, when it is one document of it.</param>
    /// <remarks>
    /// A syntax error ends its document, not the file: reading resumes at the next "---", so that every broken
    /// document of a file is reported in one run and the documents after it are still checked.
    /// </remarks>
    public static ParsedFile Parse(string file, ReadOnlyMemory<byte> utf8, int firstLine)
    {
        var objects = ImmutableArray.CreateBuilder<ManifestObject>();
        var errors = ImmutableArray.CreateBuilder<ScanError>();
        var (start, line) = (0, firstLine);
        while (start < utf8.Length)
        {
            var rest = utf8[start..];
            var reading = new Reading(file, line - 1, rest.Length);
            int? failedAt = null;
            try
            {
                using var reader = new StreamReader(new ReadOnlyMemoryStream(rest), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                reading.Run(new Parser(reader));
            }
            catch (YamlException e)
            {
                failedAt = checked((int)e.Start.Line);
                reading.Errors.Add(new ScanError(file, failedAt.Value + line - 1, Describe(e, DocumentAround(rest.Span, failedAt.Value))));
            }
            catch (StopReading e)
            {
                failedAt = e.Line;
                reading.Errors.Add(new ScanError(file, e.Line + line - 1, e.Message));
            }

            objects.AddRange(reading.Objects);
            errors.AddRange(reading.Errors);
            if (failedAt is not { } failed || NextDocument(rest.Span, failed) is not { } next)
            {
                break;
            }

            (start, line) = (start + next.Offset, line + next.Line - 1);
        }

        return new ParsedFile(objects.ToImmutable(), errors.ToImmutable());
    }

    private static string Describe(YamlException e, ReadOnlySpan<byte> document)
    {
        var problem = $"not valid YAML or JSON at column {e.Start.Column}: {e.Message}";
        return document.IndexOf("{{"u8) >= 0
            ? $"{problem} (this looks like a template: render it first, e.g. with helm template, and scan the output)"
            : problem;
    }

    /// <summary>The "---" line after the given 1-based line, as a byte offset and its line, if there is one.</summary>
    private static (int Offset, int Line)? NextDocument(ReadOnlySpan<byte> utf8, int afterLine)
    {
        var (offset, line) = (0, 1);
        while (offset < utf8.Length)
        {
            if (line > afterLine && IsDocumentMarker(utf8[offset..]))
            {
                return (offset, line);
            }

            var newline = utf8[offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return null;
            }

            offset += newline + 1;
            line++;
        }

        return null;
    }

    /// <summary>The document holding the given line: from the "---" at or before it to the next one.</summary>
    private static ReadOnlySpan<byte> DocumentAround(ReadOnlySpan<byte> utf8, int line)
    {
        var (offset, current, start) = (0, 1, 0);
        while (offset < utf8.Length)
        {
            if (IsDocumentMarker(utf8[offset..]))
            {
                if (current > line)
                {
                    return utf8[start..offset];
                }

                start = offset;
            }

            var newline = utf8[offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
            current++;
        }

        return utf8[start..];
    }

    private static bool IsDocumentMarker(ReadOnlySpan<byte> line) =>
        line.StartsWith("---"u8) && (line.Length == 3 || line[3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');

    /// <summary>What the scan keeps of a YAML node: scalars' text, the fields of mappings, the entries of sequences.</summary>
    private abstract record Node;

    private sealed record ScalarNode(string Value) : Node;

    private sealed record SequenceNode(ImmutableArray<Node> Entries) : Node;

    /// <summary>A mapping skipped unread, or a scalar key or anything else whose content does not matter.</summary>
    private sealed record OtherNode : Node
    {
        public static readonly OtherNode Instance = new();
    }

    /// <summary>The fields of a mapping that might be a Kubernetes object or its metadata, merge keys applied.</summary>
    private sealed record MappingNode(int Line, bool IsTemplateExpression, ImmutableDictionary<string, Node> Fields) : Node
    {
        public Node? this[string key] => Fields.GetValueOrDefault(key);
    }

    /// <summary>A limit reached: the rest of the file is not read, and what was read so far still counts.</summary>
    private sealed class StopReading(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    /// <summary>One parse: a stack of open collections instead of recursion, anchors per document.</summary>
    private sealed class Reading(string file, int lineOffset, int length)
    {
        // The keys whose values matter, in an object, in its metadata, or in a mapping merged into either.
        private static readonly FrozenSet<string> Wanted =
            FrozenSet.Create(StringComparer.Ordinal, "apiVersion", "kind", "metadata", "items", "name", "generateName", "namespace");

        private readonly Stack<Frame> _open = new();
        private readonly Stack<int> _suspendedSkips = new();

        // How deep inside collections that are passed over unread the parser is; 0 while reading.
        private int _skipping;
        private readonly Dictionary<string, Node> _anchors = new(StringComparer.Ordinal);
        private int _depth;
        private long _objectsInDocument;

        public ImmutableArray<ManifestObject>.Builder Objects { get; } = ImmutableArray.CreateBuilder<ManifestObject>();

        public ImmutableArray<ScanError>.Builder Errors { get; } = ImmutableArray.CreateBuilder<ScanError>();

        public void Run(IParser parser)
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart:
                        _anchors.Clear();
                        _objectsInDocument = 0;
                        break;
                    case Scalar scalar when _skipping > 0:
                        if (!scalar.Anchor.IsEmpty)
                        {
                            _anchors[scalar.Anchor.Value] = new ScalarNode(scalar.Value);
                        }

                        break;
                    case Scalar scalar when scalar.Anchor.IsEmpty && _open.TryPeek(out var parent) && parent.IsUnwantedValueNext:
                        parent.Take(OtherNode.Instance);
                        break;
                    case Scalar scalar:
                        Deliver(Anchored(scalar, new ScalarNode(StartOfDocument(scalar.Value))));
                        break;
                    case AnchorAlias alias:
                        if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value} refers to no anchor defined before it");
                        }

                        if (_skipping == 0)
                        {
                            Deliver(target);
                        }

                        break;
                    case MappingStart or SequenceStart:
                        Open((NodeEvent)parser.Current);
                        break;
                    case MappingEnd or SequenceEnd:
                        Close();
                        break;
                }
            }
        }

        /// <summary>A byte-order mark may open any document of a stream; YamlDotNet keeps it as part of the first key.</summary>
        private static string StartOfDocument(string value) => value.Length > 0 && value[0] == '\uFEFF' ? value[1..] : value;

        /// <summary>
        /// A collection is kept (a frame) at the top of a document, as the value of a wanted key or a merge, as an
        /// entry of a kept sequence, or under an anchor (an alias may bring it anywhere later); any other is passed
        /// over by counting its depth, allocating nothing.
        /// </summary>
        private void Open(NodeEvent start)
        {
            if (++_depth > ScanLimits.MaxNestingDepth)
            {
                throw new StopReading(checked((int)start.Start.Line), $"nested more than {ScanLimits.MaxNestingDepth:N0} levels deep: not read further");
            }

            var isMapping = start is MappingStart;
            if (_skipping == 0 && _open.TryPeek(out var parent))
            {
                // "{{ include ... }}" parses as a flow mapping whose first key is a mapping: remember that shape.
                parent.OpeningChild(isMapping);
                if (!parent.WantsNext && start.Anchor.IsEmpty)
                {
                    _skipping = 1;
                    return;
                }
            }
            else if (_skipping > 0 && start.Anchor.IsEmpty)
            {
                _skipping++;
                return;
            }

            _suspendedSkips.Push(_skipping);
            _skipping = 0;
            _open.Push(new Frame(start));
        }

        private void Close()
        {
            _depth--;
            if (_skipping > 0)
            {
                if (--_skipping == 0)
                {
                    Deliver(OtherNode.Instance);
                }

                return;
            }

            var frame = _open.Pop();
            Node node = frame.IsMapping ? frame.ToMapping() : new SequenceNode(frame.Entries.ToImmutable());
            Anchored(frame.Start, node);
            _skipping = _suspendedSkips.Pop();
            if (_skipping == 0)
            {
                Deliver(node);
            }
        }

        private Node Anchored(NodeEvent node, Node value)
        {
            if (!node.Anchor.IsEmpty)
            {
                _anchors[node.Anchor.Value] = value;
            }

            return value;
        }

        private void Deliver(Node node)
        {
            if (_open.TryPeek(out var parent))
            {
                parent.Take(node);
            }
            else if (node is MappingNode document)
            {
                Emit(document);
            }
        }

        private void Emit(MappingNode root)
        {
            // Lists nest (a List of Lists); an explicit stack keeps that off the call stack.
            var pending = new Stack<(MappingNode Candidate, (string ApiVersion, string Kind)? List)>();
            pending.Push((root, null));
            while (pending.TryPop(out var next))
            {
                var (candidate, list) = next;
                if (TemplateField(candidate) is { } template)
                {
                    Errors.Add(new ScanError(file, candidate.Line + lineOffset, $"{template} is a template expression ({{{{ ... }}}}): render the chart first (helm template) and scan its output"));
                    continue;
                }

                // Entries of a typed list (RoleList, DeploymentList...) may leave out apiVersion and kind; the list supplies them.
                var apiVersion = Text(candidate["apiVersion"]) ?? list?.ApiVersion;
                var kind = Text(candidate["kind"]) ?? (list?.Kind is { } listKind ? listKind[..^"List".Length] : null);
                if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
                {
                    continue;
                }

                if (candidate["items"] is SequenceNode items && kind.EndsWith("List", StringComparison.Ordinal))
                {
                    (string, string)? typedList = kind == "List" ? null : (apiVersion, kind);
                    for (var i = items.Entries.Length - 1; i >= 0; i--)
                    {
                        if (items.Entries[i] is MappingNode item)
                        {
                            pending.Push((item, typedList));
                        }
                    }

                    continue;
                }

                // Aliases can multiply entries without multiplying text ("billion laughs"); real lists never declare
                // more objects than their text has bytes.
                if (++_objectsInDocument > Math.Max(length, 1000))
                {
                    throw new StopReading(candidate.Line, "aliases expand this document to more objects than it has bytes: not read further");
                }

                var metadata = candidate["metadata"] as MappingNode;
                Objects.Add(new ManifestObject(
                    file,
                    candidate.Line + lineOffset,
                    apiVersion,
                    kind,
                    Text(metadata?["name"]) ?? Text(metadata?["generateName"]),
                    Text(metadata?["namespace"])));
            }
        }

        private static string? TemplateField(MappingNode candidate)
        {
            var metadata = candidate["metadata"] as MappingNode;
            return IsTemplate(candidate["apiVersion"]) ? "apiVersion"
                : IsTemplate(candidate["kind"]) ? "kind"
                : IsTemplate(metadata?["name"]) ? "metadata.name"
                : IsTemplate(metadata?["namespace"]) ? "metadata.namespace"
                : null;
        }

        private static bool IsTemplate(Node? node) => node switch
        {
            ScalarNode scalar => scalar.Value.Contains("{{", StringComparison.Ordinal),
            MappingNode mapping => mapping.IsTemplateExpression,
            _ => false,
        };

        private static string? Text(Node? node) => node is ScalarNode scalar ? scalar.Value.Trim() : null;

        /// <summary>An open mapping or sequence.</summary>
        private sealed class Frame(NodeEvent start)
        {
            private string? _key;
            private bool _expectingValue;
            private bool _keyIsMerge;
            private Dictionary<string, Node>? _fields;
            private List<Node>? _merges;
            private bool _firstKeyIsMapping;
            private bool _sawKey;

            public NodeEvent Start { get; } = start;

            public bool IsMapping { get; } = start is MappingStart;

            public int Line { get; } = checked((int)start.Start.Line);

            public ImmutableArray<Node>.Builder Entries { get; } = ImmutableArray.CreateBuilder<Node>();

            /// <summary>Whether the node that comes next is kept: a wanted key's value, a merge, a kept sequence's entry.</summary>
            public bool WantsNext => !IsMapping || (_expectingValue && (_keyIsMerge || _key is not null));

            /// <summary>The next node is the value of a key nobody reads: no need to keep its text.</summary>
            public bool IsUnwantedValueNext => IsMapping && _expectingValue && !_keyIsMerge && _key is null;

            public void Take(Node node)
            {
                if (!IsMapping)
                {
                    Entries.Add(node);
                    return;
                }

                if (!_expectingValue)
                {
                    _sawKey = true;
                    var key = (node as ScalarNode)?.Value;
                    _keyIsMerge = key == "<<";
                    _key = key is not null && Wanted.Contains(key) ? key : null;
                    _expectingValue = true;
                    return;
                }

                if (_keyIsMerge)
                {
                    (_merges ??= []).Add(node);
                }
                else if (_key is not null)
                {
                    // A key given twice: the last value counts, as YamlDotNet's own loaders would have it.
                    (_fields ??= new(StringComparer.Ordinal))[_key] = node;
                }

                _expectingValue = false;
                _key = null;
                _keyIsMerge = false;
            }

            public void OpeningChild(bool isMapping) => _firstKeyIsMapping |= IsMapping && !_sawKey && !_expectingValue && isMapping;

            /// <summary>
            /// The mapping's wanted fields; keys it does not give itself come from its merges, the first merge first
            /// (YAML merge-key semantics: explicit keys win, then earlier merges over later ones).
            /// </summary>
            public MappingNode ToMapping()
            {
                var fields = _fields?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, Node>.Empty.WithComparers(StringComparer.Ordinal);
                foreach (var merge in _merges ?? [])
                {
                    IEnumerable<Node> sources = merge is SequenceNode sequence ? sequence.Entries : [merge];
                    foreach (var source in sources.OfType<MappingNode>())
                    {
                        foreach (var (key, value) in source.Fields)
                        {
                            if (!fields.ContainsKey(key))
                            {
                                fields = fields.Add(key, value);
                            }
                        }
                    }
                }

                return new MappingNode(Line, _firstKeyIsMapping, fields);
            }
        }
    }

    /// <summary>A read-only stream over bytes already in memory, so the parser decodes from the reused buffer.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, bytes.Length - _position);
            bytes.Span.Slice(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
