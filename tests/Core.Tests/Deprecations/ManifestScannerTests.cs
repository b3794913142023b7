using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Deprecations;

/// <summary>How manifests are read: the shapes users write them in, and the files that are not manifests at all.</summary>
public sealed class ManifestScannerTests
{
    private static readonly KubernetesVersion Green = new(1, 35);

    private static Task<ScanReport> Scan(params string[] paths) => ManifestScanner.ScanAsync(paths, Green);

    [Fact]
    public async Task Every_document_of_a_multi_document_file_is_an_object_at_the_line_it_starts()
    {
        var report = await Scan(Fixture.Path("multi-document.yaml"));

        Assert.Equal(3, report.ObjectsSeen);
        var cronJob = Assert.Single(report.Findings);
        Assert.Equal(24, cronJob.Object.Line);
    }

    [Fact]
    public async Task Quoted_values_are_read_as_the_text_inside_the_quotes()
    {
        var report = await Scan(Fixture.Path("multi-document.yaml"));

        var cronJob = Assert.Single(report.Findings).Object;
        Assert.Equal(("batch/v1beta1", "CronJob", "orders-cleanup", "shop"), (cronJob.ApiVersion, cronJob.Kind, cronJob.Name, cronJob.Namespace));
    }

    [Fact]
    public async Task Comments_and_empty_documents_are_neither_objects_nor_errors()
    {
        var report = await Scan(Fixture.Path("multi-document.yaml"));

        Assert.Empty(report.Errors);
        Assert.Equal(3, report.ObjectsSeen);
    }

    [Fact]
    public async Task Entries_of_a_List_are_checked_one_by_one_even_inside_a_nested_List()
    {
        var report = await Scan(Fixture.Path("nested-list.yaml"));

        Assert.Equal(3, report.ObjectsSeen);
        Assert.Collection(
            report.Findings,
            pdb => Assert.Equal(("PodDisruptionBudget", 4), (pdb.Object.Kind, pdb.Object.Line)),
            ingress => Assert.Equal(("Ingress", 16), (ingress.Object.Kind, ingress.Object.Line)));
    }

    [Fact]
    public async Task Entries_of_a_typed_list_take_their_apiVersion_and_kind_from_the_list()
    {
        var report = await Scan(Fixture.Path("typed-list.yaml"));

        Assert.All(report.Findings, f => Assert.Equal(("rbac.authorization.k8s.io/v1beta1", "Role"), (f.Object.ApiVersion, f.Object.Kind)));
        Assert.Equal(["config-reader", "secret-reader"], report.Findings.Select(f => f.Object.Name));
    }

    [Fact]
    public async Task A_json_list_exported_with_kubectl_is_read_with_the_line_of_each_item()
    {
        var report = await Scan(Fixture.Path("kubectl-export.json"));

        Assert.Empty(report.Errors);
        Assert.Collection(
            report.Findings,
            ingress => Assert.Equal(("extensions/v1beta1", "Ingress", 4), (ingress.Object.ApiVersion, ingress.Object.Kind, ingress.Object.Line)),
            hpa => Assert.Equal(("autoscaling/v2beta2", "HorizontalPodAutoscaler", 18), (hpa.Object.ApiVersion, hpa.Object.Kind, hpa.Object.Line)));
    }

