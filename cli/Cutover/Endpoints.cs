using System.Text.Json.Nodes;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Cutover;

/// <summary>
/// Where one color is probed. <paramref name="HostHeader"/> is the public name, sent when probing a load balancer by its own
/// hostname: the ingress routes on it, and HttpClient also takes TLS SNI and certificate validation from the Host header.
/// </summary>
internal sealed record ProbeEndpoint(Color Color, Uri Url, string? HostHeader)
{
    public override string ToString() => HostHeader is null ? Url.ToString() : $"{Url} (Host: {HostHeader})";
}

internal static class Endpoints
{
    public const string OptionName = "--endpoint";

    /// <summary>Reads the repeatable <c>--endpoint color=url</c> values; every malformed one is reported.</summary>
    public static Validated<IReadOnlyDictionary<Color, ProbeEndpoint>> Parse(IEnumerable<string> values)
    {
        var endpoints = new Dictionary<Color, ProbeEndpoint>();
        var problems = new List<Problem>();
        foreach (var value in values)
        {
            var (name, url) = value.IndexOf('=') is var at and > 0 ? (value[..at], value[(at + 1)..]) : ("", value);
            if (!ColorNames.TryParse(name, out var color))
            {
                problems.Add(Problem.Error(ProblemCodes.OptionEndpoint, OptionName, value, "must be color=url with color blue or green, for example green=https://green.example.com/healthz"));
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add(Problem.Error(ProblemCodes.OptionEndpoint, OptionName, value, $"'{url}' is not an http(s) URL"));
            }
            else if (!endpoints.TryAdd(color, new ProbeEndpoint(color, uri, null)))
            {
                problems.Add(Problem.Error(ProblemCodes.OptionEndpoint, OptionName, value, $"{color.Key()} is given twice"));
            }
        }

        return problems.Count > 0
            ? Validated<IReadOnlyDictionary<Color, ProbeEndpoint>>.Invalid(problems)
            : Validated<IReadOnlyDictionary<Color, ProbeEndpoint>>.Valid(endpoints);
    }

    /// <summary>
    /// A color's endpoint from its cluster stack's outputs: the ingress load balancer's hostname, probed the way the
    /// traffic stack's Route53 health check probes it (protocol, port and path from <c>infra:healthCheck</c>).
    /// </summary>
    public static Validated<ProbeEndpoint> FromOutputs(Color color, TrafficStackSettings traffic, JsonObject outputs)
    {
        var stack = traffic.StackFor(color);
        var hostname = outputs[ClusterStackOutputs.IngressHostname] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (string.IsNullOrWhiteSpace(hostname))
        {
            return Validated<ProbeEndpoint>.Invalid([Problem.Error(ProblemCodes.NoEndpoint, stack, null,
                $"the stack has no {ClusterStackOutputs.IngressHostname} output to probe {color.Key()} at; deploy it, or give {OptionName} {color.Key()}=https://...")]);
        }

        var check = traffic.HealthCheck;
        var scheme = check.Protocol == HealthCheckProtocol.Https ? "https" : "http";
        var url = new UriBuilder(scheme, hostname, check.Port, check.Path).Uri;
        return Validated<ProbeEndpoint>.Valid(new ProbeEndpoint(color, url, traffic.RecordName.Value));
    }

    /// <summary>Where a color will be probed, for a dry run that may not run pulumi to find out.</summary>
    public static string Describe(Color color, TrafficStackSettings traffic, IReadOnlyDictionary<Color, ProbeEndpoint> given) =>
        given.TryGetValue(color, out var endpoint)
            ? endpoint.ToString()
            : $"{ClusterStackOutputs.IngressHostname} output of {traffic.StackFor(color)}, " +
              $"{traffic.HealthCheck.Protocol.ToString().ToLowerInvariant()} port {traffic.HealthCheck.Port} {traffic.HealthCheck.Path} (Host: {traffic.RecordName})";
}
