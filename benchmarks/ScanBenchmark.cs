using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using YamlDotNet.Core;

namespace BlueGreen.Benchmarks;

/// <summary>
/// One run, every figure issue 12 asks for: at 1,000, 10,000 and 100,000 objects, the CPU time and peak memory of a
/// byte scan of the same files (the floor), a YamlDotNet-only parse, and the scan fast and strict, each in a child
/// process of its own so peak working sets do not mix; then start-up (<see cref="StartUpBenchmark"/>).
/// </summary>
internal static class ScanBenchmark
{
    private static readonly int[] DefaultSizes = [1_000, 10_000, 100_000];
    private static readonly string[] Methods = ["floor", "yamldotnet", "fast", "strict"];

    // Small corpora run for tens of milliseconds, where one scheduling hiccup on a shared machine moves a ratio by a
    // tenth: more runs give the best of them a better chance of being undisturbed.
    private const int RunsBelow100k = 5;
    private const int RunsAt100k = 3;

    /// <summary>
    /// The floor and the fast scan measured again through this program published each way the CLI can ship (README,
    /// "Publishing"): ReadyToRun, its default, and Native AOT. At 10,000 objects the fixed cost of compiling code as it
    /// first runs weighs on the scan and not on the floor; built the same way, the two stay a fair pair, and each row
    /// says which build it comes from.
    /// </summary>
    private static readonly (string Suffix, string Name, string[] Properties)[] PublishedBuilds =
    [
        ("R2R", "ReadyToRun", ["-p:PublishReadyToRun=true", "--self-contained", "false"]),
        ("AOT", "Native AOT", ["-p:PublishAot=true"]),
    ];

    private static readonly string[] PublishedMethods = ["floor", "fast"];

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args is ["--objects", var list] ? [.. list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : DefaultSizes;
        Console.WriteLine($"{Environment.ProcessorCount} logical cores; each figure is the best of {RunsBelow100k} runs ({RunsAt100k} from 100,000 objects on), interleaved, each in a fresh child process (CPU = user + system time).");
        Console.WriteLine("Targets: fast <= 2.5x floor CPU at 10k and 100k; strict <= 1.2x YamlDotNet-only; peak memory at 100k <= 1.5x that at 10k.");
        Console.WriteLine();
        var work = Directory.CreateTempSubdirectory("bluegreen-scan-benchmark-build-");
        var published = new List<(string Suffix, string Program)>();
        foreach (var (suffix, name, properties) in PublishedBuilds)
        {
            var program = StartUpBenchmark.Repository is { } repository
                ? await StartUpBenchmark.PublishAsync(
                    Path.Combine(repository.FullName, "benchmarks", "BlueGreen.Benchmarks.csproj"), Path.Combine(work.FullName, suffix), "BlueGreen.Benchmarks", properties)
                : null;
            Console.WriteLine(program is null
                ? $"\"{suffix}\" rows: skipped, this program could not be published {name} here (see above)."
                : $"\"{suffix}\" rows run this program published {name}.");
            if (program is not null)
            {
                published.Add((suffix, program));
            }
        }

        var runners = Methods.Select(m => (Label: m, Method: m, Program: (string?)null))
            .Concat(published.SelectMany(build => PublishedMethods.Select(m => (Label: $"{m} {build.Suffix}", Method: m, Program: (string?)build.Program))))
            .ToArray();
        Console.WriteLine("Rows without a suffix run the JIT build (dotnet run).");
        Console.WriteLine();
        Console.WriteLine($"{"objects",9} {"files",7} {"MiB",7} | {"method",-10} {"CPU ms",9} {"wall ms",9} {"peak MiB",9} {"x floor",8}");
        var peaks = new Dictionary<(int, string), double>();
        var cpu = new Dictionary<(int, string), double>();
        foreach (var size in sizes)
        {
            var root = Directory.CreateTempSubdirectory("bluegreen-scan-benchmark-");
            try
            {
                var corpus = Corpus.Write(root.FullName, size);
                // Round robin rather than three runs of one method then three of the next: load from other work on
                // the machine drifts, and interleaving spreads it over every method alike, so the ratios stay fair.
                var runs = Enumerable.Range(0, size < 100_000 ? RunsBelow100k : RunsAt100k)
                    .SelectMany(_ => runners.Select(r => (r.Label, Figures: Child(r.Method, root.FullName, r.Program))))
                    .ToArray();
                foreach (var (label, _, _) in runners)
                {
                    var best = runs.Where(r => r.Label == label).Select(r => r.Figures).MinBy(m => m.CpuMs);
                    cpu[(size, label)] = best.CpuMs;
                    peaks[(size, label)] = best.PeakMiB;
                    var floor = cpu[(size, label.Split(' ') is [_, var suffix] ? $"floor {suffix}" : "floor")];
                    Console.WriteLine(
                        $"{corpus.Objects,9:N0} {corpus.Files,7:N0} {corpus.Bytes / 1048576.0,7:N1} | {label,-10} {best.CpuMs,9:N0} {best.WallMs,9:N0} {best.PeakMiB,9:N1} {best.CpuMs / floor,8:N2}");
                }
            }
            finally
            {
                root.Delete(recursive: true);
            }
        }

        Console.WriteLine();
        foreach (var size in sizes.Where(s => s >= 10_000))
        {
            var fast = cpu[(size, "fast")] / cpu[(size, "floor")];
            var fastPublished = string.Concat(published
                .Select(build => (build.Suffix, Ratio: cpu[(size, $"fast {build.Suffix}")] / cpu[(size, $"floor {build.Suffix}")]))
                .Select(build => $", {build.Suffix} {build.Ratio:N2} ({(build.Ratio <= 2.5 ? "met" : "NOT met")})"));
            Console.WriteLine($"{size,9:N0} objects: fast/floor JIT {fast:N2} ({(fast <= 2.5 ? "met" : "NOT met")}){fastPublished}, strict/YamlDotNet {cpu[(size, "strict")] / cpu[(size, "yamldotnet")]:N2} ({(cpu[(size, "strict")] / cpu[(size, "yamldotnet")] <= 1.2 ? "met" : "NOT met")})");
        }

        if (peaks.ContainsKey((10_000, "fast")) && peaks.ContainsKey((100_000, "fast")))
        {
            // Every build, not only the JIT one: Native AOT starts from a smaller heap, so the same growth is a larger ratio there.
            foreach (var method in new[] { "fast", "strict" }.Concat(published.Select(build => $"fast {build.Suffix}")))
            {
                var growth = peaks[(100_000, method)] / peaks[(10_000, method)];
                Console.WriteLine($"peak memory 100k/10k, {method}: {growth:N2} ({(growth <= 1.5 ? "met" : "NOT met")})");
            }
        }

        work.Delete(recursive: true);
        Console.WriteLine();
        return await StartUpBenchmark.RunAsync();
    }

