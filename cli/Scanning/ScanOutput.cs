using BlueGreen.Cli.Common;
using BlueGreen.Core.Deprecations;
using Spectre.Console;

namespace BlueGreen.Cli.Scanning;

/// <summary>The three renderings of a scan report: a table for people, JSON for pipelines, Markdown for a pull request.</summary>
internal static class ScanOutput
{
    /// <summary><c>{"findings": [...], "errors": [...]}</c> and nothing else, so <c>jq</c> and CI steps can rely on its shape.</summary>
    public static string Json(ScanReport report) => JsonOutput.Serialize(new JsonReport(
        [.. report.Findings.Select(FindingView.From)],
        [.. report.Errors.Select(ScanErrorView.From)]));

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
            foreach (var finding in report.Findings.Select(FindingView.From))
            {
                table.AddRow(
                    finding.Status == ApiStatus.Removed ? "[red]removed[/]" : "[yellow]deprecated[/]",
                    Markup.Escape($"{finding.File}:{finding.Line}"),
                    Markup.Escape(finding.Describe()),
                    Markup.Escape(finding.ApiVersion),
                    Markup.Escape(finding.Replacement),
                    Markup.Escape(finding.Message));
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
            findings.Select(FindingView.From).Select(f => (IReadOnlyList<string?>)
            [
                $"`{f.File}`",
                f.Line.ToString(),
                f.Describe(),
                $"`{f.ApiVersion}`",
                f.Status == ApiStatus.Removed ? f.RemovedIn : f.DeprecatedIn,
                f.Replacement,
                f.Message,
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
        var caveat = (report.Caveat, markdown) switch
        {
            (null, _) => "",
            (var text, true) => $"\n\n⚠️ **Caveat**: {text}.",
            (var text, false) => $"\n[yellow]Caveat[/]: {Markup.Escape(text)}.",
        };
        return (report.IsBlocking, markdown) switch
        {
            (true, true) => $"❌ **Blocked**: {string.Join("; ", reasons)}.{warnings}",
            (true, false) => $"[red]Blocked[/]: {Markup.Escape(string.Join("; ", reasons))}.{Markup.Escape(warnings)}",
            (false, true) => $"✅ **Nothing blocks** the upgrade to {report.Target}.{warnings}",
            (false, false) => $"[green]Nothing blocks[/] the upgrade to {report.Target}.{Markup.Escape(warnings)}",
        } + caveat;
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private sealed record JsonReport(IReadOnlyList<FindingView> Findings, IReadOnlyList<ScanErrorView> Errors);
}
