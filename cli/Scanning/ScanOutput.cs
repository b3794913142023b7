using System.Text;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Deprecations;
using Spectre.Console;

namespace BlueGreen.Cli.Scanning;

/// <summary>The three renderings of a scan report: a table for people, JSON for pipelines, Markdown for a pull request.</summary>
internal static class ScanOutput
{
    /// <summary>The most characters a GitHub issue or pull-request comment holds.</summary>
    public const int CommentLimit = 65_536;

    /// <summary>Room kept for the closing "N more" line, so adding it never pushes a comment over the limit.</summary>
    private const int FooterReserve = 512;

    /// <summary>A table cell longer than this (a path, a message) is cut in Markdown, where one row must not eat the comment.</summary>
    private const int MaxCellLength = 300;

    /// <summary><c>{"findings": [...], "errors": [...]}</c> and nothing else, so <c>jq</c> and CI steps can rely on its shape.</summary>
    public static string Json(ScanReport report) => JsonOutput.Serialize(new JsonReport(
        [.. report.Findings.Select(FindingView.From)],
        [.. report.Errors.Select(ScanErrorView.From)]));

    /// <summary>
    /// A pull-request comment that always fits GitHub's limit: the verdict, then rows worst first (removed APIs,
    /// unreadable files, deprecations) for as long as they fit, then how many were left out and where to find them.
    /// </summary>
    public static string Markdown(ScanReport report)
    {
        var comment = new StringBuilder();
        comment.Append($"## Kubernetes API scan: {Jump(report)}\n\n{Verdict(report, markdown: true)}\n\n{Summary(report)}");
        var budget = CommentLimit - FooterReserve;
        var left = 0;
        left += Section(comment, budget, "Removed APIs (blocking)", FindingHeaders("removed in"), report.Removed.Select(FindingRow));
        left += Section(
            comment,
            budget,
            "Files that could not be read",
            ["file", "line", "problem"],
            report.Errors.Select(e => (IReadOnlyList<string?>)[$"`{e.File}`", e.Line?.ToString(), e.Message]));
        left += Section(comment, budget, "Deprecated APIs (warnings)", FindingHeaders("deprecated in"), report.Deprecated.Select(FindingRow));
        if (left > 0)
        {
            comment.Append($"\n\n…and {left:N0} more {(left == 1 ? "row" : "rows")} that do not fit in a comment: run `bluegreen scan` with `--output json` for the full report.");
        }

        return comment.ToString();
    }

    /// <summary>
    /// Findings as a table when one fits the console's width, otherwise as a list of short lines, so that a narrow
    /// terminal or a long path never collapses a column to "…". Paths and apiVersions are never cut.
    /// </summary>
    public static void Table(ScanReport report, IAnsiConsole console)
    {
        console.MarkupLine(Markup.Escape($"Kubernetes API scan: {Jump(report)}. {Summary(report)}"));
        var findings = report.Findings.Select(FindingView.From).ToList();
        if (findings.Count > 0)
        {
            if (TableFits(findings, console.Profile.Width))
            {
                console.Write(FindingsTable(findings));
            }
            else
            {
                WriteFindingsList(findings, console);
            }
        }

        if (!report.Errors.IsEmpty)
        {
            console.WriteLine();
            console.MarkupLine("[red]Files that could not be read[/]");
            foreach (var error in report.Errors.Select(ScanErrorView.From))
            {
                console.MarkupLine($"  {Markup.Escape(error.Location())}: {Markup.Escape(error.Message)}");
            }
        }

        console.MarkupLine(Verdict(report, markdown: false));
    }

    /// <summary>
    /// Whether the table fits: the columns that are never wrapped at their widest, the others at a readable minimum,
    /// plus the borders and padding Spectre draws (three characters a column, one more at the end).
    /// </summary>
    private static bool TableFits(IReadOnlyList<FindingView> findings, int width)
    {
        const int statusWidth = 10;
        const int wrappedMinimum = 16;
        var where = Math.Max("where".Length, findings.Max(f => Where(f).Length));
        var apiVersion = Math.Max("apiVersion".Length, findings.Max(f => f.ApiVersion.Length));
        var replacement = Math.Max("use instead".Length, findings.Max(f => f.Replacement.Length));
        var needed = statusWidth + where + apiVersion + replacement + (2 * wrappedMinimum) + (3 * 6) + 1;
        return needed <= width;
    }

