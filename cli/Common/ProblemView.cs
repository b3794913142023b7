using BlueGreen.Core.Model;

namespace BlueGreen.Cli.Common;

/// <summary>A problem as every output format shows it.</summary>
internal sealed record ProblemView(string Severity, string? File, int? Line, string Key, string? Value, string Message)
{
    public static ProblemView From(Problem problem) =>
        new(problem.IsError ? "error" : "warning", problem.File, problem.Line, problem.Key, problem.Value, problem.Message);

    public string Where => (File, Line) switch
    {
        (null, _) => Key,
        (_, null) => $"{File} {Key}",
        _ => $"{File}:{Line} {Key}",
    };
}
