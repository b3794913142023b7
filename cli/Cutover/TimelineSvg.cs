using System.Globalization;
using System.Security;
using System.Text;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Cutover;

/// <summary>
/// The picture of a run: each color's share of the traffic (top) and its probe success ratio (bottom) over time,
/// with a marker at every apply and rollback. Plain SVG, readable in a browser or a pull-request comment.
/// </summary>
internal static class TimelineSvg
{
    private const double Width = 960;
    private const double Left = 70;
    private const double Right = 930;
    private const double TopPanel = 50;
    private const double BottomPanel = 290;
    private const double PanelHeight = 170;
    private const double Height = 520;

    private static readonly Dictionary<Color, string> Strokes = new() { [Color.Blue] = "#1f6feb", [Color.Green] = "#2da44e" };

    public static string Render(IReadOnlyList<RunEntry> entries)
    {
        var start = entries[0].At;
        var end = entries[^1].At;
        var seconds = Math.Max((end - start).TotalSeconds, 0.001);
        double X(DateTimeOffset at) => Left + ((at - start).TotalSeconds / seconds * (Right - Left));
        double Y(double top, double percent) => top + PanelHeight - (percent / 100 * PanelHeight);

        var plan = entries[0].Decision.State.Plan;
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">"""));
        svg.AppendLine(Invariant($"""  <title>Cutover to {plan.Target.Key()}: traffic share and probe success ratio over {Durations.Format(end - start)}</title>"""));
        svg.AppendLine("""  <rect width="100%" height="100%" fill="white"/>""");
        svg.AppendLine(Invariant($"""  <text x="{Left}" y="24" font-size="15" font-weight="bold">{Escape(Heading(entries[^1].Decision.State))}</text>"""));

        Panel(svg, TopPanel, "traffic share (%)");
        Panel(svg, BottomPanel, "probe success ratio (%)");

        foreach (var entry in entries)
        {
            var (label, stroke) = entry.Decision.Action switch
            {
                CutoverAction.ApplyWeights apply => ($"{apply.Weights.Blue}/{apply.Weights.Green}", "#8c959f"),
                CutoverAction.RollBack => ("rollback", "#cf222e"),
                _ => (null, null),
            };
            if (label is not null)
            {
                var x = X(entry.At);
                svg.AppendLine(Invariant($"""  <line x1="{x:0.#}" y1="{TopPanel}" x2="{x:0.#}" y2="{BottomPanel + PanelHeight}" stroke="{stroke}" stroke-dasharray="4 3"/>"""));
                // Labels right of the middle hang to the left of their line, so the last one stays inside the picture.
                var (labelX, anchor) = x > (Left + Right) / 2.0 ? (x - 3, "end") : (x + 3, "start");
                svg.AppendLine(Invariant($"""  <text x="{labelX:0.#}" y="{TopPanel + 12}" fill="{stroke}" font-size="10" text-anchor="{anchor}">{Escape(label)}</text>"""));
            }
        }

        foreach (var color in new[] { Color.Blue, Color.Green })
        {
            var share = Steps(entries.Select(e => (X(e.At), (double?)(e.Decision.State.Applied.ShareOf(color) * 100))));
            svg.AppendLine(Polyline(share.Select(p => (p.X, Y(TopPanel, p.Value))), Strokes[color], dashed: false));
            var ratio = Steps(entries.Select(e => (X(e.At), e.Decision.State.GateFor(color).SuccessRatio * 100)));
            svg.AppendLine(Polyline(ratio.Select(p => (p.X, Y(BottomPanel, p.Value))), Strokes[color], dashed: color == Color.Blue));
        }

        svg.AppendLine(Invariant($"""  <text x="{Left}" y="{BottomPanel + PanelHeight + 32}">0s</text>"""));
        svg.AppendLine(Invariant($"""  <text x="{Right}" y="{BottomPanel + PanelHeight + 32}" text-anchor="end">{Escape(Durations.Format(end - start))}</text>"""));
        var legend = BottomPanel + PanelHeight + 32;
        svg.AppendLine(Invariant($"""  <rect x="{Width / 2 - 80}" y="{legend - 10}" width="12" height="12" fill="{Strokes[Color.Blue]}"/><text x="{Width / 2 - 62}" y="{legend}">blue</text>"""));
        svg.AppendLine(Invariant($"""  <rect x="{Width / 2 + 10}" y="{legend - 10}" width="12" height="12" fill="{Strokes[Color.Green]}"/><text x="{Width / 2 + 28}" y="{legend}">green</text>"""));
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Heading(CutoverState state) => state.Phase is CutoverPhase.Finished finished
        ? $"Cutover to {state.Plan.Target.Key()}: {Outcomes.Describe(finished.Outcome)}"
        : $"Cutover to {state.Plan.Target.Key()}: interrupted";

    private static void Panel(StringBuilder svg, double top, string title)
    {
        svg.AppendLine(Invariant($"""  <text x="{Left}" y="{top - 8}" font-weight="bold">{title}</text>"""));
        foreach (var percent in new[] { 0, 50, 100 })
        {
            var y = top + PanelHeight - (percent / 100.0 * PanelHeight);
            svg.AppendLine(Invariant($"""  <line x1="{Left}" y1="{y:0.#}" x2="{Right}" y2="{y:0.#}" stroke="#d0d7de"/>"""));
            svg.AppendLine(Invariant($"""  <text x="{Left - 8}" y="{y + 4:0.#}" text-anchor="end">{percent}</text>"""));
        }
    }

    // A value holds until the next one: weights change in steps, and a ratio is known only from its first probe on.
    private static IEnumerable<(double X, double Value)> Steps(IEnumerable<(double X, double? Value)> points)
    {
        double? last = null;
        var end = 0.0;
        foreach (var (x, value) in points)
        {
            end = x;
            if (value is not { } current)
            {
                continue;
            }

            if (last is { } previous && previous != current)
            {
                yield return (x, previous);
            }

            if (last != current)
            {
                yield return (x, current);
            }

            last = current;
        }

        if (last is { } final)
        {
            yield return (end, final);
        }
    }

    // Two healthy colors both sit at 100%; a dashed line lets the one drawn first show through the other.
    private static string Polyline(IEnumerable<(double X, double Y)> points, string stroke, bool dashed)
    {
        var list = points.Select(p => Invariant($"{p.X:0.#},{p.Y:0.#}")).ToList();
        return list.Count == 0
            ? ""
            : $"""  <polyline fill="none" stroke="{stroke}" stroke-width="2"{(dashed ? " stroke-dasharray=\"6 4\"" : "")} points="{string.Join(" ", list)}"/>""";
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
