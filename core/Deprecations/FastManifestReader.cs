using System.Collections.Immutable;
using System.Text;

namespace BlueGreen.Core.Deprecations;

/// <summary>
/// The fast reader: finds each document's apiVersion, kind and metadata name and namespace in block-style YAML by
/// looking at lines, on the UTF-8 bytes, without tokenizing the document. Only top-level lines and the direct
/// children of <c>metadata</c> are looked at; deeper lines cost one search for their end and a count of their
/// indentation. A file that is one JSON value goes to <see cref="JsonManifestReader"/>.
/// </summary>
/// <remarks>
/// The hot methods are compiled fully optimized at once: a scan is one short run, and measured on 100,000 objects the
/// same loops in tiered (first unoptimized, then instrumented) code cost five times their optimized time.
/// </remarks>
/// <remarks>
/// Anything the lines alone cannot decide sends the document (or, for stream-wide features, the file) to the full
/// parse (<see cref="ManifestParser"/>), so the findings are always the full parse's: flow style and JSON, anchors,
/// aliases, merge keys and tags at those levels, quoted values with escapes or over several lines, values continued
/// on the next line, a key given twice, lists (<c>kind: List</c>, typed lists), template expressions, directives,
/// document-end markers, tabs or unusual line breaks where indentation matters. A syntax error deeper in a document
/// is not seen here: use <see cref="ScanMode.Strict"/> to have every one reported.
/// </remarks>
internal static class FastManifestReader
{
    public static ParsedFile Read(string file, ReadOnlyMemory<byte> utf8) => Read(file, utf8, out _);

