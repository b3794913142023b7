using System.Globalization;
using System.Text;
using BlueGreen.Cli.Common;
using BlueGreen.Core.State;
using Spectre.Console;

namespace BlueGreen.Cli.State;

internal sealed record ClaimView(string Name, bool FromTemplate, string? StorageClass, string Backend, string? Size, IReadOnlyList<string> AccessModes, string AcrossClusters);

internal sealed record StatefulWorkloadView(
    string File, int Line, string Kind, string Namespace, string Name, string? Strategy, string? Freeze, IReadOnlyList<string> Steps, IReadOnlyList<ClaimView> Claims);

/// <summary>The plan's stateful section: JSON is this record; the table and Markdown renderers below only format it.</summary>
internal sealed record StateInventoryView(IReadOnlyList<StatefulWorkloadView> Workloads, IReadOnlyList<string> MissingStrategy, IReadOnlyList<ProblemView> Problems)
{
    public static StateInventoryView From(StateInventory inventory) => new(
        [.. inventory.Items.Select(i => new StatefulWorkloadView(
            i.File, i.Line, i.Kind, i.Namespace ?? "default", i.Name, i.Strategy?.Key(), i.Profile?.Freeze, i.Profile?.Steps ?? [],
            [.. i.Claims.Select(c => new ClaimView(c.Name, c.FromTemplate, c.Storage.StorageClass, c.Storage.Backend.ToString().ToLowerInvariant(),
                c.Size, c.AccessModes, c.AcrossClusters))]))],
        [.. inventory.MissingStrategy.Select(i => i.Reference)],
        [.. inventory.Problems.Select(ProblemView.From)]);

    public void WriteTable(IAnsiConsole console)
    {
        console.MarkupLine(Markup.Escape($"Stateful workloads: {Workloads.Count} ({MissingStrategy.Count} without a {StateStrategies.Annotation} strategy)."));
        if (Workloads.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("workload", "strategy", "storage", "steps", "expected write freeze");
        foreach (var w in Workloads)
        {
            table.AddRow(
                Markup.Escape($"{w.Kind}/{w.Namespace}/{w.Name}\n{w.File}:{w.Line}"),
                w.Strategy is null ? "[red]missing[/]" : Markup.Escape(w.Strategy),
                Markup.Escape(Storage(w, "\n")),
                Markup.Escape(string.Join("\n", w.Steps.Select((s, n) => $"{n + 1}. {s}"))),
                Markup.Escape(w.Freeze ?? ""));
        }

        console.Write(table);
    }

    public void AppendMarkdown(StringBuilder md)
    {
        md.AppendLine().AppendLine("### Stateful workloads").AppendLine();
        if (MissingStrategy.Count > 0)
        {
            md.AppendLine($"**{MissingStrategy.Count} without a strategy** (annotate with `{StateStrategies.Annotation}: {StateStrategies.Names}`): {string.Join(", ", MissingStrategy.Select(m => $"`{m}`"))}").AppendLine();
        }

        md.AppendLine(Markdown.Table(["workload", "strategy", "storage", "steps", "expected write freeze"],
            Workloads.Select(w => new[]
            {
                $"{w.Kind}/{w.Namespace}/{w.Name} ({w.File}:{w.Line.ToString(CultureInfo.InvariantCulture)})",
                w.Strategy ?? "**missing**",
                Storage(w, "; "),
                string.Join(" ", w.Steps.Select((s, n) => $"{n + 1}. {s}")),
                w.Freeze ?? "",
            })));
    }

    private static string Storage(StatefulWorkloadView workload, string separator) =>
        workload.Claims.Count == 0 ? "no volumes in the cluster" : string.Join(separator, workload.Claims.Select(c =>
            $"{c.Name}{(c.FromTemplate ? " (claim template)" : "")}: {c.StorageClass ?? "default class"}, {c.Size ?? "size unknown"}, {string.Join(",", c.AccessModes)}. {c.AcrossClusters}"));
}
