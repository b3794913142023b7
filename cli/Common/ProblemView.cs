using System.Text.Json.Serialization;
using BlueGreen.Core.Model;

namespace BlueGreen.Cli.Common;

/// <summary>A problem as every output format shows it; <see cref="Code"/> is the stable part scripts match on.</summary>
internal sealed record ProblemView(string Severity, string Code, string? File, int? Line, int? Column, string Key, string? Value, string Message)
{
    public static ProblemView From(Problem problem) =>
        new(problem.IsError ? "error" : "warning", problem.Code, problem.File, problem.Line, problem.Column, problem.Key, problem.Value, problem.Message);

    /// <summary>A problem as one line of standard error, its stable code last, as compilers print theirs.</summary>
    public static string TextLine(Problem problem) => $"{problem} [{problem.Code}]";

    /// <summary>file:line:column, as editors and CI annotations take it.</summary>
    [JsonIgnore]
    public string? Location => (File, Line, Column) switch
    {
        (null, _, _) => null,
        (_, null, _) => File,
        (_, _, null) => $"{File}:{Line}",
        _ => $"{File}:{Line}:{Column}",
    };

    [JsonIgnore]
    public string Where => Location is { } location ? $"{location} {Key}" : Key;
}
