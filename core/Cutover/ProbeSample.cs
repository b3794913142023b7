using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Cutover;

/// <summary>One probe of one color's endpoint: the status it answered with and how long it took, or why it did not answer.</summary>
public sealed record ProbeSample(Color Color, DateTimeOffset At, int? StatusCode, TimeSpan Latency, string? Error)
{
    public static ProbeSample Answered(Color color, DateTimeOffset at, int statusCode, TimeSpan latency) => new(color, at, statusCode, latency, null);

    public static ProbeSample Failed(Color color, DateTimeOffset at, TimeSpan latency, string error) => new(color, at, null, latency, error);

    public bool Succeeded(GateSettings gates) => Error is null && StatusCode is { } code && gates.ExpectedStatusCodes.Contains(code);

    public string Describe() => Error ?? $"HTTP {StatusCode}";
}