    private static Table FindingsTable(IEnumerable<FindingView> findings)
    {
        // File paths and apiVersions are what people copy into a search or an editor: never wrap them.
        var table = new Table().AddColumns(
            new TableColumn("status").NoWrap(),
            new TableColumn("where").NoWrap(),
            new TableColumn("object"),
            new TableColumn("apiVersion").NoWrap(),
            new TableColumn("use instead").NoWrap(),
            new TableColumn("why"));
        foreach (var finding in findings)
        {
            table.AddRow(
                Status(finding),
                Markup.Escape(Where(finding)),
                Markup.Escape(finding.Describe()),
                Markup.Escape(finding.ApiVersion),
                Markup.Escape(finding.Replacement),
                Markup.Escape(finding.Message));
        }

        return table;
    }

    /// <summary>Three lines a finding: where, what to change, why. Long lines wrap in the terminal; nothing is cut.</summary>
    private static void WriteFindingsList(IEnumerable<FindingView> findings, IAnsiConsole console)
    {
        foreach (var finding in findings)
        {
            console.WriteLine();
            console.MarkupLine($"{Status(finding)} {Markup.Escape(Where(finding))}");
            console.MarkupLine($"  {Markup.Escape(finding.Describe())}: {Markup.Escape(finding.ApiVersion)} → {Markup.Escape(finding.Replacement)}");
            console.MarkupLine($"  {Markup.Escape(finding.Message)}");
        }

        console.WriteLine();
    }

    private static string Status(FindingView finding) => finding.Status == ApiStatus.Removed ? "[red]removed[/]" : "[yellow]deprecated[/]";

    private static string Where(FindingView finding) => $"{finding.File}:{finding.Line}";

    private static IReadOnlyList<string> FindingHeaders(string versionHeader) =>
        ["file", "line", "object", "apiVersion", versionHeader, "use instead", "why"];

    private static IReadOnlyList<string?> FindingRow(ApiFinding finding)
    {
        var f = FindingView.From(finding);
        return
        [
            $"`{f.File}`",
            f.Line.ToString(),
            f.Describe(),
            $"`{f.ApiVersion}`",
            f.Status == ApiStatus.Removed ? f.RemovedIn : f.DeprecatedIn,
            f.Replacement,
            f.Message,
        ];
    }

    /// <summary>Appends a section with as many rows as the budget allows; returns how many rows were left out.</summary>
    private static int Section(StringBuilder comment, int budget, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var pending = rows.ToList();
        if (pending.Count == 0)
        {
            return 0;
        }

        var heading = $"\n\n### {title}\n\n{Common.Markdown.Table(headers, [])}";
        if (comment.Length + heading.Length > budget)
        {
            return pending.Count;
        }

        comment.Append(heading);
        var written = 0;
        foreach (var row in pending)
        {
            var line = "\n" + Common.Markdown.Table(headers, [row.Select(Cut).ToList()]).Split('\n')[^1];
            if (comment.Length + line.Length > budget)
            {
                break;
            }

            comment.Append(line);
            written++;
        }

        return pending.Count - written;
    }

    private static string? Cut(string? cell) =>
        cell is { Length: > MaxCellLength } ? string.Concat(cell.AsSpan(0, MaxCellLength - 1), "…") : cell;

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
        var cautions = string.Concat(new[] { ("Caution", report.NothingFound), ("Caveat", report.Caveat) }
            .Where(c => c.Item2 is not null)
            .Select(c => markdown ? $"\n\n⚠️ **{c.Item1}**: {c.Item2}." : $"\n[yellow]{c.Item1}[/]: {Markup.Escape(c.Item2!)}."));
        return (report.IsBlocking, markdown) switch
        {
            (true, true) => $"❌ **Blocked**: {string.Join("; ", reasons)}.{warnings}",
            (true, false) => $"[red]Blocked[/]: {Markup.Escape(string.Join("; ", reasons))}.{Markup.Escape(warnings)}",
            (false, true) => $"✅ **Nothing blocks** the upgrade to {report.Target}.{warnings}",
            (false, false) => $"[green]Nothing blocks[/] the upgrade to {report.Target}.{Markup.Escape(warnings)}",
        } + cautions;
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private sealed record JsonReport(IReadOnlyList<FindingView> Findings, IReadOnlyList<ScanErrorView> Errors);
}
