using System.Diagnostics;
using System.Globalization;
using System.Text;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using YamlDotNet.RepresentationModel;

namespace BlueGreen.Benchmarks;

/// <summary>
/// Scans a generated corpus of realistic manifests and prints manifests/second for the full scan next to the time
/// it takes merely to read the same files and to read and fully parse them, so the cost of the check itself shows.
/// </summary>
internal static class ScanBenchmark
{
    private const int DefaultFiles = 2000;
    private const int DefaultRuns = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParseArguments(args, out var fileCount, out var runs))
        {
            Console.Error.WriteLine($"usage: scan [--manifests N (files, default {DefaultFiles})] [--runs N (default {DefaultRuns})]");
            return 2;
        }

        var root = Directory.CreateTempSubdirectory("bluegreen-scan-benchmark-");
        try
        {
            var corpus = Corpus.Write(root.FullName, fileCount);
            Console.WriteLine($"Corpus: {corpus.Files:N0} files, {corpus.Objects:N0} Kubernetes objects, {corpus.Bytes / 1024.0 / 1024.0:N1} MiB in {root.FullName}");
            Console.WriteLine($"Median of {runs} runs after one warm-up, {Environment.ProcessorCount} logical cores, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}.");
            Console.WriteLine();

            var files = Directory.GetFiles(root.FullName, "*", SearchOption.AllDirectories);
            var target = new KubernetesVersion(1, 35);
            var from = new KubernetesVersion(1, 32);
            ScanReport? report = null;

            var read = await MeasureAsync(runs, () => ForEachFileAsync(files, text => text.Length));
            var parse = await MeasureAsync(runs, () => ForEachFileAsync(files, FullParse));
            var scan = await MeasureAsync(runs, async () => report = await ManifestScanner.ScanAsync([root.FullName], target, from));

            Print("read only", read, corpus.Objects);
            Print("read + full YAML parse", parse, corpus.Objects);
            Print("full scan (bluegreen)", scan, corpus.Objects);
            Console.WriteLine();
            Console.WriteLine($"Scan result: {report!.ObjectsSeen:N0} objects, {report.Removed.Count():N0} removed, {report.Deprecated.Count():N0} deprecated, {report.Errors.Length} errors.");

            return report.ObjectsSeen == corpus.Objects && report.Errors.IsEmpty ? 0 : 1;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static bool TryParseArguments(string[] args, out int files, out int runs)
    {
        files = DefaultFiles;
        runs = DefaultRuns;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return false;
            }

            switch (args[i])
            {
                case "--manifests":
                    files = value;
                    break;
                case "--runs":
                    runs = value;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The baseline: every node of every document loaded, as a generic YAML tool would.</summary>
    private static int FullParse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count;
    }

    /// <summary>Reads and processes files with the same parallelism as the scanner, so only the work differs.</summary>
    private static Task ForEachFileAsync(string[] files, Func<string, int> process) =>
        Parallel.ForAsync(0, files.Length, async (index, token) => process(await File.ReadAllTextAsync(files[index], token)));

    private static async Task<TimeSpan> MeasureAsync(int runs, Func<Task> work)
    {
        await work();
        var times = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            await work();
            times.Add(clock.Elapsed);
        }

        return times.Order().ElementAt(runs / 2);
    }

    private static void Print(string label, TimeSpan elapsed, int objects) =>
        Console.WriteLine($"{label,-24} {elapsed.TotalMilliseconds,9:N1} ms  {objects / elapsed.TotalSeconds,12:N0} manifests/s");

    /// <summary>
    /// A deterministic corpus shaped like a platform team's repository: per service a folder of multi-document YAML,
    /// some JSON exports, Lists of RBAC objects, and a share of manifests still on APIs that 1.35 no longer serves.
    /// </summary>
    private static class Corpus
    {
        public static (int Files, int Objects, long Bytes) Write(string root, int fileCount)
        {
            var random = new Random(20260427);
            var objects = 0;
            long bytes = 0;
            for (var i = 0; i < fileCount; i++)
            {
                var service = $"svc-{i / 8:D4}";
                var directory = Path.Combine(root, "teams", $"team-{i % 17:D2}", service);
                Directory.CreateDirectory(directory);
                var (name, text, count) = (i % 10) switch
                {
                    0 => ($"export-{i}.json", JsonExport(service, random), 2),
                    1 => ($"rbac-{i}.yaml", RbacList(service, random), 3),
                    2 or 3 => ($"jobs-{i}.yml", CronJob(service, random) + "---\n" + ConfigMap(service, random), 2),
                    _ => ($"app-{i}.yaml", string.Join("---\n", Deployment(service, random), Service(service), Ingress(service, random), Autoscaling(service, random)), 5),
                };
                File.WriteAllText(Path.Combine(directory, name), text);
                objects += count;
                bytes += Encoding.UTF8.GetByteCount(text);
            }

            return (fileCount, objects, bytes);
        }

        private static string Pick(Random random, string current, string legacy, int legacyPercent) =>
            random.Next(100) < legacyPercent ? legacy : current;

        private static string Deployment(string name, Random random) => $$"""
            # {{name}}: web tier
            apiVersion: {{Pick(random, "apps/v1", "extensions/v1beta1", 10)}}
            kind: Deployment
            metadata:
              name: {{name}}
              namespace: {{name}}
              labels:
                app.kubernetes.io/name: {{name}}
                app.kubernetes.io/version: "1.{{random.Next(40)}}.{{random.Next(10)}}"
            spec:
              replicas: {{random.Next(2, 9)}}
              selector:
                matchLabels:
                  app.kubernetes.io/name: {{name}}
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: {{name}}
                spec:
                  containers:
                    - name: app
                      image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/{{name}}:1.{{random.Next(40)}}.{{random.Next(10)}}
                      ports:
                        - name: http
                          containerPort: 8080
                      env:
                        - name: LOG_LEVEL
                          value: info
                        - name: OTEL_EXPORTER_OTLP_ENDPOINT
                          value: http://otel-collector.observability:4317
                      resources:
                        requests: {cpu: {{random.Next(1, 10) * 100}}m, memory: {{random.Next(1, 8) * 128}}Mi}
                        limits: {memory: 1Gi}
                      readinessProbe:
                        httpGet: {path: /healthz/ready, port: http}
                      livenessProbe:
                        httpGet: {path: /healthz/live, port: http}

            """;

        private static string Service(string name) => $$"""
            apiVersion: v1
            kind: Service
            metadata:
              name: {{name}}
              namespace: {{name}}
            spec:
              selector:
                app.kubernetes.io/name: {{name}}
              ports:
                - name: http
                  port: 80
                  targetPort: http

            """;

        private static string Ingress(string name, Random random) => random.Next(100) < 10
            ? $$"""
              apiVersion: networking.k8s.io/v1beta1
              kind: Ingress
              metadata:
                name: {{name}}
                namespace: {{name}}
                annotations:
                  kubernetes.io/ingress.class: alb
              spec:
                rules:
                  - host: {{name}}.example.com
                    http:
                      paths:
                        - path: /
                          backend: {serviceName: {{name}}, servicePort: 80}

              """
            : $$"""
              apiVersion: networking.k8s.io/v1
              kind: Ingress
              metadata:
                name: {{name}}
                namespace: {{name}}
                annotations:
                  alb.ingress.kubernetes.io/scheme: internet-facing
                  alb.ingress.kubernetes.io/target-type: ip
              spec:
                ingressClassName: alb
                rules:
                  - host: {{name}}.example.com
                    http:
                      paths:
                        - path: /
                          pathType: Prefix
                          backend:
                            service:
                              name: {{name}}
                              port: {name: http}

              """;

        private static string Autoscaling(string name, Random random) => $$"""
            apiVersion: {{Pick(random, "autoscaling/v2", "autoscaling/v2beta2", 10)}}
            kind: HorizontalPodAutoscaler
            metadata:
              name: {{name}}
              namespace: {{name}}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: {{name}}}
              minReplicas: 2
              maxReplicas: {{random.Next(5, 30)}}
              metrics:
                - type: Resource
                  resource:
                    name: cpu
                    target: {type: Utilization, averageUtilization: {{random.Next(50, 80)}}}
            ---
            apiVersion: {{Pick(random, "policy/v1", "policy/v1beta1", 10)}}
            kind: PodDisruptionBudget
            metadata:
              name: {{name}}
              namespace: {{name}}
            spec:
              minAvailable: 1
              selector:
                matchLabels:
                  app.kubernetes.io/name: {{name}}

            """;

        private static string CronJob(string name, Random random) => $$"""
            apiVersion: {{Pick(random, "batch/v1", "batch/v1beta1", 15)}}
            kind: CronJob
            metadata:
              name: {{name}}-nightly
              namespace: {{name}}
            spec:
              schedule: "{{random.Next(60)}} {{random.Next(24)}} * * *"
              concurrencyPolicy: Forbid
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                        - name: job
                          image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/{{name}}-jobs:1.{{random.Next(40)}}.0
                          args: ["nightly", "--batch-size", "{{random.Next(100, 1000)}}"]

            """;

        private static string ConfigMap(string name, Random random) => $$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{name}}-config
              namespace: {{name}}
            data:
              FEATURE_FLAGS: "checkout-v2,search-v{{random.Next(1, 4)}}"
              application.yaml: |
                server:
                  port: 8080
                cache:
                  ttlSeconds: {{random.Next(30, 600)}}
                downstream:
                  catalog: http://catalog.catalog.svc.cluster.local
                  payments: http://payments.payments.svc.cluster.local

            """;

        private static string RbacList(string name, Random random)
        {
            var rbac = Pick(random, "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", 10);
            return $$"""
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ServiceAccount
                    metadata: {name: {{name}}, namespace: {{name}}}
                  - apiVersion: {{rbac}}
                    kind: Role
                    metadata: {name: {{name}}-config-reader, namespace: {{name}}}
                    rules:
                      - apiGroups: [""]
                        resources: ["configmaps", "secrets"]
                        verbs: ["get", "list", "watch"]
                  - apiVersion: {{rbac}}
                    kind: RoleBinding
                    metadata: {name: {{name}}-config-reader, namespace: {{name}}}
                    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: {{name}}-config-reader}
                    subjects: [{kind: ServiceAccount, name: {{name}}, namespace: {{name}}}]

                """;
        }

        private static string JsonExport(string name, Random random) => $$"""
            {
              "apiVersion": "v1",
              "kind": "List",
              "items": [
                {
                  "apiVersion": "{{Pick(random, "networking.k8s.io/v1", "extensions/v1beta1", 20)}}",
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
