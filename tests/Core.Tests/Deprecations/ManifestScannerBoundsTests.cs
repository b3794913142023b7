using System.Diagnostics;
using System.Text;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Deprecations;

/// <summary>
/// A scan misses nothing <c>kubectl apply -R</c> would apply, reads each real file once, reports what it cannot read,
/// and stays linear whatever the input. Each test builds the tree it needs in a fresh temporary directory.
/// </summary>
public sealed class ManifestScannerBoundsTests : IDisposable
{
    private const string RemovedCronJob = "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: report\n";

    private static readonly KubernetesVersion Green = new(1, 35);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bluegreen-scan-tests-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Manifests_in_hidden_directories_are_scanned()
    {
        Write(".deploy/cronjob.yaml", RemovedCronJob);

        var report = await Scan(ScanMode.Strict, _root.FullName);

        Assert.Equal(Path.Combine(_root.FullName, ".deploy", "cronjob.yaml"), Assert.Single(report.Findings).Object.File);
    }

    [Fact]
    public async Task The_git_directory_is_not_scanned()
    {
        Write(".git/objects/cronjob.yaml", RemovedCronJob);

        var report = await Scan(ScanMode.Strict, _root.FullName);

        Assert.Empty(report.Findings);
        Assert.Equal(0, report.FilesScanned);
    }

    [Fact]
    public async Task A_file_reached_through_several_links_is_scanned_once()
    {
        Write("apps/cronjob.yaml", RemovedCronJob);
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "apps", "same-cronjob.yaml"), Path.Combine(_root.FullName, "apps", "cronjob.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "linked-apps"), Path.Combine(_root.FullName, "apps"));

        var report = await Scan(ScanMode.Strict, _root.FullName, Path.Combine(_root.FullName, "linked-apps", "cronjob.yaml"));

        Assert.Equal(1, report.FilesScanned);
        Assert.Single(report.Findings);
    }

