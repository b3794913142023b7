namespace BlueGreen.Cli.Common;

internal static class Markdown
{
    /// <summary>A cell that cannot break the table: pipes escaped, newlines folded.</summary>
    public static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var lines = new List<string>
        {
            $"| {string.Join(" | ", headers)} |",
            $"|{string.Concat(headers.Select(_ => " --- |"))}",
        };
        lines.AddRange(rows.Select(row => $"| {string.Join(" | ", row.Select(Cell))} |"));
        return string.Join('\n', lines);
    }
}
