using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BlueGreen.Core.Deprecations;

/// <summary>The objects one file declares, and the parse error that stopped reading it, if any.</summary>
internal sealed record ParsedFile(ImmutableArray<ManifestObject> Objects, ScanError? Error);

/// <summary>
/// Finds the Kubernetes objects in the text of a manifest file: every document of a multi-document YAML stream, or a
/// JSON file (JSON is YAML), with the entries of <c>kind: List</c> objects expanded. Documents that are not
/// Kubernetes objects (no apiVersion or no kind: a Helm values file, a docker-compose file, a CI workflow) are
/// ignored. Only the fields a deprecation check needs are read; the rest of each document is skipped unparsed
/// into a tree, which keeps large manifests cheap.
/// </summary>
internal static class ManifestParser
{
    public static ParsedFile Parse(string file, string text)
    {
        var objects = ImmutableArray.CreateBuilder<ManifestObject>();
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                if (parser.Accept<MappingStart>(out _))
                {
                    Emit(ReadMapping(parser), inherited: null, file, objects);
                }
                else
                {
                    parser.SkipThisAndNestedEvents();
                }

                parser.Consume<DocumentEnd>();
            }

            parser.Consume<StreamEnd>();
            return new ParsedFile(objects.ToImmutable(), null);
        }
        catch (YamlException e)
        {
            return new ParsedFile(objects.ToImmutable(), new ScanError(file, checked((int)e.Start.Line), Describe(e, text)));
        }
    }

    /// <summary>The fields of a mapping that might be a Kubernetes object; Items is set when it has an items sequence.</summary>
    private sealed record Candidate(int Line, string? ApiVersion, string? Kind, string? Name, string? Namespace, ImmutableArray<Candidate>? Items);

    private static void Emit(Candidate candidate, Candidate? inherited, string file, ImmutableArray<ManifestObject>.Builder objects)
    {
        // Entries of a typed list (RoleList, DeploymentList...) may leave out apiVersion and kind; the list supplies them.
        var apiVersion = candidate.ApiVersion ?? inherited?.ApiVersion;
        var kind = candidate.Kind ?? (inherited?.Kind is { } listKind ? listKind[..^"List".Length] : null);
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            return;
        }

        if (candidate.Items is { } items && kind.EndsWith("List", StringComparison.Ordinal))
        {
            var typedList = kind == "List" ? null : candidate with { ApiVersion = apiVersion, Kind = kind };
            foreach (var item in items)
            {
                Emit(item, typedList, file, objects);
            }

            return;
        }

        objects.Add(new ManifestObject(file, candidate.Line, apiVersion, kind, candidate.Name, candidate.Namespace));
    }

    private static Candidate ReadMapping(IParser parser)
    {
        var start = parser.Consume<MappingStart>();
        string? apiVersion = null, kind = null, name = null, generateName = null, ns = null;
        ImmutableArray<Candidate>? items = null;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            switch (ReadKey(parser))
            {
                case "apiVersion":
                    apiVersion = ReadScalar(parser);
                    break;
                case "kind":
                    kind = ReadScalar(parser);
                    break;
                case "metadata" when parser.Accept<MappingStart>(out _):
                    (name, generateName, ns) = ReadMetadata(parser);
                    break;
                case "items" when parser.Accept<SequenceStart>(out _):
                    items = ReadItems(parser);
                    break;
                default:
                    parser.SkipThisAndNestedEvents();
                    break;
            }
        }

        return new Candidate(checked((int)start.Start.Line), apiVersion, kind, name ?? generateName, ns, items);
    }

    private static (string? Name, string? GenerateName, string? Namespace) ReadMetadata(IParser parser)
    {
        parser.Consume<MappingStart>();
        string? name = null, generateName = null, ns = null;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            switch (ReadKey(parser))
            {
                case "name":
                    name = ReadScalar(parser);
                    break;
                case "generateName":
                    generateName = ReadScalar(parser);
                    break;
                case "namespace":
                    ns = ReadScalar(parser);
                    break;
                default:
                    parser.SkipThisAndNestedEvents();
                    break;
            }
        }

        return (name, generateName, ns);
    }

    private static ImmutableArray<Candidate> ReadItems(IParser parser)
    {
        parser.Consume<SequenceStart>();
        var items = ImmutableArray.CreateBuilder<Candidate>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            if (parser.Accept<MappingStart>(out _))
            {
                items.Add(ReadMapping(parser));
            }
            else
            {
                parser.SkipThisAndNestedEvents();
            }
        }

        return items.ToImmutable();
    }

    /// <summary>The key of the next mapping entry; null (after skipping it) for keys that are not plain text.</summary>
    private static string? ReadKey(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var key))
        {
            return key.Value;
        }

        parser.SkipThisAndNestedEvents();
        return null;
    }

    /// <summary>The value when it is a scalar; a mapping, sequence or alias in its place is skipped and yields null.</summary>
    private static string? ReadScalar(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var value))
        {
            return value.Value.Trim();
        }

        parser.SkipThisAndNestedEvents();
        return null;
    }

    private static string Describe(YamlException e, string text)
    {
        var problem = $"not valid YAML or JSON at column {e.Start.Column}: {e.Message}";
        return text.Contains("{{", StringComparison.Ordinal)
            ? $"{problem} (this looks like a template: render it first, e.g. with helm template, and scan the output)"
            : problem;
    }
}