    [Fact]
    public async Task Custom_groups_that_only_look_like_built_in_groups_are_never_findings()
    {
        var report = await Scan(Fixture.Path("look-alikes.yaml"));

        Assert.Equal(6, report.ObjectsSeen);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public async Task Compose_files_helm_values_workflows_charts_and_other_json_are_skipped_without_errors()
    {
        var report = await Scan(Fixture.Path("not-kubernetes"));

        Assert.Equal(5, report.FilesScanned);
        Assert.Equal(0, report.ObjectsSeen);
        Assert.Empty(report.Findings);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task An_unparsable_file_is_an_error_with_its_path_and_line_and_the_other_files_are_still_scanned()
    {
        var broken = Fixture.Path("broken", "deployment.yaml");

        var report = await Scan(Fixture.Path("broken"));

        var error = Assert.Single(report.Errors);
        Assert.Equal((broken, 15), (error.File, error.Line));
        Assert.Contains(report.Findings, f => f.Object.File == Fixture.Path("broken", "cronjob.yaml") && f.Object.Kind == "CronJob");
        Assert.True(report.IsBlocking);
    }

    [Fact]
    public async Task Objects_before_a_syntax_error_in_the_same_file_are_still_checked()
    {
        var report = await Scan(Fixture.Path("broken", "deployment.yaml"));

        var deployment = Assert.Single(report.Findings);
        Assert.Equal(("extensions/v1beta1", "Deployment", 1), (deployment.Object.ApiVersion, deployment.Object.Kind, deployment.Object.Line));
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_an_error_and_the_other_paths_are_still_scanned()
    {
        var missing = Fixture.Path("no-such-folder");

        var report = await Scan(missing, Fixture.Path("typed-list.yaml"));

        var error = Assert.Single(report.Errors);
        Assert.Equal((missing, (int?)null), (error.File, error.Line));
        Assert.Equal(2, report.Findings.Length);
    }

    [Fact]
    public async Task Directories_are_searched_recursively_for_yaml_yml_and_json_files_only()
    {
        var report = await Scan(Fixture.Path("tree"));

        Assert.Equal(3, report.FilesScanned);
        Assert.Equal(
            [Fixture.Path("tree", "apps", "pdb.json"), Fixture.Path("tree", "apps", "web", "deployment.yml")],
            report.Findings.Select(f => f.Object.File));
    }

    [Fact]
    public async Task A_file_named_explicitly_is_scanned_whatever_its_extension()
    {
        var report = await Scan(Fixture.Path("tree", "docs", "example.txt"));

        Assert.Equal("Deployment", Assert.Single(report.Findings).Object.Kind);
    }

    [Fact]
    public async Task A_file_given_twice_or_also_found_under_a_given_directory_is_scanned_once()
    {
        var deployment = Fixture.Path("tree", "apps", "web", "deployment.yml");

        var report = await Scan(deployment, Fixture.Path("tree"), deployment);

        Assert.Equal(3, report.FilesScanned);
        Assert.Single(report.Findings, f => f.Object.File == deployment);
    }

    [Fact]
    public async Task Findings_come_in_file_then_line_order_whatever_the_order_of_the_paths()
    {
        var forward = await Scan(Fixture.Path("removed"), Fixture.Path("nested-list.yaml"));
        var backward = await Scan(Fixture.Path("nested-list.yaml"), Fixture.Path("removed"));

        var expected = forward.Findings.OrderBy(f => f.Object.File, StringComparer.Ordinal).ThenBy(f => f.Object.Line).Select(f => f.Object);
        Assert.Equal(expected, forward.Findings.Select(f => f.Object));
        Assert.Equal(forward.Findings.Select(f => f.Object), backward.Findings.Select(f => f.Object));
    }

    [Fact]
    public async Task Progress_is_reported_for_every_file_up_to_the_total()
    {
        var reports = new List<ScanProgress>();

        var report = await ManifestScanner.ScanAsync([Fixture.Path("removed")], Green, progress: new Recorder(reports));

        Assert.Equal(report.FilesScanned, reports.Count);
        Assert.Equal(Enumerable.Range(1, report.FilesScanned), reports.Select(r => r.FilesDone).Order());
        Assert.All(reports, r => Assert.Equal(report.FilesScanned, r.FilesTotal));
    }

    [Fact]
    public async Task A_target_newer_than_the_removal_table_was_reviewed_for_carries_a_caveat()
    {
        var beyond = DeprecatedApiTable.Default.ReviewedThrough with { Minor = DeprecatedApiTable.Default.ReviewedThrough.Minor + 1 };

        var report = await ManifestScanner.ScanAsync([Fixture.Path("tree")], beyond);

        Assert.Contains($"reviewed through Kubernetes {DeprecatedApiTable.Default.ReviewedThrough}", report.Caveat);
    }

    [Fact]
    public async Task A_target_the_removal_table_was_reviewed_for_has_no_caveat()
    {
        var report = await ManifestScanner.ScanAsync([Fixture.Path("tree")], DeprecatedApiTable.Default.ReviewedThrough);

        Assert.Null(report.Caveat);
    }

    /// <summary>Records synchronously (Progress&lt;T&gt; would post to the thread pool and race the assertions).</summary>
    private sealed class Recorder(List<ScanProgress> reports) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
