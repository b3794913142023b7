using BlueGreen.Cli.Scanning;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using Spectre.Console;

namespace BlueGreen.Cli.Tests.Scanning;

/// <summary>What people read: findings legible at any terminal width, and a Markdown report that fits a comment.</summary>
public sealed class ScanOutputTests
{
    private static readonly KubernetesVersion Green = new(1, 35);

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(120)]
    [InlineData(160)]
    [InlineData(200)]
    public void Every_finding_keeps_its_location_and_api_whole_at_any_width_from_80_to_200_columns(int width)
    {
        var report = Report(
            new ManifestObject("deploy/shop/workloads.yaml", 17, "networking.k8s.io/v1beta1", "Ingress", "storefront", "shop"),
            new ManifestObject("deploy/shop/jobs.yaml", 3, "batch/v1beta1", "CronJob", "nightly-report", "shop"),
            new ManifestObject("deploy/platform/policies.yaml", 40, "flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", "platform", null));

        var output = Render(report, width);

        Assert.DoesNotContain("…", output);
        Assert.All(report.Findings, f =>
        {
            Assert.Contains($"{f.Object.File}:{f.Object.Line}", output);
            Assert.Contains(f.Object.ApiVersion, output);
            Assert.Contains(f.Replacement, output);
        });
        Assert.All(output.Split('\n'), line => Assert.True(line.TrimEnd().Length <= width, $"{line.Length} > {width}: {line}"));
    }

    [Fact]
    public void A_path_too_long_for_a_table_row_is_listed_whole_rather_than_cut()
    {
        var path = string.Join('/', Enumerable.Repeat("very-long-directory-name", 6)) + "/ingress.yaml";
        var report = Report(new ManifestObject(path, 1, "extensions/v1beta1", "Ingress", "web", "shop"));

        var output = Render(report, 200);

        Assert.Contains($"{path}:1", output);
        Assert.DoesNotContain("…", output);
    }

    [Fact]
    public void A_wide_console_shows_the_findings_as_a_table()
    {
        var report = Report(new ManifestObject("jobs.yaml", 3, "batch/v1beta1", "CronJob", "report", "shop"));

        var output = Render(report, 200);

        Assert.Contains("use instead", output);
    }

    [Fact]
    public void The_markdown_report_of_a_large_repository_fits_a_pull_request_comment()
    {
        var objects = Enumerable.Range(0, 5_000).Select(i => new ManifestObject(
            $"teams/team-{i % 40:D2}/service-{i:D5}/manifests/{(i % 3 == 0 ? "cronjob" : "endpoints")}.yaml",
            i,
            i % 3 == 0 ? "batch/v1beta1" : "v1",
            i % 3 == 0 ? "CronJob" : "Endpoints",
            $"service-{i:D5}",
            "shop"));
        var report = Report([.. objects]);

        var markdown = ScanOutput.Markdown(report);

        Assert.True(markdown.Length <= ScanOutput.CommentLimit, $"{markdown.Length} characters");
        Assert.Contains("more rows", markdown);
        Assert.Contains("--output json", markdown);
    }

    [Fact]
    public void The_markdown_report_puts_removed_apis_before_deprecated_ones_whatever_the_file_order()
    {
        var report = Report(
            new ManifestObject("a-endpoints.yaml", 1, "v1", "Endpoints", "db", "shop"),
            new ManifestObject("z-cronjob.yaml", 1, "batch/v1beta1", "CronJob", "report", "shop"));

        var markdown = ScanOutput.Markdown(report);

        Assert.True(markdown.IndexOf("z-cronjob.yaml", StringComparison.Ordinal) < markdown.IndexOf("a-endpoints.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_markdown_report_that_fits_leaves_nothing_out()
    {
        var report = Report(new ManifestObject("jobs.yaml", 3, "batch/v1beta1", "CronJob", "report", "shop"));

        var markdown = ScanOutput.Markdown(report);

        Assert.DoesNotContain("more row", markdown);
    }

    private static ScanReport Report(params ManifestObject[] objects) => new()
    {
        Target = Green,
        Findings = ApiDeprecations.Check(objects, Green),
        Errors = [],
        FilesScanned = objects.Select(o => o.File).Distinct().Count(),
        ObjectsSeen = objects.Length,
    };

    private static string Render(ScanReport report, int width)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        ScanOutput.Table(report, console);
        return writer.ToString().Replace("\r", "", StringComparison.Ordinal);
    }
}
