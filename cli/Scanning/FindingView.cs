using System.Text.Json.Serialization;
using BlueGreen.Core.Deprecations;

namespace BlueGreen.Cli.Scanning;

/// <summary>
/// A finding as <c>scan</c> and <c>plan</c> write it in JSON. Fields without a value are written as null rather than
/// left out, so <c>jq</c> and CI steps can rely on every finding having the same fields.
/// </summary>
internal sealed record FindingView(
    string File,
    int Line,
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Namespace,
    string ApiVersion,
    ApiStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DeprecatedIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? RemovedIn,
    string Replacement,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RemovalTiming? Timing,
    string Message)
{
    public static FindingView From(ApiFinding finding) => new(
        finding.Object.File,
        finding.Object.Line,
        finding.Object.Kind,
        finding.Object.Name,
        finding.Object.Namespace,
        finding.Object.ApiVersion,
        finding.Status,
        finding.Api.DeprecatedIn?.ToString(),
        finding.Api.RemovedIn?.ToString(),
        finding.Replacement,
        finding.Timing,
        finding.Explanation);

    /// <summary>How tables name the object: "Deployment shop/web".</summary>
    public string Describe() => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name ?? "(unnamed)"}";
}

/// <summary>A file the scan could not read, as <c>scan</c> and <c>plan</c> write it in JSON.</summary>
internal sealed record ScanErrorView(string File, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Line, string Message)
{
    public static ScanErrorView From(ScanError error) => new(error.File, error.Line, error.Message);

    public string Location() => Line is { } line ? $"{File}:{line}" : File;
}