    /// <param name="fullParses">How many documents (or, as one, the whole file) went to the full parse.</param>
    public static ParsedFile Read(string file, ReadOnlyMemory<byte> utf8, out int fullParses)
    {
        var bytes = utf8.Span;
        fullParses = 1;

        if (ChangesHowTheStreamReads(bytes))
        {
            return ManifestParser.Parse(file, utf8, firstLine: 1);
        }

        fullParses = 0;
        var start = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        var content = bytes[start..].IndexOfAnyExcept(" \r\n"u8);
        if (content >= 0 && bytes[start + content] == (byte)'{' && JsonManifestReader.TryRead(file, bytes[start..]) is { } json)
        {
            return new ParsedFile(json, []);
        }

        var objects = ImmutableArray.CreateBuilder<ManifestObject>();
        var errors = ImmutableArray.CreateBuilder<ScanError>();
        var line = 1;
        while (start < bytes.Length)
        {
            var document = new Document(start, line);
            var (end, nextLine) = document.Read(bytes, start, line);
            if (document.Undecided)
            {
                fullParses++;
                var parsed = ManifestParser.Parse(file, utf8[document.Start..end], document.FirstLine);
                objects.AddRange(parsed.Objects);
                errors.AddRange(parsed.Errors);
            }
            else if (document.Object(file) is { } found)
            {
                objects.Add(found);
            }

            (start, line) = (end, nextLine);
        }

        return new ParsedFile(objects.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>
    /// Directives, the line breaks YAML 1.1 adds to \n (a lone \r, NEL, LS, PS: what follows one could be a key at
    /// column 0), NUL, and UTF-16 or UTF-32 text change how the whole stream reads: such files go to the full parse.
    /// </summary>
    /// <remarks>
    /// Two passes over the bytes, one for the ASCII bytes and one for the lead bytes of NEL, LS and PS, each a plain
    /// comparison with up to three values: one pass with a SearchValues of all of them takes a table
    /// lookup per block of bytes, which Native AOT's baseline instruction set runs in software (a fifth of a fast
    /// scan's CPU there). Only the rare hits are looked at closely.
    /// </remarks>
    private static bool ChangesHowTheStreamReads(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return true;
        }

        for (var at = bytes.IndexOfAny((byte)'%', (byte)'\r', (byte)0); at >= 0; at = Next(bytes, at, bytes[(at + 1)..].IndexOfAny((byte)'%', (byte)'\r', (byte)0)))
        {
            var changes = bytes[at] switch
            {
                (byte)'%' => at == 0 || bytes[at - 1] == (byte)'\n',
                (byte)'\r' => at + 1 == bytes.Length || bytes[at + 1] != (byte)'\n',
                _ => true,
            };
            if (changes)
            {
                return true;
            }
        }

        for (var at = bytes.IndexOfAny((byte)0xC2, (byte)0xE2); at >= 0; at = Next(bytes, at, bytes[(at + 1)..].IndexOfAny((byte)0xC2, (byte)0xE2)))
        {
            var rest = bytes[at..];
            if (rest.StartsWith("\u0085"u8) || rest.StartsWith("\u2028"u8) || rest.StartsWith("\u2029"u8))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where a search continued after <paramref name="at"/> found its next hit, or -1.</summary>
    private static int Next(ReadOnlySpan<byte> bytes, int at, int found) => found < 0 ? -1 : at + 1 + found;

    /// <summary>The lines of one document, read until the next "---" or the end of the file.</summary>
    private sealed class Document(int start, int firstLine)
    {
        private string? _apiVersion;
        private string? _kind;
        private string? _name;
        private string? _generateName;
        private string? _namespace;
        private bool _sawMetadata;
        private int _keyLine;
        private bool _inMetadata;
        private int _metadataIndent = -1;

        // The last top-level key had no value on its line: a "- " entry at column 0 may follow as its value.
        private bool _topValueOpen;

        // The last line gave one of the wanted values: a line indented more than its key would continue it.
        private bool _wantedValueOpen;
        private int _wantedValueIndent;

        public int Start { get; } = start;

        public int FirstLine { get; } = firstLine;

        public bool Undecided { get; private set; }

        private bool SawContent => _keyLine > 0;

        public ManifestObject? Object(string file)
        {
            var apiVersion = _apiVersion?.Trim();
            var kind = _kind?.Trim();
            return string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind)
                ? null
                : new ManifestObject(file, _keyLine, apiVersion, kind, (_name ?? _generateName)?.Trim(), _namespace?.Trim());
        }

        /// <returns>Where the next document starts, and its line.</returns>
        public (int End, int NextLine) Read(ReadOnlySpan<byte> bytes, int position, int lineNumber)
        {
            var first = true;
            while (position < bytes.Length)
            {
                var newline = bytes[position..].IndexOf((byte)'\n');
                var lineEnd = newline < 0 ? bytes.Length : position + newline;
                var next = newline < 0 ? bytes.Length : lineEnd + 1;
                var text = bytes[position..lineEnd];
                if (text.EndsWith("\r"u8))
                {
                    text = text[..^1];
                }

                if (IsMarker(text, "---"u8))
                {
                    if (!first)
                    {
                        return (position, lineNumber);
                    }

                    // "--- !tag", "--- {...}", "--- |": content on the marker line.
                    Undecided |= !IsBlankOrComment(text[3..]);
                }
                else
                {
                    ReadLine(text, lineNumber);
                }

                first = false;
                position = next;
                lineNumber++;
                (position, lineNumber) = SkipUnread(bytes, position, lineNumber);
            }

            return (bytes.Length, lineNumber);
        }

        /// <summary>
        /// Passes over lines that cannot change what is read: indented lines under a top-level key other than metadata,
        /// or everything up to the next "---" once the document is left to the full parse. Only the line breaks are
        /// looked at (and counted, for the lines of what follows).
        /// </summary>
        private (int Position, int LineNumber) SkipUnread(ReadOnlySpan<byte> bytes, int position, int lineNumber)
        {
            if (Undecided)
            {
                while (position < bytes.Length && !IsMarker(bytes[position..], "---"u8))
                {
                    var marker = bytes[position..].IndexOf("\n---"u8);
                    var end = marker < 0 ? bytes.Length : position + marker + 1;
                    lineNumber += bytes[position..end].Count((byte)'\n');
                    position = end;
                }

                return (position, lineNumber);
            }

            if (!SawContent || _inMetadata || _wantedValueOpen)
            {
                return (position, lineNumber);
            }

            // Blank lines and indented ones (comments, nested values, block scalars) until a line starts at column 0.
            while (position < bytes.Length && bytes[position] is (byte)' ' or (byte)'\n' or (byte)'\r')
            {
                var newline = bytes[position..].IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return (bytes.Length, lineNumber);
                }

                position += newline + 1;
                lineNumber++;
            }

            return (position, lineNumber);
        }

        private void ReadLine(ReadOnlySpan<byte> text, int lineNumber)
        {
            if (Undecided)
            {
                return;
            }

            if (IsMarker(text, "..."u8))
            {
                Undecided = true;
                return;
            }

            if (text.StartsWith("\uFEFF"u8))
            {
                // A byte-order mark may open a document; anywhere else it is text the full parse must judge.
                Undecided |= SawContent;
                text = text[3..];
            }

            var indent = text.IndexOfAnyExcept((byte)' ');
            if (indent < 0 || text[indent] == (byte)'#')
            {
                return;
            }

            if (text[indent] == (byte)'\t' && (indent == 0 || (_inMetadata && indent <= _metadataIndent)))
            {
                Undecided = true;
                return;
            }

            if (_wantedValueOpen && indent > _wantedValueIndent)
            {
                Undecided = true;
                return;
            }

            _wantedValueOpen = false;
            if (indent == 0)
            {
                _inMetadata = false;
                ReadTopLevel(text, lineNumber);
            }
            else if (!SawContent)
            {
                Undecided = true;
            }
            else if (_inMetadata)
            {
                if (_metadataIndent < 0)
                {
                    _metadataIndent = indent;
                }

                if (indent < _metadataIndent)
                {
                    Undecided = true;
                }
                else if (indent == _metadataIndent)
                {
                    _wantedValueIndent = indent;
                    ReadMetadataLine(text[indent..]);
                }
            }
        }

        private void ReadTopLevel(ReadOnlySpan<byte> text, int lineNumber)
        {
            if (text[0] == (byte)'-' && (text.Length == 1 || text[1] is (byte)' ' or (byte)'\t'))
            {
                // A block sequence at column 0 is the value of the key above it, unless that key is one we read.
                Undecided |= !_topValueOpen;
                return;
            }

            if (!SplitKey(text, out var key, out var value))
            {
                Undecided = true;
                return;
            }

            if (!SawContent)
            {
                _keyLine = lineNumber;
            }

            _wantedValueIndent = 0;

            _topValueOpen = value.IsEmpty;
            if (key.SequenceEqual("apiVersion"u8))
            {
                Undecided |= _apiVersion is not null;
                _apiVersion = WantedValue(value);
            }
            else if (key.SequenceEqual("kind"u8))
            {
                Undecided |= _kind is not null;
                _kind = WantedValue(value);

                // Lists are expanded by the full parse, which knows their items.
                Undecided |= _kind?.Trim().EndsWith("List", StringComparison.Ordinal) == true;
            }
            else if (key.SequenceEqual("metadata"u8))
            {
                // Only a block mapping on the lines below is read here; metadata given twice is the full parse's.
                Undecided |= _sawMetadata || !value.IsEmpty;
                _sawMetadata = true;
                _inMetadata = true;
                _topValueOpen = false;
            }
            else
            {
                Undecided |= !IsSkippableValue(value);
            }
        }

        private void ReadMetadataLine(ReadOnlySpan<byte> text)
        {
            if (!SplitKey(text, out var key, out var value))
            {
                Undecided = true;
                return;
            }

            if (key.SequenceEqual("name"u8))
            {
                Undecided |= _name is not null;
                _name = WantedValue(value);
            }
            else if (key.SequenceEqual("generateName"u8))
            {
                Undecided |= _generateName is not null;
                _generateName = WantedValue(value);
            }
            else if (key.SequenceEqual("namespace"u8))
            {
                Undecided |= _namespace is not null;
                _namespace = WantedValue(value);
            }
            else
            {
                Undecided |= !IsSkippableValue(value);
            }
        }

        /// <summary>
        /// A one-line plain or quoted scalar without escapes, in printable ASCII; anything else leaves the document
        /// undecided. The value stays open: a more indented line below would continue it.
        /// </summary>
        private string? WantedValue(ReadOnlySpan<byte> value)
        {
            _wantedValueOpen = true;
            if (value.IsEmpty)
            {
                Undecided = true;
                return null;
            }

            ReadOnlySpan<byte> content;
            if (value[0] is (byte)'"' or (byte)'\'')
            {
                var close = value[1..].IndexOf(value[0]);
                var rest = close < 0 ? default : value[(close + 2)..];

                // No closing quote on the line, a doubled quote (an escape), or text after the closing quote.
                if (close < 0 || rest.StartsWith(value[..1]) || !IsBlankOrComment(rest))
                {
                    Undecided = true;
                    return null;
                }

                content = value.Slice(1, close);
                if (content.IndexOf((byte)'\\') >= 0)
                {
                    Undecided = true;
                    return null;
                }
            }
            else
            {
                if (!(char.IsAsciiLetterOrDigit((char)value[0]) || value[0] is (byte)'_' or (byte)'.' or (byte)'/'))
                {
                    Undecided = true;
                    return null;
                }

                content = PlainScalar(value);
                if (content.IndexOf(": "u8) >= 0 || content.EndsWith(":"u8))
                {
                    Undecided = true;
                    return null;
                }
            }

            // Printable ASCII only, and no braces: a template expression is judged by the full parse.
            if (content.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0 || content.IndexOfAny((byte)'{', (byte)'}') >= 0)
            {
                Undecided = true;
                return null;
            }

            return Encoding.ASCII.GetString(content);
        }

        /// <summary>
        /// Whether a value the scan does not need can be passed over line by line: nothing on the line (a block below),
        /// a block scalar, a one-line plain or quoted scalar, or a flow collection closed on the same line. Anchors,
        /// aliases and tags here could feed a wanted value: the full parse resolves them.
        /// </summary>
        private static bool IsSkippableValue(ReadOnlySpan<byte> value)
        {
            if (value.IsEmpty)
            {
                return true;
            }

            switch (value[0])
            {
                case (byte)'&' or (byte)'*' or (byte)'!' or (byte)'%' or (byte)'@' or (byte)'`':
                    return false;
                case (byte)'|' or (byte)'>':
                    return true;
                case (byte)'{' or (byte)'[' or (byte)'"' or (byte)'\'':
                    return ClosesOnThisLine(value);
                case (byte)'-' or (byte)'?' or (byte)':' when value.Length == 1 || value[1] is (byte)' ' or (byte)'\t':
                    return false;
                default:
                    return PlainScalar(value).IndexOf(": "u8) < 0;
            }
        }

        /// <summary>A flow collection or quoted scalar that ends on its line, followed by nothing but a comment.</summary>
        private static bool ClosesOnThisLine(ReadOnlySpan<byte> value)
        {
            var depth = 0;
            for (var i = 0; i < value.Length; i++)
            {
                switch (value[i])
                {
                    case (byte)'"':
                        var close = i + 1;
                        while (close < value.Length && value[close] != (byte)'"')
                        {
                            close += value[close] == (byte)'\\' ? 2 : 1;
                        }

                        if (close >= value.Length)
                        {
                            return false;
                        }

                        i = close;
                        break;
                    case (byte)'\'':
                        var end = value[(i + 1)..].IndexOf((byte)'\'');
                        if (end < 0)
                        {
                            return false;
                        }

                        i += end + 1;
                        break;
                    case (byte)'{' or (byte)'[':
                        depth++;
                        break;
                    case (byte)'}' or (byte)']':
                        depth--;
                        break;
                    case (byte)'#' when i > 0 && value[i - 1] is (byte)' ' or (byte)'\t':
                        return depth == 0;
                }

                if (depth == 0)
                {
                    return IsBlankOrComment(value[(i + 1)..]);
                }
            }

            return false;
        }

        /// <summary>"key: value" with a plain key that starts like a name; false for anything else on a key line.</summary>
        private static bool SplitKey(ReadOnlySpan<byte> text, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
        {
            key = value = default;
            if (!(char.IsAsciiLetterOrDigit((char)text[0]) || text[0] == (byte)'_'))
            {
                return false;
            }

            for (var i = 0; i < text.Length && i < 1000; i++)
            {
                if (text[i] == (byte)'#' && text[i - 1] is (byte)' ' or (byte)'\t')
                {
                    return false;
                }

                if (text[i] == (byte)':' && (i + 1 == text.Length || text[i + 1] is (byte)' ' or (byte)'\t'))
                {
                    key = text[..i].TrimEnd(" \t"u8);
                    value = text[(i + 1)..].Trim(" \t"u8);
                    if (IsBlankOrComment(value))
                    {
                        value = default;
                    }

                    return true;
                }
            }

            return false;
        }

        /// <summary>A plain scalar up to its comment, trailing blanks left out.</summary>
        private static ReadOnlySpan<byte> PlainScalar(ReadOnlySpan<byte> value)
        {
            for (var i = 1; i < value.Length; i++)
            {
                if (value[i] == (byte)'#' && value[i - 1] is (byte)' ' or (byte)'\t')
                {
                    return value[..i].TrimEnd(" \t"u8);
                }
            }

            return value;
        }

        private static bool IsBlankOrComment(ReadOnlySpan<byte> text)
        {
            var content = text.TrimStart(" \t"u8);
            return content.IsEmpty || content[0] == (byte)'#';
        }

        private static bool IsMarker(ReadOnlySpan<byte> text, ReadOnlySpan<byte> marker) =>
            text.StartsWith(marker) && (text.Length == 3 || text[3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');
    }
}
