using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>The traffic stack: Route53 weighted records between the blue and green ingress endpoints.</summary>
public sealed record TrafficStackSettings : StackSettings
{
    public required HostedZoneName HostedZone { get; init; }

    public required RecordName RecordName { get; init; }

    public required int Ttl { get; init; }

    /// <summary>Fully qualified stack name (organization/project/stack) of the blue cluster stack.</summary>
    public required string BlueStack { get; init; }

    /// <summary>Fully qualified stack name (organization/project/stack) of the green cluster stack.</summary>
    public required string GreenStack { get; init; }

    public required TrafficWeights Weights { get; init; }

    public required HealthCheckSettings HealthCheck { get; init; }

    public string StackFor(Color color) => color == Color.Blue ? BlueStack : GreenStack;
}

public sealed record HealthCheckSettings
{
    public required string Path { get; init; }

    public required int Port { get; init; }

    public required HealthCheckProtocol Protocol { get; init; }

    /// <summary>Seconds between Route53 checks: 10 or 30, the only values Route53 accepts.</summary>
    public required int IntervalSeconds { get; init; }

    public required int FailureThreshold { get; init; }
}

public enum HealthCheckProtocol
{
    Https,
    Http,
}
