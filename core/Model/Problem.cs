namespace BlueGreen.Core.Model;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One thing wrong with an input, located precisely enough that the user can fix it without searching:
/// the file (when there is one), the key inside it, and the value found there.
/// </summary>
public sealed record Problem(Severity Severity, string Key, string? Value, string Message)
{
    public string? File { get; init; }

    /// <summary>The 1-based line in <see cref="File"/> where the key stands, when known.</summary>
    public int? Line { get; init; }

    public bool IsError => Severity == Severity.Error;

    public static Problem Error(string key, string? value, string message) => new(Severity.Error, key, value, message);

    public static Problem Warning(string key, string? value, string message) => new(Severity.Warning, key, value, message);

    public override string ToString()
    {
        var where = (File, Line) switch
        {
            (null, _) => Key,
            (_, null) => $"{File}: {Key}",
            _ => $"{File}:{Line}: {Key}",
        };
        var found = Value is null ? "" : $" = {Value}";
        return $"{(IsError ? "error" : "warning")}: {where}{found}: {Message}";
    }
}
