using System.Diagnostics;
using BlueGreen.Cli.Catalog;
using BlueGreen.Core.Model;

namespace BlueGreen.Cli.Tests.Catalog;

/// <summary>
/// `bluegreen catalog refresh` against a stand-in aws CLI answering with recorded describe-addon-versions JSON and a real
/// HTTP server on 127.0.0.1 serving the chart repositories' recorded index.yaml, every chart pointed there with
/// `--chart-repository` (the registry's repositories are never read). Never the network.
/// </summary>
public sealed class CatalogRefreshCommandTests : IAsyncLifetime
{
    private ChartRepositories _charts = null!;

    public async Task InitializeAsync() => _charts = await ChartRepositories.StartAsync();

    public async Task DisposeAsync() => await _charts.DisposeAsync();

    [Fact]
    public async Task Check_exits_1_and_lists_each_pin_that_differs_from_its_source_without_writing()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        var before = aws.Text;

        var run = await Refresh(aws, "--check");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1.35 coredns: v1.14.2-eksbuild.4 -> v1.14.3-eksbuild.3", run.Output);
        Assert.Contains("1.35 vpc-cni: v1.21.1-eksbuild.1 -> v1.22.4-eksbuild.3", run.Output);
        Assert.Contains("1.35 snapshot-controller: v8.2.0-eksbuild.1 -> v8.3.0-eksbuild.1", run.Output);
        Assert.Contains("1.35 cluster-autoscaler: 9.57.0 -> 9.59.0", run.Output);
        Assert.Contains("1.35 aws-load-balancer-controller appVersion: v3.2.2 -> v3.5.0", run.Output);
        Assert.Contains("1.35 velero: 11.0.0 -> 11.4.0", run.Output);
        Assert.Equal(11, run.Output.Split('\n').Count(line => line.StartsWith("1.3", StringComparison.Ordinal)));
        Assert.Equal(before, aws.Text);
    }

    [Fact]
    public async Task Refresh_rewrites_only_the_values_that_changed_keeping_comments_quotes_and_layout()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);

        var run = await Refresh(aws);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(StandInAws.Fixture("refreshed.yaml"), aws.Text);
        Assert.Empty(Directory.GetFiles(aws.Root, "*.tmp"));
    }

    [Fact]
    public async Task A_catalog_that_cannot_be_written_is_an_error_not_a_crash_and_the_file_is_unchanged()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        // Readable, but the temporary file written beside it gets a name longer than any file system allows.
        var file = Path.Combine(aws.Root, new string('c', 240) + ".yaml");
        File.Copy(aws.CatalogFile, file);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CatalogCommand.RefreshAsync(file, false, aws.Repositories(), "1m", aws.Services(), output, error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("cannot write the catalog", error.ToString());
        Assert.Equal(aws.Text, File.ReadAllText(file));
    }

    [Fact]
    public async Task A_catalog_file_that_does_not_exist_is_an_error_with_its_code()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CatalogCommand.RefreshAsync(
            Path.Combine(aws.Root, "no-such.yaml"), true, aws.Repositories(), "1m", aws.Services(), output, error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains($"[{ProblemCodes.FileNotFound}]", error.ToString());
    }

    [Fact]
    public async Task A_refreshed_catalog_passes_the_check()
    {
        using var aws = new StandInAws("refreshed.yaml", _charts.BaseUrl);

        var run = await Refresh(aws, "--check");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("every add-on pin matches its source", run.Output);
    }

    [Fact]
    public async Task Cluster_autoscaler_keeps_its_pin_when_no_stable_chart_has_the_cluster_minor()
    {
        using var aws = new StandInAws("refreshed.yaml", _charts.BaseUrl);

        var run = await Refresh(aws);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("versions[1.36].helm.cluster-autoscaler", run.Error);
        Assert.Contains("cluster-autoscaler: { version: 9.59.0, appVersion: 1.36.1 }", aws.Text);
    }

    [Fact]
    public async Task Metrics_server_never_moves_to_an_app_line_the_compatibility_matrix_does_not_list()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);

        await Refresh(aws);

        Assert.DoesNotContain("3.14.0", aws.Text);
        Assert.Contains("metrics-server: { version: 3.13.1, appVersion: 0.8.1 }", aws.Text);
    }

    [Fact]
    public async Task Velero_moves_within_the_line_whose_aws_plugin_the_catalog_pins_and_never_past_it()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);

        await Refresh(aws);

        Assert.DoesNotContain("12.0.0", aws.Text);
        Assert.DoesNotContain("11.0.0", aws.Text);
        Assert.Contains("velero: { version: 11.4.0, appVersion: 1.17.1, plugin: v1.13.2 }", aws.Text);
    }

    [Fact]
    public async Task Without_an_aws_cli_on_path_the_error_names_the_command_and_nothing_is_written()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        var before = aws.Text;

        var run = await Refresh(aws, withAws: false);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("aws eks describe-addon-versions --kubernetes-version 1.35 --output json", run.Error);
        Assert.Contains("not found on PATH", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal(before, aws.Text);
    }

    [Fact]
    public async Task An_aws_call_that_fails_is_reported_with_its_exit_code_and_message_and_nothing_is_written()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        File.WriteAllText(aws.CatalogFile, aws.Text.Replace("kubernetes: \"1.36\"", "kubernetes: \"1.99\"", StringComparison.Ordinal));
        var before = aws.Text;

        var run = await Refresh(aws);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--kubernetes-version 1.99", run.Error);
        Assert.Contains("254", run.Error);
        Assert.Contains("InvalidParameterException", run.Error);
        Assert.Equal(before, aws.Text);
    }

    [Fact]
    public async Task An_aws_call_that_hangs_is_stopped_and_reported_with_its_code_and_nothing_is_written()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        aws.Hangs("1.36");
        var before = aws.Text;

        var run = await Refresh(aws, awsTimeout: "1s");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"[{ProblemCodes.CommandTimedOut}]", run.Error);
        Assert.Contains("--kubernetes-version 1.36", run.Error);
        Assert.Equal(before, aws.Text);
    }

    [Fact]
    public async Task An_aws_timeout_that_is_not_a_duration_is_a_usage_error()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);

        var run = await Refresh(aws, awsTimeout: "soon");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"[{ProblemCodes.OptionDuration}]", run.Error);
    }

    [Fact]
    public async Task An_aws_answer_that_is_not_json_is_reported_and_nothing_is_written()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        File.WriteAllText(aws.CatalogFile, aws.Text.Replace("kubernetes: \"1.36\"", "kubernetes: \"1.98\"", StringComparison.Ordinal));
        var before = aws.Text;

        var run = await Refresh(aws);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--kubernetes-version 1.98", run.Error);
        Assert.Contains("not describe-addon-versions JSON", run.Error);
        Assert.Equal(before, aws.Text);
    }

    [Theory]
    [InlineData("missing", "404", ProblemCodes.RefreshSourceUnreadable)]
    [InlineData("garbage", "not a Helm repository index.yaml", ProblemCodes.RefreshSourceInvalid)]
    public async Task A_chart_repository_that_fails_is_reported_with_its_url_and_nothing_is_written(string repository, string why, string code)
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        var before = aws.Text;

        var run = await Refresh(aws, repositories: aws.Repositories(loadBalancerRepository: repository));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{_charts.BaseUrl}/{repository}/index.yaml", run.Error);
        Assert.Contains(why, run.Error);
        Assert.Contains(code, run.Error);
        Assert.Equal(before, aws.Text);
    }

    [Fact]
    public async Task An_unreachable_chart_repository_is_reported_not_thrown()
    {
        using var aws = new StandInAws("stale.yaml", "http://127.0.0.1:1");

        var run = await Refresh(aws);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("http://127.0.0.1:1/autoscaler/index.yaml", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task A_file_that_is_not_a_catalog_is_reported_with_its_line()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        File.WriteAllText(aws.CatalogFile, "versions:\n  - kubernetes: [1.35\n");

        var run = await Refresh(aws);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(aws.CatalogFile, run.Error);
        Assert.Contains("line ", run.Error);
    }

    [Fact]
    public async Task The_real_binary_finds_the_stand_in_aws_first_on_path()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "bluegreen"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "catalog", "refresh", "--check", "--file", aws.CatalogFile },
        };
        foreach (var repository in aws.Repositories())
        {
            start.ArgumentList.Add("--chart-repository");
            start.ArgumentList.Add(repository);
        }

        start.Environment["PATH"] = aws.PathVariable;

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("1.35 kube-proxy: v1.35.3-eksbuild.2 -> v1.35.3-eksbuild.13", output);
    }

    [Fact]
    public async Task An_optional_add_on_that_aws_now_offers_for_a_minor_is_added_after_its_managed_pins()
    {
        using var aws = new StandInAws("refreshed.yaml", _charts.BaseUrl);
        File.WriteAllText(aws.CatalogFile, aws.Text.Replace("      aws-ebs-csi-driver: v1.63.1-eksbuild.1\n      snapshot-controller: v8.3.0-eksbuild.1\n", "      aws-ebs-csi-driver: v1.63.1-eksbuild.1\n", StringComparison.Ordinal));
        Assert.NotEqual(StandInAws.Fixture("refreshed.yaml"), aws.Text);

        var check = await Refresh(aws, "--check");
        var refresh = await Refresh(aws);

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("1.36 snapshot-controller: (none) -> v8.3.0-eksbuild.1", check.Output);
        Assert.Equal(0, refresh.ExitCode);
        Assert.Equal(StandInAws.Fixture("refreshed.yaml"), aws.Text);
    }

    [Fact]
    public async Task An_optional_add_on_that_cannot_be_added_to_a_flow_style_block_is_a_warning_with_its_code()
    {
        using var aws = new StandInAws("refreshed.yaml", _charts.BaseUrl);
        File.WriteAllText(aws.CatalogFile, aws.Text.Replace(
            "      vpc-cni: v1.22.4-eksbuild.3\n      coredns: v1.14.3-eksbuild.3\n      kube-proxy: v1.36.0-eksbuild.14\n      aws-ebs-csi-driver: v1.63.1-eksbuild.1\n      snapshot-controller: v8.3.0-eksbuild.1\n",
            "      { vpc-cni: v1.22.4-eksbuild.3, coredns: v1.14.3-eksbuild.3, kube-proxy: v1.36.0-eksbuild.14, aws-ebs-csi-driver: v1.63.1-eksbuild.1 }\n",
            StringComparison.Ordinal));
        var before = aws.Text;
        Assert.NotEqual(StandInAws.Fixture("refreshed.yaml"), before);

        var run = await Refresh(aws, "--check");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"versions[1.36].managed.snapshot-controller = v8.3.0-eksbuild.1", run.Error);
        Assert.Contains($"[{ProblemCodes.RefreshPinMissing}]", run.Error);
        Assert.Equal(before, aws.Text);
    }

    [Fact]
    public async Task A_chart_repository_override_for_no_helm_add_on_is_a_usage_error_and_nothing_is_read()
    {
        using var aws = new StandInAws("stale.yaml", _charts.BaseUrl);
        var before = aws.Text;

        var run = await Refresh(aws, repositories: [.. aws.Repositories(), $"external-dns={_charts.BaseUrl}/external-dns"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(ProblemCodes.RefreshChartRepository, run.Error);
        Assert.Contains("external-dns=", run.Error);
        Assert.Empty(_charts.Requests);
        Assert.Equal(before, aws.Text);
    }

    [Fact]
    public async Task A_pin_kept_for_lack_of_a_fitting_chart_is_a_warning_with_its_code()
    {
        using var aws = new StandInAws("refreshed.yaml", _charts.BaseUrl);

        var run = await Refresh(aws, "--check");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"warning: {aws.CatalogFile}: versions[1.36].helm.cluster-autoscaler", run.Error);
        Assert.Contains($"[{ProblemCodes.RefreshPinKept}]", run.Error);
    }

    private static async Task<CliRun> Refresh(StandInAws aws, string? flag = null, bool withAws = true, string[]? repositories = null, string awsTimeout = "1m")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CatalogCommand.RefreshAsync(
            aws.CatalogFile, flag == "--check", repositories ?? aws.Repositories(), awsTimeout, aws.Services(withAws), output, error, CancellationToken.None);
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
