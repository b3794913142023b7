namespace BlueGreen.Core.Model;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One thing wrong with an input, located precisely enough that the user can fix it without searching: a stable
/// <see cref="Code"/> (<see cref="ProblemCodes"/>) for tools and tests, the file, the line and column of the value
/// itself, the key path inside the file, and the value found there.
/// </summary>
public sealed record Problem(Severity Severity, string Code, string Key, string? Value, string Message)
{
    public string? File { get; init; }

    /// <summary>The 1-based line in <see cref="File"/> where the value (or, when it is missing, its nearest parent) stands.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based column of that value on <see cref="Line"/>.</summary>
    public int? Column { get; init; }

    public bool IsError => Severity == Severity.Error;

    public static Problem Error(string code, string key, string? value, string message) => new(Severity.Error, code, key, value, message);

    public static Problem Warning(string code, string key, string? value, string message) => new(Severity.Warning, code, key, value, message);

    public override string ToString()
    {
        var where = (File, Line, Column) switch
        {
            (null, _, _) => Key,
            (_, null, _) => $"{File}: {Key}",
            (_, _, null) => $"{File}:{Line}: {Key}",
            _ => $"{File}:{Line}:{Column}: {Key}",
        };
        var found = Value is null ? "" : $" = {Value}";
        return $"{(IsError ? "error" : "warning")}: {where}{found}: {Message}";
    }
}
