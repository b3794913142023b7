using System.CommandLine;

namespace BlueGreen.Cli.Common;

internal enum OutputFormat
{
    Table,
    Json,
    Markdown,
}

internal static class OutputOption
{
    /// <summary>The --output option every verb shares: a table for people, JSON for pipelines, Markdown for pull-request comments.</summary>
    public static Option<OutputFormat> Create() => new("--output", "-o")
    {
        Description = "table (for people), json (for pipelines) or markdown (for a pull-request comment)",
        HelpName = "table|json|markdown",
        DefaultValueFactory = _ => OutputFormat.Table,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "table" : result.Tokens[0].Value;
            switch (text.ToLowerInvariant())
            {
                case "table":
                    return OutputFormat.Table;
                case "json":
                    return OutputFormat.Json;
                case "markdown" or "md":
                    return OutputFormat.Markdown;
                default:
                    result.AddError($"--output '{text}' is not one of table, json, markdown.");
                    return OutputFormat.Table;
            }
        },
    };
}
