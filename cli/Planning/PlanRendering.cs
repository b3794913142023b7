using System.Globalization;
using System.Text;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using BlueGreen.Core.Planning;
using Spectre.Console;

namespace BlueGreen.Cli.Planning;

internal static class PlanRendering
{
    public static void Render(UpgradePlan plan, OutputFormat format, TextWriter writer)
    {
        var view = PlanView.From(plan);
        switch (format)
        {
            case OutputFormat.Json:
                writer.WriteLine(JsonOutput.Serialize(view));
                break;
            case OutputFormat.Markdown:
                writer.WriteLine(Markdown(view));
                break;
            default:
                Table(view, Consoles.For(writer));
                break;
        }
    }

    /// <summary>When a stack file is invalid there is no plan, only the problems, every one of them.</summary>
    public static void RenderInvalid(IReadOnlyList<Problem> problems, OutputFormat format, TextWriter writer)
    {
        var views = problems.Select(ProblemView.From).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                writer.WriteLine(JsonOutput.Serialize(new { verdict = "no-go", blockers = new[] { "invalid settings" }, problems = views }));
                break;
            case OutputFormat.Markdown:
                writer.WriteLine("## Upgrade plan: ❌ no-go (invalid settings)\n\n" + Common.Markdown.Table(
                    ["severity", "code", "file", "key", "value", "problem"],
                    views.Select(p => (IReadOnlyList<string?>)[p.Severity, $"`{p.Code}`", p.Location, $"`{p.Key}`", p.Value, p.Message])));
                break;
            default:
                var console = Consoles.For(writer);
                console.MarkupLine("[red bold]NO-GO[/]: the stack settings are invalid; fix every error below and plan again.");
                var table = new Table().AddColumns("severity", "code", "where", "value", "problem");
                foreach (var p in views)
                {
                    table.AddRow(p.Severity == "error" ? "[red]error[/]" : "[yellow]warning[/]", Markup.Escape(p.Code), Markup.Escape(p.Where), Markup.Escape(p.Value ?? ""), Markup.Escape(p.Message));
                }

                console.Write(table);
                break;
        }
    }

    private static void Table(PlanView view, IAnsiConsole console)
    {
        var skipped = view.Upgrade.Skipped.Count == 0 ? "" : $", skipping {string.Join(", ", view.Upgrade.Skipped)}";
        console.Write(new Rule($"[bold]Upgrade plan[/]: blue {view.Upgrade.From} → green {view.Upgrade.To}{Markup.Escape(skipped)} (as of {view.Date})").LeftJustified());

        var support = new Table().Title("EKS support").AddColumns("cluster", "version", "phase", "phase ends", "days left", "$/cluster-hour", "$/month", "note");
        foreach (var s in view.Support)
        {
            support.AddRow(s.Color, s.Version, PhaseMarkup(s.Phase), s.PhaseEnds ?? "", s.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "",
                Money(s.PricePerClusterHour), Money(s.PricePerMonth), Markup.Escape(s.Explanation));
        }

        console.Write(support);

        var groups = new Table().Title("Node groups (kubelet against control plane)").AddColumns("cluster", "node group", "kubelet", "control plane", "skew");
        foreach (var g in view.NodeGroups)
        {
            groups.AddRow(g.Color, Markup.Escape(g.Name), g.Kubelet, g.ControlPlane, g.Verdict == "ok" ? "[green]ok[/]" : $"[red]{Markup.Escape(g.Explanation)}[/]");
        }

        console.Write(groups);

        var addons = new Table().Title("Add-ons").AddColumns("add-on", "installed as", "blue", "green");
        foreach (var a in view.Addons)
        {
            addons.AddRow(a.Name, a.Kind == "eks" ? "EKS managed add-on" : "Helm chart", Markup.Escape(a.Blue), a.Changes ? $"[bold]{Markup.Escape(a.Green)}[/]" : Markup.Escape(a.Green));
        }

        console.Write(addons);

        if (view.Manifests is { } manifests)
        {
            console.MarkupLine($"Manifests: {manifests.FilesScanned} files, {manifests.ObjectsSeen} objects checked against Kubernetes {view.Upgrade.To}.");
            if (manifests.Findings.Count > 0)
            {
                var findings = new Table().AddColumns("where", "object", "apiVersion", "status", "use instead", "when");
                foreach (var f in manifests.Findings)
                {
                    findings.AddRow(Markup.Escape($"{f.File}:{f.Line}"), Markup.Escape(f.Describe()),
                        Markup.Escape(f.ApiVersion), f.Status == ApiStatus.Removed ? "[red]removed[/]" : "[yellow]deprecated[/]", Markup.Escape(f.Replacement), Markup.Escape(f.Message));
                }

                console.Write(findings);
            }

            foreach (var e in manifests.Errors)
            {
                console.MarkupLine($"[red]unreadable[/] {Markup.Escape(e.Location())}: {Markup.Escape(e.Message)}");
            }
        }

        if (view.Traffic is { } traffic)
        {
            console.MarkupLine($"Traffic now: blue {traffic.Blue} / green {traffic.Green} (active: {traffic.Active}).");
        }

        var verdict = new StringBuilder(view.Verdict == "go" ? "[green bold]GO[/]" : "[red bold]NO-GO[/]");
        foreach (var blocker in view.Blockers)
        {
            verdict.Append($"\n[red]✗[/] {Markup.Escape(blocker)}");
        }

        foreach (var caution in view.Cautions)
        {
            verdict.Append($"\n[yellow]![/] {Markup.Escape(caution)}");
        }

        console.Write(new Panel(verdict.ToString()).Header("verdict"));
    }

    private static string Markdown(PlanView view)
    {
        var md = new StringBuilder();
        var icon = view.Verdict == "go" ? "✅ go" : "❌ no-go";
        var skipped = view.Upgrade.Skipped.Count == 0 ? "" : $" (skips {string.Join(", ", view.Upgrade.Skipped)})";
        md.AppendLine($"## Upgrade plan: {icon}")
            .AppendLine()
            .AppendLine($"**blue {view.Upgrade.From} → green {view.Upgrade.To}**{skipped}, as of {view.Date}.")
            .AppendLine();
        foreach (var blocker in view.Blockers)
        {
            md.AppendLine($"- ❌ {blocker}");
        }

        foreach (var caution in view.Cautions)
        {
            md.AppendLine($"- ⚠️ {caution}");
        }

        md.AppendLine().AppendLine("### EKS support").AppendLine().AppendLine(Common.Markdown.Table(
            ["cluster", "version", "phase", "phase ends", "$/cluster-hour", "$/month", "note"],
            view.Support.Select(s => (IReadOnlyList<string?>)[s.Color, s.Version, s.Phase, s.PhaseEnds, Money(s.PricePerClusterHour), Money(s.PricePerMonth), s.Explanation])));
        md.AppendLine().AppendLine("### Node groups").AppendLine().AppendLine(Common.Markdown.Table(
            ["cluster", "node group", "kubelet", "control plane", "skew"],
            view.NodeGroups.Select(g => (IReadOnlyList<string?>)[g.Color, g.Name, g.Kubelet, g.ControlPlane, g.Verdict == "ok" ? "ok" : g.Explanation])));
        md.AppendLine().AppendLine("### Add-ons").AppendLine().AppendLine(Common.Markdown.Table(
            ["add-on", "installed as", "blue", "green"],
            view.Addons.Select(a => (IReadOnlyList<string?>)[a.Name, a.Kind == "eks" ? "EKS managed add-on" : "Helm chart", $"`{a.Blue}`", a.Changes ? $"**`{a.Green}`**" : $"`{a.Green}`"])));

        if (view.Manifests is { } manifests)
        {
            md.AppendLine().AppendLine("### Manifests").AppendLine()
                .AppendLine($"{manifests.FilesScanned} files, {manifests.ObjectsSeen} objects checked against Kubernetes {view.Upgrade.To}.");
            if (manifests.Findings.Count > 0)
            {
                md.AppendLine().AppendLine(Common.Markdown.Table(
                    ["where", "object", "apiVersion", "status", "use instead", "when"],
                    manifests.Findings.Select(f => (IReadOnlyList<string?>)[$"`{f.File}:{f.Line}`", f.Describe(), $"`{f.ApiVersion}`", f.Status == ApiStatus.Removed ? "removed" : "deprecated", $"`{f.Replacement}`", f.Message])));
            }

            foreach (var e in manifests.Errors)
            {
                md.AppendLine($"- unreadable `{e.Location()}`: {e.Message}");
            }
        }

        if (view.Traffic is { } traffic)
        {
            md.AppendLine().AppendLine("### Traffic").AppendLine().AppendLine($"blue {traffic.Blue} / green {traffic.Green} (active: {traffic.Active})");
        }

        return md.ToString().TrimEnd();
    }

    private static string PhaseMarkup(string phase) => phase switch
    {
        "standard" => "[green]standard[/]",
        "extended" => "[yellow]extended[/]",
        _ => $"[red]{phase}[/]",
    };

    private static string Money(decimal? amount) => amount is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "";
}
