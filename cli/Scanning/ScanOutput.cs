using System.Text.Json.Serialization;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Deprecations;
using Spectre.Console;

namespace BlueGreen.Cli.Scanning;

/// <summary>The three renderings of a scan report: a table for people, JSON for pipelines, Markdown for a pull request.</summary>
internal static class ScanOutput
{
    /// <summary>
    /// <c>{"findings": [...], "errors": [...]}</c> and nothing else, so <c>jq</c> and CI steps can rely on its shape.
    /// Fields without a value are written as null rather than left out, for the same reason.
    /// </summary>
    public static string Json(ScanReport report) => JsonOutput.Serialize(new JsonReport(
        [.. report.Findings.Select(f => new JsonFinding(
            f.Object.File,
            f.Object.Line,
            f.Object.Kind,
            f.Object.Name,
            f.Object.Namespace,
            f.Object.ApiVersion,
            f.Status,
            f.Api.DeprecatedIn?.ToString(),
            f.Api.RemovedIn?.ToString(),
            f.Replacement,
            f.Timing,
            f.Explanation))],
        [.. report.Errors.Select(e => new JsonError(e.File, e.Line, e.Message))]));

    public static string Markdown(ScanReport report)
    {
        var sections = new List<string> { $"## Kubernetes API scan: {Jump(report)}", Verdict(report, markdown: true), Summary(report) };
        if (report.Removed.Any())
        {
            sections.Add("### Removed APIs (blocking)\n\n" + FindingsTable(report.Removed, "removed in"));
        }

        if (report.Deprecated.Any())
        {
            sections.Add("### Deprecated APIs (warnings)\n\n" + FindingsTable(report.Deprecated, "deprecated in"));
        }

        if (!report.Errors.IsEmpty)
        {
            sections.Add("### Files that could not be read\n\n" + Common.Markdown.Table(
                ["file", "line", "problem"],
                report.Errors.Select(e => (IReadOnlyList<string?>)[$"`{e.File}`", e.Line?.ToString(), e.Message])));
        }

        return string.Join("\n\n", sections);
    }

    public static void Table(ScanReport report, IAnsiConsole console)
    {
        console.MarkupLine(Markup.Escape($"Kubernetes API scan: {Jump(report)}. {Summary(report)}"));
        if (!report.Findings.IsEmpty)
        {
            // File paths and apiVersions are what people copy into a search or an editor: never wrap them.
            var table = new Table().AddColumns(
                new TableColumn("status").NoWrap(),
                new TableColumn("where").NoWrap(),
                new TableColumn("object"),
                new TableColumn("apiVersion").NoWrap(),
                new TableColumn("use instead"),
                new TableColumn("why"));
            foreach (var finding in report.Findings)
            {
                table.AddRow(
                    finding.IsBlocking ? "[red]removed[/]" : "[yellow]deprecated[/]",
                    Markup.Escape($"{finding.Object.File}:{finding.Object.Line}"),
                    Markup.Escape(ObjectName(finding.Object)),
                    Markup.Escape(finding.Object.ApiVersion),
                    Markup.Escape(finding.Replacement),
                    Markup.Escape(finding.Explanation));
            }

            console.Write(table);
        }

        if (!report.Errors.IsEmpty)
        {
            var errors = new Table().AddColumns(new TableColumn("file").NoWrap(), new TableColumn("line"), new TableColumn("problem"));
            foreach (var error in report.Errors)
            {
                errors.AddRow(Markup.Escape(error.File), error.Line?.ToString() ?? "", Markup.Escape(error.Message));
            }

            console.Write(errors);
        }

        console.MarkupLine(Verdict(report, markdown: false));
    }

    private static string FindingsTable(IEnumerable<ApiFinding> findings, string versionHeader) =>
        Common.Markdown.Table(
            ["file", "line", "object", "apiVersion", versionHeader, "use instead", "why"],
            findings.Select(f => (IReadOnlyList<string?>)
            [
                $"`{f.Object.File}`",
                f.Object.Line.ToString(),
                ObjectName(f.Object),
                $"`{f.Object.ApiVersion}`",
                (f.IsBlocking ? f.Api.RemovedIn : f.Api.DeprecatedIn)?.ToString(),
                f.Replacement,
                f.Explanation,
            ]));

    private static string Jump(ScanReport report) =>
        report.From is { } from ? $"{from} → {report.Target}" : $"target {report.Target}";

    private static string Summary(ScanReport report) =>
        $"Scanned {report.FilesScanned} {Plural(report.FilesScanned, "file")} with {report.ObjectsSeen} Kubernetes {Plural(report.ObjectsSeen, "object")}.";

    private static string Verdict(ScanReport report, bool markdown)
    {
        var removed = report.Removed.Count();
        var deprecated = report.Deprecated.Count();
        var reasons = new List<string>();
        if (removed > 0)
        {
            reasons.Add($"{removed} {Plural(removed, "object")} {(removed == 1 ? "uses an API" : "use APIs")} that {report.Target} no longer serves");
        }

        if (!report.Errors.IsEmpty)
        {
            reasons.Add($"{report.Errors.Length} {Plural(report.Errors.Length, "file")} could not be read, so what {(report.Errors.Length == 1 ? "it declares" : "they declare")} is unknown");
        }

        var warnings = deprecated == 0 ? "" : $" ({deprecated} deprecated {Plural(deprecated, "API")}: warnings only)";
        return (report.IsBlocking, markdown) switch
        {
            (true, true) => $"❌ **Blocked**: {string.Join("; ", reasons)}.{warnings}",
            (true, false) => $"[red]Blocked[/]: {Markup.Escape(string.Join("; ", reasons))}.{Markup.Escape(warnings)}",
            (false, true) => $"✅ **Nothing blocks** the upgrade to {report.Target}.{warnings}",
            (false, false) => $"[green]Nothing blocks[/] the upgrade to {report.Target}.{Markup.Escape(warnings)}",
        };
    }

    private static string ObjectName(ManifestObject o) =>
        $"{o.Kind} {(o.Namespace is null ? "" : o.Namespace + "/")}{o.Name ?? "(unnamed)"}";

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private sealed record JsonReport(IReadOnlyList<JsonFinding> Findings, IReadOnlyList<JsonError> Errors);

    private sealed record JsonFinding(
        string File,
        int Line,
        string Kind,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Name,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Namespace,
        string ApiVersion,
        ApiStatus Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DeprecatedIn,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? RemovedIn,
        string Replacement,
        RemovalTiming? Timing,
        string Message);

    private sealed record JsonError(string File, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Line, string Message);
}
