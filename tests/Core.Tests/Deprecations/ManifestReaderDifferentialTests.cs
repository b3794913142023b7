using System.Text;
using BlueGreen.Core.Deprecations;

namespace BlueGreen.Core.Tests.Deprecations;

/// <summary>
/// The fast reader finds exactly what the full parse finds: the same objects at the same lines with the same names,
/// and the same errors, in every manifest the repository holds and in generated documents mixing every construct
/// the fast reader must either read or hand over.
/// </summary>
public sealed class ManifestReaderDifferentialTests
{
    public static TheoryData<string> EveryFixture()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryFixture))]
    public void Every_manifest_fixture_reads_the_same_fast_and_strict(string fixture)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));

        var strict = ManifestParser.Parse(fixture, bytes, firstLine: 1);
        var fast = FastManifestReader.Read(fixture, bytes);

        if (strict.Errors.IsEmpty)
        {
            Assert.Equal(strict.Objects.ToArray(), fast.Objects.ToArray());
            Assert.Empty(fast.Errors);
        }
        else
        {
            // Syntax errors below a header are the strict mode's to report; the fast reader must still miss no object.
            Assert.All(strict.Objects, o => Assert.Contains(o, fast.Objects));
        }
    }

    [Fact]
    public void The_examples_and_the_other_scanners_fixtures_are_among_the_fixtures_compared()
    {
        var fixtures = ((IEnumerable<object[]>)EveryFixture()).Select(row => (string)row[0]).ToList();

        Assert.Contains(fixtures, f => f.StartsWith(Path.Combine("Examples", "legacy"), StringComparison.Ordinal));
        Assert.Contains(fixtures, f => f.Contains(Path.Combine("peers", "pluto"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Examples/legacy/deployments.yaml", 0)]
    [InlineData("Examples/legacy/cronjob.yaml", 0)]
    [InlineData("Examples/manifests/web.yaml", 0)]
    [InlineData("Deprecations/multi-document.yaml", 1)]
    [InlineData("Examples/legacy/crd.json", 0)]
    [InlineData("Deprecations/kubectl-export.json", 0)]
    [InlineData("Deprecations/nested-list.yaml", 1)]
    public void Block_style_manifests_are_read_without_the_full_parse_and_json_and_lists_with_it(string fixture, int fullParses)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));

        FastManifestReader.Read(fixture, bytes, out var parsedInFull);

        Assert.Equal(fullParses, parsedInFull);
    }

    [Theory]
    [InlineData("%YAML 1.2\n---\napiVersion: v1\nkind: Pod\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nx-note: a lone\rkind: Secret\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nx-note: next\u0085kind: Secret\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nx-note: line\u2028kind: Secret\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nx-note: paragraph\u2029kind: Secret\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nx-note: \0\n")]
    public void A_file_with_a_construct_that_changes_how_the_whole_stream_reads_goes_to_the_full_parse(string yaml)
    {
        var bytes = Encoding.UTF8.GetBytes(yaml);

        var fast = FastManifestReader.Read("stream.yaml", bytes, out var parsedInFull);

        var strict = ManifestParser.Parse("stream.yaml", bytes, firstLine: 1);
        Assert.Equal(1, parsedInFull);
        Assert.Equal(strict.Objects.ToArray(), fast.Objects.ToArray());
        Assert.Equal(strict.Errors.ToArray(), fast.Errors.ToArray());
    }

    [Fact]
    public void A_file_in_utf16_goes_to_the_full_parse()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("apiVersion: v1\nkind: Pod\n")).ToArray();

        FastManifestReader.Read("utf16.yaml", bytes, out var parsedInFull);

        Assert.Equal(1, parsedInFull);
    }

    [Theory]
    [InlineData("apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\ndata:\n  note: \"50% — ümlaut, \u2026 and \u2030\"\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\ndata:\n  motd: caf\u00e9 \u00c2 \u00e2\n")]
    public void Line_breaks_and_text_that_only_look_like_those_constructs_are_read_fast(string yaml)
    {
        FastManifestReader.Read("plain.yaml", Encoding.UTF8.GetBytes(yaml), out var parsedInFull);

        Assert.Equal(0, parsedInFull);
    }

    [Fact]
    public void Generated_documents_mixing_every_construct_read_the_same_fast_and_strict()
    {
        var random = new Random(20261201);
        for (var stream = 0; stream < 3000; stream++)
        {
            var text = Generator.Stream(random);
            var bytes = Encoding.UTF8.GetBytes(text);

            var strict = ManifestParser.Parse("generated.yaml", bytes, firstLine: 1);
            var fast = FastManifestReader.Read("generated.yaml", bytes);

            Assert.True(strict.Objects.SequenceEqual(fast.Objects), $"objects differ for:\n{text}\nstrict: {string.Join("; ", strict.Objects)}\nfast: {string.Join("; ", fast.Objects)}");
            Assert.True(strict.Errors.SequenceEqual(fast.Errors), $"errors differ for:\n{text}\nstrict: {string.Join("; ", strict.Errors)}\nfast: {string.Join("; ", fast.Errors)}");
        }
    }

    [Fact]
    public void The_generated_documents_include_objects_errors_and_lists()
    {
        var random = new Random(20261201);
        var objects = 0;
        var errors = 0;
        for (var stream = 0; stream < 3000; stream++)
        {
            var parsed = ManifestParser.Parse("generated.yaml", Encoding.UTF8.GetBytes(Generator.Stream(random)), firstLine: 1);
            objects += parsed.Objects.Length;
            errors += parsed.Errors.Length;
        }

        Assert.True(objects > 3000, $"{objects} objects");
        Assert.True(errors > 10, $"{errors} errors");
    }

    /// <summary>Valid YAML streams built from the shapes manifests take, each piece in several spellings.</summary>
    private static class Generator
    {
        private static readonly string[] ApiVersions = ["batch/v1beta1", "apps/v1", "extensions/v1beta1", "v1", "policy/v1beta1", "example.com/v1"];

        private static readonly string[] Kinds = ["CronJob", "Deployment", "Ingress", "ConfigMap", "PodDisruptionBudget", "Widget"];

        public static string Stream(Random random)
        {
            var documents = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Document(random)).ToList();
            var text = new StringBuilder();
            if (random.Next(4) == 0)
            {
                text.Append("# leading comment\n");
            }

            for (var i = 0; i < documents.Count; i++)
            {
                if (i > 0 || random.Next(2) == 0)
                {
                    text.Append(random.Next(5) switch { 0 => "--- # next\n", 1 => "---\n\uFEFF", _ => "---\n" });
                }

                text.Append(documents[i]);
                if (random.Next(10) == 0)
                {
                    text.Append("---\n");
                }
            }

            var stream = text.ToString();
            return random.Next(8) == 0 ? stream.Replace("\n", "\r\n", StringComparison.Ordinal) : stream;
        }

        private static string Document(Random random)
        {
            var apiVersion = ApiVersions[random.Next(ApiVersions.Length)];
            var kind = Kinds[random.Next(Kinds.Length)];
            return random.Next(14) switch
            {
                0 => "{\"apiVersion\": \"" + apiVersion + "\", \"kind\": \"" + kind + "\", \"metadata\": {\"name\": \"json\"}}\n",
                1 => List(random, apiVersion, kind),
                4 => JsonList(random, apiVersion, kind),
                2 => "replicaCount: 2\nimage:\n  repository: web\n",
                3 => "# only a comment\n",
                _ => Block(random, apiVersion, kind),
            };
        }

        private static string JsonList(Random random, string apiVersion, string kind)
        {
            var item = random.Next(6) switch
            {
                0 => $"{{\"kind\": \"{kind}\", \"apiVersion\": \"{apiVersion}\", \"metadata\": {{\"generateName\": \"job-\", \"namespace\": \"ops\"}}}}",
                1 => $"{{\"apiVersion\": \"{apiVersion.Replace("/", "\\/", StringComparison.Ordinal)}\", \"kind\": \"{kind}\"}}",
                2 => $"{{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{{\"apiVersion\": \"{apiVersion}\", \"kind\": \"{kind}\"}}]}}",
                3 => $"{{\"apiVersion\": \"{apiVersion}\", \"kind\": \"{kind}\", \"spec\": {{\"a\": [1, 2.5, true, null, \"x\"]}}, \"metadata\": {{\"name\": \" spaced \"}}}}",
                4 => "\"not an object\"",
                _ => $"{{\"apiVersion\": \"{apiVersion}\",\n\t\t\"kind\": \"{kind}\"}}",
            };
            return $"{{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"{(random.Next(5) == 0 ? kind + "List" : "List")}\",\n  \"items\": [\n    {item},\n    {{\"apiVersion\": \"{apiVersion}\", \"kind\": \"{kind}\"}}\n  ]\n}}\n";
        }

        private static string List(Random random, string apiVersion, string kind) => random.Next(2) == 0
            ? $"apiVersion: v1\nkind: List\nitems:\n- apiVersion: {apiVersion}\n  kind: {kind}\n  metadata:\n    name: first\n- {{apiVersion: {apiVersion}, kind: {kind}}}\n"
            : $"apiVersion: {apiVersion}\nkind: {kind}List\nitems:\n  - metadata: {{name: a}}\n  - metadata:\n      name: b\n";

        private static string Block(Random random, string apiVersion, string kind)
        {
            var lines = new List<string>
            {
                $"apiVersion: {Scalar(random, apiVersion)}",
                $"kind: {Scalar(random, kind)}",
            };
            lines.AddRange(Metadata(random));
            lines.AddRange(Body(random));
            if (random.Next(4) == 0)
            {
                // Header keys need not come first.
                var first = lines[0];
                lines.RemoveAt(0);
                lines.Insert(random.Next(lines.Count + 1), first);
            }

            var document = string.Join("\n", lines.Where(l => l.Length > 0)) + "\n";
            return random.Next(20) switch
            {
                0 => "x-base: &base\n  apiVersion: " + apiVersion + "\n  kind: " + kind + "\n<<: *base\nmetadata:\n  name: merged\n",
                1 => "x-api: &api " + apiVersion + "\napiVersion: *api\nkind: " + kind + "\n",
                2 => "apiVersion: {{ include \"api\" . }}\nkind: " + kind + "\n",
                3 => document.Replace("metadata:\n", "metadata:   # the object's name\n", StringComparison.Ordinal),
                _ => document,
            };
        }

        private static string Scalar(Random random, string value) => random.Next(16) switch
        {
            0 => $"\"{value}\"",
            1 => $"'{value}'",
            2 => $"{value}   # with a comment",
            3 => $"!!str {value}",
            4 => $"\"{value.Replace("/", "\\/", StringComparison.Ordinal)}\"",
            5 => $"{value}\n  continued",
            6 => $"\n  {value}",
            7 => $"'{value}''s'",
            8 => $"\"{{{{ .Values.{value.Replace("/", "", StringComparison.Ordinal)} }}}}\"",
            9 => $"\"{value} \"",
            _ => value,
        };

        private static IEnumerable<string> Metadata(Random random)
        {
            switch (random.Next(9))
            {
                case 0:
                    yield break;
                case 1:
                    yield return "metadata: {name: flow, namespace: shop}";
                    yield break;
                case 2:
                    yield return "metadata:\n  generateName: report-\n  labels: {app: report}";
                    yield break;
                case 3:
                    yield return "metadata:\n    annotations:\n      note: |\n        name: not-this\n    name: deep-indent\n    namespace: ops";
                    yield break;
                case 4:
                    yield return "metadata:\n  <<: {namespace: merged}\n  name: web";
                    yield break;
                case 5:
                    yield return "metadata:\n  name: &n anchored\n  namespace: *n";
                    yield break;
                default:
                    yield return $"metadata:\n  name: {Scalar(random, "web")}\n  labels:\n    app: web\n  namespace: shop";
                    yield break;
            }
        }

        private static IEnumerable<string> Body(Random random)
        {
            for (var i = random.Next(4); i > 0; i--)
            {
                yield return random.Next(10) switch
                {
                    8 => "x-note: a lone carriage return\rx-other: breaks the line",
                    0 => "spec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: app\n          image: web:1.0",
                    1 => "data:\n  config.yaml: |\n    apiVersion: fake/v1\n    kind: NotThis\n  other: >-\n    folded\n    text",
                    2 => "rules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get, list]",
                    3 => "data: {a: \"b, c\", d: '#e'}",
                    4 => "spec:\n  schedule: \"*/5 * * * *\"  # every five minutes\n\n  suspend: false",
                    5 => "items: []",
                    6 => "x-anchors:\n  - &shared {kind: Ignored}\nextra: *shared",
                    7 => "description: a plain scalar\n  over two lines",
                    _ => "status: {}",
                };
            }
        }
    }
}