    [Fact]
    public async Task A_link_loop_is_walked_once()
    {
        Write("apps/cronjob.yaml", RemovedCronJob);
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "apps", "loop"), _root.FullName);

        var report = await Scan(ScanMode.Strict, _root.FullName);

        Assert.Equal(1, report.FilesScanned);
        Assert.Single(report.Findings);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task A_link_to_nothing_named_as_a_manifest_is_an_error()
    {
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "gone.yaml"), Path.Combine(_root.FullName, "deleted.yaml"));

        var report = await Scan(ScanMode.Strict, _root.FullName);

        Assert.Equal(Path.Combine(_root.FullName, "gone.yaml"), Assert.Single(report.Errors).File);
        Assert.True(report.IsBlocking);
    }

    [Fact]
    public async Task A_fifo_is_an_error_and_is_never_opened()
    {
        Write("apps/cronjob.yaml", RemovedCronJob);
        var fifo = Path.Combine(_root.FullName, "apps", "pipe.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        // Opening a FIFO for reading blocks until a writer comes: a scan that opened it would never finish.
        var report = await Scan(ScanMode.Strict, _root.FullName).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(fifo, Assert.Single(report.Errors).File);
        Assert.Single(report.Findings);
    }

    [Fact]
    public async Task A_device_named_explicitly_is_an_error()
    {
        var report = await Scan(ScanMode.Strict, "/dev/zero").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("/dev/zero", Assert.Single(report.Errors).File);
    }

    [Theory]
    [InlineData(ScanMode.Strict)]
    [InlineData(ScanMode.Fast)]
    public async Task An_apiVersion_and_kind_given_through_aliases_are_read(ScanMode mode)
    {
        Write("aliases.yaml", """
            apiVersion: &legacy batch/v1beta1
            kind: CronJob
            metadata: {name: first}
            ---
            x-base:
              apiVersion: &api policy/v1beta1
              kind: &kind PodDisruptionBudget
            apiVersion: *api
            kind: *kind
            metadata:
              name: second
            """);

        var report = await Scan(mode, _root.FullName);

        Assert.Equal(["CronJob", "PodDisruptionBudget"], report.Findings.Select(f => f.Object.Kind));
    }

    [Theory]
    [InlineData(ScanMode.Strict)]
    [InlineData(ScanMode.Fast)]
    public async Task An_apiVersion_and_kind_given_through_a_merge_key_are_read(ScanMode mode)
    {
        Write("merge.yaml", """
            x-defaults: &defaults
              apiVersion: extensions/v1beta1
              kind: Ingress
            x-meta: &meta
              namespace: shop
            <<: *defaults
            metadata:
              <<: *meta
              name: web
            """);

        var report = await Scan(mode, _root.FullName);

        var ingress = Assert.Single(report.Findings).Object;
        Assert.Equal(("extensions/v1beta1", "Ingress", "web", "shop"), (ingress.ApiVersion, ingress.Kind, ingress.Name, ingress.Namespace));
    }

    [Fact]
    public async Task An_alias_to_an_anchor_of_another_document_is_an_error()
    {
        Write("aliases.yaml", "apiVersion: &api batch/v1beta1\nkind: CronJob\n---\napiVersion: *api\nkind: CronJob\n");

        var report = await Scan(ScanMode.Strict, _root.FullName);

        Assert.Equal(4, Assert.Single(report.Errors).Line);
    }

    [Fact]
    public async Task Keys_a_mapping_gives_itself_win_over_merged_ones_and_earlier_merges_over_later_ones()
    {
        Write("merge.yaml", """
            a: &a {apiVersion: batch/v1beta1, kind: Job}
            b: &b {kind: CronJob, apiVersion: apps/v1}
            <<: [*a, *b]
            kind: CronJob
            """);

        var report = await Scan(ScanMode.Strict, _root.FullName);

        Assert.Equal(("batch/v1beta1", "CronJob"), (Assert.Single(report.Findings).Object.ApiVersion, report.Findings[0].Object.Kind));
    }

    [Theory]
    [InlineData(ScanMode.Strict)]
    [InlineData(ScanMode.Fast)]
    public async Task A_byte_order_mark_after_a_document_separator_is_accepted(ScanMode mode)
    {
        Write("concatenated.yaml", "apiVersion: v1\nkind: ConfigMap\n---\n\uFEFF" + RemovedCronJob);

        var report = await Scan(mode, _root.FullName);

        Assert.Equal(2, report.ObjectsSeen);
        Assert.Equal("CronJob", Assert.Single(report.Findings).Object.Kind);
    }

    [Theory]
    [InlineData(ScanMode.Strict, "apiVersion: {{ include \"cronjob.apiVersion\" . }}\nkind: CronJob\n")]
    [InlineData(ScanMode.Fast, "apiVersion: {{ include \"cronjob.apiVersion\" . }}\nkind: CronJob\n")]
    [InlineData(ScanMode.Strict, "apiVersion: batch/v1beta1\nkind: \"{{ .Values.kind }}\"\n")]
    [InlineData(ScanMode.Fast, "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: {{ .Release.Name }}\n")]
    [InlineData(ScanMode.Fast, "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  namespace: ns-{{ .Release.Namespace }}\n")]
    public async Task A_template_that_happens_to_parse_is_an_error_asking_to_render_it(ScanMode mode, string template)
    {
        Write("templates/cronjob.yaml", template);

        var report = await Scan(mode, _root.FullName);

        var error = Assert.Single(report.Errors);
        Assert.Equal((Path.Combine(_root.FullName, "templates", "cronjob.yaml"), 1), (error.File, error.Line));
        Assert.Contains("helm template", error.Message);
        Assert.True(report.IsBlocking);
    }

    [Fact]
    public async Task Template_expressions_in_the_data_of_a_rendered_manifest_are_not_errors()
    {
        Write("alerts.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  summary: \"{{ $labels.pod }} is down\"\n");

        var report = await Scan(ScanMode.Strict, _root.FullName);

        Assert.Empty(report.Errors);
        Assert.Equal(1, report.ObjectsSeen);
    }

    [Theory]
    [InlineData(ScanMode.Strict)]
    [InlineData(ScanMode.Fast)]
    public async Task Lists_nested_past_the_limit_are_an_error_and_other_files_are_still_scanned(ScanMode mode)
    {
        const int depth = 20_000;
        var nested = new StringBuilder();
        nested.Insert(0, "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [", depth);
        nested.Append("{\"apiVersion\": \"batch/v1beta1\", \"kind\": \"CronJob\"}");
        nested.Insert(nested.Length, "]}", depth);
        Write("deep.json", nested.ToString());
        Write("cronjob.yaml", RemovedCronJob);

        var report = await Scan(mode, _root.FullName).WaitAsync(TimeSpan.FromSeconds(60));

        var error = Assert.Single(report.Errors);
        Assert.Equal(Path.Combine(_root.FullName, "deep.json"), error.File);
        Assert.Contains($"{ScanLimits.MaxNestingDepth:N0}", error.Message);
        Assert.Equal(Path.Combine(_root.FullName, "cronjob.yaml"), Assert.Single(report.Findings).Object.File);
    }

    [Theory]
    [InlineData(ScanMode.Strict)]
    [InlineData(ScanMode.Fast)]
    public async Task Two_hundred_thousand_nested_brackets_are_an_error_found_in_linear_time(ScanMode mode)
    {
        Write("brackets.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: " + new string('[', 200_000) + "\n");

        var report = await Scan(mode, _root.FullName).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains($"{ScanLimits.MaxNestingDepth:N0}", Assert.Single(report.Errors).Message);
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_is_an_error_and_is_not_read()
    {
        // Sparse: the size is real, the disk and the memory are not used.
        using (var huge = File.Create(Path.Combine(_root.FullName, "huge.yaml")))
        {
            huge.SetLength(ScanLimits.MaxFileBytes + 1L);
        }

        Write("cronjob.yaml", RemovedCronJob);

        var report = await Scan(ScanMode.Strict, _root.FullName).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Path.Combine(_root.FullName, "huge.yaml"), Assert.Single(report.Errors).File);
        Assert.Single(report.Findings);
    }

    [Fact]
    public async Task Standard_input_is_scanned_for_the_path_dash()
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(RemovedCronJob));

        var report = await ManifestScanner.ScanAsync(["-"], Green, standardInput: () => input);

        Assert.Equal(ManifestScanner.StandardInputPath, Assert.Single(report.Findings).Object.File);
    }

    [Fact]
    public async Task Cancelling_ends_a_scan_blocked_on_standard_input_whose_writer_never_closes()
    {
        // A pipe whose write end stays open and silent: a read blocks until the writer closes it, as `sleep | bluegreen scan -` does.
        using var writer = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var input = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, writer.ClientSafePipeHandle);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        try
        {
            var scan = ManifestScanner.ScanAsync(["-"], Green, cancellationToken: cancel.Token, standardInput: () => input);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scan.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            // The writer closes, so the abandoned read ends and the pipe can be disposed (a read in progress holds it).
            writer.Dispose();
        }
    }

    [Fact]
    public async Task Finding_no_kubernetes_object_is_a_caution()
    {
        Write("values.yaml", "replicaCount: 2\nimage: {repository: web}\n");

        var report = await Scan(ScanMode.Strict, _root.FullName);

        Assert.NotNull(report.NothingFound);
        Assert.False(report.IsBlocking);
    }

    [Fact]
    public async Task Finding_objects_is_no_caution()
    {
        Write("cronjob.yaml", RemovedCronJob);

        var report = await Scan(ScanMode.Strict, _root.FullName);

        Assert.Null(report.NothingFound);
    }

    private static Task<ScanReport> Scan(ScanMode mode, params string[] paths) => ManifestScanner.ScanAsync(paths, Green, mode: mode);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