    /// <summary>Writes the corpus of the given size to a directory, to profile one method on it with scan-child.</summary>
    public static int WriteCorpus(string objects, string root)
    {
        var corpus = Corpus.Write(Directory.CreateDirectory(root).FullName, int.Parse(objects, CultureInfo.InvariantCulture));
        Console.WriteLine($"{corpus.Objects:N0} objects, {corpus.Files:N0} files, {corpus.Bytes / 1048576.0:N1} MiB in {root}");
        return 0;
    }

    /// <summary>Runs one method over the corpus in this process and prints its figures for the parent.</summary>
    public static async Task<int> RunChildAsync(string method, string root)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        long work = method switch
        {
            "floor" => ForEachFile(files, CountApiVersions),
            "yamldotnet" => ForEachFile(files, ParseEvents),
            _ => (await ManifestScanner.ScanAsync([root], new KubernetesVersion(1, 35), new KubernetesVersion(1, 32), mode: method == "fast" ? ScanMode.Fast : ScanMode.Strict)).ObjectsSeen,
        };
        process.Refresh();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{(process.TotalProcessorTime - cpuBefore).TotalMilliseconds} {clock.Elapsed.TotalMilliseconds} {process.PeakWorkingSet64 / 1048576.0} {work}"));
        return 0;
    }

    /// <param name="program">A published build of this program to run instead of this one.</param>
    private static (double CpuMs, double WallMs, double PeakMiB) Child(string method, string root, string? program)
    {
        var start = new ProcessStartInfo(program ?? Environment.ProcessPath!) { RedirectStandardOutput = true };
        foreach (var arg in program is null ? ChildCommand(["scan-child", method, root]) : ["scan-child", method, root])
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var figures = child.StandardOutput.ReadToEnd().Trim().Split(' ').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        child.WaitForExit();
        return (figures[0], figures[1], figures[2]);
    }

    /// <summary>This program again, whether it runs as an apphost or through the dotnet host.</summary>
    private static IEnumerable<string> ChildCommand(IEnumerable<string> args) =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? args.Prepend(Environment.GetCommandLineArgs()[0])
            : args;

    /// <summary>The floor: every file read into a pooled buffer and searched for apiVersion, allocation-free.</summary>
    private static long CountApiVersions(ReadOnlySpan<byte> bytes)
    {
        long count = 0;
        for (var at = bytes.IndexOf("apiVersion"u8); at >= 0; at = bytes.IndexOf("apiVersion"u8))
        {
            count++;
            bytes = bytes[(at + 10)..];
        }

        return count;
    }

    /// <summary>What YamlDotNet costs by itself: every event of every document, nothing kept.</summary>
    private static long ParseEvents(ReadOnlySpan<byte> bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes.ToArray(), writable: false), Encoding.UTF8);
        var parser = new Parser(reader);
        long events = 0;
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }

    private delegate long FileWork(ReadOnlySpan<byte> bytes);

    /// <summary>Same reading and parallelism as the scanner, so only the work on the bytes differs.</summary>
    private static long ForEachFile(string[] files, FileWork work)
    {
        long total = 0;
        Parallel.For(0, files.Length, index =>
        {
            using var handle = File.OpenHandle(files[index], FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            var length = (int)RandomAccess.GetLength(handle);
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            var read = 0;
            while (read < length && RandomAccess.Read(handle, buffer.AsSpan(read, length - read), read) is var n and > 0)
            {
                read += n;
            }

            Interlocked.Add(ref total, work(buffer.AsSpan(0, read)));
            ArrayPool<byte>.Shared.Return(buffer);
        });
        return total;
    }

    /// <summary>
    /// A deterministic corpus shaped like a platform repository: Helm-style releases (five objects a file), CRDs with
    /// large schemas, CronJobs with their ConfigMaps, JSON Lists exported with kubectl, and big dashboard ConfigMaps.
    /// </summary>
    private static class Corpus
    {
        public static (int Files, int Objects, long Bytes) Write(string root, int objectCount)
        {
            var random = new Random(20261201);
            var (files, objects, bytes) = (0, 0, 0L);
            while (objects < objectCount)
            {
                var name = $"svc-{files:D6}";
                var directory = Path.Combine(root, $"team-{files % 23:D2}", name[..7]);
                Directory.CreateDirectory(directory);
                var (file, text, count) = (files % 10) switch
                {
                    0 => ($"{name}.json", JsonList(name, random), 2),
                    1 => ($"{name}-crd.yaml", Crd(name), 1),
                    2 or 3 => ($"{name}-jobs.yaml", CronJob(name, random) + "---\n" + ConfigMap(name), 2),
                    4 => ($"{name}-dashboard.yaml", Dashboard(name, random), 1),
                    _ => ($"{name}-release.yaml", Release(name, random), 5),
                };
                File.WriteAllText(Path.Combine(directory, file), text);
                files++;
                objects += count;
                bytes += Encoding.UTF8.GetByteCount(text);
            }

            return (files, objects, bytes);
        }

        private static string Pick(Random random, string current, string legacy) => random.Next(100) < 10 ? legacy : current;

        private static string Release(string name, Random random) => $$"""
            # Source: {{name}}/templates/deployment.yaml
            apiVersion: {{Pick(random, "apps/v1", "extensions/v1beta1")}}
            kind: Deployment
            metadata:
              name: {{name}}
              namespace: {{name}}
              labels:
                app.kubernetes.io/name: {{name}}
                app.kubernetes.io/managed-by: Helm
                helm.sh/chart: {{name}}-1.{{random.Next(40)}}.0
            spec:
              replicas: {{random.Next(2, 9)}}
              selector:
                matchLabels: {app.kubernetes.io/name: {{name}} }
              template:
                metadata:
                  labels: {app.kubernetes.io/name: {{name}} }
                spec:
                  containers:
                    - name: app
                      image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/{{name}}:1.{{random.Next(40)}}.{{random.Next(10)}}
                      ports:
                        - {name: http, containerPort: 8080}
                      env:
                        - name: LOG_LEVEL
                          value: info
                      resources:
                        requests: {cpu: 100m, memory: 256Mi}
                      readinessProbe:
                        httpGet: {path: /healthz, port: http}
            ---
            # Source: {{name}}/templates/service.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: {{name}}
              namespace: {{name}}
            spec:
              selector: {app.kubernetes.io/name: {{name}} }
              ports:
                - {name: http, port: 80, targetPort: http}
            ---
            apiVersion: {{Pick(random, "networking.k8s.io/v1", "networking.k8s.io/v1beta1")}}
            kind: Ingress
            metadata:
              name: {{name}}
              namespace: {{name}}
              annotations:
                alb.ingress.kubernetes.io/scheme: internet-facing
            spec:
              rules:
                - host: {{name}}.example.com
                  http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service: {name: {{name}}, port: {name: http} }
            ---
            apiVersion: {{Pick(random, "autoscaling/v2", "autoscaling/v2beta2")}}
            kind: HorizontalPodAutoscaler
            metadata:
              name: {{name}}
              namespace: {{name}}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: {{name}} }
              minReplicas: 2
              maxReplicas: 10
            ---
            apiVersion: {{Pick(random, "policy/v1", "policy/v1beta1")}}
            kind: PodDisruptionBudget
            metadata:
              name: {{name}}
              namespace: {{name}}
            spec:
              minAvailable: 1
              selector:
                matchLabels: {app.kubernetes.io/name: {{name}} }

            """;

        private static string Crd(string name)
        {
            var properties = string.Concat(Enumerable.Range(0, 120).Select(i => $"""
                                    field{i}:
                                      type: string
                                      description: Field {i} of the {name} resource, as documented by its operator.

                """));
            return $$"""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: {{name}}s.example.com
                spec:
                  group: example.com
                  names: {kind: Widget, plural: {{name}}s}
                  scope: Namespaced
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          properties:
                            spec:
                              type: object
                              properties:
                {{properties}}
                """;
        }

        private static string CronJob(string name, Random random) => $$"""
            apiVersion: {{Pick(random, "batch/v1", "batch/v1beta1")}}
            kind: CronJob
            metadata:
              name: {{name}}-nightly
              namespace: {{name}}
            spec:
              schedule: "{{random.Next(60)}} {{random.Next(24)}} * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                        - name: job
                          image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/{{name}}-jobs:1.0.0
                          args: ["nightly", "--batch-size", "{{random.Next(100, 1000)}}"]

            """;

        private static string ConfigMap(string name) => $$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{name}}-config
              namespace: {{name}}
            data:
              application.yaml: |
                server:
                  port: 8080
                downstream:
                  catalog: http://catalog.catalog.svc.cluster.local

            """;

        private static string Dashboard(string name, Random random)
        {
            // Grafana's own "{{code}}" legend templates are data here: a rendered manifest may hold them.
            var panels = string.Join(",\n", Enumerable.Range(0, 60).Select(i =>
                $$$"""        {"id": {{{i}}}, "type": "timeseries", "title": "{{{name}}} panel {{{i}}}", "targets": [{"expr": "sum(rate(http_requests_total{service=\"{{{name}}}\"}[5m])) by (code)", "legendFormat": "{{code}}"}], "gridPos": {"h": 8, "w": 12, "x": {{{i % 2 * 12}}}, "y": {{{i * 8}}} } }"""));
            return $$"""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{name}}-dashboard
                  namespace: monitoring
                  labels: {grafana_dashboard: "1"}
                data:
                  {{name}}.json: |
                    {
                      "title": "{{name}}",
                      "uid": "{{random.Next():x8}}",
                      "panels": [
                {{panels}}
                      ]
                    }

                """;
        }

        private static string JsonList(string name, Random random) => $$"""
            {
              "apiVersion": "v1",
              "kind": "List",
              "items": [
                {
                  "apiVersion": "{{Pick(random, "networking.k8s.io/v1", "extensions/v1beta1")}}",
                  "kind": "NetworkPolicy",
                  "metadata": {"name": "{{name}}-default-deny", "namespace": "{{name}}"},
                  "spec": {"podSelector": {}, "policyTypes": ["Ingress"]}
                },
                {
                  "apiVersion": "v1",
                  "kind": "Secret",
                  "metadata": {"name": "{{name}}-tls", "namespace": "{{name}}"},
                  "type": "kubernetes.io/tls",
                  "data": {"tls.crt": "LS0tLS1CRUdJTi...", "tls.key": "LS0tLS1CRUdJTi..."}
                }
              ]
            }

            """;
    }
}
