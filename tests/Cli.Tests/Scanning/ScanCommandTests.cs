using System.Diagnostics;
using System.Text.Json;

namespace BlueGreen.Cli.Tests.Scanning;

/// <summary><c>bluegreen scan</c>: its JSON contract, its exit codes and what people and pull requests see.</summary>
public sealed class ScanCommandTests
{
    private static readonly string Legacy = CliRun.Fixture("Scanning/legacy");
    private static readonly string Ready = CliRun.Fixture("Scanning/ready");
    private static readonly string Broken = CliRun.Fixture("Scanning/broken");

    [Fact]
    public async Task Json_output_is_one_object_holding_exactly_findings_and_errors()
    {
        var run = await CliRun.Of("scan", Legacy, "--target-version", "1.35", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(["findings", "errors"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Each_json_finding_names_the_object_its_api_and_what_replaces_it()
    {
        var run = await CliRun.Of("scan", Legacy, "--target-version", "1.35", "--from-version", "1.32", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        var ingress = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "Ingress");
        Assert.Equal(Path.Combine(Legacy, "workloads.yaml"), ingress.GetProperty("file").GetString());
        Assert.Equal(17, ingress.GetProperty("line").GetInt32());
        Assert.Equal("shop", ingress.GetProperty("name").GetString());
        Assert.Equal("shop", ingress.GetProperty("namespace").GetString());
        Assert.Equal("networking.k8s.io/v1beta1", ingress.GetProperty("apiVersion").GetString());
        Assert.Equal("removed", ingress.GetProperty("status").GetString());
        Assert.Equal("1.19", ingress.GetProperty("deprecatedIn").GetString());
        Assert.Equal("1.22", ingress.GetProperty("removedIn").GetString());
        Assert.Equal("networking.k8s.io/v1", ingress.GetProperty("replacement").GetString());
    }

    [Fact]
    public async Task Json_fields_without_a_value_are_present_as_null()
    {
        var run = await CliRun.Of("scan", Legacy, "--target-version", "1.35", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        var clusterRole = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "ClusterRole");
        var endpoints = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "Endpoints");
        Assert.Equal(JsonValueKind.Null, clusterRole.GetProperty("namespace").ValueKind);
        Assert.Equal(JsonValueKind.Null, endpoints.GetProperty("removedIn").ValueKind);
        Assert.Equal("deprecated", endpoints.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_deprecated_finding_has_timing_present_as_null_since_only_removals_have_one()
    {
        var run = await CliRun.Of("scan", Ready, "--target-version", "1.35", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("timing").ValueKind);
    }

    [Fact]
    public async Task Json_says_which_skipped_minor_removed_an_api()
    {
        var run = await CliRun.Of("scan", Legacy, "--target-version", "1.35", "--from-version", "1.32", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        var policy = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "ValidatingAdmissionPolicy");
        Assert.Equal("inSkippedMinor", policy.GetProperty("timing").GetString());
        Assert.Equal("removed in 1.34, a minor this upgrade skips (1.32 → 1.35)", policy.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_removed_api_exits_1()
    {
        var run = await CliRun.Of("scan", Legacy, "--target-version", "1.35");

        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Deprecated_apis_alone_exit_0()
    {
        var run = await CliRun.Of("scan", Ready, "--target-version", "1.35", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("deprecated", finding.GetProperty("status").GetString());
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task The_same_manifests_block_only_once_the_target_removes_their_api()
    {
        var before = await CliRun.Of("scan", Legacy, "--target-version", "1.15");
        var after = await CliRun.Of("scan", Legacy, "--target-version", "1.16");

        Assert.Equal((0, 1), (before.ExitCode, after.ExitCode));
    }

    [Fact]
    public async Task An_unparsable_file_is_a_json_error_with_its_file_line_and_message_and_exits_1()
    {
        var run = await CliRun.Of("scan", Broken, "--target-version", "1.35", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(Path.Combine(Broken, "service.yaml"), error.GetProperty("file").GetString());
        Assert.Equal(9, error.GetProperty("line").GetInt32());
        Assert.StartsWith("not valid YAML or JSON", error.GetProperty("message").GetString());
        Assert.Equal(1, run.ExitCode);
    }

    [Theory]
    [InlineData("1.x")]
    [InlineData("latest")]
    [InlineData("")]
    [InlineData("1.99999999999")]
    public async Task A_malformed_target_version_is_a_usage_error(string version)
    {
        var run = await CliRun.Of("scan", Ready, "--target-version", version);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a Kubernetes minor version", run.Error);
    }

    [Fact]
    public async Task A_missing_target_version_is_a_usage_error()
    {
        var run = await CliRun.Of("scan", Ready);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--target-version", run.Error);
    }

    [Fact]
    public async Task A_source_version_newer_than_the_target_is_a_usage_error()
    {
        var run = await CliRun.Of("scan", Ready, "--target-version", "1.33", "--from-version", "1.35");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--from-version 1.35 is newer than --target-version 1.33", run.Error);
    }

    [Fact]
    public async Task No_paths_is_a_usage_error()
    {
        var run = await CliRun.Of("scan", "--target-version", "1.35");

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Markdown_output_is_a_pull_request_comment_with_a_verdict_and_a_table_per_status()
    {
        var run = await CliRun.Of("scan", Legacy, "--target-version", "1.35", "--from-version", "1.32", "--output", "markdown");

        Assert.StartsWith("## Kubernetes API scan: 1.32 → 1.35", run.Output);
        Assert.Contains("❌ **Blocked**: 4 objects use APIs that 1.35 no longer serves", run.Output);
        Assert.Contains("### Removed APIs (blocking)", run.Output);
        Assert.Contains("### Deprecated APIs (warnings)", run.Output);
        Assert.Contains($"| `{Path.Combine(Legacy, "workloads.yaml")}` | 2 | Deployment shop/orders-api | `extensions/v1beta1` | 1.16 | apps/v1 |", run.Output);
    }

    [Fact]
    public async Task Table_output_shows_each_finding_with_its_file_and_line_and_the_verdict()
    {
        var run = await CliRun.Of("scan", Ready, "--target-version", "1.35");

        Assert.Contains($"{Path.Combine(Ready, "external-db.yaml")}:2", run.Output);
        Assert.Contains("deprecated", run.Output);
        Assert.Contains("Nothing blocks the upgrade to 1.35. (1 deprecated API: warnings only)", run.Output);
    }

    [Fact]
    public async Task A_target_beyond_the_reviewed_removals_is_a_caveat_beside_the_verdict()
    {
        var run = await CliRun.Of("scan", Ready, "--target-version", "1.99");

        Assert.Contains("Caveat: the table of removed APIs was reviewed through Kubernetes", run.Output);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task A_target_beyond_the_reviewed_removals_leaves_json_output_to_its_contract_and_warns_on_stderr()
    {
        var run = await CliRun.Of("scan", Ready, "--target-version", "1.99", "--output", "json");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(["findings", "errors"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("warning: the table of removed APIs was reviewed through Kubernetes", run.Error);
    }

    [Fact]
    public async Task Help_documents_the_exit_codes()
    {
        var run = await CliRun.Of("scan", "--help");

        Assert.Contains("1 a removed API was found or a file could not be parsed", run.Output);
    }

    [Fact]
    public async Task Help_names_the_output_formats_as_they_are_typed()
    {
        var run = await CliRun.Of("scan", "--help");

        Assert.Contains("--output <table|json|markdown>", run.Output);
    }

    [Fact]
    public async Task The_built_tool_prints_clean_json_when_its_output_is_redirected()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "bluegreen.dll"), "scan", Legacy, "--target-version", "1.35", "--output", "json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        using var json = JsonDocument.Parse(output);
        Assert.Equal(5, json.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal(1, process.ExitCode);
    }
}
